// The demo company's few months of history (issue 19 item 8): what a new user sees on `npm start` — closed
// pulse waves with published results, a leaderboard, approvals in every state (a transfer among them), closed
// rating cycles with composites, follow-ups — seeded once, the same every time, only into the untouched demo org.
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { tick } from '../../src/bot/scheduler.js';
import { loadConfig } from '../../src/config.js';
import { inTransaction, type Db } from '../../src/db/connection.js';
import { surveySealKey } from '../../src/db/seal-key.js';
import { demoMarker, seedDemoHistory } from '../../src/domain/demo/demo-history.js';
import { submitRequest } from '../../src/domain/approvals/requests.js';
import { leaderboard } from '../../src/domain/points/ledger.js';
import { ensureDefaultCatalogue, listTags } from '../../src/domain/points/catalogue.js';
import { DEMO_DOMAIN, seedDemoOrg } from '../../src/domain/org/demo-org.js';
import { findByEmail, type Person } from '../../src/domain/org/employees.js';
import { importOrgCsv } from '../../src/domain/org/org-import.js';
import { ratingsReport, resultsOf } from '../../src/domain/ratings/report.js';
import { listFollowUps } from '../../src/domain/surveys/follow-ups.js';
import { buildPulseReport } from '../../src/domain/surveys/report.js';
import { deriveSealKey } from '../../src/domain/surveys/seal.js';
import { createLogger } from '../../src/logger.js';
import { freshDb } from '../support/db.js';
import { ownDatabase } from '../support/own-database.js';
import { TEST_SEAL } from '../support/pulse.js';
import { sqlFor } from '../support/sql.js';

// A Sunday afternoon in Shanghai; the story is counted back from here.
const NOW = new Date('2026-12-06T07:30:00Z');
// The seed runs a few thousand statements; on a shared, busy machine that can take seconds.
const SLOW = { timeout: 120_000 };

const person = async (db: Db, user: string): Promise<Person> => (await findByEmail(db, `${user}@${DEMO_DOMAIN}`))!;
const rows = async (db: Db, sql: string) => await sqlFor(db).rows(sql);

async function seeded(key = TEST_SEAL): Promise<Db> {
  const db = await freshDb();
  await seedDemoOrg(db);
  const r = await seedDemoHistory(db, { key, now: NOW });
  expect(r).toMatchObject({ seeded: true, anchor: '2026-12-06T02:00:00.000Z' });
  return db;
}

/** Everything the story decides, read from the tables (random ids and the cryptographic write order left out). */
async function story(db: Db) {
  return {
    waves: await rows(
      db,
      'select id, template_id, opened_at, closes_at, closed_at, k, comment_k, published from survey_waves order by id',
    ),
    participation: await rows(
      db,
      'select wave_id, employee_id, unit_id, answered from survey_participation order by 1, 2',
    ),
    responses: await rows(
      db,
      'select wave_id, unit_id, count(*) as n from survey_responses group by 1, 2 order by 1, 2',
    ),
    answers: await rows(
      db,
      'select r.wave_id, r.unit_id, a.item_id, a.value, count(*) as n from survey_answers a join survey_responses r on r.id = a.response_id group by 1, 2, 3, 4 order by 1, 2, 3, 4',
    ),
    comments: await rows(db, 'select wave_id, unit_id, text from survey_comments order by 1, 2, 3'),
    pool: await rows(db, 'select wave_id, count(*) as n from survey_pool group by 1 order by 1'),
    requests: await rows(
      db,
      'select id, flow_key, applicant_id, status, step_index, approvers, payload, created_at, step_started_at from approval_requests order by id',
    ),
    decisions: await rows(
      db,
      'select request_id, step_index, actor_id, kind, comment, at from approval_decisions order by id',
    ),
    ledger: await rows(db, 'select employee_id, kind, points, source, note from ledger_entries order by id'),
    cycles: await rows(db, 'select id, unit_id, opened_at, closes_at, closed_at from rating_cycles order by id'),
    results: await rows(db, 'select cycle_id, employee_id, scores, composite from rating_results order by 1, 2'),
    recommendations: await rows(
      db,
      'select cycle_id, employee_id, dimension, reason, request_id from recommendations order by id',
    ),
    followUps: await rows(db, 'select title, owner_id, due_date, status, wave_id, unit_id from follow_ups order by id'),
    org: await rows(db, 'select id, unit_id, manager_id from employees order by id'),
  };
}

