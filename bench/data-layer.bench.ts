// npm run bench (third part) — the data layer on SQLite and on PostgreSQL, against a hand-written SQL aggregate
// over the same rows on each: /report pulse over three years of weekly waves for 2,000 people (~2.5M answer
// rows), the trend, and a manager's "approve" press with no backlog and behind 60,000 pending claims.
//
// src/db/schema.ts picks its tables from DATABASE_URL when first imported, so each database lives in its own
// child process: this script forks itself (`child sqlite|postgres`, DATABASE_URL set or removed), each child
// seeds its database and then runs one round of every measurement whenever the parent asks. The parent
// alternates the children round by round (interleaved, never both at once) and prints medians and ratios.
// The report and the trend read the tallies written at each wave's close (survey_tallies); the hand-written
// SQL aggregates the raw answer rows, as a report without tallies would have to: the ratio is the report
// against aggregating the rows it is derived from.
// PostgreSQL: a throwaway cluster (tests/support/postgres.ts) unless DATABASE_URL names one (a fresh database
// is made on it). Writes bench/results/data-layer.json. Measures, does not assert — except that the report and
// the hand-written SQL compute the same figures, which it checks and fails loudly on.
//
// BENCH_ROUNDS (default 5) rounds; BENCH_PRESSES (default 40) approve presses per round and phase; BENCH_KEEP
// (a folder) keeps the seeded history for later runs (PostgreSQL: only on a server DATABASE_URL names).
// BENCH_DB=sqlite|postgres runs one database only (its own ratios; no PG/SQLite column, the results file is
// left as it is): for working on one side without the other's seed and rounds.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { median, spawnChild } from './child.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const PRESSES = Number(process.env.BENCH_PRESSES ?? 40);
const BACKLOG = Number(process.env.BENCH_BACKLOG ?? 60_000);
const HERE = dirname(fileURLToPath(import.meta.url));
const ALL_DIALECTS = ['sqlite', 'postgres'] as const;
type Dialect = (typeof ALL_DIALECTS)[number];
const ONLY = process.env.BENCH_DB ? z.enum(ALL_DIALECTS).parse(process.env.BENCH_DB) : undefined;
const DIALECTS: readonly Dialect[] = ONLY ? [ONLY] : ALL_DIALECTS;

/** What each child times in a round, in ms: a whole op (report.waves = all waves, one report each). */
const OPS = [
  'report.latest',
  'command.latest',
  'hand.latest',
  'report.waves',
  'hand.waves',
  'trend',
  'hand.trend',
] as const;
type Op = (typeof OPS)[number] | 'press' | 'press.backlog';

const fromChild = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('ready'),
    seed: z.record(z.string(), z.unknown()),
    fingerprint: z.string(),
  }),
  z.object({ type: z.literal('round'), ms: z.record(z.string(), z.number()) }),
  z.object({ type: z.literal('backlog'), ms: z.number() }),
  z.object({ type: z.literal('error'), message: z.string() }),
]);
type FromChild = z.infer<typeof fromChild>;
const toChild = z.discriminatedUnion('type', [
  z.object({ type: z.literal('round'), round: z.number().int(), phase: z.enum(['empty', 'backlog']) }),
  z.object({ type: z.literal('backlog') }),
  z.object({ type: z.literal('exit') }),
]);
type ToChild = z.infer<typeof toChild>;

// ---------------------------------------------------------------------------------------------------------
// The child: one database.

