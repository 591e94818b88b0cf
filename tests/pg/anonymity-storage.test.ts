// Attack 5 on PostgreSQL: someone holding the database (a DBA, a dump taken with the system columns) reads each
// row's creating transaction id (xmin) and the heap order (ctid) to tie a participation update — which names the
// person — to the answers they gave. The storage rules make that impossible: answers wait sealed in the pool
// while the wave is open, and at close they are written in one commit, in shuffled order, after which the pool
// table is rewritten without the sealed rows' old versions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, startPostgres, type PostgresCluster } from '../support/postgres.js';

// The tables the domain uses are chosen when src/db/schema.ts loads: PostgreSQL's, since DATABASE_URL is set
// before the first import of src (a run on PostgreSQL has set it already).
let cluster: PostgresCluster | undefined;
if (!process.env.DATABASE_URL) {
  cluster = await startPostgres();
  process.env.DATABASE_URL = cluster.url;
}
const { closeDatabase, inTransaction, openConfiguredDatabase, postgresPool } =
  await import('../../src/db/connection.js');
const { seedDemoOrg } = await import('../../src/domain/org/demo-org.js');
const { TEST_SEAL } = await import('../support/pulse.js');
const { ensureDefaultTemplate, getTemplate } = await import('../../src/domain/surveys/templates.js');
const { closeWave, launchWave, submitAnswers } = await import('../../src/domain/surveys/waves.js');

const T0 = new Date('2026-03-02T01:00:00Z');
type Db = Awaited<ReturnType<typeof openConfiguredDatabase>>;
let db: Db;
let waveId: number;
let respondents: number[];
/** Respondent i's answers spell i in base 5, so the test can tell whose response row is whose. */
const vectorOf = (i: number, n: number) => Array.from({ length: n }, (_, j) => 1 + (Math.floor(i / 5 ** j) % 5));
const authorOf = (v: number[]) => v.reduce((n, x, j) => n + (x - 1) * 5 ** j, 0);

const query = async <T>(text: string, params: unknown[] = []): Promise<T[]> =>
  (await postgresPool(db)!.query(text, params)).rows as T[];

beforeAll(async () => {
  db = await openConfiguredDatabase({ databaseUrl: await createDatabase(process.env.DATABASE_URL!), databasePath: '' });
  await seedDemoOrg(db);
  const templateId = await inTransaction(db, async () => await ensureDefaultTemplate(db));
  const launched = await inTransaction(db, async () =>
    launchWave(
      db,
      { invite: async () => {}, remind: async () => {} },
      {
        templateId,
        audienceUnitId: null,
        closesAt: new Date(T0.getTime() + 3 * 86_400_000),
        reminderDays: [],
        now: T0,
        actor: { kind: 'system' },
      },
    ),
  );
  if (!launched.ok) throw new Error(launched.code);
  waveId = launched.wave.id;
  const template = (await getTemplate(db, templateId))!;
  const itemIds = template.items.filter((i) => i.kind === 'scale').map((i) => i.id);
  const enpsId = template.items.find((i) => i.kind === 'enps')!.id;
  respondents = (
    await query<{ id: number }>('select employee_id as id from survey_participation where wave_id = $1 order by 1', [
      waveId,
    ])
  ).map((r) => r.id);
  expect(respondents.length).toBeGreaterThanOrEqual(30);
  // One submission per transaction, as people answer.
  for (const [i, employeeId] of respondents.entries()) {
    const values: Record<string, string> = Object.fromEntries(
      vectorOf(i, itemIds.length).map((v, j) => [`i${itemIds[j]}`, String(v)]),
    );
    values[`i${enpsId}`] = String(i % 11);
    const s = await inTransaction(db, async () =>
      submitAnswers(db, TEST_SEAL, { waveId, employeeId, values, now: new Date(T0.getTime() + (i + 1) * 60_000) }),
    );
    expect(s).toMatchObject({ ok: true });
  }
  const closed = await inTransaction(db, async () =>
    closeWave(db, TEST_SEAL, waveId, new Date(T0.getTime() + 86_400_000), { kind: 'system' }),
  );
  expect(closed.ok).toBe(true);
}, 120_000);

afterAll(async () => {
  if (db) await closeDatabase(db);
  await cluster?.stop();
});

describe('PostgreSQL storage: transaction ids and heap order tie no answer to a person', () => {
  it('every response row was written by one transaction, which wrote no participation row', async () => {
    const responses = await query<{ x: string }>('select xmin::text as x from survey_responses where wave_id = $1', [
      waveId,
    ]);
    expect(responses.length).toBe(respondents.length);
    const writers = new Set(responses.map((r) => r.x));
    expect(writers.size).toBe(1);
    const participation = await query<{ x: string }>(
      'select xmin::text as x from survey_participation where wave_id = $1',
      [waveId],
    );
    // Each person's "answered" update has its own transaction id: none of them is the one that wrote answers.
    expect(new Set(participation.map((p) => p.x)).size).toBeGreaterThan(1);
    for (const p of participation) expect(writers.has(p.x)).toBe(false);
  });

  it('the heap order of the answers is not the order people answered in', async () => {
    // Each response's answers spell its author's index (the order they answered in); read them in heap order.
    const rows = await query<{ response: number; value: number }>(
      `select a.response_id as response, a.value from survey_answers a join survey_responses r on r.id = a.response_id
        join survey_items i on i.id = a.item_id
       where r.wave_id = $1 and i.kind = 'scale' order by r.ctid, i.position`,
      [waveId],
    );
    const byResponse = new Map<number, number[]>();
    for (const r of rows) byResponse.set(r.response, [...(byResponse.get(r.response) ?? []), r.value]);
    const authors = [...byResponse.values()].map(authorOf);
    expect([...authors].sort((a, b) => a - b)).toEqual(respondents.map((_, i) => i));
    // 30+ rows in answering order by chance: about 1 in 30!, i.e. never.
    expect(authors).not.toEqual(respondents.map((_, i) => i));
  });

  it('the sealed submissions leave the pool table: it is rewritten empty after publication', async () => {
    expect(await query('select 1 from survey_pool where wave_id = $1', [waveId])).toEqual([]);
    // VACUUM FULL runs right after the publishing commit; wait for it (it takes milliseconds).
    let size = -1;
    for (let i = 0; i < 100 && size !== 0; i++) {
      size = Number((await query<{ n: string }>("select pg_relation_size('survey_pool') as n"))[0]!.n);
      if (size !== 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(size).toBe(0);
  });
});
