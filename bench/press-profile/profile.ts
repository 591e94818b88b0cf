// Where a card press spends the real server's CPU: the press bench's rig (bench/press/*: seed child, Slack
// emulator, loader) around one real server started with `node --cpu-prof`, no yardsticks. Per scenario it presses
// for PROFILE_SECONDS (10; approve: each on a distinct fresh claim, its card sent to the approver and the
// applicant; survey: Answer on the open wave) at PROFILE_CONNECTIONS (10: below saturation, so the profile is the
// work, not a queue), waits for the work to be done (approve: also the outbox empty — the redrawn cards and the
// notices sent, the server's Slack pace being raised), and prints the server's CPU ms per press from /proc — its
// main thread (the event loop; the profiler's sampling threads are busy all the time) and the whole process — and
// the top self time by package and by function within that scenario's window (the profile's samples are stamped
// with the monotonic clock this process reads too). Not a comparison with bare Bolt: `npm run bench:press` is
// that. On a shared machine the milliseconds move with the load: compare runs taken side by side.
//   npx tsx bench/press-profile/profile.ts    (BENCH_DB=sqlite|postgres, BENCH_WAVES (12), BENCH_SCENARIOS,
//   PROFILE_SECONDS, PROFILE_POOL (4000 claims), PROFILE_TOP, PROFILE_OFF=1: no profiler, BENCH_KEEP=1)
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../tests/support/free-port.js';
import { fromEmulators, fromLoader, fromSeed, type Claim, type Press } from '../press/protocol.js';
import { cpuMs, helper, ROOT, sleep, startServer, stopProcess } from '../press/procs.js';

const DB = process.env.BENCH_DB === 'postgres' ? 'postgres' : 'sqlite';
const SECONDS = Number(process.env.PROFILE_SECONDS ?? 10);
/** Fresh claims for the approve window: it must outlast the window (a wrapped list presses decided claims). */
const POOL = Number(process.env.PROFILE_POOL ?? 4000);
const CONNECTIONS = Number(process.env.PROFILE_CONNECTIONS ?? 10);
const SCENARIOS = (process.env.BENCH_SCENARIOS ?? 'approve,survey').split(',');
const TOP = Number(process.env.PROFILE_TOP ?? 30);
const SECRET = 'press-bench-secret';
const PROFILE = process.env.PROFILE_OFF !== '1';
process.env.BENCH_WAVES ??= '12';

const fail = (message: string): never => {
  throw new Error(`press profile: ${message}`);
};
function answer<T extends { type: string }, K extends T['type']>(m: T, type: K): Extract<T, { type: K }> {
  if (m.type === type) return m as Extract<T, { type: K }>;
  return fail(`expected ${type}, got ${JSON.stringify(m).slice(0, 2000)}`);
}
const micros = () => Number(process.hrtime.bigint() / 1000n);

/** CPU ms of the process's main thread (the event loop: the profiler's own threads are not in it). */
function mainThreadMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Until `done()` holds and the main thread has gone quiet (under 4 ms of CPU in each of two 250 ms windows).
 *  The press bench's settle reads the whole process, which the profiler's sampling thread never lets go quiet. */
async function settle(pid: number, done: () => Promise<boolean>, limitMs = 180_000): Promise<void> {
  const t0 = performance.now();
  let quiet = 0;
  let last = mainThreadMs(pid);
  let isDone = false;
  while (performance.now() - t0 < limitMs) {
    await sleep(250);
    const now = mainThreadMs(pid);
    quiet = now - last < 4 ? quiet + 1 : 0;
    last = now;
    isDone ||= await done();
    if (isDone && quiet >= 2) return;
  }
  fail('the server did not finish the work in time');
}

const dir = mkdtempSync(join(tmpdir(), `vitality-press-profile-${DB}-`));
const profDir = join(dir, 'prof');
let cluster: { url: string; stop(): Promise<void> } | undefined;
const dbEnv: Record<string, string> = {};
if (DB === 'sqlite') dbEnv.DATABASE_PATH = join(dir, 'press.db');
else {
  const { createDatabase, startPostgres } = await import('../../tests/support/postgres.js');
  cluster = process.env.DATABASE_URL ? undefined : await startPostgres();
  dbEnv.DATABASE_URL = cluster ? cluster.url : await createDatabase(process.env.DATABASE_URL!);
}
const env: NodeJS.ProcessEnv = { ...process.env, ...dbEnv };
if (DB === 'sqlite') delete env.DATABASE_URL;

