import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const problems = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems;
    throw e;
  }
  return [];
};

describe('config', () => {
  it('has working defaults with nothing set', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      databasePath: './data/vitality.db',
      defaultLocale: 'zh-CN',
      sandbox: { enabled: true },
    });
    expect(c.slack).toBeUndefined();
  });
  it('links to the address it listens on unless PUBLIC_BASE_URL says otherwise (issue 16 item 11)', () => {
    expect(loadConfig({}).publicBaseUrl).toBe('http://localhost:3000');
    expect(loadConfig({ PORT: '44000' }).publicBaseUrl).toBe('http://localhost:44000');
    expect(loadConfig({ PORT: '44000', HOST: '127.0.0.1' }).publicBaseUrl).toBe('http://127.0.0.1:44000');
    expect(loadConfig({ PORT: '44000', HOST: '::' }).publicBaseUrl).toBe('http://localhost:44000');
    expect(loadConfig({ PORT: '44000', HOST: '::1' }).publicBaseUrl).toBe('http://[::1]:44000');
    expect(loadConfig({ PORT: '44000', PUBLIC_BASE_URL: 'https://hr.example.com/' }).publicBaseUrl).toBe(
      'https://hr.example.com',
    );
    const { PUBLIC_BASE_URL: _omitted, ...prodWithoutUrl } = PROD;
    expect(problems(prodWithoutUrl)).toEqual([expect.stringMatching(/^PUBLIC_BASE_URL: required in production/)]);
  });
  it('names each bad variable with a readable reason', () => {
    const p = problems({
      PORT: 'abc',
      DEFAULT_LOCALE: 'fr',
      SANDBOX_ENABLED: 'maybe',
      SLACK_API_URL: 'not a url',
      DEFAULT_TIMEZONE: 'Mars/Base',
    });
    expect(p).toEqual(
      expect.arrayContaining([
        'PORT: expected a whole number from 1 to 65535, got "abc"',
        'DEFAULT_LOCALE: expected zh-CN or en (got "fr")',
        'SANDBOX_ENABLED: expected true or false (got "maybe")',
        'SLACK_API_URL: expected an absolute URL such as https://example.com (got "not a url")',
        'DEFAULT_TIMEZONE: expected an IANA time zone such as Asia/Shanghai (got "Mars/Base")',
      ]),
    );
    expect(p).toHaveLength(5);
  });
  it('enables a platform only with its full credentials, and never prints a secret', () => {
    expect(problems({ SLACK_BOT_TOKEN: 'xoxb-secret-value' })).toEqual([
      'SLACK_SIGNING_SECRET: required because SLACK_BOT_TOKEN is set',
    ]);
    const c = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 's',
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
    });
    expect(c.slack).toMatchObject({ botToken: 'xoxb-1', apiUrl: 'http://127.0.0.1:9/api' });
  });
});

// What an operator gets from NODE_ENV=production with only the required secrets set (issue 15).
const PROD = {
  NODE_ENV: 'production',
  SESSION_SECRET: 's'.repeat(32),
  SURVEY_SEAL_SECRET: 'k'.repeat(32),
  PUBLIC_BASE_URL: 'https://vitality.example.com',
};

