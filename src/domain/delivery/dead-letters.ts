// Dead letters as HR sees them: who did not get which message on which platform, why (in words, with what
// to fix), and a retry that puts them back in the queue. Chat (/report delivery) and the mini-app
// (GET/POST /api/hr/delivery) both call these.
import { changedRows } from '../../db/rows.js';
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { outbox } from '../../db/schema.js';
import type { Platform } from '../../vocabulary.js';
import { audit, type Actor } from '../audit.js';
import { findByIdentity } from '../org/employees.js';
import { reasonOfRow, type DeadReason } from './reasons.js';

export interface DeadLetter {
  id: number;
  platform: Platform;
  /** The person the message was for, when the recipient is someone we know (not a group chat). */
  person: { id: number; name: string } | null;
  /** The platform's id of the recipient, for the admin fixing it on the platform side. */
  recipientId: string;
  /** The card's title or the text's start: which message it was. */
  what: string;
  reason: DeadReason;
  /** The platform's own words (error code, missing scope): what to look up or grant. */
  detail: string;
  createdAt: string;
}

const recipientSchema = z.union([
  z.object({ kind: z.literal('user'), platformUserId: z.string() }),
  z.object({ kind: z.literal('chat'), chatId: z.string() }).loose(),
]);
const messageSchema = z.union([
  z.object({
    kind: z.literal('card'),
    card: z
      .object({ header: z.object({ title: z.string() }).loose().optional(), blocks: z.array(z.unknown()).optional() })
      .loose(),
  }),
  z.object({ kind: z.literal('text'), text: z.string() }),
]);

function whatOf(message: string): string {
  const m = messageSchema.safeParse(JSON.parse(message));
  if (!m.success) return '';
  const text =
    m.data.kind === 'text' ? m.data.text : (m.data.card.header?.title ?? firstText(m.data.card.blocks ?? []));
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

function firstText(blocks: unknown[]): string {
  const b = blocks.find(
    (x): x is { markdown: string } =>
      typeof x === 'object' && x !== null && 'markdown' in x && typeof x.markdown === 'string',
  );
  return b?.markdown.split('\n')[0] ?? '';
}

/** The platform's words without our "kind: " prefix. */
function detailOf(lastError: string | null): string {
  return (lastError ?? '').replace(/^(rate_limited|transient|permanent): /, '');
}

/** How many messages are dead letters now. */
export async function countDeadLetters(db: Db): Promise<number> {
  return (await db.select({ n: count() }).from(outbox).where(eq(outbox.status, 'dead')).limit(1))[0]?.n ?? 0;
}

/** Every dead row, oldest first (at most `limit`), with its person and reason. */
export async function listDeadLetters(db: Db, limit = 200): Promise<{ total: number; rows: DeadLetter[] }> {
  const all = await db.select().from(outbox).where(eq(outbox.status, 'dead')).orderBy(asc(outbox.id));
  const rows = await Promise.all(
    all.slice(0, limit).map(async (r): Promise<DeadLetter> => {
      const to = recipientSchema.safeParse(JSON.parse(r.recipient));
      const person =
        to.success && to.data.kind === 'user'
          ? await findByIdentity(db, r.platform, to.data.platformUserId)
          : undefined;
      return {
        id: r.id,
        platform: r.platform,
        person: person ? { id: person.id, name: person.name } : null,
        recipientId: to.success ? (to.data.kind === 'user' ? to.data.platformUserId : to.data.chatId) : '',
        what: whatOf(r.message),
        reason: reasonOfRow(r.deadReason, r.lastError),
        detail: detailOf(r.lastError),
        createdAt: r.createdAt,
      };
    }),
  );
  return { total: all.length, rows };
}

/** Put dead rows back in the queue with a fresh count of attempts (all of them, or the ones named), and
 *  audit who did it. Their idempotency keys stay, so a copy a platform did take is still not sent twice.
 *  Returns how many were re-queued. */
export async function retryDeadLetters(
  db: Db,
  actor: Actor,
  opts: { ids?: number[]; now?: number } = {},
): Promise<number> {
  const now = opts.now ?? Date.now();
  const where = opts.ids ? and(eq(outbox.status, 'dead'), inArray(outbox.id, opts.ids)) : eq(outbox.status, 'dead');
  const n = changedRows(
    await db
      .update(outbox)
      .set({
        status: 'pending',
        attempts: 0,
        throttled: 0,
        throttledSince: null,
        deadReason: null,
        lastError: null,
        leaseOwner: null,
        leaseUntil: null,
        nextAttemptAt: now,
      })
      .where(where),
  );
  if (n > 0) await audit(db, actor, 'delivery.retry', undefined, { rows: n });
  return n;
}
