// npm run bench:press (also the last part of npm run bench) — issue 22's press benchmark: what a card press costs
// the real server next to a bare @slack/bolt HTTPReceiver that only acks and a fastify server that only checks
// Slack's signature, driven with the same kind of signed block_actions bodies by autocannon from a process of
// its own, in interleaved rounds (the order of the three rotates each round), on SQLite and on PostgreSQL.
//
// Every part is its own process, started as `node --import tsx <file>`: the real server (src/main.ts,
// production settings, Slack pointed at the Web API emulator), the two yardsticks (bench/press/bolt-target.ts,
// hmac-target.ts), the emulators (bench/press/emulators.ts), the loader (bench/press/loader.ts) and the database
// child that seeds and checks (bench/press/seed.ts). Per target and round: requests/s, CPU ms per request
// (utime+stime of the target's pid from /proc, before and after, ÷ requests answered 2xx; the real server acks a
// press before doing its work, so "after" waits until that work is done and the process is quiet), p50/p99
// latency, non-2xx and errors, RSS. The real server's throughput is counted to the end of its work ("done/s").
//
// Scenarios: `approve` (a manager presses Approve on a distinct pending claim's card; each round gets fresh
// claims, sized from a short calibration run) and `survey` (an employee presses Answer on the open wave's card:
// the server opens the modal with views.open); both again with BENCH_BACKLOG (60,000) more pending claims.
// After each round the bench checks the work: every pressed claim approved exactly once and no unpressed one,
// as many modals opened as presses answered, no non-2xx, no errors — and fails loudly otherwise. A press the
// server answers "busy" (no place among the presses being worked on within INBOUND_WAIT_MS: nothing done, the
// presser told through the response_url) is counted apart: throughput and CPU per press count the presses
// carried out; any press whose work failed after its ack fails the round.
//
// `--memory` (or BENCH_MEMORY=1): instead, the memory run — all three adapters on (Feishu and DingTalk against
// their emulators too), idle RSS after start, then c=50 mixed presses for BENCH_MEMORY_MINUTES (10) sampling RSS
// every 10 s, and RSS 30 s after the load stops; `--heap-snapshots` writes one after minute 1 and one at the end
// (node --heapsnapshot-signal) into a temp folder it names, for a comparison in DevTools.
//
// BENCH_DB=sqlite|postgres (default both), BENCH_PRESS_SECONDS (10), BENCH_PRESS_ROUNDS (3), BENCH_BACKLOG
// (60000; 0: no backlog rounds), BENCH_WAVES (156, data-layer's fixture). PostgreSQL: a throwaway cluster unless
// DATABASE_URL names one (a new database is made on it). Writes bench/results/press.json (the memory run: its
// `memory` key).
// The server's Slack pace (SLACK_RATE_PER_SECOND, and SLACK_RATE_PER_CHANNEL into each DM) is raised to 1000/s:
// an approval's redrawn cards and notices are part of a press's cost, and an approve round ends only when the
// outbox has sent them all — not spread over minutes of Slack's pacing (one message a second into a manager's
// DM) and counted in a later round. Each claim's card is in its approver's DM and its applicant's, as sent.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { freePort } from '../tests/support/free-port.js';
import {
  fromEmulators,
  fromLoader,
  fromSeed,
  fromTarget,
  type Claim,
  type FromEmulators,
  type FromLoader,
  type FromSeed,
  type LoadResult,
  type Press,
} from './press/protocol.js';
import { cpuMs, helper, ROOT, rssMb, settle, sleep, startServer, stopProcess, type Helper } from './press/procs.js';

