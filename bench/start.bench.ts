// npm run bench:start (also part of npm run bench) — issue 22's start-up and idle-memory benchmark. Measures,
// does not assert. On an unchanged tree (the mini-app already built, the database already migrated and seeded by
// a first, uncounted start), in interleaved rounds:
//   - `npm start`: npm, prestart (scripts/build-web-if-changed.mjs) and the server, until /healthz answers;
//   - the server alone (package.json's scripts.start, `node --import tsx/esm src/main.ts`: what `npm start` runs
//     after prestart);
//   - prestart alone;
// each as wall time and as the CPU time of the whole process tree up to that moment (utime+stime of every
// process in the group, plus what they reaped, from /proc): on this shared 2-core machine the wall time follows
// the load, the CPU time much less. Then idle memory: the server with all three platform adapters on (Slack,
// Feishu and DingTalk against their local emulators, run in this process) and, for comparison, with the default
// settings (the sandbox only): RSS when /healthz answers and after BENCH_IDLE_SECONDS (30) idle, with the
// server's own process.memoryUsage() at that moment (asked for by SIGUSR2 through a preload given on the
// command line; nothing in the server changes).
//
// BENCH_DB=sqlite|postgres (default both; PostgreSQL: a throwaway cluster unless DATABASE_URL names one, a new
// database on it), BENCH_START_RUNS (5), BENCH_IDLE_SECONDS (30). Writes bench/results/start.json.
import { spawn, type ChildProcess } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startDingTalkEmulator } from '../tests/emulators/dingtalk/index.js';
import { startFeishuEmulator } from '../tests/emulators/feishu/open-api.js';
import { EMU_BOT_ID, EMU_BOT_USER_ID, startSlackEmulator } from '../tests/emulators/slack/index.js';
import { freePort } from '../tests/support/free-port.js';
import { createDatabase, startPostgres, type PostgresCluster } from '../tests/support/postgres.js';
import { median } from './child.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.BENCH_START_RUNS ?? 5);
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 30);
const DIALECTS = (process.env.BENCH_DB ? [process.env.BENCH_DB] : ['sqlite', 'postgres']) as ('sqlite' | 'postgres')[];
const TICK_MS = 1000 / Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
// The server's own view of its memory, written to stderr on SIGUSR2 (a preload: src/ is not touched).
const PROBE = `data:text/javascript,process.on('SIGUSR2',()=>process.stderr.write('MEMORY '+JSON.stringify(process.memoryUsage())+'\\n'))`;

interface Sample {
  wallMs: number;
  cpuMs: number;
}
type Scenario = 'npm start' | 'server alone' | 'prestart alone';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** /proc/<pid>/stat fields after the command name: [2] pgrp, [11..14] utime, stime, cutime, cstime. */
function stat(pid: string): string[] | undefined {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return s.slice(s.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined; // gone meanwhile
  }
}

/** CPU time of every live process in the group, with what each has reaped (the finished prestart, sh). */
function groupCpuMs(pgid: number): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const f = stat(pid);
    if (!f || Number(f[2]) !== pgid) continue;
    ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
  }
  return ticks * TICK_MS;
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** The settings every start gets: the database, a port on 127.0.0.1, warnings only in the log. */
function baseEnv(db: Record<string, string>, port: number, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...db, ...extra };
  if (!db.DATABASE_URL) delete env.DATABASE_URL;
  return { ...env, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn' };
}

interface Running {
  proc: ChildProcess;
  sample: Sample;
  stderr: () => string;
}

