// Two Vitality servers on one database, as real processes (issue 21): each is `node --import tsx src/main.ts`
// with its own port, pointed at one Feishu emulator, logging pino JSON lines that the test keeps. The database is
// seeded from the test process first (the demo org, plus a unit of generated people, everyone linked to a Feishu
// open_id), so neither server seeds anything. Shared by tests/pg/two-instances.test.ts (one PostgreSQL database)
// and tests/integration/two-instances-sqlite.test.ts (one SQLite file).
//
// Import this module only once DATABASE_URL says which database the run uses: src/db/schema.ts picks its tables
// when it is first loaded.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import { closeDatabase, inTransaction, openConfiguredDatabase, type Db } from '../../src/db/connection.js';
import { demoOrgCsv, DEMO_DOMAIN } from '../../src/domain/org/demo-org.js';
import { linkIdentity } from '../../src/domain/org/employees.js';
import { importOrgCsv } from '../../src/domain/org/org-import.js';
import { createSchedule } from '../../src/domain/surveys/schedules.js';
import { ensureDefaultTemplate } from '../../src/domain/surveys/templates.js';
import { launchWave } from '../../src/domain/surveys/waves.js';
import { unitOfWork } from '../../src/domain/unit-of-work.js';
import { withPlatformLinks } from '../../src/bot/app-links.js';
import { surveyMessenger } from '../../src/bot/features/surveys.js';
import { outboxNotifier } from '../../src/bot/outbox.js';
import type { Platform } from '../../src/bot/port.js';
import { type EmulatedRateLimits } from '../emulators/rate-limits.js';
import { type FeishuEmulator, startFeishuEmulator } from '../emulators/feishu/open-api.js';
import { createSender, type FeishuSender } from '../emulators/feishu/sender.js';
import { current, type Answer, type CardJson, refOn } from '../platform/feishu/e2e-kit.js';
import { freePort } from './free-port.js';
import { sqlFor, type Sql } from './sql.js';

/** The unit of generated people the big wave goes to. */
export const FAN_OUT_UNIT = '青云科技/扇出测试';
/** The small unit the every-minute schedule asks (five people of the demo org). */
export const SCHEDULE_UNIT = '青云科技/门店/杭州西湖店';
/** A person's Feishu open_id here: from the local part of their e-mail. */
export const openIdOf = (email: string): string => `ou_${email.split('@')[0]!.replace(/\./g, '_')}`;
export const fanOutEmail = (i: number): string => `fan${i}@${DEMO_DOMAIN}`;

const TOKEN = 'vt-two-instances';
const ENCRYPT_KEY = 'ek-two-instances';
/** Both servers seal survey answers and page tokens alike: one secret, as a deployment configures it. */
const SEAL_SECRET = 'two-instances-seal-secret-0123456789abcdef';
const SESSION_SECRET = 'two-instances-session-secret-0123456789abcdef';

/** One pino JSON line as logged. */
export interface LogLine {
  level: number;
  msg?: string;
  [key: string]: unknown;
}