const SECONDS = Number(process.env.BENCH_PRESS_SECONDS ?? 10);
const ROUNDS = Number(process.env.BENCH_PRESS_ROUNDS ?? 3);
const BACKLOG = Number(process.env.BENCH_BACKLOG ?? 60_000);
const CONNECTIONS = 50;
const MEMORY = process.argv.includes('--memory') || process.env.BENCH_MEMORY === '1';
const MEMORY_MINUTES = Number(process.env.BENCH_MEMORY_MINUTES ?? 10);
const HEAP_SNAPSHOTS = process.argv.includes('--heap-snapshots');
const SECRET = 'press-bench-secret';
const DIALECTS = ['sqlite', 'postgres'] as const;
type Dialect = (typeof DIALECTS)[number];
const TARGETS = ['server', 'bolt', 'hmac', 'calls'] as const;
type Target = (typeof TARGETS)[number];
const ALL_SCENARIOS = ['approve', 'survey'] as const;
type Scenario = (typeof ALL_SCENARIOS)[number];
/** BENCH_SCENARIOS=approve,survey (default both). */
const SCENARIOS = ALL_SCENARIOS.filter((s) => (process.env.BENCH_SCENARIOS ?? 'approve,survey').split(',').includes(s));
type Phase = 'empty' | 'backlog';

interface Sample extends LoadResult {
  /** Presses answered "busy" (no place in time: nothing done) and presses whose work failed after the ack. */
  busy: number;
  failedAfterAck: number;
  /** Presses carried out (answered, less those answered "busy") per second of load. */
  rps: number;
  /** Answered presses ÷ (load + the time the work took to finish after it): the server's real rate. */
  doneRps: number;
  drainMs: number;
  cpuMsPerRequest: number;
  rssMb: number;
  load1: number;
  /** What was wrong with the round's work (empty: checked and right). */
  problems: string[];
  /** The real server only: its Slack Web API calls per press carried out, by method. */
  callsPerPress?: Record<string, number>;
}
/** The Web API methods a press may call, counted for the real server (the calls target mirrors them). */
const CALL_METHODS = ['chat.update', 'chat.postMessage', 'views.open', 'users.info', 'conversations.open'] as const;
const failures: string[] = [];
type Results = Record<Phase, Record<Scenario, Record<Target, Sample[]>>>;
const emptySamples = (): Record<Target, Sample[]> => ({ server: [], bolt: [], hmac: [], calls: [] });

const fail = (message: string): never => {
  throw new Error(`press bench: ${message}`);
};
function answer<T extends { type: string }, K extends T['type']>(m: T, type: K): Extract<T, { type: K }> {
  if (m.type === type) return m as Extract<T, { type: K }>;
  return fail(`expected ${type}, got ${JSON.stringify(m).slice(0, 2000)}`);
}

async function forkTarget(
  file: string,
  env: Record<string, string> = {},
): Promise<{ h: Helper<{ type: 'listening'; port: number }>; url: string }> {
  const h = helper(file, fromTarget, { env: { ...process.env, ...env, BENCH_SLACK_SECRET: SECRET } });
  const m = await h.next();
  return { h, url: `http://127.0.0.1:${m.port}` };
}

/** A database for one dialect: a SQLite file, or a PostgreSQL database (a throwaway cluster unless DATABASE_URL). */
async function database(
  dialect: Dialect,
  dir: string,
): Promise<{ env: Record<string, string>; stop(): Promise<void> }> {
  if (dialect === 'sqlite') return { env: { DATABASE_PATH: join(dir, 'press.db') }, stop: async () => {} };
  const { createDatabase, startPostgres } = await import('../tests/support/postgres.js');
  const cluster = process.env.DATABASE_URL ? undefined : await startPostgres();
  const url = cluster ? cluster.url : await createDatabase(process.env.DATABASE_URL!);
  return { env: { DATABASE_URL: url }, stop: async () => cluster?.stop() };
}

const approvePress = (c: Claim, ts: string): Press => ({
  userId: `UE${c.approver}`,
  channel: `DUE${c.approver}`,
  ts,
  // As cards/approval.ts + adapters/slack/render.ts draw the button: an action button (`a:<block>:<index>`)
  // carrying the ActionRef.
  actionId: 'a:4:0',
  value: JSON.stringify({ k: 'approval.approve', id: String(c.id), v: String(c.version) }),
});

const minMax = (xs: number[], digits = 2): string => {
  const lo = Math.min(...xs);
  const hi = Math.max(...xs);
  return lo.toFixed(digits) === hi.toFixed(digits) ? lo.toFixed(digits) : `${lo.toFixed(digits)}–${hi.toFixed(digits)}`;
};