const seed = helper('seed.ts', fromSeed, { env });
const emu = helper('emulators.ts', fromEmulators, { env: { ...process.env, BENCH_SLACK_SECRET: SECRET } });
const loader = helper('loader.ts', fromLoader);
let server: ChildProcess | undefined;
try {
  answer(await seed.next(), 'ready');
  const seeded = answer(await seed.ask({ type: 'seed' }), 'seeded');
  const ready = answer(await emu.next(), 'ready');
  answer(
    await emu.ask({ type: 'users', users: seeded.employees.map((e) => ({ id: `UE${e.id}`, email: e.email })) }),
    'ok',
  );
  answer(await loader.next(), 'ready');
  const port = await freePort();
  server = await startServer({
    port,
    env: { ...dbEnv, ...ready.env },
    log: join(dir, 'server.log'),
    // PROFILE_OFF=1: the same run without the profiler (its sampling costs CPU too), for the /proc figure.
    nodeFlags: PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`, '--cpu-prof-interval=500'] : [],
  });
  const pid = server.pid!;
  const url = `http://127.0.0.1:${port}`;
  const ts = async (channels: string[]) =>
    answer(await emu.ask({ type: 'messages', channels, text: 'card', blocks: [] }), 'messages').ts;
  const run = async (presses: Press[], once: boolean, seconds: number) => {
    const m = await loader.ask({
      type: 'run',
      url,
      secret: SECRET,
      responseBase: ready.slackBase,
      presses,
      once,
      connections: CONNECTIONS,
      seconds,
    });
    return answer(m, 'result').result;
  };
  const approvePresses = async (n: number): Promise<{ claims: Claim[]; presses: Press[] }> => {
    const claims = answer(await seed.ask({ type: 'claims', n }), 'claims').claims;
    // Each claim's card in the approver's DM and in the applicant's, as sent: both are redrawn on a decision.
    const holders = claims.flatMap((c) => [c.approver, c.applicant]);
    const stamps = await ts(holders.map((id) => `DUE${id}`));
    const cards = holders.map((id, i) => ({
      id: claims[i >> 1]!.id,
      userId: `UE${id}`,
      channel: `DUE${id}`,
      ts: stamps[i]!,
    }));
    answer(await seed.ask({ type: 'cards', cards }), 'cards');
    return {
      claims,
      presses: claims.map((c, i) => ({
        userId: `UE${c.approver}`,
        channel: `DUE${c.approver}`,
        ts: stamps[2 * i]!,
        actionId: 'a:4:0',
        value: JSON.stringify({ k: 'approval.approve', id: String(c.id), v: String(c.version) }),
      })),
    };
  };
  const surveyStamps = await ts(seeded.employees.map((e) => `DUE${e.id}`));
  const surveyPresses = seeded.employees.map((e, i): Press => ({
    userId: `UE${e.id}`,
    channel: `DUE${e.id}`,
    ts: surveyStamps[i]!,
    actionId: `form:survey-${seeded.waveId}`,
    value: JSON.stringify({ k: 'survey.answer', id: String(seeded.waveId) }),
  }));
  const count = async () => answer(await emu.ask({ type: 'count', method: 'views.open' }), 'count').n;

  // Warm-up (not in a window): both paths compiled and every cache filled once.
  const warm = await approvePresses(300);
  await run(warm.presses, true, 5);
  await run(surveyPresses.slice(0, 300), true, 5);
  await settle(pid, async () => true);

  const windows: Window[] = [];
  for (const scenario of SCENARIOS) {
    const pool = scenario === 'approve' ? await approvePresses(POOL) : undefined;
    const opened0 = await count();
    const cpu0 = cpuMs(pid);
    const main0 = mainThreadMs(pid);
    const from = micros();
    const res = await run(pool?.presses ?? surveyPresses, scenario === 'approve', SECONDS);
    if (res.wrapped) fail(`the ${POOL} claims were used up: raise PROFILE_POOL`);
    const lo = pool?.claims[0]?.id ?? 0;
    const hi = pool?.claims.at(-1)?.id ?? 0;
    await settle(pid, async () =>
      scenario === 'approve'
        ? ((c) => Object.keys(c.approvals).length >= res.ok && c.unsent === 0)(
            answer(await seed.ask({ type: 'check', lo, hi }), 'check'),
          )
        : (await count()) - opened0 >= res.ok,
    );
    const to = micros();
    const cpu = cpuMs(pid) - cpu0;
    const main = mainThreadMs(pid) - main0;
    windows.push({ scenario, from, to, presses: res.ok, cpu: main });
    console.log(
      `[${DB}] ${scenario}: ${res.ok} presses (${res.non2xx} non-2xx, ${res.errors} errors) at c=${CONNECTIONS}, ` +
        `server CPU per press ${(main / res.ok).toFixed(2)} ms on the main thread, ${(cpu / res.ok).toFixed(2)} ms in all ` +
        `(with the profiler's threads when on), p50 ${res.p50} ms, load ${loadavg()[0]!.toFixed(2)}`,
    );
  }
  await stopProcess(server);
  if (PROFILE) summarise(windows);
} finally {
  if (server) await stopProcess(server);
  for (const h of [loader, emu, seed]) h.proc.send({ type: 'exit' });
  await Promise.all([loader.stop(), emu.stop(), seed.stop()]);
  await cluster?.stop();
  if (process.env.BENCH_KEEP !== '1') rmSync(dir, { recursive: true, force: true });
}

interface Window {
  scenario: string;
  from: number;
  to: number;
  presses: number;
  cpu: number;
}

/** Self time per package and per function, within each scenario's window of the profile. */
function summarise(windows: Window[]): void {
  const file = readdirSync(profDir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) fail(`no profile written in ${profDir}`);
  const profile = JSON.parse(readFileSync(join(profDir, file!), 'utf8')) as {
    nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
    startTime: number;
    samples: number[];
    timeDeltas: number[];
  };
  const frame = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  for (const w of windows) {
    const byFn = new Map<string, number>();
    const byFile = new Map<string, number>();
    let at = profile.startTime;
    let total = 0;
    profile.samples.forEach((id, i) => {
      const dt = profile.timeDeltas[i] ?? 0;
      at += dt;
      if (at < w.from || at > w.to) return;
      const f = frame.get(id)!;
      if (f.functionName === '(idle)' || f.functionName === '(program)') return;
      const file = !f.url ? '(native)' : f.url.startsWith('file:') ? relative(ROOT, fileURLToPath(f.url)) : f.url;
      const fn = `${f.functionName || '(anonymous)'}  ${file}:${f.lineNumber + 1}`;
      byFn.set(fn, (byFn.get(fn) ?? 0) + dt);
      const group = file.replace(/^node_modules\/((@[^/]+\/)?[^/]+)\/.*$/, 'node_modules/$1');
      byFile.set(group, (byFile.get(group) ?? 0) + dt);
      total += dt;
    });
    const top = (m: Map<string, number>, n: number) =>
      [...m]
        .sort((a, b) => b[1] - a[1])
        .slice(0, n)
        .map(
          ([k, us]) =>
            `  ${((us / total) * 100).toFixed(1).padStart(5)}%  ${(us / 1000 / w.presses).toFixed(3).padStart(7)} ms  ${k}`,
        )
        .join('\n');
    console.log(
      `\n[${DB}] ${w.scenario}: sampled JS/native ${(total / 1000 / w.presses).toFixed(2)} ms per press ` +
        `(main thread, /proc: ${(w.cpu / w.presses).toFixed(2)} ms)\nby file or package (self time):\n${top(byFile, 20)}\n` +
        `by function (self time):\n${top(byFn, TOP)}`,
    );
  }
  console.log(`\nprofile: ${join(profDir, file!)}`);
}