const TABLES = [
  'survey_waves',
  'survey_participation',
  'survey_pool',
  'survey_responses',
  'survey_answers',
  'survey_comments',
  'approval_requests',
  'approval_decisions',
  'ledger_entries',
  'transfers',
  'rating_cycles',
  'ratings',
  'rating_results',
  'recommendations',
  'follow_ups',
  'employees',
  'org_units',
  'settings',
  'audit_log',
];
const counts = async (db: Db) =>
  Object.fromEntries(
    await Promise.all(
      TABLES.map(async (t) => [t, ((await sqlFor(db).row(`select count(*) as n from ${t}`)) as { n: number }).n]),
    ),
  );

describe('the seeded demo company', () => {
  let db: Db;
  beforeAll(async () => {
    db = await seeded();
  }, SLOW.timeout);

  it('has at least three closed waves whose company report shows figures, and one wave open now', async () => {
    const hr = await person(db, 'lin.xiaowen');
    const waves = (await rows(db, 'select id, closed_at as closedAt from survey_waves order by id')) as {
      id: number;
      closedAt: string | null;
    }[];
    const closed = waves.filter((w) => w.closedAt !== null);
    expect(closed.length).toBeGreaterThanOrEqual(3);
    for (const w of closed) {
      const r = await buildPulseReport(db, { viewer: hr, waveId: w.id });
      if (!r.ok) throw new Error(r.code);
      expect(r.report.status).toBe('closed');
      expect(r.report.visible).toBe(true);
      expect(r.report.hidden).toBeUndefined();
      expect(r.report.responses).toBeGreaterThanOrEqual(r.report.k);
      expect(r.report.dimensions.map((d) => d.key)).toEqual(['attitude', 'collaboration', 'expression']);
      for (const d of r.report.dimensions) expect(d.avg).toBeGreaterThan(1);
      expect(r.report.enps?.score).toEqual(expect.any(Number));
    }
    // The latest closed wave compares with the one before (the trend arrow), and has follow-ups.
    const latestClosed = await buildPulseReport(db, { viewer: hr, waveId: closed.at(-1)!.id });
    if (!latestClosed.ok) throw new Error(latestClosed.code);
    expect(latestClosed.report.dimensions.every((d) => d.previousAvg !== undefined)).toBe(true);
    expect(latestClosed.report.followUps.total).toBeGreaterThan(0);
    // Both branches under the company (HQ and the stores) show in its heatmap.
    expect(
      latestClosed.report.heatmap
        .filter((h) => h.visible)
        .map((h) => h.unit.name)
        .sort(),
    ).toEqual(['总部', '门店'].sort());
    // The open wave shows participation only; its answers wait sealed in the pool, as real ones would.
    const open = waves.find((w) => w.closedAt === null)!;
    const live = await buildPulseReport(db, { viewer: hr, waveId: open.id });
    if (!live.ok) throw new Error(live.code);
    expect(live.report).toMatchObject({ status: 'open', visible: false, hidden: 'open', dimensions: [] });
    expect(live.report.participation.answered).toBeGreaterThan(0);
    expect(live.report.participation.answered).toBeLessThan(live.report.participation.asked);
    expect(await rows(db, 'select wave_id as w, count(*) as n from survey_pool group by 1')).toEqual([
      { w: open.id, n: live.report.participation.answered },
    ]);
  });

  it('keeps a small unit hidden where fewer than K answered, as the anonymity rules say', async () => {
    const hr = await person(db, 'lin.xiaowen');
    const itDept = ((await sqlFor(db).row("select id from org_units where name = '信息技术部'")) as { id: number }).id;
    const first = ((await sqlFor(db).row('select min(id) as id from survey_waves')) as { id: number }).id;
    const r = await buildPulseReport(db, { viewer: hr, waveId: first, unitId: itDept });
    if (!r.ok) throw new Error(r.code);
    // One person works in IT: never shown on their own.
    expect(r.report).toMatchObject({ visible: false, hidden: 'too_few', dimensions: [] });
  });

  it('has a non-empty leaderboard backed by approved claims in the ledger', async () => {
    const board = await leaderboard(db, {});
    expect(board.length).toBeGreaterThanOrEqual(10);
    const approved = (await rows(
      db,
      "select count(*) as n from approval_requests where flow_key = 'point-claim' and status = 'approved'",
    )) as { n: number }[];
    const awards = (await rows(db, "select count(*) as n from ledger_entries where kind = 'award'")) as { n: number }[];
    expect(awards[0]!.n).toBe(approved[0]!.n);
    // Zhang Wei spent 300 of his points on a day of leave (a held redemption, approved by HR).
    const zhang = await person(db, 'zhang.wei');
    expect(
      await rows(db, `select kind, points from ledger_entries where employee_id = ${zhang.id} order by id`),
    ).toEqual([
      { kind: 'award', points: 200 },
      { kind: 'award', points: 120 },
      { kind: 'hold', points: -300 },
    ]);
  });

  it('has approvals in every state, with their decisions on the timeline', async () => {
    const states = (await rows(
      db,
      'select flow_key as flow, status, count(*) as n from approval_requests group by 1, 2',
    )) as {
      flow: string;
      status: string;
      n: number;
    }[];
    const has = (flow: string, status: string) => states.some((s) => s.flow === flow && s.status === status);
    for (const status of ['approved', 'rejected', 'pending', 'cancelled'])
      expect(has('point-claim', status)).toBe(true);
    expect(has('transfer', 'approved') && has('transfer', 'rejected') && has('transfer', 'pending')).toBe(true);
    expect(has('redemption', 'approved') && has('training', 'approved')).toBe(true);
    const kinds = ((await rows(db, 'select distinct kind from approval_decisions')) as { kind: string }[])
      .map((k) => k.kind)
      .sort();
    expect(kinds).toEqual(['approve', 'cancel', 'reject', 'resubmit', 'return', 'submit']);
    // One approval adjusted the points, with the reason on the timeline.
    expect(await rows(db, "select comment from approval_decisions where comment like '120 → 150:%'")).toHaveLength(1);
    // Managers and HR have work waiting today — each on the person the engine routed it to.
    const waiting = (await rows(
      db,
      "select applicant_id as a, approvers from approval_requests where status = 'pending' order by id",
    )) as { a: number; approvers: string }[];
    const approvers = new Set(waiting.flatMap((w) => JSON.parse(w.approvers) as number[]));
    for (const user of ['lin.xiaowen', 'li.ming', 'liu.qiang', 'tom.harris'])
      expect(approvers.has((await person(db, user)).id)).toBe(true);
    // Nothing waiting is overdue at start: no reminder or escalation fires the moment the app opens.
    const started = (await rows(db, "select step_started_at as s from approval_requests where status = 'pending'")) as {
      s: string;
    }[];
    for (const s of started) expect(NOW.getTime() - new Date(s.s).getTime()).toBeLessThan(24 * 60 * 60 * 1000);
  });

  it('moved the person whose transfer was approved, and kept the history of it', async () => {
    const song = await person(db, 'song.tao');
    const hangzhou = ((await sqlFor(db).row("select id from org_units where name = '杭州西湖店'")) as { id: number })
      .id;
    expect(song.unitId).toBe(hangzhou);
    expect(song.managerId).toBe((await person(db, 'huang.jing')).id);
    expect(
      await rows(
        db,
        `select to_unit_id as t, source from transfers where employee_id = ${song.id} and source like 'request:%'`,
      ),
    ).toEqual([{ t: hangzhou, source: expect.stringMatching(/^request:\d+$/) }]);
  });

  it('has closed rating cycles with a composite for everyone, and a recommended course taken up', async () => {
    const cycles = (await rows(db, 'select id, closed_at as closedAt from rating_cycles order by id')) as {
      id: number;
      closedAt: string | null;
    }[];
    expect(cycles).toHaveLength(2);
    expect(cycles.every((c) => c.closedAt !== null)).toBe(true);
    const people = ((await rows(db, 'select count(*) as n from employees')) as { n: number }[])[0]!.n;
    for (const c of cycles) {
      const composites = (await rows(db, `select composite from rating_results where cycle_id = ${c.id}`)) as {
        composite: number | null;
      }[];
      expect(composites).toHaveLength(people);
      expect(composites.every((r) => r.composite !== null && r.composite >= 1 && r.composite <= 5)).toBe(true);
    }
    const report = await ratingsReport(db, { viewer: await person(db, 'lin.xiaowen') });
    if (!report.ok) throw new Error(report.code);
    expect(report.report.cycle.id).toBe(cycles[1]!.id);
    expect(report.report.compositeAvg).toEqual(expect.any(Number));
    expect(report.report.previousCompositeAvg).toEqual(expect.any(Number));
    // Han Bing sees his own two results; his dropped dimension got a course he enrolled in.
    const han = await person(db, 'han.bing');
    expect((await resultsOf(db, han.id)).map((r) => r.scores.expression)).toEqual([2, expect.any(Number)]);
    expect(
      await rows(
        db,
        `select dimension, request_id is not null as enrolled from recommendations where employee_id = ${han.id}`,
      ),
    ).toContainEqual({ dimension: 'expression', enrolled: 1 });
  });

  it('has follow-ups done, in progress and open, tied to waves', async () => {
    const all = await listFollowUps(db);
    expect(new Set(all.map((f) => f.status))).toEqual(new Set(['done', 'in_progress', 'open']));
    expect(all.every((f) => f.waveId !== null)).toBe(true);
  });

  it('is marked as demo data, with the day the story is counted back from', async () => {
    expect(await demoMarker(db)).toEqual({
      version: 1,
      anchor: '2026-12-06T02:00:00.000Z',
      seededAt: NOW.toISOString(),
    });
  });
});