interface Rig {
  dialect: Dialect;
  seed: Helper<FromSeed>;
  emu: Helper<FromEmulators>;
  loader: Helper<FromLoader>;
  slackBase: string;
  server: ChildProcess;
  targets: Record<Target, { url: string; pid: number }>;
  employees: { id: number; email: string }[];
  surveyPresses: Press[];
  stopAll(): Promise<void>;
}

async function rig(dialect: Dialect, dir: string, all: boolean, nodeFlags: string[] = []): Promise<Rig> {
  const db = await database(dialect, dir);
  const env: NodeJS.ProcessEnv = { ...process.env, ...db.env };
  if (dialect === 'sqlite') delete env.DATABASE_URL;
  const seed = helper('seed.ts', fromSeed, { env });
  answer(await seed.next(), 'ready');
  console.log(`[${dialect}] seeding (2,000 people, ${process.env.BENCH_WAVES ?? 156} waves of pulse history)…`);
  const seeded = answer(await seed.ask({ type: 'seed' }), 'seeded');
  console.log(`[${dialect}] seeded in ${(seeded.ms / 1000).toFixed(0)} s (${seeded.answers} answers)`);

  const emu = helper('emulators.ts', fromEmulators, {
    args: all ? ['all'] : [],
    env: { ...process.env, BENCH_SLACK_SECRET: SECRET },
  });
  const ready = answer(await emu.next(), 'ready');
  answer(
    await emu.ask({ type: 'users', users: seeded.employees.map((e) => ({ id: `UE${e.id}`, email: e.email })) }),
    'ok',
  );
  const surveyTs = answer(
    await emu.ask({
      type: 'messages',
      channels: seeded.employees.map((e) => `DUE${e.id}`),
      text: 'Pulse survey',
      blocks: [],
    }),
    'messages',
  ).ts;
  const surveyPresses = seeded.employees.map((e, i): Press => ({
    userId: `UE${e.id}`,
    channel: `DUE${e.id}`,
    ts: surveyTs[i]!,
    // The survey card's form launcher (adapters/slack/render.ts renderFormLauncher).
    actionId: `form:survey-${seeded.waveId}`,
    value: JSON.stringify({ k: 'survey.answer', id: String(seeded.waveId) }),
  }));

  const port = await freePort();
  // BENCH_SERVER_FLAGS: more node flags for the server only (e.g. --max-semi-space-size=32), to compare.
  const extra = (process.env.BENCH_SERVER_FLAGS ?? '').split(' ').filter(Boolean);
  const server = await startServer({
    port,
    env: { ...db.env, ...ready.env },
    log: join(dir, 'server.log'),
    nodeFlags: [...nodeFlags, ...extra],
  });
  const bolt = await forkTarget('bolt-target.ts');
  const hmac = await forkTarget('hmac-target.ts');
  const calls = await forkTarget('calls-target.ts', { BENCH_SLACK_API_URL: ready.env.SLACK_API_URL! });
  const loader = helper('loader.ts', fromLoader);
  answer(await loader.next(), 'ready');
  return {
    dialect,
    seed,
    emu,
    loader,
    slackBase: ready.slackBase,
    server,
    targets: {
      server: { url: `http://127.0.0.1:${port}`, pid: server.pid! },
      bolt: { url: bolt.url, pid: bolt.h.proc.pid! },
      hmac: { url: hmac.url, pid: hmac.h.proc.pid! },
      calls: { url: calls.url, pid: calls.h.proc.pid! },
    },
    employees: seeded.employees,
    surveyPresses,
    stopAll: async () => {
      await Promise.all([stopProcess(server), bolt.h.stop(), hmac.h.stop(), calls.h.stop()]);
      loader.proc.send({ type: 'exit' });
      emu.proc.send({ type: 'exit' });
      seed.proc.send({ type: 'exit' });
      await Promise.all([loader.stop(), emu.stop(), seed.stop()]);
      await db.stop();
    },
  };
}

/** Fresh pending claims with a card each in the approver's DM and in the applicant's (both are redrawn when it
 *  is decided): the presses of one approve round. */
