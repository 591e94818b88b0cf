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
    expect(c).toMatchObject({ port: 3000, databasePath: './data/vitality.db', defaultLocale: 'zh-CN', sandbox: { enabled: true } });
    expect(c.slack).toBeUndefined();
  });
  it('names each bad variable with a readable reason', () => {
    const p = problems({ PORT: 'abc', DEFAULT_LOCALE: 'fr', SANDBOX_ENABLED: 'maybe', SLACK_API_URL: 'not a url', DEFAULT_TIMEZONE: 'Mars/Base' });
    expect(p).toEqual(expect.arrayContaining([
      'PORT: expected a whole number from 1 to 65535, got "abc"',
      'DEFAULT_LOCALE: expected zh-CN or en (got "fr")',
      'SANDBOX_ENABLED: expected true or false (got "maybe")',
      'SLACK_API_URL: expected an absolute URL such as https://example.com (got "not a url")',
      'DEFAULT_TIMEZONE: expected an IANA time zone such as Asia/Shanghai (got "Mars/Base")',
    ]));
    expect(p).toHaveLength(5);
  });
  it('enables a platform only with its full credentials, and never prints a secret', () => {
    expect(problems({ SLACK_BOT_TOKEN: 'xoxb-secret-value' })).toEqual(['SLACK_SIGNING_SECRET: required because SLACK_BOT_TOKEN is set']);
    const c = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: 'http://127.0.0.1:9/api/' });
    expect(c.slack).toMatchObject({ botToken: 'xoxb-1', apiUrl: 'http://127.0.0.1:9/api' });
    expect(problems({ FEISHU_APP_ID: 'cli_x', FEISHU_APP_SECRET: 'y' })).toEqual(['FEISHU_VERIFICATION_TOKEN: required in webhook mode (or set FEISHU_ENCRYPT_KEY)']);
  });
});
