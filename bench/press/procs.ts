// The press bench's processes: forking a helper (`node --import tsx <file>`, with an IPC channel), starting the
// real server (src/main.ts the same way, so the pid is the process doing the work, not a tsx wrapper), and
// reading a process's CPU time and RSS from /proc.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const TSX = ['--import', 'tsx'];
/** The server is started as `npm start` and deploy/ start it: tsx's ESM hook only. Its CommonJS hook (what
 *  `--import tsx` adds) keeps a WebAssembly memory and a copy of each CommonJS package's source — the Lark SDK's
 *  11.7 MB bundle twice — that production never holds. */
const TSX_SERVER = ['--import', 'tsx/esm'];

/** A forked helper and its messages in order: `ask` sends one and waits for the next answer. */
export interface Helper<Out> {
  proc: ChildProcess;
  next(): Promise<Out>;
  ask(message: unknown): Promise<Out>;
  stop(): Promise<void>;
}

export function helper<Out>(
  file: string,
  schema: z.ZodType<Out>,
  o: { args?: string[]; env?: NodeJS.ProcessEnv } = {},
): Helper<Out> {
  const proc = fork(join(ROOT, 'bench', 'press', file), o.args ?? [], {
    cwd: ROOT,
    execArgv: TSX,
    env: o.env ?? process.env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const queue: Out[] = [];
  const waiting: { resolve(m: Out): void; reject(e: Error): void }[] = [];
  let exited: Error | undefined;
  proc.on('message', (raw) => {
    const m = schema.parse(raw);
    const w = waiting.shift();
    if (w) w.resolve(m);
    else queue.push(m);
  });
  proc.on('exit', (code, signal) => {
    exited = new Error(`${file} exited (${code ?? signal})`);
    for (const w of waiting.splice(0)) w.reject(exited);
  });
  const next = () =>
    queue.length > 0
      ? Promise.resolve(queue.shift()!)
      : exited
        ? Promise.reject(exited)
        : new Promise<Out>((resolve, reject) => waiting.push({ resolve, reject }));
  return {
    proc,
    next,
    ask: (message) => {
      proc.send(message as object);
      return next();
    },
    stop: () => stopProcess(proc),
  };
}

/** SIGTERM, then SIGKILL after 15 s; resolves once it is gone. */
export async function stopProcess(proc: ChildProcess): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  proc.kill('SIGTERM');
  const timer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
  await gone;
  clearTimeout(timer);
}

/** The real server as production runs it: src/main.ts, NODE_ENV=production, LOG_LEVEL=info, the sandbox off,
 *  its log (JSON lines at info) to a file. Resolves once /healthz answers. */
export async function startServer(o: {
  port: number;
  env: Record<string, string>;
  log: string;
  nodeFlags?: string[];
}): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.DATABASE_URL;
  delete env.DATABASE_PATH;
  const out = openSync(o.log, 'a');
  const proc = spawn(process.execPath, [...(o.nodeFlags ?? []), ...TSX_SERVER, 'src/main.ts'], {
    cwd: ROOT,
    env: {
      ...env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
      SANDBOX_ENABLED: 'false',
      HOST: '127.0.0.1',
      PORT: String(o.port),
      PUBLIC_BASE_URL: `http://127.0.0.1:${o.port}`,
      SESSION_SECRET: 'b'.repeat(64),
      SURVEY_SEAL_SECRET: 's'.repeat(64),
      SLACK_RATE_PER_SECOND: '1000',
      SLACK_RATE_PER_CHANNEL: '1000',
      // As deploy/Dockerfile and deploy/vitality.service set it.
      MALLOC_ARENA_MAX: '2',
      ...o.env,
    },
    stdio: ['ignore', out, out],
  });
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`the server exited while starting (${proc.exitCode}); see ${o.log}`);
    try {
      if ((await fetch(`http://127.0.0.1:${o.port}/healthz`)).ok) return proc;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stopProcess(proc);
      throw new Error(`the server did not answer /healthz within 120 s; see ${o.log}`);
    }
    await sleep(200);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// /proc/<pid>/stat: utime and stime are fields 14 and 15, in clock ticks (USER_HZ, 100 on Linux).
const TICK_MS = 10;
export function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

/** Resident set size in MB (VmRSS). */
export function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

/** Wait until `done()` holds and the process has gone quiet (under 4 ms of CPU in each of two 250 ms windows):
 *  a press is acked before its work is done, so the work left queued when the load stops is still its cost.
 *  Answers how long after the call `done()` first held — or undefined when the process stayed quiet for 5 s
 *  without it holding, or was still busy after `limitMs` (the caller's check says what is missing). */
export async function settle(
  pid: number,
  done: () => Promise<boolean>,
  limitMs = 180_000,
): Promise<number | undefined> {
  const t0 = performance.now();
  let doneAt: number | undefined;
  let quiet = 0;
  let last = cpuMs(pid);
  while (performance.now() - t0 < limitMs) {
    await sleep(250);
    const now = cpuMs(pid);
    quiet = now - last < 4 ? quiet + 1 : 0;
    last = now;
    if (doneAt === undefined && (await done())) doneAt = performance.now() - t0;
    if (doneAt !== undefined && quiet >= 2) return doneAt;
    if (doneAt === undefined && quiet >= 20) return undefined;
  }
  return undefined;
}
