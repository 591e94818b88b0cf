// The data-layer bench's fixture: the demo company grown to 2,000 people, three years of weekly pulse waves
// closed and published, and pending point claims for managers to approve. The same seed gives the same rows
// on SQLite and on PostgreSQL (checked by `fingerprint`), so the two databases are measured on one data set.
//
// The closed waves are written directly, not through submitAnswers/closeWave: sealing and opening 250,000
// submissions would take hours and measure the pool, not the report. The rows look as closeWave leaves them:
// the wave's tree and publication decided by publishAtClose (the domain's own function), participation apart
// from answers, responses under their published group (never the person's unit, never a person), answers
// outside every published group not written at all, rows written in shuffled order under random-looking keys,
// then the waves' tallies by the domain's writeTallies, as publishWave writes them after the rows.
// The keys come from the seeded generator (not crypto) only so both databases hold identical rows.
import { desc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '../../src/db/connection.js';
import { postgresPool } from '../../src/db/connection.js';
import { approvalRequests, employees, surveyWaves } from '../../src/db/schema.js';
import { ensureDefaultFlows, submitRequest } from '../../src/domain/approvals/requests.js';
import { ensureDefaultCatalogue, listTags } from '../../src/domain/points/catalogue.js';
import { seededRng, type Rng } from '../../src/domain/demo/prng.js';
import { DEMO_DOMAIN, demoOrgCsv } from '../../src/domain/org/demo-org.js';
import { importOrgCsv } from '../../src/domain/org/org-import.js';
import { allUnits } from '../../src/domain/org/units.js';
import { anonymityThreshold, commentThreshold } from '../../src/domain/settings.js';
import { groupOf, publishAtClose, type WaveUnit } from '../../src/domain/surveys/publication.js';
import { writeTallies } from '../../src/domain/surveys/results.js';
import { ensureDefaultTemplate, getTemplate, type SurveyTemplate } from '../../src/domain/surveys/templates.js';
import { unitOfWork } from '../../src/domain/unit-of-work.js';
import { sqlFor } from '../../tests/support/sql.js';

export const PEOPLE = 2000;
export const HR_EMAIL = `lin.xiaowen@${DEMO_DOMAIN}`;
/** BENCH_WAVES: fewer waves for a quick try of the bench itself. */
export const WAVES = Number(process.env.BENCH_WAVES ?? 156);
const DAY = 86_400_000;
const WEEK = 7 * DAY;
/** The first wave opens three years before this fixed day: the same dates on every run. */
const LAST_WAVE_OPENS = Date.UTC(2026, 10, 30, 1, 0, 0);

const HQ = '青云科技/总部';
const STORES = '青云科技/门店';
/** HQ departments of the demo org and their heads: each gets teams of new people. */
const DEPARTMENTS: [string, string][] = [
  ['人力资源部', 'lin.xiaowen'],
  ['信息技术部', 'zhao.lei'],
  ['财务部', 'wang.fang'],
  ['产品研发部', 'li.ming'],
  ['运营部', 'sun.li'],
];

/** The demo org's CSV plus teams under each HQ department and stores of 6–34 people, to PEOPLE in all. */
export function grownOrgCsv(rng: Rng): string {
  const lines = demoOrgCsv().trimEnd().split('\n');
  let n = lines.length - 1;
  let serial = 0;
  const add = (unit: string, kind: 'department' | 'store', manager: string, head: boolean): string => {
    const user = `p${++serial}`;
    // email,name,unit,unit_kind,manager_email,roles,locale,timezone,title,is_head
    lines.push(
      [`${user}@${DEMO_DOMAIN}`, `Person ${serial}`, unit, kind, `${manager}@${DEMO_DOMAIN}`, '', '', '', '']
        .concat(head ? 'yes' : '')
        .join(','),
    );
    n++;
    return user;
  };
  for (const [dept, head] of DEPARTMENTS)
    for (let t = 1; t <= 4; t++) {
      const unit = `${HQ}/${dept}/组${t}`;
      const lead = add(unit, 'department', head, true);
      for (let i = 1, size = rng.int(12, 30); i < size; i++) add(unit, 'department', lead, false);
    }
  for (let s = 1; n < PEOPLE; s++) {
    const unit = `${STORES}/门店${s}`;
    const size = Math.min(rng.int(6, 34), PEOPLE - n);
    const lead = add(unit, 'store', 'sun.li', true);
    for (let i = 1; i < size; i++) add(unit, 'store', lead, false);
  }
  return lines.join('\n') + '\n';
}

/** One database's bulk writer: a prepared statement per row on SQLite, unnest() of column arrays on PostgreSQL;
 *  everything between begin() and commit() is one transaction. */
interface Bulk {
  insert(table: string, columns: [name: string, pgType: string][], rows: readonly unknown[][]): Promise<void>;
  commit(): Promise<void>;
}

async function bulkWriter(db: Db): Promise<Bulk> {
  const pool = postgresPool(db);
  if (!pool) {
    db.$client.exec('BEGIN');
    return {
      async insert(table, columns, rows) {
        const stmt = db.$client.prepare(
          `insert into ${table} (${columns.map((c) => c[0]).join(', ')}) values (${columns.map(() => '?').join(', ')})`,
        );
        for (const r of rows) stmt.run(...r.map((v) => (typeof v === 'boolean' ? Number(v) : v)));
      },
      async commit() {
        db.$client.exec('COMMIT');
      },
    };
  }
  const client = await pool.connect();
  await client.query('BEGIN');
  return {
    async insert(table, columns, rows) {
      const sql =
        `insert into ${table} (${columns.map((c) => c[0]).join(', ')}) ` +
        `select * from unnest(${columns.map((c, i) => `$${i + 1}::${c[1]}[]`).join(', ')})`;
      for (let at = 0; at < rows.length; at += 50_000) {
        const chunk = rows.slice(at, at + 50_000);
        await client.query(
          sql,
          columns.map((_, i) => chunk.map((r) => r[i])),
        );
      }
    },
    async commit() {
      try {
        await client.query('COMMIT');
        await client.query('ANALYZE');
      } finally {
        client.release();
      }
    },
  };
}

const hex = (rng: Rng) => {
  let s = '';
  for (let i = 0; i < 4; i++)
    s += Math.floor(rng.next() * 2 ** 32)
      .toString(16)
      .padStart(8, '0');
  return s;
};

function shuffledBy<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const clamp = (v: number, min: number, max: number) => Math.min(max, Math.max(min, Math.round(v)));
const DIMENSION_MOOD: Record<string, number> = { attitude: 0.3, collaboration: 0, expression: -0.35 };
const COMMENTS = [
  '晚班连着排太多了，大家都很累。',
  '高峰期人手不够，出餐压力很大。',
  '整体还可以，希望流程再简化一些。',
  'More clarity on priorities each month would help.',
  '团队氛围很好，遇到问题大家都愿意帮忙。',
  'Great support from my lead this month.',
];

function answerValues(template: SurveyTemplate, mood: number, rng: Rng): [number, number][] {
  return template.items.map((item) => {
    if (item.kind === 'enps') return [item.id, clamp((mood - 1) * 2.6 + rng.noise(1.3), item.min, item.max)];
    const dim = template.dimensions.find((d) => d.id === item.dimensionId);
    return [item.id, clamp(mood + (DIMENSION_MOOD[dim?.key ?? ''] ?? 0) + rng.noise(0.55), item.min, item.max)];
  });
}

export interface SeedResult {
  people: number;
  units: number;
  waves: number;
  participation: number;
  responses: number;
  answers: number;
  comments: number;
  ms: { org: number; generate: number; write: number };
}

/** Everything but the approvals: the grown org, the template, WAVES closed weekly waves. */
export async function seedPulseHistory(db: Db, seed = 21): Promise<SeedResult> {
  const rng = seededRng(seed);
  let t0 = performance.now();
  const imported = await importOrgCsv(db, grownOrgCsv(rng), { kind: 'system' }, 'demo');
  if (!imported.ok) throw new Error(`org import failed: ${JSON.stringify(imported)}`);
  const templateId = await unitOfWork(db, async (tx) => await ensureDefaultTemplate(tx));
  const template = (await getTemplate(db, templateId))!;
  const org = { ms: performance.now() - t0 };

  t0 = performance.now();
  // In path and email order: the same draws on both databases, whatever order each returns rows in.
  const units = (await allUnits(db)).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const tree = units.map((u): WaveUnit => ({
    id: u.id,
    parentId: u.parentId,
    name: u.name,
    path: u.path,
    kind: u.kind,
  }));
  const staff = (
    await db.select({ id: employees.id, unitId: employees.unitId, email: employees.email }).from(employees)
  ).sort((a, b) => ((a.email ?? '') < (b.email ?? '') ? -1 : (a.email ?? '') > (b.email ?? '') ? 1 : 0));
  const hr = (await db.select({ id: employees.id }).from(employees).where(eq(employees.email, HR_EMAIL)))[0]!.id;
  const k = await anonymityThreshold(db);
  const commentK = await commentThreshold(db);
  // How each unit feels and how keen it is to answer: fixed per unit, so a small store can sit below K often.
  const unitMood = new Map(units.map((u) => [u.id, rng.noise(0.35)]));
  const unitKeen = new Map(units.map((u) => [u.id, rng.noise(0.1)]));

  const waveRows: (typeof surveyWaves.$inferInsert)[] = [];
  type Wave = {
    participation: [number, number | null, boolean, boolean][];
    responses: [string, number][];
    answers: [string, number, number][];
    comments: [string, number, string][];
    published: { units: number[]; comments: number[] };
  };
  const waves: Wave[] = [];
  for (let w = 0; w < WAVES; w++) {
    const openedAt = LAST_WAVE_OPENS - (WAVES - 1 - w) * WEEK;
    const rate = Math.min(0.95, Math.max(0.5, 0.81 + 0.08 * Math.sin(w / 8) + rng.noise(0.03)));
    const participation: Wave['participation'] = [];
    const submissions: { unitId: number | null; answers: [number, number][]; comment: string }[] = [];
    for (const p of staff) {
      const unit = p.unitId ?? -1;
      const reachable = !rng.chance(0.01);
      const answered = reachable && rng.chance(rate + (unitKeen.get(unit) ?? 0));
      participation.push([p.id, p.unitId, answered, reachable]);
      if (!answered) continue;
      const mood = 3.55 + (unitMood.get(unit) ?? 0) + w * 0.002 + rng.noise(0.3);
      submissions.push({
        unitId: p.unitId,
        answers: answerValues(template, mood, rng),
        comment: rng.chance(0.15) ? rng.pick(COMMENTS) : '',
      });
    }
    const comments = submissions.filter((s) => s.comment !== '');
    const publication = publishAtClose(
      tree,
      submissions.map((s) => s.unitId),
      comments.map((c) => c.unitId),
      k,
      commentK,
    );
    const wave: Wave = {
      participation,
      responses: [],
      answers: [],
      comments: [],
      published: {
        units: [...publication.units].sort((a, b) => a - b),
        comments: [...publication.comments].sort((a, b) => a - b),
      },
    };
    for (const s of shuffledBy(rng, submissions)) {
      const group = groupOf(tree, publication.units, s.unitId);
      if (group === undefined) continue;
      const id = hex(rng);
      wave.responses.push([id, group]);
      for (const [itemId, value] of s.answers) wave.answers.push([id, itemId, value]);
    }
    for (const c of shuffledBy(rng, comments)) {
      const group = groupOf(tree, publication.comments, c.unitId);
      if (group !== undefined) wave.comments.push([hex(rng), group, c.comment]);
    }
    waves.push(wave);
    waveRows.push({
      templateId,
      audienceUnitId: null,
      openedAt: new Date(openedAt).toISOString(),
      closesAt: new Date(openedAt + WEEK).toISOString(),
      closedAt: new Date(openedAt + WEEK).toISOString(),
      reminderDays: '[3]',
      launchedBy: hr,
      k,
      commentK,
      tree: JSON.stringify(tree),
      published: JSON.stringify(wave.published),
    });
  }
  const generate = { ms: performance.now() - t0 };

  t0 = performance.now();
  const ids: number[] = [];
  for (const row of waveRows)
    ids.push((await db.insert(surveyWaves).values(row).returning({ id: surveyWaves.id }))[0]!.id);
  const bulk = await bulkWriter(db);
  const counts = { participation: 0, responses: 0, answers: 0, comments: 0 };
  for (const [i, w] of waves.entries()) {
    const waveId = ids[i]!;
    await bulk.insert(
      'survey_participation',
      [
        ['wave_id', 'int'],
        ['employee_id', 'int'],
        ['unit_id', 'int'],
        ['answered', 'bool'],
        ['reachable', 'bool'],
      ],
      w.participation.map((r) => [waveId, ...r]),
    );
    await bulk.insert(
      'survey_responses',
      [
        ['id', 'text'],
        ['wave_id', 'int'],
        ['unit_id', 'int'],
      ],
      w.responses.map(([id, unit]) => [id, waveId, unit]),
    );
    await bulk.insert(
      'survey_answers',
      [
        ['response_id', 'text'],
        ['item_id', 'int'],
        ['value', 'int'],
      ],
      w.answers,
    );
    await bulk.insert(
      'survey_comments',
      [
        ['id', 'text'],
        ['wave_id', 'int'],
        ['unit_id', 'int'],
        ['text', 'text'],
      ],
      w.comments.map(([id, unit, text]) => [id, waveId, unit, text]),
    );
    counts.participation += w.participation.length;
    counts.responses += w.responses.length;
    counts.answers += w.answers.length;
    counts.comments += w.comments.length;
  }
  await bulk.commit();
  await unitOfWork(db, async (tx) => await writeTallies(tx, ids));
  return {
    people: staff.length,
    units: units.length,
    waves: WAVES,
    ...counts,
    ms: { org: org.ms, generate: generate.ms, write: performance.now() - t0 },
  };
}

export { bulkWriter, shuffledBy };

/** A claim waiting on its first step, and who may approve it (the applicant's manager). */
export interface PendingClaim {
  id: number;
  version: number;
  approver: number;
}

/** `n` point claims (120 points: the manager's step only) submitted through the domain, one unit of work each,
 *  by people who have a manager, round robin. */
export async function submitClaims(db: Db, n: number, now: Date): Promise<PendingClaim[]> {
  await unitOfWork(db, async (tx) => {
    await ensureDefaultFlows(tx);
    await ensureDefaultCatalogue(tx);
  });
  const tag = (await listTags(db))[0]!;
  const applicants = (
    await db.select({ id: employees.id }).from(employees).where(isNotNull(employees.managerId)).orderBy(employees.id)
  ).map((e) => e.id);
  const out: PendingClaim[] = [];
  for (let i = 0; out.length < n; i++) {
    const r = await unitOfWork(
      db,
      async (tx) =>
        await submitRequest(tx, {
          applicantId: applicants[(i * 7) % applicants.length]!,
          payload: { kind: 'point_claim', tagId: tag.id, description: `Bench claim ${i}`, quantities: [], points: 120 },
          now,
        }),
    );
    if (!r.ok) throw new Error(`claim refused: ${r.code}`);
    const approver = r.request.approvers[0];
    if (r.request.status === 'pending' && approver !== undefined)
      out.push({ id: r.request.id, version: r.request.version, approver });
  }
  return out;
}

/** `n` more pending claims written in bulk, each a copy of one of `like` (same applicant, approver, routing):
 *  the backlog a press must not slow down under. Their 'submit' decisions too. */
export async function pendingBacklog(db: Db, like: readonly PendingClaim[], n: number): Promise<void> {
  const rows = await db
    .select()
    .from(approvalRequests)
    .where(
      inArray(
        approvalRequests.id,
        like.map((c) => c.id),
      ),
    );
  const before = (
    await db.select({ id: approvalRequests.id }).from(approvalRequests).orderBy(desc(approvalRequests.id)).limit(1)
  )[0]!.id;
  const bulk = await bulkWriter(db);
  const copies: unknown[][] = [];
  for (let i = 0; i < n; i++) {
    const r = rows[i % rows.length]!;
    copies.push([
      r.flowKey,
      r.flowSnapshot,
      r.applicantId,
      r.payload,
      'pending',
      r.stepIndex,
      r.approvers,
      r.asked,
      r.routingNote,
      r.version,
      r.stepStartedAt,
      r.createdAt,
      r.updatedAt,
    ]);
  }
  await bulk.insert(
    'approval_requests',
    [
      ['flow_key', 'text'],
      ['flow_snapshot', 'text'],
      ['applicant_id', 'int'],
      ['payload', 'text'],
      ['status', 'text'],
      ['step_index', 'int'],
      ['approvers', 'text'],
      ['asked', 'text'],
      ['routing_note', 'text'],
      ['version', 'int'],
      ['step_started_at', 'text'],
      ['created_at', 'text'],
      ['updated_at', 'text'],
    ],
    copies,
  );
  await bulk.commit();
  await sqlFor(db).run(
    `insert into approval_decisions (request_id, step_index, actor_id, kind, at)
     select id, 0, applicant_id, 'submit', created_at from approval_requests where id > ?`,
    before,
  );
}
