// Issue 15, played as an operator who sets NODE_ENV=production, the two required secrets and an https
// PUBLIC_BASE_URL, and nothing else: no sandbox, no persona picker, no way to pick the admin, no demo org.
// The same database opened outside production shows what each refusal protects (the sandbox would list and
// sign in the admin), so every assertion below could fail.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { seedDemoOrg } from '../../src/domain/org/demo-org.js';
import { createLogger } from '../../src/logger.js';
import { runMainUntilExit } from '../support/main-process.js';
import { ownDatabase, type DatabaseEnv } from '../support/own-database.js';
import { sqlFor } from '../support/sql.js';

const PROD = {
  NODE_ENV: 'production',
  SESSION_SECRET: 'production-session-secret-0123456789abcdef',
  SURVEY_SEAL_SECRET: 'production-seal-secret-0123456789abcdef0',
  PUBLIC_BASE_URL: 'https://vitality.example.com',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'silent',
  SCHEDULER_ENABLED: 'false',
};
const ADMIN = 'zhao.lei@qingyun.example'; // the demo org's admin, 赵磊

let dir: string;
let database: DatabaseEnv;

async function start(env: Record<string, string>): Promise<{ app: App; url: string }> {
  const config = loadConfig({ ...env, ...database });
  const app = await createApp(config, createLogger(config.logLevel));
  return { app, url: await app.server.listen({ port: 0, host: '127.0.0.1' }) };
}

const json = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const employees = async (app: App) =>
  ((await sqlFor(app.db).row('select count(*) as n from employees')) as { n: number }).n;
const adminId = async (app: App) =>
  ((await sqlFor(app.db).row('select id from employees where email = ?', ADMIN)) as { id: number }).id;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vitality-production-'));
  database = await ownDatabase(join(dir, 'vitality.db'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('production defaults (NODE_ENV=production, secrets set, nothing else)', () => {
  it('seeds no demo organisation into an empty database, although DEMO_SEED=auto and no platform is configured', async () => {
    const { app } = await start(PROD);
    try {
      expect(app.config).toMatchObject({ env: 'production', demoSeed: 'auto', sandbox: { enabled: false } });
      expect(await employees(app)).toBe(0);
    } finally {
      await app.close();
    }
  });

  it('has no sandbox, offers no persona picker and signs nobody in as the admin — with the org in the database', async () => {
    // The operator's org arrives (here: the demo people, admins included, as a stand-in for a CSV import).
    const { app, url } = await start(PROD);
    try {
      expect(await seedDemoOrg(app.db)).toMatchObject({ ok: true });
      const admin = await adminId(app);

      expect((await fetch(`${url}/sandbox`)).status).toBe(404);
      expect((await fetch(`${url}/sandbox/api/people`)).status).toBe(404);

      const options = await fetch(`${url}/api/auth/options`);
      expect(options.status).toBe(200);
      const text = await options.text();
      expect(JSON.parse(text)).toEqual({ sandbox: null, feishu: null, dingtalk: false, slack: false, demo: false });
      expect(text).not.toContain('赵磊');

      const signIn = await json(`${url}/api/auth/sandbox`, { employeeId: admin });
      expect(signIn.status).toBe(404);
      expect(signIn.headers.getSetCookie()).toEqual([]);
      expect((await fetch(`${url}/api/me`)).status).toBe(401);
    } finally {
      await app.close();
    }
  });

  it('the same database outside production: the sandbox would list the admin and sign them in', async () => {
    const { app, url } = await start({ ...PROD, NODE_ENV: 'development' });
    try {
      const admin = await adminId(app);
      expect((await fetch(`${url}/sandbox`)).status).toBe(200);
      const options = (await (await fetch(`${url}/api/auth/options`)).json()) as {
        sandbox: { id: number; name: string }[] | null;
      };
      expect(options.sandbox).toContainEqual(
        expect.objectContaining({ id: admin, name: expect.stringContaining('赵磊') }),
      );
      const signIn = await json(`${url}/api/auth/sandbox`, { employeeId: admin });
      expect(signIn.status).toBe(200);
      expect(signIn.headers.getSetCookie().some((c) => c.startsWith('vitality_session='))).toBe(true);
    } finally {
      await app.close();
    }
  });
});

describe('production refusals at start', () => {
  it('`npm start` (src/main.ts) stops with exit code 1 on SANDBOX_ENABLED=true and DEMO_SEED=always, naming both', async () => {
    // Its own database: were the refusal to fail, the server would start and seed it.
    const refused = await ownDatabase(join(dir, 'refused', 'vitality.db'));
    const { code, stderr } = await runMainUntilExit({
      ...PROD,
      LOG_LEVEL: 'warn',
      PORT: '65535',
      ...refused,
      SANDBOX_ENABLED: 'true',
      DEMO_SEED: 'always',
    });
    expect(code).toBe(1);
    expect(stderr).toContain('SANDBOX_ENABLED: cannot be true in production');
    expect(stderr).toContain('DEMO_SEED: "always" is refused in production');
    expect(stderr).not.toContain('production-session-secret');
  });
});