async function approvePool(r: Rig, n: number): Promise<{ claims: Claim[]; presses: Press[] }> {
  const claims = answer(await r.seed.ask({ type: 'claims', n }), 'claims').claims;
  const holders = claims.flatMap((c) => [c.approver, c.applicant]);
  const ts = answer(
    await r.emu.ask({ type: 'messages', channels: holders.map((id) => `DUE${id}`), text: 'Point claim', blocks: [] }),
    'messages',
  ).ts;
  const cards = holders.map((id, i) => ({
    id: claims[i >> 1]!.id,
    userId: `UE${id}`,
    channel: `DUE${id}`,
    ts: ts[i]!,
  }));
  answer(await r.seed.ask({ type: 'cards', cards }), 'cards');
  return { claims, presses: claims.map((c, i) => approvePress(c, ts[2 * i]!)) };
}

async function load(r: Rig, target: Target, presses: Press[], once: boolean, seconds: number): Promise<LoadResult> {
  const m = await r.loader.ask({
    type: 'run',
    url: r.targets[target].url,
    secret: SECRET,
    responseBase: r.slackBase,
    presses,
    once,
    connections: CONNECTIONS,
    seconds,
  });
  if (m.type === 'error') return fail(`loader: ${m.message}`);
  return answer(m, 'result').result;
}

async function callCounts(r: Rig): Promise<Record<(typeof CALL_METHODS)[number], number>> {
  const out = {} as Record<(typeof CALL_METHODS)[number], number>;
  for (const m of CALL_METHODS) out[m] = answer(await r.emu.ask({ type: 'count', method: m }), 'count').n;
  return out;
}
const viewsOpened = async (r: Rig) => answer(await r.emu.ask({ type: 'count', method: 'views.open' }), 'count');
const said = async (r: Rig, kind: 'busy' | 'failed') =>
  answer(await r.emu.ask({ type: 'count', method: `refused:${kind}` }), 'count').n;

/** One target, one scenario, one round: load, wait for the work, measure, check. */
async function measure(r: Rig, target: Target, scenario: Scenario, presses: Press[], claims: Claim[]): Promise<Sample> {
  const { pid } = r.targets[target];
  const real = target === 'server';
  const opened0 = await viewsOpened(r);
  const busy0 = await said(r, 'busy');
  const failed0 = await said(r, 'failed');
  const calls0 = real ? await callCounts(r) : undefined;
  const cpu0 = cpuMs(pid);
  const res = await load(r, target, presses, real && scenario === 'approve', SECONDS);
  const lo = claims[0]?.id ?? 0;
  const hi = claims.at(-1)?.id ?? 0;
  const check = async () => answer(await r.seed.ask({ type: 'check', lo, hi }), 'check');
  const approvals = async () => (await check()).approvals;
  // A press answered "busy" is refused with nothing done; every other answered press must be carried out.
  const refused = async () => (await said(r, 'busy')) - busy0;
  const done = async (): Promise<boolean> => {
    if (!real) return true;
    const due = res.ok - (await refused());
    // An approval's work ends when its cards are redrawn and its notices sent (the outbox has nothing left).
    if (scenario === 'approve') {
      const c = await check();
      return Object.keys(c.approvals).length >= due && c.unsent === 0;
    }
    return (await viewsOpened(r)).n - opened0.n >= due;
  };
  const doneAfter = await settle(pid, done);
  const unfinished = real && doneAfter === undefined;
  // settle() looks first 250 ms after the load ended.
  const drainMs = real ? Math.max(0, (doneAfter ?? 0) - 250) : 0;
  const cpu = cpuMs(pid) - cpu0;
  const busy = real ? await refused() : 0;
  const failedAfterAck = real ? (await said(r, 'failed')) - failed0 : 0;
  const carried = res.ok - busy;
  const where = `[${r.dialect}] ${scenario} → ${target}`;
  // Wrong work does not stop the run (the other figures are still worth having): it is printed as it happens,
  // listed again at the end, and the bench exits non-zero.
  const problems: string[] = [];
  const problem = (p: string) => {
    problems.push(p);
    failures.push(`${where}: ${p}`);
    console.error(`FAILED ${where}: ${p}`);
  };
  // A press unanswered after 30 s is a measurement (it counts in `timeouts`), not a wrong answer.
  if (res.non2xx > 0 || res.errors > res.timeouts)
    problem(`${res.non2xx} non-2xx answers and ${res.errors - res.timeouts} connection errors`);
  if (res.ok === 0) problem('no press was answered');
  if (failedAfterAck > 0) problem(`${failedAfterAck} acked presses failed (each presser was told to try again)`);
  if (unfinished) problem('the server did not finish the work of the round (see the checks below, and its log)');
  if (res.wrapped) problem(`the ${presses.length} claims of the round were used up; a larger pool is needed`);
  if (real && scenario === 'approve') {
    const got = await approvals();
    const twice = Object.entries(got).filter(([, n]) => n !== 1);
    if (twice.length > 0) problem(`claims approved more than once: ${JSON.stringify(twice.slice(0, 10))}`);
    const pressed = new Set(claims.slice(0, res.sent).map((c) => String(c.id)));
    const stray = Object.keys(got).filter((id) => !pressed.has(id));
    if (stray.length > 0) problem(`claims approved that nobody pressed: ${stray.slice(0, 10).join(', ')}`);
    const n = Object.keys(got).length;
    if (n < carried || n > res.sent)
      problem(`${n} claims approved for ${carried} presses carried out (${busy} busy, ${res.sent} sent)`);
  }
  if (real && scenario === 'survey') {
    const opened = await viewsOpened(r);
    if (opened.failed > opened0.failed) problem(`${opened.failed - opened0.failed} views.open calls failed`);
    if (opened.n - opened0.n < carried)
      problem(`${opened.n - opened0.n} modals opened for ${carried} presses carried out (${busy} busy)`);
  }
  const seconds = res.seconds;
  const calls1 = calls0 && (await callCounts(r));
  const callsPerPress =
    calls0 &&
    calls1 &&
    Object.fromEntries(CALL_METHODS.map((m) => [m, (calls1[m] - calls0[m]) / Math.max(1, carried)]));
  return {
    ...res,
    callsPerPress,
    problems,
    busy,
    failedAfterAck,
    rps: carried / seconds,
    doneRps: carried / (seconds + drainMs / 1000),
    drainMs,
    cpuMsPerRequest: cpu / Math.max(1, carried),
    rssMb: rssMb(pid),
    load1: loadavg()[0]!,
  };
}

