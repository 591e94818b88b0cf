// The minute tick behind 60,000 pending approval requests (issue 22: "the minute tick never blocks the event loop
// for more than 20 ms at that backlog"), on SQLite and on PostgreSQL.
//
// Each database lives in its own child process (src/db/schema.ts picks its tables from DATABASE_URL when first
// imported): the child imports the 2,000-person org, submits BENCH_CLAIMS claims through the domain and copies
// them in bulk to BENCH_BACKLOG pending requests (bench/data-layer/fixture.ts). Each round it first sets a
// realistic mix by SQL, relative to the tick's time — most requests waiting less than the reminder age, 2% due
// a reminder, 12.8% past it but reminded recently (not due), 0.2% due escalation (a different 0.2% each round)
// — then runs `tick()` twice: the catch-up tick that finds all of that due, and the next minute's tick, which
// finds nothing due. During each it measures the longest event-loop block two ways: the largest gap between
// beats of a 1 ms timer, and perf_hooks.monitorEventLoopDelay's maximum (resolution 1 ms). The parent
// alternates the children round by round and prints medians (and the worst round) per database.
// PostgreSQL: a throwaway cluster (tests/support/postgres.ts) unless DATABASE_URL names a server (a fresh
// database is made on it). Measures, asserts nothing but that the due work was done.
//
// BENCH_ROUNDS (default 5), BENCH_BACKLOG (default 60000), BENCH_CLAIMS (default 200), BENCH_DB=sqlite|postgres
// (default both), BENCH_TICK_PROFILE=<folder>: a CPU profile of each catch-up tick written there (.cpuprofile,
// for DevTools), to see what a long block was spent on.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { median, spawnChild } from './child.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const BACKLOG = Number(process.env.BENCH_BACKLOG ?? 60_000);
const CLAIMS = Number(process.env.BENCH_CLAIMS ?? 200);
const ALL_DIALECTS = ['sqlite', 'postgres'] as const;
type Dialect = (typeof ALL_DIALECTS)[number];
const DIALECTS = ALL_DIALECTS.filter((d) => !process.env.BENCH_DB || process.env.BENCH_DB === d);
const PROFILE_DIR = process.env.BENCH_TICK_PROFILE;
const HOUR = 3_600_000;

const sample = z.object({ tickMs: z.number(), gapMs: z.number(), delayMaxMs: z.number() });
type Sample = z.infer<typeof sample>;
const fromChild = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), pending: z.number(), seedMs: z.number() }),
  z.object({
    type: z.literal('round'),
    catchUp: sample,
    idle: sample,
    did: z.object({ reminded: z.number(), escalated: z.number() }),
  }),
  z.object({ type: z.literal('error'), message: z.string() }),
]);
type FromChild = z.infer<typeof fromChild>;
const toChild = z.discriminatedUnion('type', [
  z.object({ type: z.literal('round'), round: z.number().int() }),
  z.object({ type: z.literal('exit') }),
]);

/** Watch the event loop while fn runs: the longest gap between 1 ms timer beats, and the delay histogram's max. */
async function watched(fn: () => Promise<unknown>): Promise<Sample> {
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  let last = performance.now();
  let gap = 0;
  let timer: NodeJS.Timeout | undefined;
  const beat = () => {
    const t = performance.now();
    gap = Math.max(gap, t - last);
    last = t;
    timer = setTimeout(beat, 1);
  };
  timer = setTimeout(beat, 1);
  const start = performance.now();
  await fn();
  const end = performance.now();
  clearTimeout(timer);
  gap = Math.max(gap, end - last);
  h.disable();
  return { tickMs: end - start, gapMs: gap, delayMaxMs: h.max / 1e6 };
}

// ---------------------------------------------------------------------------------------------------------
// The child: one database.