describe('config in production', () => {
  it('has the sandbox off by default; outside production it stays on by default', () => {
    expect(loadConfig(PROD).sandbox).toEqual({ enabled: false });
    expect(loadConfig({ ...PROD, SANDBOX_ENABLED: '' }).sandbox).toEqual({ enabled: false });
    expect(loadConfig({ ...PROD, SANDBOX_ENABLED: 'false' }).sandbox).toEqual({ enabled: false });
    expect(loadConfig({}).sandbox).toEqual({ enabled: true });
    expect(loadConfig({ NODE_ENV: 'test', SANDBOX_ENABLED: '' }).sandbox).toEqual({ enabled: true });
    expect(loadConfig({ SANDBOX_ENABLED: 'false' }).sandbox).toEqual({ enabled: false });
  });
  it('refuses SANDBOX_ENABLED=true, naming the variable', () => {
    for (const v of ['true', '1', 'on']) {
      expect(problems({ ...PROD, SANDBOX_ENABLED: v })).toEqual([
        'SANDBOX_ENABLED: cannot be true in production (the sandbox lets anyone sign in as any employee, admins included); remove it or set false',
      ]);
    }
    expect(loadConfig({ SANDBOX_ENABLED: 'true' }).sandbox).toEqual({ enabled: true });
  });
  it('refuses DEMO_SEED=always; auto and never start (auto seeds nothing there: tests/integration/production.test.ts)', () => {
    expect(problems({ ...PROD, DEMO_SEED: 'always' })).toEqual([
      'DEMO_SEED: "always" is refused in production (it would add the demo organisation\'s people, admins included, to your database); use auto or never (neither seeds in production)',
    ]);
    expect(loadConfig({ ...PROD, DEMO_SEED: 'auto' }).demoSeed).toBe('auto');
    expect(loadConfig({ ...PROD, DEMO_SEED: 'never' }).demoSeed).toBe('never');
    expect(loadConfig({ DEMO_SEED: 'always' }).demoSeed).toBe('always');
  });
  it('reports every production problem at once', () => {
    expect(
      problems({ NODE_ENV: 'production', SANDBOX_ENABLED: 'true', DEMO_SEED: 'always' }).map((p) =>
        p.slice(0, p.indexOf(':')),
      ),
    ).toEqual(['SESSION_SECRET', 'SURVEY_SEAL_SECRET', 'SANDBOX_ENABLED', 'DEMO_SEED', 'PUBLIC_BASE_URL']);
  });
});

describe('config for Feishu webhooks', () => {
  const FEISHU = { FEISHU_APP_ID: 'cli_x', FEISHU_APP_SECRET: 'y' };
  const NEEDS_KEY =
    'FEISHU_ENCRYPT_KEY: required in webhook mode, so that Feishu signs and timestamps every event (console: Events & Callbacks → Encryption Strategy); ' +
    'or set FEISHU_ALLOW_UNSIGNED=true to accept unsigned events checked by FEISHU_VERIFICATION_TOKEN alone (anyone who learns that token can act as anyone)';

  it('refuses webhook mode without an encrypt key, naming the key and the opt-out, with or without a verification token', () => {
    expect(problems(FEISHU)).toEqual([NEEDS_KEY]);
    expect(problems({ ...FEISHU, FEISHU_VERIFICATION_TOKEN: 'vt' })).toEqual([NEEDS_KEY]);
    expect(problems({ ...PROD, ...FEISHU, FEISHU_VERIFICATION_TOKEN: 'vt' })).toEqual([NEEDS_KEY]);
  });
  it('accepts an encrypt key (token optional); the opt-out is then irrelevant', () => {
    expect(loadConfig({ ...FEISHU, FEISHU_ENCRYPT_KEY: 'ek' }).feishu).toMatchObject({
      mode: 'webhook',
      encryptKey: 'ek',
      allowUnsigned: false,
    });
    expect(loadConfig({ ...FEISHU, FEISHU_ENCRYPT_KEY: 'ek', FEISHU_VERIFICATION_TOKEN: 'vt' }).feishu).toMatchObject({
      encryptKey: 'ek',
      verificationToken: 'vt',
    });
  });
  it('accepts the explicit opt-out only with a verification token', () => {
    expect(
      loadConfig({ ...FEISHU, FEISHU_VERIFICATION_TOKEN: 'vt', FEISHU_ALLOW_UNSIGNED: 'true' }).feishu,
    ).toMatchObject({ allowUnsigned: true, verificationToken: 'vt' });
    expect(
      loadConfig({ ...FEISHU, FEISHU_VERIFICATION_TOKEN: 'vt', FEISHU_ALLOW_UNSIGNED: 'true' }).feishu?.encryptKey,
    ).toBeUndefined();
    expect(problems({ ...FEISHU, FEISHU_ALLOW_UNSIGNED: 'true' })).toEqual([
      'FEISHU_VERIFICATION_TOKEN: required with FEISHU_ALLOW_UNSIGNED=true (it is then the only check on incoming events)',
    ]);
  });
  it('needs no key in long-connection mode', () => {
    expect(loadConfig({ ...FEISHU, FEISHU_MODE: 'websocket' }).feishu).toMatchObject({
      mode: 'websocket',
      allowUnsigned: false,
    });
    expect(loadConfig({ ...FEISHU, FEISHU_MODE: 'websocket' }).feishu?.encryptKey).toBeUndefined();
  });
});