/** Start `cmd` in a process group of its own and wait for /healthz; the CPU is read at that moment. */
async function startUntilHealthy(cmd: string[], env: NodeJS.ProcessEnv, port: number): Promise<Running> {
  const t0 = performance.now();
  const proc = spawn(cmd[0]!, cmd.slice(1), { cwd: ROOT, env, detached: true, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (proc.exitCode !== null)
      throw new Error(`${cmd.join(' ')} exited (${proc.exitCode}) while starting:\n${stderr}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stopGroup(proc);
      throw new Error(`${cmd.join(' ')}: no /healthz within 180 s:\n${stderr}`);
    }
    await sleep(10);
  }
  const wallMs = performance.now() - t0;
  return { proc, sample: { wallMs, cpuMs: groupCpuMs(proc.pid!) }, stderr: () => stderr };
}

/** SIGTERM to the whole group (npm, sh and the server), SIGKILL after 15 s. */
async function stopGroup(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  process.kill(-proc.pid!, 'SIGTERM');
  const timer = setTimeout(() => process.kill(-proc.pid!, 'SIGKILL'), 15_000);
  await gone;
  clearTimeout(timer);
  await sleep(200); // npm's children finish their shutdown after npm itself
}

async function timeCommand(cmd: string[], env: NodeJS.ProcessEnv): Promise<Sample> {
  const t0 = performance.now();
  const proc = spawn(cmd[0]!, cmd.slice(1), { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
  const code = await new Promise<number | null>((resolve) => proc.on('exit', resolve));
  if (code !== 0) throw new Error(`${cmd.join(' ')} exited ${code}`);
  const wallMs = performance.now() - t0;
  // This process's reaped children: the command and everything it waited for.
  const f = stat(String(process.pid))!;
  return { wallMs, cpuMs: (Number(f[13]) + Number(f[14])) * TICK_MS };
}

// What `npm start` runs after prestart (package.json scripts.start, `node …`), with this node.
const START = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts
  .start;
const SERVER = [process.execPath, ...START.split(' ').slice(1)];
const NPM_START = ['npm', 'start', '--silent'];
const PRESTART = [process.execPath, 'scripts/build-web-if-changed.mjs'];

async function startTimes(db: Record<string, string>): Promise<Record<Scenario, Sample[]>> {
  const port = await freePort();
  const env = baseEnv(db, port);
  // The first start migrates and seeds (and may build the mini-app): not what this measures.
  await stopGroup((await startUntilHealthy(NPM_START, env, port)).proc);
  const out: Record<Scenario, Sample[]> = { 'npm start': [], 'server alone': [], 'prestart alone': [] };
  const order: Scenario[] = ['npm start', 'server alone', 'prestart alone'];
  for (let round = 0; round < RUNS; round++) {
    // Rotate the order each round, so no scenario always follows the same one.
    for (const s of [...order.slice(round % 3), ...order.slice(0, round % 3)]) {
      if (s === 'prestart alone') {
        const before = stat(String(process.pid))!;
        const reaped = (Number(before[13]) + Number(before[14])) * TICK_MS;
        const r = await timeCommand(PRESTART, env);
        out[s].push({ wallMs: r.wallMs, cpuMs: r.cpuMs - reaped });
      } else {
        const r = await startUntilHealthy(s === 'npm start' ? NPM_START : SERVER, env, port);
        out[s].push(r.sample);
        await stopGroup(r.proc);
      }
    }
  }
  return out;
}

interface Idle {
  atHealthyMb: number;
  afterIdleMb: number;
  memoryUsageMb: Record<string, number>;
}

/** The server alone with `extra` settings: RSS at /healthz and after the idle time, and its memoryUsage(). */
async function idleMemory(db: Record<string, string>, extra: Record<string, string>): Promise<Idle> {
  const port = await freePort();
  const cmd = [process.execPath, '--import', PROBE, ...SERVER.slice(1)];
  const r = await startUntilHealthy(cmd, baseEnv(db, port, extra), port);
  try {
    const pid = r.proc.pid!;
    const atHealthyMb = rssMb(pid);
    await sleep(IDLE_SECONDS * 1000);
    const afterIdleMb = rssMb(pid);
    process.kill(pid, 'SIGUSR2');
    let line: RegExpExecArray | null = null;
    for (let i = 0; i < 100 && !line; i++) {
      await sleep(50);
      line = /MEMORY (\{.*\})/.exec(r.stderr());
    }
    const usage = line ? (JSON.parse(line[1]!) as Record<string, number>) : {};
    const memoryUsageMb = Object.fromEntries(Object.entries(usage).map(([k, v]) => [k, round(v / 2 ** 20)]));
    return { atHealthyMb: round(atHealthyMb), afterIdleMb: round(afterIdleMb), memoryUsageMb };
  } finally {
    await stopGroup(r.proc);
  }
}

/** Slack, Feishu and DingTalk against emulators in this process (as tests/support/platform-harness.ts's env
 *  helpers, which are not imported: that file needs vitest). */
async function allPlatforms(): Promise<{ env: Record<string, string>; close(): Promise<void> }> {
  const slack = await startSlackEmulator({ botToken: 'xoxb-start-bench' });
  const feishu = await startFeishuEmulator();
  const dingtalk = await startDingTalkEmulator();
  return {
    env: {
      SLACK_BOT_TOKEN: 'xoxb-start-bench',
      SLACK_SIGNING_SECRET: 'start-bench-secret',
      SLACK_API_URL: slack.url,
      SLACK_BOT_ID: EMU_BOT_ID,
      SLACK_BOT_USER_ID: EMU_BOT_USER_ID,
      FEISHU_APP_ID: feishu.appId,
      FEISHU_APP_SECRET: feishu.appSecret,
      FEISHU_VERIFICATION_TOKEN: 'vt',
      FEISHU_ENCRYPT_KEY: 'ek',
      FEISHU_DOMAIN: feishu.url,
      DINGTALK_CLIENT_ID: dingtalk.clientId,
      DINGTALK_CLIENT_SECRET: dingtalk.clientSecret,
      DINGTALK_API_URL: dingtalk.url,
      DINGTALK_OAPI_URL: dingtalk.url,
      DINGTALK_GATEWAY_URL: dingtalk.gatewayUrl,
    },
    close: async () => {
      await Promise.all([slack.close(), feishu.close(), dingtalk.close()]);
    },
  };
}

const round = (n: number) => Math.round(n * 10) / 10;
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

const results: Record<string, unknown> = { cpus: cpus().length, runs: RUNS, idleSeconds: IDLE_SECONDS };
let cluster: PostgresCluster | undefined;
const scratch = mkdtempSync(join(tmpdir(), 'vitality-start-bench-'));
try {
  for (const dialect of DIALECTS) {
    let db: Record<string, string>;
    if (dialect === 'postgres') {
      const base = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : undefined;
      if (!base) cluster ??= await startPostgres();
      db = { DATABASE_URL: await createDatabase(base ?? cluster!.url) };
    } else {
      const dir = join(scratch, 'sqlite');
      mkdirSync(dir, { recursive: true });
      db = { DATABASE_PATH: join(dir, 'vitality.db') };
    }
    const loadBefore = load();
    console.log(`\n== ${dialect}: ${RUNS} rounds (load average ${loadBefore}, ${cpus().length} cpus)`);
    const times = await startTimes(db);
    console.log(
      `${'to /healthz'.padEnd(16)} ${'wall min'.padStart(9)} ${'median'.padStart(7)} ${'max'.padStart(7)}   ${'cpu min'.padStart(8)} ${'median'.padStart(7)} ${'max'.padStart(7)}  (ms)`,
    );
    const summary: Record<string, unknown> = {};
    for (const [s, xs] of Object.entries(times)) {
      const w = xs.map((x) => x.wallMs);
      const c = xs.map((x) => x.cpuMs);
      summary[s] = {
        wallMs: { min: round(Math.min(...w)), median: round(median(w)), max: round(Math.max(...w)) },
        cpuMs: { min: round(Math.min(...c)), median: round(median(c)), max: round(Math.max(...c)) },
        runs: xs.map((x) => ({ wallMs: round(x.wallMs), cpuMs: round(x.cpuMs) })),
      };
      const f = (n: number) => n.toFixed(0).padStart(7);
      console.log(
        `${s.padEnd(16)} ${f(Math.min(...w)).padStart(9)} ${f(median(w))} ${f(Math.max(...w))}   ${f(Math.min(...c)).padStart(8)} ${f(median(c))} ${f(Math.max(...c))}`,
      );
    }
    const emulators = await allPlatforms();
    let idle: Record<string, Idle>;
    try {
      idle = {
        'slack+feishu+dingtalk': await idleMemory(db, emulators.env),
        'default (sandbox only)': await idleMemory(db, {}),
      };
    } finally {
      await emulators.close();
    }
    for (const [k, v] of Object.entries(idle)) {
      const u = v.memoryUsageMb;
      console.log(
        `idle RSS, ${k}: ${v.atHealthyMb} MB at /healthz, ${v.afterIdleMb} MB after ${IDLE_SECONDS} s` +
          ` (heap used ${u.heapUsed} of ${u.heapTotal}, external ${u.external}, array buffers ${u.arrayBuffers})`,
      );
    }
    const loadAfter = load();
    console.log(`load average after: ${loadAfter}`);
    results[dialect] = { loadBefore, loadAfter, start: summary, idle };
  }
} finally {
  await cluster?.stop();
  rmSync(scratch, { recursive: true, force: true });
}
mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
writeFileSync(join(ROOT, 'bench', 'results', 'start.json'), `${JSON.stringify(results, null, 2)}\n`);