export interface Instance {
  name: string;
  url: string;
  /** Every line the process wrote to stdout and stderr, parsed where it is JSON. */
  logs: LogLine[];
  /** Lines that were not JSON (a stack trace, a crash message). */
  other: string[];
  sender: FeishuSender;
  exited: Promise<number | null>;
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** Where the two servers keep their data: a PostgreSQL database or a SQLite file. */
export type Store = { databaseUrl: string } | { databasePath: string };

export interface Pair {
  emu: FeishuEmulator;
  limits: EmulatedRateLimits;
  /** Message creates the emulator refused under its rate limits (indexes into emu.calls). */
  refusedCalls: Set<number>;
  db: Db;
  sql: Sql;
  config: Config;
  env: Record<string, string>;
  /** The fan-out unit's people, as open_ids. */
  fanOut: string[];
  start(name: string): Promise<Instance>;
  close(): Promise<void>;
}

/** The environment both servers share (each adds its PORT). */
function sharedEnv(store: Store, emu: FeishuEmulator): Record<string, string> {
  return {
    ...('databaseUrl' in store
      ? { DATABASE_URL: store.databaseUrl }
      : { DATABASE_URL: '', DATABASE_PATH: store.databasePath }),
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    DEMO_SEED: 'never',
    SANDBOX_ENABLED: 'false',
    OUTBOX_LEASE_SECONDS: '5',
    OUTBOX_POLL_MS: '200',
    SURVEY_SEAL_SECRET: SEAL_SECRET,
    SESSION_SECRET,
    FEISHU_APP_ID: emu.appId,
    FEISHU_APP_SECRET: emu.appSecret,
    FEISHU_VERIFICATION_TOKEN: TOKEN,
    FEISHU_ENCRYPT_KEY: ENCRYPT_KEY,
    FEISHU_DOMAIN: emu.url,
    FEISHU_MODE: 'webhook',
  };
}

/** Start one server process and wait until it says it is up. */
async function startInstance(name: string, env: Record<string, string>, appId: string): Promise<Instance> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, ...env, PORT: String(port), PUBLIC_BASE_URL: url },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  const other: string[] = [];
  const read = (line: string) => {
    try {
      logs.push(JSON.parse(line) as LogLine);
    } catch {
      other.push(line);
    }
  };
  createInterface({ input: child.stdout }).on('line', read);
  createInterface({ input: child.stderr }).on('line', read);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let gone = false;
  void exited.then(() => (gone = true));
  await vi.waitFor(
    () => {
      if (gone) throw new Error(`${name} exited on start:\n${other.join('\n')}`);
      expect(logs.some((l) => l.msg?.startsWith('Vitality is up'))).toBe(true);
    },
    { timeout: 60_000, interval: 100 },
  );
  return {
    name,
    url,
    logs,
    other,
    sender: createSender({ url, appId, verificationToken: TOKEN, encryptKey: ENCRYPT_KEY }),
    exited,
    async kill(signal) {
      if (!gone) child.kill(signal);
      await exited;
    },
  };
}

/**
 * The emulator (with Feishu's message-create limits on: 1000/min and 50/s per app, 5 QPS per user), the database
 * seeded with the demo org plus `people` generated people in FAN_OUT_UNIT — every employee linked to a Feishu
 * open_id — and a way to start servers on it.
 */
export async function startPair(store: Store, people: number): Promise<Pair> {
  const emu = await startFeishuEmulator();
  const limits = emu.enforceRateLimits({
    app: { ratePerSecond: 1000 / 60, burst: 50 },
    perReceiver: { ratePerSecond: 5, burst: 5 },
  });
  // The emulator records a call, then admits it, in one synchronous step: the call refused is the last recorded.
  const refusedCalls = new Set<number>();
  const admit = limits.admit.bind(limits);
  limits.admit = (keys) => {
    const r = admit(keys);
    if (!r.ok) refusedCalls.add(emu.calls.length - 1);
    return r;
  };
  const env = sharedEnv(store, emu);
  const config = loadConfig(env);
  const db = await openConfiguredDatabase({
    databaseUrl: 'databaseUrl' in store ? store.databaseUrl : undefined,
    databasePath: 'databasePath' in store ? store.databasePath : '',
  });
  const extra = Array.from(
    { length: people },
    (_, i) =>
      `${fanOutEmail(i)},Fan ${i},${FAN_OUT_UNIT},department,chen.zhiyuan@${DEMO_DOMAIN},,en,Asia/Shanghai,Tester,`,
  );
  const imported = await importOrgCsv(db, demoOrgCsv() + extra.join('\n') + '\n', { kind: 'system' }, 'demo');
  expect(imported.ok, JSON.stringify(imported)).toBe(true);
  const sql = sqlFor(db);
  const everyone = await sql.rows<{ id: number; email: string }>('select id, email from employees order by id');
  await inTransaction(db, async () => {
    for (const p of everyone) await linkIdentity(db, 'feishu', openIdOf(p.email), p.id);
  });
  await inTransaction(db, async () => await ensureDefaultTemplate(db));
  const instances: Instance[] = [];
  return {
    emu,
    limits,
    refusedCalls,
    db,
    sql,
    config,
    env,
    fanOut: Array.from({ length: people }, (_, i) => openIdOf(fanOutEmail(i))),
    async start(name) {
      const i = await startInstance(name, env, emu.appId);
      instances.push(i);
      return i;
    },
    async close() {
      await Promise.all(instances.map((i) => i.kill('SIGTERM')));
      await closeDatabase(db);
      await emu.close();
    },
  };
}

