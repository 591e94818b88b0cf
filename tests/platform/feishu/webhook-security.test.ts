// Issue 15: Feishu webhook mode needs signed events. Without FEISHU_ENCRYPT_KEY the server refuses to start
// unless FEISHU_ALLOW_UNSIGNED=true says otherwise (and then the log says so). With the key, an unsigned or
// stale event is refused with 401 and acts as no one: the same event signed and fresh is acted on, so each
// refusal is the signature's doing. Real server (harness), real SDK, the emulator's sender.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdapter } from '../../../adapters/feishu/index.js';
import { ConfigError, loadConfig } from '../../../src/config.js';
import { startHarness, type Harness } from '../../support/harness.js';
import { runMainUntilExit } from '../../support/main-process.js';
import { ownDatabase } from '../../support/own-database.js';
import { type FeishuEmulator, startFeishuEmulator } from '../../emulators/feishu/open-api.js';
import { createSender, type FeishuSender } from '../../emulators/feishu/sender.js';

const TOKEN = 'vt-security';
const KEY = 'encrypt-key-security';
const ADMIN = 'zhao.lei@qingyun.example'; // the demo org's admin
const ADMIN_OPEN_ID = 'ou_zhao_lei';

/** Log lines (JSON) whose message contains `text`, as {level, msg}. */
const logged = (logs: string[], text: string) =>
  logs
    .map((l) => JSON.parse(l) as { level: number; msg?: string })
    .filter((l) => l.msg?.includes(text))
    .map((l) => ({ level: l.level, msg: l.msg }));

describe('feishu webhook without an encrypt key', () => {
  const base = { FEISHU_APP_ID: 'cli_a1b2c3d4e5f60718', FEISHU_APP_SECRET: 'secret', FEISHU_VERIFICATION_TOKEN: TOKEN };

  it('is a ConfigError naming FEISHU_ENCRYPT_KEY and FEISHU_ALLOW_UNSIGNED', () => {
    let error: unknown;
    try {
      loadConfig(base);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^FEISHU_ENCRYPT_KEY: required in webhook mode/);
    expect(problems[0]).toContain('FEISHU_ALLOW_UNSIGNED=true');
  });

  it('stops `npm start` (src/main.ts) with exit code 1 and says which variables', async () => {
    // Its own database: were the refusal to fail, the server would start on it.
    const database = await ownDatabase(join(mkdtempSync(join(tmpdir(), 'vitality-feishu-refuse-')), 'v.db'));
    const { code, stderr } = await runMainUntilExit({
      ...base,
      ...database,
      HOST: '127.0.0.1',
      PORT: '65535',
      LOG_LEVEL: 'warn',
      SCHEDULER_ENABLED: 'false',
    });
    expect(code).toBe(1);
    expect(stderr).toContain('Invalid configuration');
    expect(stderr).toContain('FEISHU_ENCRYPT_KEY: required in webhook mode');
    expect(stderr).toContain('FEISHU_ALLOW_UNSIGNED=true');
    expect(stderr).not.toContain(TOKEN);
  });

  describe('with FEISHU_ALLOW_UNSIGNED=true', () => {
    let emu: FeishuEmulator;
    let h: Harness;
    let sender: FeishuSender;
    const logs: string[] = [];

    beforeAll(async () => {
      emu = await startFeishuEmulator();
      h = await startHarness({
        env: {
          ...base,
          FEISHU_APP_ID: emu.appId,
          FEISHU_APP_SECRET: emu.appSecret,
          FEISHU_DOMAIN: emu.url,
          FEISHU_ALLOW_UNSIGNED: 'true',
        },
        logs,
      });
      sender = createSender({ url: h.url, appId: emu.appId, verificationToken: TOKEN });
    });
    afterAll(async () => {
      await h?.stop();
      await emu?.close();
    });

    it('starts and warns that unsigned events are accepted', () => {
      expect(logged(logs, 'feishu webhook:')).toEqual([
        {
          level: 40,
          msg: 'feishu webhook: UNSIGNED events accepted (FEISHU_ALLOW_UNSIGNED) — anyone who learns the verification token can act as anyone',
        },
      ]);
    });

    it('acts on an unsigned event with the right token (what the opt-out risks), refuses a wrong token', async () => {
      emu.users.push({
        open_id: 'ou_unsigned',
        name: 'Wang Fang',
        email: 'wang.fang@qingyun.example',
        department_ids: [],
      });
      expect((await sender.message({ openId: 'ou_unsigned', text: '/whoami' }, { token: 'guessed' })).status).toBe(401);
      expect((await sender.message({ openId: 'ou_unsigned', text: '/whoami' })).status).toBe(200);
      await h.drainOutbox();
      const linked = await h.sql.row(
        "select employee_id as e from platform_identities where platform = 'feishu' and platform_user_id = 'ou_unsigned'",
      );
      expect(linked).toEqual({ e: (await h.employeeByEmail('wang.fang@qingyun.example'))!.id });
    });
  });
});

