// No anonymous data on a person's status page, by test: every SQL statement the server runs while HR opens
// Qing Ye's page — and proposes the conversation its signal calls for — is recorded at the driver (SQLite's
// prepare, PostgreSQL's client query), and none of them names a survey table (responses, answers, comments,
// tallies, pools, participation, waves…), a conversation table or the pulse follow-ups. Qing Ye has answered
// pulses and commented, so there is something to find. A read of any of them added to the page fails here; the
// recorder itself is shown to see such a read.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/connection.js';
import { surveySealKey } from '../../src/db/seal-key.js';
import { submitAnswers } from '../../src/domain/surveys/waves.js';
import { startHarness, type Harness } from '../support/harness.js';
import { closeNow, launchTo } from '../support/pulse.js';
import { statusHistory } from '../support/status-history.js';
import { HR, personId, STORE } from '../support/training-history.js';
import { call, sandboxSession } from '../web/client.js';

/** Tables that hold or derive from anonymous answers (and who answered): never read for a person's page. */
const ANONYMOUS = /\b(survey_[a-z_]+|conversation_pool|comment_threads|comment_messages|follow_ups)\b/;

let h: Harness;
const seen: string[] = [];
let recording = false;

/** PostgreSQL: the client's query, patched before the server opens its pool (pooled clients bind it at connect). */
function recordPostgres(): void {
  const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
  const query = proto.query;
  proto.query = function (this: unknown, ...a: unknown[]) {
    const q = a[0] as string | { text?: string };
    if (recording) seen.push(typeof q === 'string' ? q : (q.text ?? ''));
    return query.apply(this, a);
  };
}

/** SQLite: the connection's prepare (drizzle prepares every statement it runs). */
function recordSqlite(): void {
  const sqlite = h.sqlite;
  const prepare = sqlite.prepare.bind(sqlite);
  sqlite.prepare = ((source: string) => {
    if (recording) seen.push(source);
    return prepare(source);
  }) as typeof sqlite.prepare;
}

async function recorded(fn: () => Promise<unknown>): Promise<string[]> {
  seen.length = 0;
  recording = true;
  try {
    await fn();
  } finally {
    recording = false;
  }
  return [...seen];
}

/** A closed pulse in Qing Ye's store that everyone answered with a comment. */
async function answeredPulse(): Promise<void> {
  const db = h.app.db;
  const key = surveySealKey(h.app.config);
  const { wave, people, values } = await launchTo(db, STORE, new Date(Date.now() - 3_600_000));
  for (const employeeId of people) {
    const r = await inTransaction(
      db,
      async () =>
        await submitAnswers(db, key, {
          waveId: wave.id,
          employeeId,
          values: { ...values(2), comment: 'the late shift is too long' },
          now: new Date(),
        }),
    );
    if (!r.ok) throw new Error(r.code);
  }
  await closeNow(db, wave.id, key);
}

const onPostgres = Boolean(process.env.DATABASE_URL);
beforeAll(async () => {
  if (onPostgres) recordPostgres();
  h = await startHarness();
  if (!onPostgres) recordSqlite();
  await statusHistory(h);
  await answeredPulse();
});
afterAll(async () => h?.stop());

describe('the status page reads no anonymous table', () => {
  it('the recorder sees a pulse read on the server’s connection', async () => {
    const statements = await recorded(() => h.sql.rows('select count(*) as n from survey_answers'));
    expect(statements.some((s) => ANONYMOUS.test(s))).toBe(true);
  });

  it('opening the page and proposing its conversation run no statement on a survey or conversation table', async () => {
    const ye = await personId(h, 'ye.qing');
    const session = await sandboxSession(h, await personId(h, HR));
    // Qing Ye answered a pulse with a comment: there is something to find.
    const answered = await h.sql.row<{ n: number }>(
      'select count(*) as n from survey_participation where employee_id = ? and answered = true',
      ye,
    );
    expect(Number(answered?.n)).toBe(1);
    expect(Number((await h.sql.row<{ n: number }>('select count(*) as n from survey_comments'))?.n)).toBeGreaterThan(0);
    await h.sql.run('delete from performance_talks where employee_id = ?', ye);
    let page: Awaited<ReturnType<typeof call>> | undefined;
    let proposed: Awaited<ReturnType<typeof call>> | undefined;
    const statements = await recorded(async () => {
      page = await call(h, 'GET', `/api/people/${ye}/status`, { session });
      const signal = (page.body.signals as { cycleId: number; dimension: string }[])[0]!;
      proposed = await call(h, 'POST', `/api/people/${ye}/status/talks`, {
        session,
        body: { cycleId: signal.cycleId, dimension: signal.dimension },
      });
    });
    expect(page?.status).toBe(200);
    expect(proposed?.body).toMatchObject({ created: true });
    // The page was really built from its sources (ratings, attendance, indicators, the ledger, talks).
    for (const table of [
      'rating_results',
      'attendance_days',
      'indicator_values',
      'ledger_entries',
      'performance_talks',
    ])
      expect(
        statements.some((s) => s.includes(table)),
        table,
      ).toBe(true);
    expect(statements.filter((s) => ANONYMOUS.test(s))).toEqual([]);
  });
});