async function scenarios(r: Rig, phase: Phase, results: Results, rate: { approve: number }): Promise<void> {
  for (const scenario of SCENARIOS) {
    for (let round = 0; round < ROUNDS; round++) {
      const order = TARGETS.map((_, i) => TARGETS[(i + round) % TARGETS.length]!);
      // Enough claims for the best rate seen so far, twice over (the pool must outlast the round).
      const pool =
        scenario === 'approve' ? await approvePool(r, Math.ceil(rate.approve * SECONDS * 2) + 500) : undefined;
      for (const target of order) {
        const s = await measure(r, target, scenario, pool?.presses ?? r.surveyPresses, pool?.claims ?? []);
        if (target === 'server' && scenario === 'approve') rate.approve = Math.max(rate.approve, s.rps);
        results[phase][scenario][target].push(s);
        console.log(
          `[${r.dialect}] ${phase} ${scenario} round ${round + 1} ${target.padEnd(6)}: ` +
            `${s.rps.toFixed(0)} req/s (done ${s.doneRps.toFixed(0)}/s, drain ${(s.drainMs / 1000).toFixed(1)} s), ` +
            `${s.cpuMsPerRequest.toFixed(3)} ms CPU/req, p50 ${s.p50} ms, p99 ${s.p99} ms, ` +
            (s.timeouts > 0 ? `${s.timeouts} unanswered after 30 s, ` : '') +
            (s.busy > 0 ? `${s.busy} answered busy, ` : '') +
            `RSS ${s.rssMb.toFixed(0)} MB, load ${s.load1.toFixed(2)}` +
            (s.callsPerPress
              ? `, Web API calls per press: ${Object.entries(s.callsPerPress)
                  .filter(([, n]) => n > 0)
                  .map(([m, n]) => `${m} ${n.toFixed(2)}`)
                  .join(', ')}`
              : ''),
        );
      }
    }
  }
}