async function child(dialect: Dialect, target: string): Promise<void> {
  // Imported here, after the parent set DATABASE_URL for this process: the schema facade reads it at load.
  const { openConfiguredDatabase, closeDatabase, checkpointTruncate } = await import('../src/db/connection.js');
  const { loadConfig } = await import('../src/config.js');
  const { tick } = await import('../src/bot/scheduler.js');
  const { importOrgCsv } = await import('../src/domain/org/org-import.js');
  const { seededRng } = await import('../src/domain/demo/prng.js');
  const { sqlFor } = await import('../tests/support/sql.js');
  const fx = await import('./data-layer/fixture.js');
  const send = (m: FromChild) => process.send!(m);
  try {
    const t0 = performance.now();
    const db = await openConfiguredDatabase(
      dialect === 'postgres' ? { databaseUrl: target, databasePath: '' } : { databasePath: target },
    );
    // The seal key file sits beside DATABASE_PATH: on PostgreSQL give it a folder of this run's, not the URL.
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      ...(dialect === 'postgres'
        ? { DATABASE_URL: target, SURVEY_SEAL_SECRET: 's'.repeat(64) }
        : { DATABASE_PATH: target }),
    });
    const imported = await importOrgCsv(db, fx.grownOrgCsv(seededRng(21)), { kind: 'system' }, 'demo');
    if (!imported.ok) throw new Error(`org import failed: ${JSON.stringify(imported)}`);
    const claims = await fx.submitClaims(db, CLAIMS, new Date());
    await fx.pendingBacklog(db, claims, BACKLOG - claims.length);
    const sql = sqlFor(db);
    const pending = Number(
      (await sql.row<{ n: number }>("select count(*) as n from approval_requests where status = 'pending'"))!.n,
    );
    send({ type: 'ready', pending, seedMs: performance.now() - t0 });

    const remindMs = config.approvals.remindAfterHours * HOUR;
    const escalateMs = config.approvals.escalateAfterHours * HOUR;
    const platforms = new Set(['sandbox'] as const);
    process.on('message', (raw) => {
      void (async () => {
        const m = toChild.parse(raw);
        try {
          if (m.type === 'exit') {
            await closeDatabase(db);
            process.exit(0);
          }
          const now = new Date();
          const iso = (ms: number) => new Date(now.getTime() - ms).toISOString();
          // The mix, by id: 2% due a reminder; 12.8% past the reminder age but reminded 10 h ago; 0.2% (moving
          // round by round) due escalation; the rest started 0–19 h ago.
          const escalating = `id % 1000 in (${200 + 2 * m.round}, ${201 + 2 * m.round})`;
          await sql.run(
            `update approval_requests set
               step_started_at = case when id % 1000 < 20 then ? when id % 1000 < 148 then ? when ${escalating} then ?
                                      else ? end,
               reminded_at = case when id % 1000 >= 20 and id % 1000 < 148 then ? else null end
             where status = 'pending'`,
            iso(remindMs + 6 * HOUR),
            iso(remindMs + 16 * HOUR),
            iso(escalateMs + 8 * HOUR),
            iso(((m.round % 19) + 1) * HOUR),
            iso(10 * HOUR),
          );
          // The mix rewrote every pending row: on SQLite, copy that WAL back now, or the tick's first commit
          // would run the checkpoint for it and the bench would time the mix's write, not the tick.
          checkpointTruncate(db);
          let did = { reminded: 0, escalated: 0 };
          const profiler = PROFILE_DIR ? new Session() : undefined;
          if (profiler) {
            profiler.connect();
            await profiler.post('Profiler.enable');
            await profiler.post('Profiler.setSamplingInterval', { interval: 100 });
            await profiler.post('Profiler.start');
          }
          const catchUp = await watched(async () => {
            const r = await tick(db, config, platforms, now);
            did = { reminded: r.approvalsReminded, escalated: r.approvalsEscalated };
          });
          if (profiler) {
            const { profile } = await profiler.post('Profiler.stop');
            writeFileSync(join(PROFILE_DIR!, `tick-${dialect}-${m.round}.cpuprofile`), JSON.stringify(profile));
            profiler.disconnect();
          }
          const idle = await watched(() => tick(db, config, platforms, new Date(now.getTime() + 60_000)));
          send({ type: 'round', catchUp, idle, did });
        } catch (err) {
          send({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
        }
      })();
    });
  } catch (err) {
    send({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
}

// ---------------------------------------------------------------------------------------------------------
// The parent: the PostgreSQL cluster, the children, the rounds, the table.

async function parent(): Promise<void> {
  const { createDatabase, startPostgres } = await import('../tests/support/postgres.js');
  const dir = mkdtempSync(join(tmpdir(), 'vitality-bench-tick-'));
  const pg = DIALECTS.includes('postgres');
  const cluster = !pg || process.env.DATABASE_URL ? undefined : await startPostgres();
  const pgUrl = !pg ? '' : cluster ? cluster.url : await createDatabase(process.env.DATABASE_URL!);
  const children = new Map<Dialect, ReturnType<typeof spawnChild<FromChild>>>();
  const load = [loadavg()];
  try {
    for (const d of DIALECTS) {
      const c = spawnChild(
        fileURLToPath(import.meta.url),
        fromChild,
        d,
        d === 'postgres' ? pgUrl : join(dir, 'tick.db'),
      );
      children.set(d, c);
      const ready = await c.next();
      if (ready.type !== 'ready') throw new Error(`${d}: expected ready`);
      console.log(`${d.padEnd(8)} ${ready.pending} pending, seeded in ${(ready.seedMs / 1000).toFixed(1)} s`);
    }
    const rounds = new Map<Dialect, Extract<FromChild, { type: 'round' }>[]>(DIALECTS.map((d) => [d, []]));
    for (let r = 0; r < ROUNDS; r++) {
      for (const d of r % 2 ? [...DIALECTS].reverse() : DIALECTS) {
        const c = children.get(d)!;
        c.proc.send({ type: 'round', round: r });
        const m = await c.next();
        if (m.type !== 'round') throw new Error(`${d}: expected a round`);
        rounds.get(d)!.push(m);
      }
      load.push(loadavg());
      process.stdout.write(`round ${r + 1}/${ROUNDS} done\n`);
    }
    const f = (x: number) => x.toFixed(1).padStart(8);
    console.log(`\nminute tick, ${BACKLOG.toLocaleString('en')} pending; ms, median (max) of ${ROUNDS} rounds`);
    console.log(
      `${'database'.padEnd(10)}${'tick'.padStart(20)}${'longest gap'.padStart(20)}${'delay max'.padStart(20)}  did`,
    );
    for (const d of DIALECTS) {
      for (const phase of ['catchUp', 'idle'] as const) {
        const xs = rounds.get(d)!.map((m) => m[phase]);
        const col = (k: keyof Sample) =>
          `${f(median(xs.map((x) => x[k])))} (${f(Math.max(...xs.map((x) => x[k])))})`.padStart(20);
        const did = rounds.get(d)!.map((m) => `${m.did.reminded}r/${m.did.escalated}e`)[0]!;
        console.log(
          `${`${d} ${phase === 'catchUp' ? 'due' : 'idle'}`.padEnd(16)}${col('tickMs')}${col('gapMs')}${col('delayMaxMs')}  ${phase === 'catchUp' ? did : ''}`,
        );
      }
    }
    console.log(
      `load average (1 min) during the run: ${load.map((l) => l[0]!.toFixed(2)).join(' ')}; 2 cores shared with other work`,
    );
  } finally {
    for (const c of children.values()) c.proc.send({ type: 'exit' });
    await Promise.all(
      [...children.values()].map((c) => new Promise<void>((resolve) => c.proc.once('exit', () => resolve()))),
    );
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'child') await child(process.argv[3] as Dialect, process.argv[4]!);
else await parent();