export async function unitId(sql: Sql, path: string): Promise<number> {
  const row = await sql.row<{ id: number }>('select id from org_units where path = ?', path);
  expect(row, path).toBeDefined();
  return row!.id;
}

/** A survey every minute to SCHEDULE_UNIT, created now (so its first run is the next minute's start). */
export async function scheduleEveryMinute(pair: Pair, now: Date): Promise<number> {
  const audience = await unitId(pair.sql, SCHEDULE_UNIT);
  const s = await inTransaction(pair.db, async () =>
    createSchedule(pair.db, {
      templateId: await ensureDefaultTemplate(pair.db),
      cron: '* * * * *',
      timezone: 'Asia/Shanghai',
      audienceUnitId: audience,
      durationDays: 3,
      reminderDays: [1],
      actor: { kind: 'system' },
      now,
    }),
  );
  if (!s.ok) throw new Error(s.code);
  return s.id;
}

/** Launch a wave to FAN_OUT_UNIT from this process, as HR's launch does: its cards wait in the outbox for the
 *  servers' workers. Returns the wave id. */
export async function launchFanOut(pair: Pair, now: Date): Promise<number> {
  const platforms: ReadonlySet<Platform> = new Set<Platform>(['feishu']);
  const audience = await unitId(pair.sql, FAN_OUT_UNIT);
  return await unitOfWork(pair.db, async (tx) => {
    const notify = outboxNotifier({
      db: tx,
      platforms,
      defaultLocale: pair.config.defaultLocale,
      forPlatform: (p, c) => withPlatformLinks(pair.config, p, c),
    });
    const r = await launchWave(tx, surveyMessenger(tx, notify, pair.config, platforms), {
      templateId: await ensureDefaultTemplate(tx),
      audienceUnitId: audience,
      closesAt: new Date(now.getTime() + 3 * 86_400_000),
      reminderDays: [],
      now,
      actor: { kind: 'system' },
    });
    if (!r.ok) throw new Error(r.code);
    return r.wave.id;
  });
}

/** Messages the emulator accepted, per receive_id. */
export function messagesPerReceiver(emu: FeishuEmulator, receivers: readonly string[]): Map<string, number> {
  const counts = new Map(receivers.map((r) => [r, 0]));
  for (const m of emu.messages.values())
    if (counts.has(m.receive_id)) counts.set(m.receive_id, counts.get(m.receive_id)! + 1);
  return counts;
}

/** Sends the emulator admitted but did not store, because a message with the same uuid was already there
 *  (Feishu's one-hour deduplication): a resend of a row whose first send had gone through. */
export function resendsDropped(pair: Pair): number {
  const admitted = new Map<string, number>();
  pair.emu.calls.forEach((c, i) => {
    if (c.method !== 'POST' || c.path !== '/open-apis/im/v1/messages' || pair.refusedCalls.has(i)) return;
    const uuid = (c.body as { uuid?: unknown } | undefined)?.uuid;
    if (typeof uuid === 'string') admitted.set(uuid, (admitted.get(uuid) ?? 0) + 1);
  });
  let dropped = 0;
  for (const n of admitted.values()) dropped += n - 1;
  return dropped;
}