describe('seeding the demo history', () => {
  it(
    'a second time changes nothing',
    async () => {
      const db = await seeded();
      const before = await counts(db);
      const snapshot = await story(db);
      expect(await seedDemoHistory(db, { key: TEST_SEAL, now: new Date(NOW.getTime() + 86_400_000) })).toEqual({
        seeded: false,
        reason: 'seeded',
      });
      expect(await counts(db)).toEqual(before);
      expect(await story(db)).toEqual(snapshot);
    },
    SLOW.timeout,
  );

  it(
    'tells the same story twice: the same waves, figures, requests, ledger, ratings and follow-ups',
    async () => {
      // Different seal keys too: the published figures do not depend on them.
      const a = await story(await seeded(deriveSealKey(randomBytes(32))));
      const b = await story(await seeded(deriveSealKey(randomBytes(32))));
      expect(a.answers.length).toBeGreaterThan(0);
      expect(b).toEqual(a);
    },
    SLOW.timeout,
  );

  it(
    "counts back from any moment: just after midnight UTC (before the story's 10:00 Shanghai morning), at a month end",
    async () => {
      const now = new Date('2027-03-01T00:30:00Z');
      const db = await freshDb();
      await seedDemoOrg(db);
      // The working morning is the day before's, so nothing happens after now.
      expect(await seedDemoHistory(db, { key: TEST_SEAL, now })).toMatchObject({
        seeded: true,
        anchor: '2027-02-28T02:00:00.000Z',
      });
      const waves = (await rows(
        db,
        'select opened_at as o, closed_at as c, published is not null as p from survey_waves order by id',
      )) as { o: string; c: string | null; p: number }[];
      expect(waves.map((w) => [w.c !== null, w.p])).toEqual([
        [true, 1],
        [true, 1],
        [true, 1],
        [true, 1],
        [false, 0],
      ]);
      const latest = (await rows(db, 'select max(at) as at from approval_decisions')) as { at: string }[];
      expect(new Date(latest[0]!.at).getTime()).toBeLessThanOrEqual(now.getTime());
    },
    SLOW.timeout,
  );

  it(
    "gives the scheduler nothing overdue at start, and the open wave closes on its day under the server's seal key",
    async () => {
      const config = loadConfig({
        DATABASE_PATH: ':memory:',
        SURVEY_SEAL_SECRET: 'demo-seal-secret-of-at-least-32-characters!',
      });
      const db = await seeded(surveySealKey(config));
      const atStart = await tick(db, config, new Set(['sandbox']), NOW);
      expect(atStart).toMatchObject({
        launched: [],
        reminded: 0,
        closed: [],
        unreadable: [],
        approvalsReminded: 0,
        approvalsEscalated: 0,
        ratingCyclesClosed: [],
        ratersReminded: 0,
        transfersApplied: [],
      });
      expect(await rows(db, 'select count(*) as n from outbox')).toEqual([{ n: 0 }]);
      // A week on, the minute tick closes the open wave; its sealed answers (more than K) are published.
      const open = ((await rows(db, 'select id from survey_waves where closed_at is null')) as { id: number }[])[0]!.id;
      const later = await tick(db, config, new Set(['sandbox']), new Date(NOW.getTime() + 7 * 86_400_000));
      expect(later.closed).toEqual([open]);
      const r = await buildPulseReport(db, { viewer: await person(db, 'lin.xiaowen'), waveId: open });
      if (!r.ok) throw new Error(r.code);
      expect(r.report).toMatchObject({ status: 'closed', visible: true });
    },
    SLOW.timeout,
  );

  it('leaves a real organisation alone', async () => {
    const db = await freshDb();
    await importOrgCsv(db, 'email,name,unit,unit_kind\nann@acme.example,Ann,Acme/Sales,department\n', {
      kind: 'system',
    });
    const before = await counts(db);
    expect(await seedDemoHistory(db, { key: TEST_SEAL, now: NOW })).toEqual({ seeded: false, reason: 'not_demo_org' });
    expect(await counts(db)).toEqual(before);
    // Nor the demo org once a real person has joined it.
    const mixed = await freshDb();
    await seedDemoOrg(mixed);
    await importOrgCsv(mixed, 'email,name,unit,unit_kind\nann@acme.example,Ann,青云科技/总部/财务部,department\n', {
      kind: 'system',
    });
    expect(await seedDemoHistory(mixed, { key: TEST_SEAL, now: NOW })).toEqual({
      seeded: false,
      reason: 'not_demo_org',
    });
  });

  it('leaves a demo organisation that is already in use alone (its own history is not mixed with a made-up one)', async () => {
    const db = await freshDb();
    await seedDemoOrg(db);
    await inTransaction(db, async () => {
      await ensureDefaultCatalogue(db);
      const tag = (await listTags(db))[0]!;
      await submitRequest(db, {
        applicantId: (await person(db, 'zhang.wei')).id,
        payload: { kind: 'point_claim', tagId: tag.id, description: 'x', quantities: [], points: tag.points },
        now: NOW,
      });
    });
    const before = await counts(db);
    expect(await seedDemoHistory(db, { key: TEST_SEAL, now: NOW })).toEqual({ seeded: false, reason: 'in_use' });
    expect(await counts(db)).toEqual(before);
  });
});