async function child(dialect: Dialect, target: string): Promise<void> {
  // Imported here, after the parent set DATABASE_URL for this process: the schema facade reads it at load.
  const { openConfiguredDatabase, closeDatabase } = await import('../src/db/connection.js');
  const { getTemplate } = await import('../src/domain/surveys/templates.js');
  const { sqlFor } = await import('../tests/support/sql.js');
  const fx = await import('./data-layer/fixture.js');
  const ops = await import('./data-layer/ops.js');
  const send = (m: FromChild) => process.send!(m);
  try {
    const open = (at: string) =>
      openConfiguredDatabase(dialect === 'postgres' ? { databaseUrl: at, databasePath: '' } : { databasePath: at });
    const t0 = performance.now();
    let seeded: Record<string, unknown>;
    let db: Awaited<ReturnType<typeof open>>;
    if (KEEP) {
      // The pulse history seeded once into a kept copy (a SQLite file, a PostgreSQL template database) and
      // copied for each run: the claims and presses below write to the copy, never to the kept seed.
      const kept = await keptSeed(dialect, target, async (at) => {
        const seedDb = await open(at);
        try {
          return { ...(await fx.seedPulseHistory(seedDb)) };
        } finally {
          await closeDatabase(seedDb);
        }
      });
      seeded = kept.seed;
      db = await open(kept.target);
    } else {
      db = await open(target);
      seeded = { ...(await fx.seedPulseHistory(db)) };
    }
    const claimsAt = performance.now();
    const claims = await fx.submitClaims(db, 2 * ROUNDS * PRESSES, new Date());
    const claimsMs = performance.now() - claimsAt;
    const seedMs = performance.now() - t0;

    const sql = sqlFor(db);
    const waveIds = (await sql.rows<{ id: number }>('select id from survey_waves order by opened_at, id')).map((r) =>
      Number(r.id),
    );
    const templateId = Number(
      (await sql.row<{ id: number }>('select template_id as id from survey_waves limit 1'))!.id,
    );
    const template = (await getTemplate(db, templateId))!;
    const b = await ops.benchOn(db, waveIds, template);
    const latest = waveIds.at(-1)!;
    const trendIds = waveIds.slice(-8);

    // Once, untimed: both paths give the same figures (and the caches and the JIT are warm after it).
    const all = new Map<number, Awaited<ReturnType<typeof ops.reportFigures>>[1]>();
    for (const id of waveIds) {
      const [wid, f] = await ops.reportFigures(db, b, id);
      all.set(wid, f);
    }
    ops.assertSame('all waves', all, await ops.handFigures(db, template));
    ops.assertSame(
      'latest wave',
      new Map([await ops.reportFigures(db, b)]),
      await ops.handFigures(db, template, [latest]),
    );
    const withoutResponses = (m: Map<number, { asked: number; answered: number; responses?: number }>) =>
      new Map([...m].map(([id, { responses: _responses, ...f }]) => [id, f]));
    ops.assertSame(
      'trend',
      await ops.trendFigures(db, b),
      withoutResponses(await ops.handFigures(db, template, trendIds)),
    );
    await ops.reportCommand(b);
    const hidden = [...all.values()].filter((f) => f.dims === undefined).length;

    // Same data on both databases: the parent compares these.
    const fp = await sql.row<Record<string, unknown>>(
      `select (select count(*) from survey_answers) as answers, (select sum(value) from survey_answers) as total,
              (select count(*) from survey_responses) as responses, (select count(*) from survey_participation) as asked,
              (select count(*) from survey_comments) as comments, (select count(*) from employees) as people,
              (select sum(n) from survey_tallies) as tallied`,
    );
    send({
      type: 'ready',
      seed: { ...seeded, claims: claims.length, claimsMs, seedMs, hiddenWaves: hidden },
      fingerprint: JSON.stringify(Object.fromEntries(Object.entries(fp!).map(([k, v]) => [k, Number(v)]))),
    });

    const time = async (fn: () => Promise<unknown>) => {
      const s = performance.now();
      await fn();
      return performance.now() - s;
    };
    let used = 0;
    const steps: Record<(typeof OPS)[number], () => Promise<unknown>> = {
      'report.latest': () => ops.reportFigures(db, b),
      'command.latest': () => ops.reportCommand(b),
      'hand.latest': () => ops.handFigures(db, template, [latest]),
      'report.waves': async () => {
        for (const id of waveIds) await ops.reportFigures(db, b, id);
      },
      'hand.waves': () => ops.handFigures(db, template),
      trend: () => ops.trendFigures(db, b),
      'hand.trend': () => ops.handFigures(db, template, trendIds),
    };
    process.on('message', (raw) => {
      void (async () => {
        const m: ToChild = toChild.parse(raw);
        try {
          if (m.type === 'exit') {
            await closeDatabase(db);
            process.exit(0);
          }
          if (m.type === 'backlog') {
            const ms = await time(() => fx.pendingBacklog(db, claims.slice(0, PRESSES), BACKLOG));
            return send({ type: 'backlog', ms });
          }
          const ms: Record<string, number> = {};
          if (m.phase === 'empty') {
            // Rotate the order round by round, so no op always runs first (or right after a write).
            const order = OPS.map((_, i) => OPS[(i + m.round) % OPS.length]!);
            for (const op of order) ms[op] = await time(steps[op]);
          }
          const batch = claims.slice(used, used + PRESSES);
          used += PRESSES;
          const before = await ops.outboxCount(db);
          ms[m.phase === 'empty' ? 'press' : 'press.backlog'] =
            (await time(() => ops.pressApprove(b, batch))) / batch.length;
          await ops.checkPressed(db, batch, before);
          send({ type: 'round', ms });
        } catch (err) {
          send({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
        }
      })();
    });
  } catch (err) {
    send({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
}

/** BENCH_KEEP=<folder>: seed once, reuse on later runs. The SQLite seed is a file in that folder; the
 *  PostgreSQL seed a template database on the server DATABASE_URL names (a throwaway cluster would not outlive
 *  the run), recorded in the folder. Keyed by BENCH_WAVES and the fixture's source. */
const KEEP = process.env.BENCH_KEEP;

async function keptSeed(
  dialect: Dialect,
  target: string,
  seed: (at: string) => Promise<Record<string, unknown>>,
): Promise<{ target: string; seed: Record<string, unknown> }> {
  const { existsSync, readFileSync, copyFileSync } = await import('node:fs');
  const { createHash } = await import('node:crypto');
  const folder = KEEP!;
  mkdirSync(folder, { recursive: true });
  // The rows are the fixture's: a kept seed is reused while fixture.ts is unchanged, and migrated forward like
  // any database when it is opened (newer migrations run on the copy).
  const fixture = createHash('sha256')
    .update(readFileSync(join(HERE, 'data-layer', 'fixture.ts')))
    .digest('hex')
    .slice(0, 10);
  const key = `${dialect}_w${process.env.BENCH_WAVES ?? 156}_${fixture}`;
  const stats = join(folder, `${key}.json`);
  if (dialect === 'sqlite') {
    const file = join(folder, `${key}.db`);
    const reuse = existsSync(stats) && existsSync(file);
    const s = reuse ? undefined : await seed(file);
    if (s) writeFileSync(stats, JSON.stringify(s));
    copyFileSync(file, target);
    return { target, seed: { ...(JSON.parse(readFileSync(stats, 'utf8')) as object), reused: reuse } };
  }
  const pg = (await import('pg')).default;
  const admin = new pg.Client({ connectionString: target });
  const name = `seed_${key}`.slice(0, 60);
  const at = new URL(target);
  at.pathname = `/${name}`;
  await admin.connect();
  try {
    // The stats file alone says nothing of this server: the seed database must be on it.
    const reuse =
      existsSync(stats) && (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
    if (!reuse) {
      await admin.query(`DROP DATABASE IF EXISTS ${name}`);
      await admin.query(`CREATE DATABASE ${name}`);
      writeFileSync(stats, JSON.stringify(await seed(at.toString())));
    }
    const run = new URL(target).pathname.slice(1);
    await admin.query(`DROP DATABASE IF EXISTS ${run}_copy`);
    await admin.query(`CREATE DATABASE ${run}_copy TEMPLATE ${name}`);
    const copy = new URL(target);
    copy.pathname = `/${run}_copy`;
    return { target: copy.toString(), seed: { ...(JSON.parse(readFileSync(stats, 'utf8')) as object), reused: reuse } };
  } finally {
    await admin.end();
  }
}

/** The run's databases on a kept server (its empty one and the seed's copy); the seed stays. */
async function dropRunDatabases(url: string): Promise<void> {
  const pg = (await import('pg')).default;
  const admin = new pg.Client({ connectionString: url.replace(/\/[^/]*$/, '/postgres') });
  const run = new URL(url).pathname.slice(1);
  await admin.connect();
  try {
    for (const name of [`${run}_copy`, run]) await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  } finally {
    await admin.end();
  }
}

// ---------------------------------------------------------------------------------------------------------
// The parent: the PostgreSQL cluster, the children, the rounds, the table.

async function parent(): Promise<void> {
  const { createDatabase, startPostgres } = await import('../tests/support/postgres.js');
  const dir = mkdtempSync(join(tmpdir(), 'vitality-bench-data-'));
  const withPg = DIALECTS.includes('postgres');
  const cluster = !withPg || process.env.DATABASE_URL ? undefined : await startPostgres();
  const pgUrl = !withPg ? '' : cluster ? cluster.url : await createDatabase(process.env.DATABASE_URL!);
  const children = new Map<Dialect, ReturnType<typeof spawnChild<FromChild>>>();
  const seeds = new Map<Dialect, Record<string, unknown>>();
  const fingerprints = new Map<Dialect, string>();
  try {
    // Seeded one after the other: the seeding times are each database's own.
    for (const d of DIALECTS) {
      const c = spawnChild(
        fileURLToPath(import.meta.url),
        fromChild,
        d,
        d === 'postgres' ? pgUrl : join(dir, 'bench.db'),
      );
      children.set(d, c);
      const ready = await c.next();
      if (ready.type !== 'ready') throw new Error(`${d}: expected ready`);
      seeds.set(d, ready.seed);
      fingerprints.set(d, ready.fingerprint);
      const s = ready.seed as {
        seedMs: number;
        claimsMs: number;
        answers: number;
        ms: { write: number };
        reused?: boolean;
      };
      if (s.reused)
        console.log(
          `${d.padEnd(8)} reuses the seed kept in ${KEEP} (written in ${(s.ms.write / 1000).toFixed(1)} s then)`,
        );
      console.log(
        `${d.padEnd(8)} seeded in ${(s.seedMs / 1000).toFixed(1)} s (rows written in ${(s.ms.write / 1000).toFixed(1)} s, ` +
          `${2 * ROUNDS * PRESSES} claims submitted in ${(s.claimsMs / 1000).toFixed(1)} s): ${ready.fingerprint}`,
      );
    }
    if (!ONLY && fingerprints.get('sqlite') !== fingerprints.get('postgres'))
      throw new Error('the two databases were seeded with different data');

    const samples = new Map<Dialect, Map<Op, number[]>>(DIALECTS.map((d) => [d, new Map()]));
    const round = async (phase: 'empty' | 'backlog', r: number) => {
      // Alternate which database goes first.
      for (const d of r % 2 ? [...DIALECTS].reverse() : DIALECTS) {
        const c = children.get(d)!;
        c.proc.send({ type: 'round', round: r, phase } satisfies ToChild);
        const m = await c.next();
        if (m.type !== 'round') throw new Error(`${d}: expected a round`);
        for (const [op, ms] of Object.entries(m.ms)) {
          const s = samples.get(d)!;
          s.set(op as Op, [...(s.get(op as Op) ?? []), ms]);
        }
      }
      process.stdout.write(`round ${r + 1}/${ROUNDS} (${phase}) done\n`);
    };
    for (let r = 0; r < ROUNDS; r++) await round('empty', r);
    const backlogMs: Record<string, number> = {};
    for (const d of DIALECTS) {
      const c = children.get(d)!;
      c.proc.send({ type: 'backlog' } satisfies ToChild);
      const m = await c.next();
      if (m.type !== 'backlog') throw new Error(`${d}: expected backlog`);
      backlogMs[d] = m.ms;
    }
    for (let r = 0; r < ROUNDS; r++) await round('backlog', r);

    const med = (d: Dialect, op: Op) => median(samples.get(d)!.get(op) ?? [NaN]);
    const allOps: Op[] = [...OPS, 'press', 'press.backlog'];
    const label: Record<Op, string> = {
      'report.latest': '/report pulse, latest wave (domain report)',
      'command.latest': '/report pulse, latest wave (whole command → card)',
      'hand.latest': 'hand SQL, latest wave',
      'report.waves': `/report pulse for each of the ${(seeds.get(DIALECTS[0]!) as { waves: number }).waves} waves`,
      'hand.waves': 'hand SQL, all waves in one statement',
      trend: 'trend (last 8 waves)',
      'hand.trend': 'hand SQL, last 8 waves',
      press: 'approve press (per press), no backlog',
      'press.backlog': `approve press (per press), ${BACKLOG.toLocaleString('en')} pending`,
    };
    const ratios: [string, Op, Op][] = [
      ['report/hand, latest wave', 'report.latest', 'hand.latest'],
      ['command/hand, latest wave', 'command.latest', 'hand.latest'],
      ['report/hand, all waves', 'report.waves', 'hand.waves'],
      ['trend/hand, 8 waves', 'trend', 'hand.trend'],
      ['press with backlog / without', 'press.backlog', 'press'],
    ];
    const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
    if (ONLY) {
      console.log(`\nmedian of ${ROUNDS} interleaved rounds, ${ONLY} only, ms per op (${cpus().length} cores, shared)`);
      for (const op of allOps) console.log(`${label[op].padEnd(56)} ${fmt(med(ONLY, op)).padStart(9)}`);
      console.log('');
      for (const [name, a, b] of ratios)
        console.log(`${name.padEnd(56)} ${(med(ONLY, a) / med(ONLY, b)).toFixed(2).padStart(8)}×`);
      console.log('\n(BENCH_DB: bench/results/data-layer.json left as it is)');
      return;
    }
    console.log(`\nmedian of ${ROUNDS} interleaved rounds, ms per op (${cpus().length} cores, shared with other work)`);
    console.log(`${'op'.padEnd(56)} ${'SQLite'.padStart(9)} ${'PostgreSQL'.padStart(11)} ${'PG/SQLite'.padStart(10)}`);
    for (const op of allOps)
      console.log(
        `${label[op].padEnd(56)} ${fmt(med('sqlite', op)).padStart(9)} ${fmt(med('postgres', op)).padStart(11)} ` +
          `${(med('postgres', op) / med('sqlite', op)).toFixed(2).padStart(9)}×`,
      );
    console.log('');
    for (const [name, a, b] of ratios)
      console.log(
        `${name.padEnd(56)} ${(med('sqlite', a) / med('sqlite', b)).toFixed(2).padStart(8)}× ` +
          `${(med('postgres', a) / med('postgres', b)).toFixed(2).padStart(10)}×`,
      );

    const result = {
      note:
        'npm run bench (bench/data-layer.bench.ts). Medians of interleaved rounds on a shared machine: ' +
        'read the ratios, not the absolute times.',
      when: new Date().toISOString(),
      machine: { cores: cpus().length, cpu: cpus()[0]?.model, node: process.version, shared: true },
      rounds: ROUNDS,
      pressesPerRound: PRESSES,
      backlog: BACKLOG,
      seed: Object.fromEntries(DIALECTS.map((d) => [d, { ...seeds.get(d), backlogMs: backlogMs[d] }])),
      fingerprint: JSON.parse(fingerprints.get('sqlite')!) as unknown,
      ms: Object.fromEntries(
        DIALECTS.map((d) => [
          d,
          Object.fromEntries(allOps.map((op) => [op, { median: med(d, op), samples: samples.get(d)!.get(op) ?? [] }])),
        ]),
      ),
      labels: label,
      ratios: Object.fromEntries([
        ...ratios.map(([name, a, b]) => [name, Object.fromEntries(DIALECTS.map((d) => [d, med(d, a) / med(d, b)]))]),
        ...allOps.map((op) => [`PG/SQLite ${op}`, med('postgres', op) / med('sqlite', op)]),
      ]),
    };
    mkdirSync(join(HERE, 'results'), { recursive: true });
    writeFileSync(join(HERE, 'results', 'data-layer.json'), JSON.stringify(result, null, 2) + '\n');
    console.log('\nwrote bench/results/data-layer.json');
  } finally {
    for (const c of children.values()) if (c.proc.connected) c.proc.send({ type: 'exit' } satisfies ToChild);
    await Promise.all(
      [...children.values()].map(
        (c) => new Promise((resolve) => (c.proc.exitCode !== null ? resolve(null) : c.proc.once('exit', resolve))),
      ),
    );
    await cluster?.stop();
    if (KEEP && withPg && !cluster) await dropRunDatabases(pgUrl);
    rmSync(dir, { recursive: true, force: true });
  }
}

// Last: the functions above use constants declared after them.
if (process.argv[2] === 'child') await child(z.enum(DIALECTS).parse(process.argv[3]), process.argv[4]!);
else await parent();
