// The press bench's database child: seeds one database (SQLite at DATABASE_PATH, or PostgreSQL at DATABASE_URL,
// as its parent set them) and keeps it open to add claims, a backlog, and to count decisions when asked.
// Its own process because src/db/schema.ts picks its tables from DATABASE_URL when first imported.
//
// The seed: data-layer's fixture (the 2,000-person org and its pulse history), 400 claims submitted through the
// domain by 400 different people (the patterns every pressable claim is a bulk copy of: a wave of approvals
// notifies many applicants, not a few — Slack allows about one message a second into each DM), one open wave for everyone (launched through
// the domain, invitations not sent: the bench presses the card directly), and every employee linked to a
// Slack user `UE<id>` as linking by email would leave them.
import { openConfiguredDatabase } from '../../src/db/connection.js';
import { platformIdentities, employees, outbox } from '../../src/db/schema.js';
import { launchWave } from '../../src/domain/surveys/waves.js';
import { ensureDefaultTemplate } from '../../src/domain/surveys/templates.js';
import { unitOfWork } from '../../src/domain/unit-of-work.js';
import { sqlFor } from '../../tests/support/sql.js';
import { HR_EMAIL, pendingBacklog, seedPulseHistory, submitClaims, type PendingClaim } from '../data-layer/fixture.js';
import { fromSeed, toSeed, type FromSeed } from './protocol.js';
import { eq } from 'drizzle-orm';

const send = (m: FromSeed) => process.send!(fromSeed.parse(m));
const db = await openConfiguredDatabase({
  databaseUrl: process.env.DATABASE_URL,
  databasePath: process.env.DATABASE_PATH ?? '',
});
const sql = sqlFor(db);
let like: PendingClaim[] = [];
/** Claims submitted through the domain, each by someone else: what the pressed claims are copies of. */
const PATTERNS = 400;

async function seed(): Promise<FromSeed> {
  const t0 = performance.now();
  const history = await seedPulseHistory(db);
  const now = new Date();
  like = await submitClaims(db, PATTERNS, now);
  const hr = (await db.select({ id: employees.id }).from(employees).where(eq(employees.email, HR_EMAIL)))[0]!.id;
  const templateId = await unitOfWork(db, async (tx) => await ensureDefaultTemplate(tx));
  const launched = await unitOfWork(
    db,
    async (tx) =>
      await launchWave(
        tx,
        { invite: async () => {}, remind: async () => {} },
        {
          templateId,
          audienceUnitId: null,
          closesAt: new Date(now.getTime() + 7 * 86_400_000),
          reminderDays: [3],
          now,
          actor: { kind: 'employee', employeeId: hr },
        },
      ),
  );
  if (!launched.ok) throw new Error(`wave launch refused: ${launched.code}`);
  const people = (
    await db.select({ id: employees.id, email: employees.email }).from(employees).where(eq(employees.active, true))
  ).map((e) => ({ id: e.id, email: e.email ?? '' }));
  for (let i = 0; i < people.length; i += 500)
    await db
      .insert(platformIdentities)
      .values(
        people
          .slice(i, i + 500)
          .map((p) => ({ platform: 'slack' as const, platformUserId: `UE${p.id}`, employeeId: p.id })),
      );
  // Whatever the seed queued (nothing is linked yet when the claims notify) is not part of a press.
  await sql.run('delete from outbox');
  return {
    type: 'seeded',
    employees: people,
    waveId: launched.wave.id,
    ms: performance.now() - t0,
    answers: history.answers,
  };
}

/** `n` fresh pending claims (bulk copies of the seed's claims), returned in id order. */
async function claims(n: number): Promise<FromSeed> {
  const t0 = performance.now();
  const before = (await sql.row<{ id: number }>('select coalesce(max(id), 0) as id from approval_requests'))!.id;
  await pendingBacklog(db, like, n);
  const rows = await sql.rows<{ id: number; version: number; approvers: string; applicant_id: number }>(
    'select id, version, approvers, applicant_id from approval_requests where id > ? order by id',
    before,
  );
  return {
    type: 'claims',
    claims: rows.map((r) => ({
      id: Number(r.id),
      version: Number(r.version),
      approver: (JSON.parse(r.approvers) as number[])[0]!,
      applicant: Number(r.applicant_id),
    })),
    ms: performance.now() - t0,
  };
}

process.on('message', (raw) => {
  const m = toSeed.parse(raw);
  const run = async (): Promise<FromSeed | undefined> => {
    switch (m.type) {
      case 'seed':
        return await seed();
      case 'claims':
        return await claims(m.n);
      case 'backlog': {
        const t0 = performance.now();
        await pendingBacklog(db, like, m.n);
        const pending = await sql.row<{ n: number }>(
          "select count(*) as n from approval_requests where status = 'pending'",
        );
        return { type: 'backlog', ms: performance.now() - t0, pending: Number(pending!.n) };
      }
      case 'check': {
        const rows = await sql.rows<{ id: number; n: number }>(
          "select request_id as id, count(*) as n from approval_decisions where kind = 'approve' and request_id between ? and ? group by request_id",
          m.lo,
          m.hi,
        );
        const unsent = await sql.row<{ n: number }>(
          "select count(*) as n from outbox where status in ('pending', 'sending')",
        );
        return {
          type: 'check',
          approvals: Object.fromEntries(rows.map((r) => [String(r.id), Number(r.n)])),
          unsent: Number(unsent!.n),
        };
      }
      case 'cards': {
        // As the outbox leaves a card it sent: later updates of the card (every copy is redrawn when a request
        // is decided) find the message to edit, as they would in real use — not a dead "no card" row and an
        // alert to HR on each press.
        const sentAt = new Date().toISOString();
        const rows = m.cards.map((c) => ({
          platform: 'slack' as const,
          op: 'send' as const,
          recipient: JSON.stringify({ kind: 'user', platformUserId: c.userId }),
          message: JSON.stringify({ kind: 'text', text: 'Point claim' }),
          cardKey: `approval:${c.id}`,
          idempotencyKey: `press-bench-card:${c.id}:${c.userId}`,
          status: 'sent' as const,
          nextAttemptAt: 0,
          sentRef: JSON.stringify({ messageId: c.ts, chatId: c.channel }),
          sentAt,
        }));
        await unitOfWork(db, async (tx) => {
          for (let i = 0; i < rows.length; i += 500) await tx.insert(outbox).values(rows.slice(i, i + 500));
        });
        return { type: 'cards', n: rows.length };
      }
      case 'exit':
        process.exit(0);
    }
  };
  run().then(
    (out) => out && send(out),
    (err: unknown) => send({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
});
process.send!({ type: 'ready' });