describe('npm start (createApp) on the demo path', () => {
  it(
    'seeds the history on the default path (DEMO_SEED=auto, no platform) once; a restart adds nothing',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'vitality-demo-'));
      const env = { ...(await ownDatabase(join(dir, 'v.db'))), LOG_LEVEL: 'silent', SCHEDULER_ENABLED: 'false' };
      const first = await createApp(loadConfig(env), createLogger('silent'));
      expect(first.config.demoSeed).toBe('auto');
      expect(await demoMarker(first.db)).toBeDefined();
      const before = await counts(first.db);
      expect(before.survey_waves).toBeGreaterThanOrEqual(4);
      await first.close();
      const second = await createApp(loadConfig(env), createLogger('silent'));
      expect(await counts(second.db)).toEqual(before);
      await second.close();
    },
    SLOW.timeout,
  );

  it('gives DEMO_SEED=always (the test harness, a demo org on a real platform) the people without history', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vitality-demo-'));
    const app = await createApp(
      loadConfig({
        ...(await ownDatabase(join(dir, 'v.db'))),
        LOG_LEVEL: 'silent',
        SCHEDULER_ENABLED: 'false',
        DEMO_SEED: 'always',
      }),
      createLogger('silent'),
    );
    expect(await counts(app.db)).toMatchObject({
      employees: 39,
      survey_waves: 0,
      approval_requests: 0,
      ledger_entries: 0,
      rating_cycles: 0,
    });
    expect(await demoMarker(app.db)).toBeUndefined();
    await app.close();
  });
});