/** The share of answered presses refused as "busy" (nothing done), min–max over rounds. */
const busyShare = (xs: Sample[]): string =>
  `${minMax(
    xs.map((x) => (100 * x.busy) / Math.max(1, x.ok)),
    0,
  )} %`;

function table(dialect: Dialect, results: Results): string[] {
  const lines = [
    `${dialect}: c=${CONNECTIONS}, ${SECONDS} s per target, ${ROUNDS} interleaved rounds; min–max over rounds`,
    '| path | backlog | throughput vs bare Bolt | CPU per request vs bare Bolt | server ms CPU/req | p99 at c=50 (ms) | answered busy |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const phase of ['empty', 'backlog'] as const)
    for (const scenario of SCENARIOS) {
      const s = results[phase][scenario];
      const bolt = s.bolt;
      const row = (label: string, t: Target) => {
        const xs = s[t];
        if (xs.length === 0 || bolt.length === 0) return;
        const rate = xs.map((x, i) => (t === 'server' ? x.doneRps : x.rps) / bolt[i]!.rps);
        const cpu = xs.map((x, i) => x.cpuMsPerRequest / bolt[i]!.cpuMsPerRequest);
        const failed = xs.some((x) => x.problems.length > 0) ? ' (FAILED check)' : '';
        lines.push(
          `| ${label}${failed} | ${phase === 'empty' ? 0 : BACKLOG} | ${minMax(rate)}× | ${minMax(cpu)}× | ` +
            `${minMax(
              xs.map((x) => x.cpuMsPerRequest),
              3,
            )} | ${minMax(
              xs.map((x) => x.p99),
              0,
            )} | ${t === 'server' ? busyShare(xs) : '–'} |`,
        );
      };
      row(scenario === 'approve' ? 'approval "Approve" press' : 'survey "Answer" press (opens the modal)', 'server');
      row(`fastify + HMAC only (${scenario} bodies)`, 'hmac');
      row(`bare Bolt (${scenario} bodies)`, 'bolt');
      row(
        `bare Bolt + the press's Web API calls only (${scenario === 'approve' ? '2 chat.update, 2 chat.postMessage' : 'views.open'})`,
        'calls',
      );
    }
  return lines;
}

async function pressRun(): Promise<void> {
  const only = process.env.BENCH_DB;
  const dialects = DIALECTS.filter((d) => !only || d === only);
  if (dialects.length === 0) fail(`BENCH_DB must be sqlite or postgres, not ${only}`);
  const out: Record<string, unknown> = {
    note: "npm run bench:press (bench/press.bench.ts). Ratios vs bare Bolt within each interleaved round; the server's throughput counts until its work is done. A shared machine: read the ratios.",
    when: new Date().toISOString(),
    machine: { cores: cpus().length, cpu: cpus()[0]?.model ?? '?', node: process.version, loadBefore: loadavg() },
    connections: CONNECTIONS,
    seconds: SECONDS,
    rounds: ROUNDS,
    backlog: BACKLOG,
    results: {},
  };
  const printed: string[] = [];
  for (const dialect of dialects) {
    const dir = mkdtempSync(join(tmpdir(), `vitality-press-${dialect}-`));
    const r = await rig(dialect, dir, false);
    const results: Results = {
      empty: { approve: emptySamples(), survey: emptySamples() },
      backlog: { approve: emptySamples(), survey: emptySamples() },
    };
    try {
      // Calibration (not counted): warms every target up and sizes the first approve pool.
      const calib = SCENARIOS.includes('approve') ? await approvePool(r, 3000) : undefined;
      const c = calib ? await load(r, 'server', calib.presses, false, Math.min(3, SECONDS)) : { ok: 0, seconds: 1 };
      await settle(r.targets.server.pid, async () => true);
      for (const t of ['bolt', 'hmac', 'calls'] as const) await load(r, t, r.surveyPresses, false, 1);
      await load(r, 'server', r.surveyPresses, false, 1);
      await settle(r.targets.server.pid, async () => true);
      const rate = { approve: c.ok / c.seconds };
      console.log(`[${dialect}] calibration: ${rate.approve.toFixed(0)} approve presses/s`);
      await scenarios(r, 'empty', results, rate);
      // BENCH_BACKLOG=0: the rounds without a backlog only.
      if (BACKLOG > 0) {
        const b = answer(await r.seed.ask({ type: 'backlog', n: BACKLOG }), 'backlog');
        console.log(`[${dialect}] backlog: ${b.pending} pending claims (written in ${(b.ms / 1000).toFixed(1)} s)`);
        await settle(r.targets.server.pid, async () => true);
        await scenarios(r, 'backlog', results, rate);
      }
    } finally {
      const log = join(dir, 'server.log');
      await r.stopAll();
      (out.results as Record<string, unknown>)[dialect] = results;
      printed.push(...table(dialect, results), '');
      console.log(`[${dialect}] server log: ${log}`);
    }
    // BENCH_KEEP=1 keeps the database and the server's log to look into.
    if (process.env.BENCH_KEEP !== '1') rmSync(dir, { recursive: true, force: true });
  }
  (out.machine as Record<string, unknown>).loadAfter = loadavg();
  console.log(`\n${printed.join('\n')}`);
  const loads = Object.values(out.results as Record<string, Results>).flatMap((res) =>
    Object.values(res).flatMap((p) =>
      Object.values(p).flatMap((s) =>
        Object.values(s)
          .flat()
          .map((x) => x.load1),
      ),
    ),
  );
  console.log(`load average (1 min) during the run: ${minMax(loads)}; machine: ${cpus().length} cores`);
  writeResults(out);
  if (failures.length > 0) {
    console.error(`\nFAILED: the work of ${failures.length} round(s) was wrong:\n${failures.join('\n')}`);
    process.exitCode = 1;
  }
}

/** bench/results/press.json: the press run's keys replace the file's, the memory run's `memory` key is added. */
function writeResults(part: Record<string, unknown>): void {
  const file = join(ROOT, 'bench', 'results', 'press.json');
  mkdirSync(dirname(file), { recursive: true });
  const before = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  const kept = 'memory' in part ? before : { memory: before.memory };
  // A run of one database (BENCH_DB) keeps the other's results from an earlier run.
  const results =
    'results' in part
      ? { ...(before.results as Record<string, unknown> | undefined), ...(part.results as Record<string, unknown>) }
      : undefined;
  writeFileSync(file, JSON.stringify({ ...kept, ...part, ...(results ? { results } : {}) }, null, 2) + '\n');
}

/** Until `n` heap snapshots are in `dir` and the newest has stopped growing (the server writes it on SIGUSR2). */
async function snapshotWritten(dir: string, n: number): Promise<void> {
  let last = -1;
  for (let i = 0; i < 600; i++) {
    await sleep(1000);
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.heapsnapshot'))
      .sort();
    if (files.length < n) continue;
    const size = statSync(join(dir, files.at(-1)!)).size;
    if (size > 0 && size === last) return;
    last = size;
  }
  fail(`heap snapshot ${n} not written in ${dir}`);
}

/** The memory run: all three adapters on, mixed presses at c=50 for MEMORY_MINUTES, RSS every 10 s. */
async function memoryRun(): Promise<void> {
  const dialect = (process.env.BENCH_DB as Dialect | undefined) ?? 'sqlite';
  if (!DIALECTS.includes(dialect)) fail(`BENCH_DB must be sqlite or postgres, not ${dialect}`);
  const dir = mkdtempSync(join(tmpdir(), `vitality-press-memory-`));
  const heapDir = join(tmpdir(), `vitality-press-heap-${Date.now()}`);
  if (HEAP_SNAPSHOTS) mkdirSync(heapDir, { recursive: true });
  const flags = [
    // The server's own process.memoryUsage() every 10 s, into its log: what of the RSS is V8's heap.
    `--import=data:text/javascript,setInterval(()=>process.stderr.write('MEMORY '+JSON.stringify(process.memoryUsage())+'\\n'),10000).unref()`,
    ...(HEAP_SNAPSHOTS ? ['--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${heapDir}`] : []),
  ];
  const r = await rig(dialect, dir, true, flags);
  const pid = r.targets.server.pid;
  try {
    await sleep(5000);
    const idle = rssMb(pid);
    console.log(`[memory ${dialect}] idle RSS after start, all three adapters on: ${idle.toFixed(0)} MB`);
    // Approve presses (stale once their claim is decided: a double click's path) interleaved with survey presses.
    const pool = await approvePool(r, Number(process.env.BENCH_MEMORY_CLAIMS ?? 20_000));
    const mixed = pool.presses.flatMap((p, i) => [p, r.surveyPresses[i % r.surveyPresses.length]!]);
    const samples: { s: number; rssMb: number; load1: number }[] = [];
    const t0 = performance.now();
    let snapAt1 = false;
    const sampler = setInterval(() => {
      const s = Math.round((performance.now() - t0) / 1000);
      samples.push({ s, rssMb: rssMb(pid), load1: loadavg()[0]! });
      console.log(`[memory ${dialect}] ${s} s: RSS ${samples.at(-1)!.rssMb.toFixed(0)} MB`);
      if (HEAP_SNAPSHOTS && !snapAt1 && s >= 60) {
        snapAt1 = true;
        process.kill(pid, 'SIGUSR2');
      }
    }, 10_000);
    const res = await load(r, 'server', mixed, false, MEMORY_MINUTES * 60);
    clearInterval(sampler);
    const end = rssMb(pid);
    await sleep(30_000);
    const after = rssMb(pid);
    // The end's snapshot after the last RSS reading: writing one grows the heap for a while.
    if (HEAP_SNAPSHOTS) {
      process.kill(pid, 'SIGUSR2');
      await snapshotWritten(heapDir, 2);
      console.log(`[memory ${dialect}] heap snapshots (after minute 1, at the end) in ${heapDir}`);
    }
    const minute1 = samples.find((x) => x.s >= 60)?.rssMb ?? NaN;
    // The server's memoryUsage() lines: the one nearest minute 1 and the last (MB).
    const usage = readFileSync(join(dir, 'server.log'), 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('MEMORY '))
      .map((l) => JSON.parse(l.slice('MEMORY '.length)) as Record<string, number>)
      .map((u) => Object.fromEntries(Object.entries(u).map(([k, v]) => [k, Math.round(v / 2 ** 20)])));
    const heap = { idle: usage[0], afterMinute1: usage[Math.min(usage.length - 1, 6)], atTheEnd: usage.at(-1) };
    console.log(`[memory ${dialect}] memoryUsage (MB) idle: ${JSON.stringify(heap.idle)}`);
    console.log(`[memory ${dialect}] memoryUsage (MB) after minute 1: ${JSON.stringify(heap.afterMinute1)}`);
    console.log(`[memory ${dialect}] memoryUsage (MB) at the end: ${JSON.stringify(heap.atTheEnd)}`);
    const summary = {
      dialect,
      minutes: MEMORY_MINUTES,
      idleMb: idle,
      minute1Mb: minute1,
      endMb: end,
      after30sMb: after,
      maxMb: Math.max(...samples.map((x) => x.rssMb)),
      endVsMinute1: end / minute1,
      requests: res.ok,
      rps: res.ok / res.seconds,
      p99: res.p99,
      non2xx: res.non2xx,
      errors: res.errors,
      load1: samples.map((x) => x.load1),
      samples,
      heapSnapshots: HEAP_SNAPSHOTS ? heapDir : undefined,
      memoryUsageMb: heap,
    };
    console.log(
      `[memory ${dialect}] RSS: idle ${idle.toFixed(0)} MB, after minute 1 ${minute1.toFixed(0)} MB, ` +
        `at the end ${end.toFixed(0)} MB (${((end / minute1 - 1) * 100).toFixed(0)}%), 30 s later ${after.toFixed(0)} MB; ` +
        `${res.ok} presses (${summary.rps.toFixed(0)}/s), p99 ${res.p99} ms, ${res.non2xx} non-2xx, ${res.errors} errors; ` +
        `load ${minMax(summary.load1)}`,
    );
    writeResults({ memory: summary });
  } finally {
    await r.stopAll();
    rmSync(dir, { recursive: true, force: true });
  }
}

await (MEMORY ? memoryRun() : pressRun());