describe('feishu webhook with an encrypt key', () => {
  let emu: FeishuEmulator;
  let h: Harness;
  let sender: FeishuSender;
  const logs: string[] = [];
  const admin = async () => (await h.employeeByEmail(ADMIN))!;
  const count = async (sql: string) => ((await h.sql.row(sql)) as { n: number }).n;
  const linkedTo = async (openId: string) =>
    await h.sql.row(
      "select employee_id as e from platform_identities where platform = 'feishu' and platform_user_id = ?",
      openId,
    );
  const toAdmin = () => [...emu.messages.values()].filter((m) => m.receive_id === ADMIN_OPEN_ID);

  beforeAll(async () => {
    emu = await startFeishuEmulator();
    emu.users.push({ open_id: ADMIN_OPEN_ID, name: '赵磊', email: ADMIN, department_ids: [] });
    // The start-up link job (findUsers by e-mail) must not link the admin: here only a signed event may.
    emu.revokedScopes.add('contact:user.id:readonly');
    h = await startHarness({
      env: {
        FEISHU_APP_ID: emu.appId,
        FEISHU_APP_SECRET: emu.appSecret,
        FEISHU_VERIFICATION_TOKEN: TOKEN,
        FEISHU_ENCRYPT_KEY: KEY,
        FEISHU_DOMAIN: emu.url,
      },
      logs,
    });
    sender = createSender({ url: h.url, appId: emu.appId, verificationToken: TOKEN, encryptKey: KEY });
  });
  afterAll(async () => {
    await h?.stop();
    await emu?.close();
  });

  it('logs that events must be signed', () => {
    expect(logged(logs, 'feishu webhook:')).toEqual([
      { level: 30, msg: 'feishu webhook: signed events (encrypt key)' },
    ]);
  });

  it('refuses an unsigned, a stale, a future-dated and a wrongly signed event as the admin with 401: nobody is linked, recorded or answered; the same event signed and fresh is acted on', async () => {
    const events = await count('select count(*) as n from inbound_events');
    const outbox = await count('select count(*) as n from outbox');
    const whoami = { openId: ADMIN_OPEN_ID, text: '/whoami' };
    expect((await sender.message(whoami, { signing: 'none' })).status).toBe(401);
    // Correctly signed with the key, but the timestamp is an hour old / an hour ahead.
    expect((await sender.message(whoami, { signing: 'stale' })).status).toBe(401);
    expect((await sender.message(whoami, { signing: 'stale', now: Date.now() + 2 * 60 * 60 * 1000 })).status).toBe(401);
    expect((await sender.message(whoami, { signing: 'bad' })).status).toBe(401);
    // The same unsigned event in the clear (not encrypted), as someone holding only the token would send it.
    expect((await sender.message(whoami, { signing: 'none', encrypt: false })).status).toBe(401);
    await h.drainOutbox();
    expect(await count('select count(*) as n from inbound_events')).toBe(events);
    expect(await count('select count(*) as n from outbox')).toBe(outbox);
    expect(await linkedTo(ADMIN_OPEN_ID)).toBeUndefined();
    expect(toAdmin()).toEqual([]);

    expect((await sender.message(whoami)).status).toBe(200);
    await h.drainOutbox();
    expect(await linkedTo(ADMIN_OPEN_ID)).toEqual({ e: (await admin()).id });
    expect(toAdmin()).toHaveLength(1);
  });

  it("refuses an unsigned or stale card press as the admin: the admin's language stays; signed, it changes", async () => {
    const before = (await admin()).locale;
    const next = before === 'en' ? 'zh-CN' : 'en';
    const press = { openId: ADMIN_OPEN_ID, value: { k: 'lang.set', v: next }, messageId: toAdmin()[0]!.message_id };
    expect((await sender.cardAction(press, { signing: 'none' })).status).toBe(401);
    expect((await sender.cardAction(press, { signing: 'none', encrypt: false })).status).toBe(401);
    expect((await sender.cardAction(press, { signing: 'stale' })).status).toBe(401);
    expect((await admin()).locale).toBe(before);
    expect((await sender.cardAction(press)).status).toBe(200);
    expect((await admin()).locale).toBe(next);
  });
});

describe('feishu webhook with an encrypt key and FEISHU_ALLOW_UNSIGNED=true', () => {
  it('still requires signatures: the key wins over the opt-out', async () => {
    const emu = await startFeishuEmulator();
    const logs: string[] = [];
    const config = loadConfig({
      FEISHU_APP_ID: emu.appId,
      FEISHU_APP_SECRET: emu.appSecret,
      FEISHU_VERIFICATION_TOKEN: TOKEN,
      FEISHU_ENCRYPT_KEY: KEY,
      FEISHU_ALLOW_UNSIGNED: 'true',
      FEISHU_DOMAIN: emu.url,
    });
    const adapter = createAdapter({
      config,
      logger: pino({ level: 'info' }, { write: (l: string) => void logs.push(l) }),
    });
    const app = Fastify();
    await app.register(adapter.routes!);
    const seen: string[] = [];
    await adapter.start({
      handle: async (e) => {
        seen.push(e.eventId);
        return { outcome: 'handled' };
      },
    });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const sender = createSender({ url, appId: emu.appId, verificationToken: TOKEN, encryptKey: KEY });
      expect(logged(logs, 'feishu webhook:')).toEqual([
        { level: 30, msg: 'feishu webhook: signed events (encrypt key)' },
      ]);
      expect(
        (await sender.message({ openId: 'ou_x', text: '/help' }, { signing: 'none', encrypt: false })).status,
      ).toBe(401);
      expect(seen).toEqual([]);
      expect((await sender.message({ openId: 'ou_x', text: '/help' })).status).toBe(200);
      expect(seen).toHaveLength(1);
    } finally {
      await adapter.stop();
      await app.close();
      await emu.close();
    }
  });
});
