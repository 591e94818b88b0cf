// `npm start`'s own command (package.json scripts.start, without npm and prestart): the server starts with all
// three platforms configured against their emulators — their SDKs (CommonJS Bolt and Lark, dingtalk-stream)
// load under the loader that command names — /readyz reports each platform, and SIGTERM ends it cleanly.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startDingTalkEmulator, type DingTalkEmulator } from '../emulators/dingtalk/index.js';
import { startFeishuEmulator, type FeishuEmulator } from '../emulators/feishu/open-api.js';
import { startSlackEmulator, type SlackEmulator } from '../emulators/slack/index.js';
import { freePort } from '../support/free-port.js';
import { ownDatabase } from '../support/own-database.js';
import { dingTalkEnv, feishuEnv, slackEnv } from '../support/platform-harness.js';

const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  scripts: Record<string, string>;
};

let slack: SlackEmulator;
let feishu: FeishuEmulator;
let dingtalk: DingTalkEmulator;
beforeAll(async () => {
  slack = await startSlackEmulator({ botToken: 'xoxb-start-script' });
  feishu = await startFeishuEmulator();
  dingtalk = await startDingTalkEmulator();
});
afterAll(async () => {
  await Promise.all([slack.close(), feishu.close(), dingtalk.close()]);
});

describe('npm start (package.json scripts.start)', () => {
  it('starts with Slack, Feishu and DingTalk configured, reports each ready, and stops on SIGTERM', async () => {
    const [command, ...args] = pkg.scripts.start!.split(' ');
    expect(command).toBe('node'); // run with this node, as npm would with the one on PATH
    const port = await freePort();
    const db = join(mkdtempSync(join(tmpdir(), 'vitality-start-script-')), 'vitality.db');
    const child = spawn(process.execPath, args, {
      env: {
        ...process.env,
        PORT: String(port),
        HOST: '127.0.0.1',
        ...(await ownDatabase(db)),
        LOG_LEVEL: 'warn',
        SCHEDULER_ENABLED: 'false',
        ...slackEnv(slack, 'xoxb-start-script', 'start-script-secret'),
        ...feishuEnv(feishu),
        ...dingTalkEnv(dingtalk),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const base = `http://127.0.0.1:${port}`;
    try {
      const ready = await vi.waitFor(
        async () => {
          const r = await fetch(`${base}/readyz`);
          const body = (await r.json()) as { ok: boolean; checks: Record<string, { ok: boolean }> };
          expect(body.ok).toBe(true);
          return body;
        },
        { timeout: 90_000, interval: 200 }, // a new PostgreSQL database is migrated first
      );
      expect(Object.keys(ready.checks).sort()).toEqual(['database', 'dingtalk', 'feishu']);
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      // Slack answers on its events route (an unsigned request is refused, so the route is there).
      const slackRoute = await fetch(`${base}/slack/events`, { method: 'POST', body: '{}' });
      expect(slackRoute.status).toBe(401);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stderr).not.toMatch(/Error/);
  }, 150_000);
});
