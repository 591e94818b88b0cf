// Where /report pulse spends its time: seeds the data-layer bench's fixture (bench/data-layer/fixture.ts) on
// SQLite, or on a throwaway PostgreSQL cluster with `--pg`, then CPU-profiles this process (the V8 profiler
// that `node --cpu-prof` drives, here started around the reports only, so the seeding is not in it) while
// it reads the latest wave's report `BENCH_REPORTS` times (default 40). Prints the top functions and files
// by self time and writes the profile to the temp folder (open it in Chrome DevTools). On PostgreSQL the
// server's own work is in another process: the wall time left over beside this profile's is that.
//   npx tsx bench/data-layer/profile.ts [--pg]
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session, type Profiler } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPostgres } from '../../tests/support/postgres.js';

const pg = process.argv.includes('--pg');
const REPORTS = Number(process.env.BENCH_REPORTS ?? 40);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../..');

// BENCH_DB_URL (with --pg): an already seeded PostgreSQL database (e.g. a copy of the bench's BENCH_KEEP seed).
const given = pg ? process.env.BENCH_DB_URL : undefined;
const cluster = pg && !given ? await startPostgres() : undefined;
if (pg) process.env.DATABASE_URL = given ?? cluster!.url;
else delete process.env.DATABASE_URL;
// After DATABASE_URL is decided: the schema facade reads it when first imported.
const { openConfiguredDatabase, closeDatabase } = await import('../../src/db/connection.js');
const fx = await import('./fixture.js');
const ops = await import('./ops.js');
const { getTemplate } = await import('../../src/domain/surveys/templates.js');
const { sqlFor } = await import('../../tests/support/sql.js');

// BENCH_DB_FILE (SQLite): seed that file once and profile it again on the next runs.
const kept = !pg && process.env.BENCH_DB_FILE;
const reuse = kept ? existsSync(kept) : given !== undefined;
const scratch = pg || kept ? undefined : mkdtempSync(join(tmpdir(), 'vitality-profile-'));
const db = await openConfiguredDatabase(
  pg
    ? { databaseUrl: process.env.DATABASE_URL!, databasePath: '' }
    : { databasePath: kept || join(scratch!, 'bench.db') },
);
try {
  if (!reuse) await fx.seedPulseHistory(db);
  const sql = sqlFor(db);
  const ids = (await sql.rows<{ id: number }>('select id from survey_waves order by opened_at, id')).map((r) =>
    Number(r.id),
  );
  const template = (await getTemplate(
    db,
    Number((await sql.row<{ t: number }>('select template_id as t from survey_waves'))!.t),
  ))!;
  const b = await ops.benchOn(db, ids, template);
  for (let i = 0; i < 5; i++) await ops.reportFigures(db, b); // warm

  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  const t0 = performance.now();
  for (let i = 0; i < REPORTS; i++) await ops.reportFigures(db, b);
  const wall = (performance.now() - t0) / REPORTS;
  const { profile } = (await session.post('Profiler.stop')) as { profile: Profiler.Profile };
  session.disconnect();
  const h0 = performance.now();
  for (let i = 0; i < REPORTS; i++) await ops.handFigures(db, template, [ids.at(-1)!]);
  const hand = (performance.now() - h0) / REPORTS;

  const out = join(tmpdir(), `report-pulse-${pg ? 'postgres' : 'sqlite'}.cpuprofile`);
  writeFileSync(out, JSON.stringify(profile));

  // Self time per node: samples × interval, by function and by file.
  const dt = new Map<number, number>();
  const deltas = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (deltas[i] ?? 0)));
  const byFn = new Map<string, number>();
  const byFile = new Map<string, number>();
  for (const n of profile.nodes) {
    const us = dt.get(n.id) ?? 0;
    const f = n.callFrame;
    const file = !f.url ? '(native)' : f.url.startsWith('file:') ? relative(ROOT, fileURLToPath(f.url)) : f.url;
    const fn = `${f.functionName || '(anonymous)'}  ${file}:${f.lineNumber + 1}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + us);
    const group = file.replace(/^node_modules\/([^/]+(\/[^/]+)?)\/.*$/, 'node_modules/$1');
    byFile.set(group, (byFile.get(group) ?? 0) + us);
  }
  const total = [...byFn.values()].reduce((s, v) => s + v, 0);
  // Idle: this process waiting (on PostgreSQL, for the server's answers).
  const idle = [...byFn].filter(([k]) => k.startsWith('(idle)')).reduce((s, [, v]) => s + v, 0);
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(
        ([k, us]) =>
          `  ${((us / total) * 100).toFixed(1).padStart(5)}%  ${(us / 1000 / REPORTS).toFixed(2).padStart(6)} ms  ${k}`,
      )
      .join('\n');
  console.log(
    `${pg ? 'PostgreSQL' : 'SQLite'}: /report pulse (latest wave) ${wall.toFixed(1)} ms per report, ` +
      `hand SQL ${hand.toFixed(1)} ms (${(wall / hand).toFixed(2)}×); per report this process ran ${((total - idle) / 1000 / REPORTS).toFixed(1)} ms and waited ${(idle / 1000 / REPORTS).toFixed(1)} ms`,
  );
  console.log(`\nby file or package (self time, per report):\n${top(byFile, 15)}`);
  console.log(`\nby function (self time, per report):\n${top(byFn, 25)}`);
  console.log(`\nwrote ${out}`);
} finally {
  await closeDatabase(db);
  await cluster?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}