/** Outbox rows by status. */
export async function outboxStatuses(sql: Sql): Promise<Record<string, number>> {
  const rows = await sql.rows<{ status: string; n: number }>(
    'select status, count(*) as n from outbox group by status order by status',
  );
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** Wait until no outbox row is pending or being sent. */
export async function settled(sql: Sql, timeoutMs: number): Promise<void> {
  await vi.waitFor(
    async () => {
      const s = await outboxStatuses(sql);
      expect({ pending: s['pending'] ?? 0, sending: s['sending'] ?? 0 }).toEqual({ pending: 0, sending: 0 });
    },
    { timeout: timeoutMs, interval: 250 },
  );
}

/** Log lines at warn (40) or above from the scheduler's minute tick, and node-cron's own warnings (a minute it
 *  skipped as "missed execution"), which it prints to the console rather than to pino. */
export const tickTrouble = (i: Instance): (LogLine | string)[] => [
  ...i.logs.filter((l) => l.level >= 40 && typeof l.msg === 'string' && l.msg.startsWith('scheduler:')),
  ...i.other.filter((l) => l.includes('NODE-CRON')),
];

/** The scheduled waves of a schedule, by the minute they were for. */
export async function scheduledWaves(sql: Sql, scheduleId: number): Promise<{ id: number; f: string }[]> {
  return await sql.rows<{ id: number; f: string }>(
    'select id, scheduled_for as f from survey_waves where schedule_id = ? order by id',
    scheduleId,
  );
}

/** The next minute's start after `t`. */
export const nextMinute = (t: number): number => Math.floor(t / 60_000) * 60_000 + 60_000;

export interface PressOutcome {
  requestId: number;
  answers: { status: number; answer: Answer; instance: string }[];
  /** The last outbox row before the presses. */
  outboxBefore: number;
}

/**
 * Scenario 3: `applicant` files a point claim by text on `via`; their manager's Feishu card for it gets `presses`
 * Approve callbacks at once (each its own event id, as double-clicks and Feishu's retries are), alternating
 * between the instances.
 */
export async function pressStorm(
  pair: Pair,
  instances: readonly Instance[],
  applicant: string,
  manager: string,
  presses: number,
): Promise<PressOutcome> {
  const before = (await pair.sql.row<{ id: number | null }>('select max(id) as id from approval_requests'))?.id ?? 0;
  const said = await instances[0]!.sender.message({
    openId: openIdOf(applicant),
    text: '/claim 成本控制 ; Cut packaging cost ; ¥20000',
  });
  expect(said.status).toBe(200);
  const managerId = openIdOf(manager);
  let requestId = 0;
  let card: { messageId: string; cardJson: CardJson } | undefined;
  await vi.waitFor(
    async () => {
      requestId = (await pair.sql.row<{ id: number | null }>('select max(id) as id from approval_requests'))?.id ?? 0;
      expect(requestId).toBeGreaterThan(before);
      const m = [...pair.emu.messages.values()].find(
        (x) =>
          x.receive_id === managerId &&
          x.msg_type === 'interactive' &&
          refOn(current(x), 'approval.approve', requestId),
      );
      expect(m, `${manager} has the card of request ${requestId}`).toBeDefined();
      card = { messageId: m!.message_id, cardJson: current(m!) };
    },
    { timeout: 60_000, interval: 200 },
  );
  const ref = refOn(card!.cardJson, 'approval.approve', requestId);
  // Everything the request's filing queued has gone out, so what follows is the presses' doing.
  await settled(pair.sql, 60_000);
  const outboxBefore = (await pair.sql.row<{ id: number }>('select max(id) as id from outbox'))?.id ?? 0;
  const answers = await Promise.all(
    Array.from({ length: presses }, async (_, i) => {
      const instance = instances[i % instances.length]!;
      const res = await instance.sender.cardAction({ openId: managerId, messageId: card!.messageId, value: ref });
      return { status: res.status, answer: res.json as Answer, instance: instance.name };
    }),
  );
  return { requestId, answers, outboxBefore };
}

const PEOPLE = 500;
/** Instance A is killed once the emulator has accepted this many of the fan-out's cards. */
const KILL_AFTER = 150;
const PRESSES = 50;

/**
 * Issue 21's two-instance scenarios on one database, as one describe block: a survey scheduled every minute runs
 * in the background for three minute starts while (1) a 500-person fan-out loses instance A to SIGKILL mid-way,
 * and (3) 50 Approve presses on one card are split across both instances; (2) then counts the scheduled waves.
 */
export function describeTwoInstances(label: string, store: () => Promise<Store>, done: () => Promise<void>): void {
  describe(label, () => {
    let pair: Pair;
    let a: Instance;
    let b: Instance;
    let a2: Instance | undefined;
    let scheduleId: number;
    /** The three minute starts the schedule must launch a wave for. */
    let minutes: number[];

    beforeAll(async () => {
      pair = await startPair(await store(), PEOPLE);
      const created = Date.now();
      scheduleId = await scheduleEveryMinute(pair, new Date(created));
      const first = nextMinute(created);
      minutes = [first, first + 60_000, first + 120_000];
      [a, b] = await Promise.all([pair.start('A'), pair.start('B')]);
    }, 120_000);

    afterAll(async () => {
      // TWO_INSTANCES_LOGS=<dir> keeps every instance's log, to read after a failure.
      const dir = process.env.TWO_INSTANCES_LOGS;
      if (dir)
        for (const i of [a, a2, b])
          if (i)
            writeFileSync(
              join(dir, `${label.replace(/\W+/g, '-')}-${i.name}.log`),
              [...i.logs.map((l) => JSON.stringify(l)), ...i.other].join('\n'),
            );
      await pair?.close();
      await done();
    }, 60_000);

    it('a 500-person fan-out survives SIGKILL of one instance: everyone gets exactly one card, nothing left over', async () => {
      // Not across a minute start: A killed inside the tick would hold the tick's lease for that minute.
      if (nextMinute(Date.now()) - Date.now() < 20_000) await sleep(nextMinute(Date.now()) - Date.now() + 3_000);
      const started = Date.now();
      const waveId = await launchFanOut(pair, new Date());
      const delivered = () => [...messagesPerReceiver(pair.emu, pair.fanOut).values()].filter((n) => n > 0).length;
      await vi.waitFor(() => expect(delivered()).toBeGreaterThanOrEqual(KILL_AFTER), {
        timeout: 120_000,
        interval: 20,
      });
      await a.kill('SIGKILL');
      const atKill = delivered();
      const inFlight = await pair.sql.row<{ n: number }>("select count(*) as n from outbox where status = 'sending'");
      try {
        await vi.waitFor(() => expect(delivered()).toBe(PEOPLE), { timeout: 180_000, interval: 100 });
      } finally {
        // A again, for the rest: the schedule runs on two instances, the presses go to both.
        a2 = await pair.start('A2');
      }
      await settled(pair.sql, 60_000);
      const counts = messagesPerReceiver(pair.emu, pair.fanOut);
      expect([...counts.entries()].filter(([, n]) => n !== 1)).toEqual([]);
      const wave = await pair.sql.row<{ n: number }>(
        "select count(*) as n from outbox where card_key = ? and status = 'sent'",
        `survey:${waveId}`,
      );
      expect(Number(wave?.n)).toBe(PEOPLE);
      const statuses = await outboxStatuses(pair.sql);
      expect({ pending: statuses['pending'], sending: statuses['sending'], dead: statuses['dead'] }).toEqual({
        pending: undefined,
        sending: undefined,
        dead: undefined,
      });
      const recovered = b.logs
        .filter((l) => l.msg === 'outbox: retrying deliveries whose sender stopped')
        .reduce((n, l) => n + Number(l['recovered'] ?? 0), 0);
      // A died mid-way, holding claims: B resent them once their 5 s lease ran out.
      expect(atKill).toBeLessThan(PEOPLE);
      expect(recovered).toBeGreaterThan(0);
      console.info(
        `[${label}] fan-out: ${PEOPLE} cards in ${Date.now() - started} ms; A killed with ${atKill} delivered and ` +
          `${Number(inFlight?.n)} rows claimed (by A or B); B recovered ${recovered} expired claims; resends dropped by uuid: ` +
          `${resendsDropped(pair)}; sends refused by the rate limits: ${pair.refusedCalls.size}`,
      );
    }, 300_000);

    it('50 concurrent Approve presses split across both instances take one decision', async () => {
      const servers = [a2!, b];
      const applicant = 'chen.jing';
      const applicantId = openIdOf(`${applicant}@${DEMO_DOMAIN}`);
      const { requestId, answers, outboxBefore } = await pressStorm(pair, servers, applicant, 'li.ming', PRESSES);
      expect(answers.map((x) => x.status)).toEqual(answers.map(() => 200));
      for (const x of answers) expect(x.answer.toast?.content, JSON.stringify(x.answer)).toMatch(/\S/);
      // Only the press that decided redraws the card; every stale press is a toast.
      expect(answers.filter((x) => x.answer.card !== undefined)).toHaveLength(1);
      await settled(pair.sql, 60_000);
      expect(
        await pair.sql.rows('select kind from approval_decisions where request_id = ? order by id', requestId),
      ).toEqual([{ kind: 'submit' }, { kind: 'approve' }]);
      expect(await pair.sql.row('select status from approval_requests where id = ?', requestId)).toEqual({
        status: 'approved',
      });
      expect(
        await pair.sql.rows('select kind, points from ledger_entries where source = ?', `request:${requestId}`),
      ).toHaveLength(1);
      // The applicant hears of the decision once: one message or card update, whichever instance decided.
      const toApplicant = await pair.sql.rows<{ op: string; cardKey: string | null }>(
        'select op, card_key as cardKey from outbox where id > ? and recipient like ? order by id',
        outboxBefore,
        `%${applicantId}%`,
      );
      // Their copy of the request's card redrawn once, and one message telling them.
      expect(toApplicant).toEqual([
        { op: 'update', cardKey: `approval:${requestId}` },
        { op: 'send', cardKey: null },
      ]);
      for (const i of [a, a2!, b]) expect(i.logs.filter((l) => l.level >= 50)).toEqual([]);
      expect(await outboxStatuses(pair.sql)).not.toHaveProperty('dead');
    }, 120_000);

    it('a survey scheduled every minute launches one wave per minute for three minutes; no tick fails', async () => {
      const last = minutes.at(-1)!;
      const expected = minutes.map((m) => new Date(m).toISOString());
      // Until the last of the three minutes has its wave (a minute's tick may run late, never 50 s late).
      await vi.waitFor(
        async () => expect((await scheduledWaves(pair.sql, scheduleId)).map((w) => w.f)).toContain(expected.at(-1)),
        { timeout: Math.max(0, last - Date.now()) + 50_000, interval: 500 },
      );
      for (const i of [a, a2!, b]) expect(tickTrouble(i), i.name).toEqual([]);
      // Every wave up to then: one for each minute, none twice, none missing (later minutes may have begun).
      const waves = (await scheduledWaves(pair.sql, scheduleId)).filter((w) => Date.parse(w.f) <= last);
      expect(waves.map((w) => w.f)).toEqual(expected);
      await settled(pair.sql, 60_000);
      expect(await outboxStatuses(pair.sql)).not.toHaveProperty('dead');
      // Nothing went to a fan-out person twice after all.
      expect([...messagesPerReceiver(pair.emu, pair.fanOut).values()].filter((n) => n !== 1)).toEqual([]);
    }, 300_000);
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));
