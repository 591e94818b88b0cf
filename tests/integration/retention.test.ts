// Retention: the nightly prune removes what is past its period — outbox payloads, inbound ids, ended
// sessions, old audit rows (the chain still verifies) and raters' comments of long-closed cycles — and
// nothing else. Periods are settings; a zero, negative or out-of-range value changes nothing.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { inTransaction } from '../../src/db/connection.js';
import { audit, verifyAuditChain } from '../../src/domain/audit.js';
import { seedDemoOrg } from '../../src/domain/org/demo-org.js';
import { ensureDefaultSchemes } from '../../src/domain/ratings/cycles.js';
import { pruneByRetention, retention, RETENTION_DEFAULTS, setRetention } from '../../src/domain/retention.js';
import { createSession, findSession, revokeSession } from '../../src/domain/sessions.js';
import { freshDb } from '../support/db.js';
import { sqlFor } from '../support/sql.js';

const DAY = 86_400_000;
const NOW = new Date('2027-06-01T03:30:00Z');
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);
afterEach(() => vi.useRealTimers());

async function world() {
  const db = await freshDb();
  // The oldest history first: an audit row written 800 days ago.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(ago(800));
  await inTransaction(db, async () => await audit(db, { kind: 'system' }, 'test.ancient'));
  vi.useRealTimers();
  await seedDemoOrg(db);
  const sql = sqlFor(db);
  const hr = ((await sql.row("select id from employees where email = 'lin.xiaowen@qingyun.example'")) as { id: number })
    .id;
  // Outbox: delivered long ago, delivered recently, dead long ago, pending long ago (never touched).
  const msg = JSON.stringify({ kind: 'text', text: 'Dear 林晓雯' });
  const row = (...params: unknown[]) =>
    sql.run(
      "insert into outbox (platform, op, recipient, message, idempotency_key, status, next_attempt_at, created_at) values ('sandbox', 'send', '{}', ?, ?, ?, 0, ?)",
      ...params,
    );
  await row(msg, 'k1', 'sent', ago(40).toISOString());
  await row(msg, 'k2', 'sent', ago(10).toISOString());
  await row(msg, 'k3', 'dead', ago(31).toISOString());
  await row(msg, 'k4', 'pending', ago(90).toISOString());
  await sql.run(
    "insert into inbound_events (platform, event_id, received_at) values ('slack', 'old', ?), ('slack', 'new', ?)",
    ago(8).toISOString(),
    ago(6).toISOString(),
  );
  const policy = { idleMs: DAY, maxMs: DAY };
  const longEnded = await createSession(db, { employeeId: hr, via: 't', now: ago(40), policy });
  const recentlyEnded = await createSession(db, { employeeId: hr, via: 't', now: ago(5), policy });
  await revokeSession(db, recentlyEnded.id, ago(5));
  // And one written 100 days ago.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(ago(100));
  await inTransaction(db, async () => await audit(db, { kind: 'system' }, 'test.recent'));
  vi.useRealTimers();
  // Two closed rating cycles with a rater's comment: closed 400 and 30 days ago.
  await inTransaction(db, async () => await ensureDefaultSchemes(db));
  const scheme = ((await sql.row('select id from rating_schemes order by id limit 1')) as { id: number }).id;
  const unit = ((await sql.row("select id from org_units where name = '上海徐汇店'")) as { id: number }).id;
  const subject = ((await sql.row("select id from employees where email = 'guo.na@qingyun.example'")) as { id: number })
    .id;
  for (const closed of [400, 30]) {
    const c = (await sql.row<{ id: number }>(
      "insert into rating_cycles (scheme_id, scheme_snapshot, unit_id, opened_at, closes_at, closed_at) values (?, '{}', ?, ?, ?, ?) returning id",
      scheme,
      unit,
      ago(closed + 10).toISOString(),
      ago(closed).toISOString(),
      ago(closed).toISOString(),
    ))!;
    await sql.run(
      'insert into rating_feedback (cycle_id, subject_id, rater_id, comment) values (?, ?, ?, ?)',
      c.id,
      subject,
      hr,
      `comment closed ${closed} days ago`,
    );
  }
  return { db, sql, longEnded, recentlyEnded };
}

describe('the nightly prune', () => {
  it('removes what is past its period and nothing else; the audit chain still verifies', async () => {
    const { db, sql, longEnded, recentlyEnded } = await world();
    expect(await verifyAuditChain(db)).toMatchObject({ intact: true });
    const r = await inTransaction(db, async () => await pruneByRetention(db, NOW));
    expect(r).toEqual({
      outboxBlanked: 2,
      inboundDeleted: 1,
      sessionsDeleted: 1,
      auditDeleted: 1,
      raterCommentsDeleted: 1,
    });
    expect(
      await sql.rows("select idempotency_key as k, message like '%林晓雯%' as kept from outbox order by id"),
    ).toEqual([
      { k: 'k1', kept: 0 },
      { k: 'k2', kept: 1 },
      { k: 'k3', kept: 0 },
      { k: 'k4', kept: 1 },
    ]);
    expect(await sql.rows('select event_id as e from inbound_events order by event_id')).toEqual([{ e: 'new' }]);
    const policy = { idleMs: DAY, maxMs: DAY };
    expect(await findSession(db, longEnded.id, NOW, policy)).toEqual({ ok: false, reason: 'invalid' });
    expect(await findSession(db, recentlyEnded.id, NOW, policy)).toEqual({ ok: false, reason: 'revoked' });
    expect(await sql.rows("select action from audit_log where action like 'test.%'")).toEqual([
      { action: 'test.recent' },
    ]);
    expect(await sql.rows('select comment from rating_feedback')).toEqual([{ comment: 'comment closed 30 days ago' }]);
    // The chain verifies from the first remaining row; the prune itself is on the record.
    expect(await verifyAuditChain(db)).toMatchObject({ intact: true });
    expect(await sql.row("select count(*) as n from audit_log where action = 'retention.prune'")).toEqual({ n: 1 });
    // The database still refuses deleting audit rows beyond the mark.
    await expect(sql.run("delete from audit_log where action = 'test.recent'")).rejects.toThrow(/append-only/);
    // A second run finds nothing more to do.
    expect(await inTransaction(db, async () => await pruneByRetention(db, NOW))).toMatchObject({
      outboxBlanked: 0,
      inboundDeleted: 0,
      sessionsDeleted: 0,
      auditDeleted: 0,
      raterCommentsDeleted: 0,
    });
  });

  it('follows the settings; bad values change nothing', async () => {
    const { db, sql } = await world();
    const actor = { kind: 'system' } as const;
    for (const bad of [
      { outboxDays: 0 },
      { auditDays: -5 },
      { inboundDays: 1.5 },
      { auditDays: 10 },
      { outboxDays: 60, sessionDays: 0 },
    ]) {
      const r = await inTransaction(db, async () => await setRetention(db, bad, actor));
      expect(r.ok).toBe(false);
    }
    expect(await retention(db)).toEqual(RETENTION_DEFAULTS);
    expect(await sql.row("select count(*) as n from settings where key = 'retention'")).toEqual({ n: 0 });
    expect(await inTransaction(db, async () => await setRetention(db, { outboxDays: 5 }, actor))).toMatchObject({
      ok: true,
    });
    expect((await inTransaction(db, async () => await pruneByRetention(db, NOW))).outboxBlanked).toBe(3);
  });
});
