// The sandbox chat in the database (`sandbox_messages`), so every instance behind a load balancer serves the
// same conversation: the page polls whichever instance it reaches, and the bot's reply may have been delivered
// by another (issue 21). The sandbox adapter gets this as its SandboxChatStore (adapters/sandbox/store.ts) and
// never touches the database itself.
// Demo data: the sandbox is for trying Vitality out (refused in production); each conversation keeps its last
// 200 messages, older ones are deleted as new ones arrive.
// Versions are global and rise with every change, so a page asking "what changed since v" misses nothing: each
// one is computed in the statement that writes it (max + 1) under a unique index. On SQLite the write lock
// orders those statements; on PostgreSQL (READ COMMITTED, one statement each) two at once compute the same
// number, the unique index refuses the second, and it is run again — so a version is only ever given after
// every smaller one has committed.
import { and, asc, desc, eq, gt, lt, max, sql } from 'drizzle-orm';
import { cardViewSchema, type CardView } from '../../../cards/view.js';
import type { Db } from '../../db/connection.js';
import { sandboxMessages } from '../../db/schema.js';

export interface SandboxChatMessage {
  id: string;
  from: 'user' | 'bot';
  text?: string;
  card?: CardView;
  version: number;
}

type Row = typeof sandboxMessages.$inferSelect;

const MAX_PER_CONVERSATION = 200;
const ATTEMPTS = 8;

const nextVersion = sql`(select coalesce(max(version), 0) + 1 from sandbox_messages)`;

function messageOf(r: Row): SandboxChatMessage {
  return {
    id: `m${r.id}`,
    from: r.sender,
    ...(r.text !== null ? { text: r.text } : {}),
    ...(r.card !== null ? { card: cardViewSchema.parse(JSON.parse(r.card)) as CardView } : {}),
    version: r.version,
  };
}

/** The row id in a message id ("m12" → 12); undefined for anything else. */
function rowId(id: string): number | undefined {
  const m = /^m(\d{1,15})$/.exec(id);
  return m ? Number(m[1]) : undefined;
}

/** Two statements gave the same version at once (PostgreSQL): the later one is refused and runs again. */
function versionTaken(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    const x = e as { code?: unknown; constraint?: unknown };
    if (x.code === '23505' && x.constraint === 'sandbox_messages_version_uq') return true;
  }
  return false;
}

async function withVersion<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (err) {
      if (attempt >= ATTEMPTS || !versionTaken(err)) throw err;
    }
  }
}

/** The sandbox chat of database `db`, as the sandbox adapter stores it. */
export function databaseSandboxChat(db: Db) {
  const t = sandboxMessages;
  const byKey = async (key: string) => (await db.select().from(t).where(eq(t.idempotencyKey, key)).limit(1))[0];
  return {
    async add(
      conversation: string,
      m: { from: 'user' | 'bot'; text?: string; card?: CardView },
      idempotencyKey?: string,
    ): Promise<SandboxChatMessage> {
      if (idempotencyKey) {
        const seen = await byKey(idempotencyKey);
        if (seen) return messageOf(seen);
      }
      // A resend racing the first copy: the key's unique index keeps one, and the other reads it back.
      const [inserted] = await withVersion(async () =>
        idempotencyKey
          ? await db
              .insert(t)
              .values({
                conversation,
                sender: m.from,
                text: m.text ?? null,
                card: m.card ? JSON.stringify(m.card) : null,
                version: nextVersion,
                idempotencyKey,
              })
              .onConflictDoNothing({ target: t.idempotencyKey })
              .returning()
          : await db
              .insert(t)
              .values({
                conversation,
                sender: m.from,
                text: m.text ?? null,
                card: m.card ? JSON.stringify(m.card) : null,
                version: nextVersion,
              })
              .returning(),
      );
      const row = inserted ?? (idempotencyKey ? await byKey(idempotencyKey) : undefined);
      if (!row) throw new Error('sandbox chat: the message was neither stored nor found');
      if (inserted) await prune(db, conversation);
      return messageOf(row);
    },

    async replaceCard(id: string, card: CardView): Promise<boolean> {
      const n = rowId(id);
      if (n === undefined) return false;
      const rows = await withVersion(
        async () =>
          await db
            .update(t)
            .set({ card: JSON.stringify(card), version: nextVersion })
            .where(eq(t.id, n))
            .returning({ id: t.id }),
      );
      return rows.length > 0;
    },

    async get(id: string): Promise<{ conversation: string; message: SandboxChatMessage } | undefined> {
      const n = rowId(id);
      if (n === undefined) return undefined;
      const row = (await db.select().from(t).where(eq(t.id, n)).limit(1))[0];
      return row ? { conversation: row.conversation, message: messageOf(row) } : undefined;
    },

    async since(conversation: string, version: number): Promise<SandboxChatMessage[]> {
      const rows = await db
        .select()
        .from(t)
        .where(and(eq(t.conversation, conversation), gt(t.version, version)))
        .orderBy(asc(t.id));
      return rows.map(messageOf);
    },

    async currentVersion(): Promise<number> {
      return (await db.select({ v: max(t.version) }).from(t))[0]?.v ?? 0;
    },
  };
}

/** Keep the conversation's last MAX_PER_CONVERSATION messages. */
async function prune(db: Db, conversation: string): Promise<void> {
  const t = sandboxMessages;
  const oldestKept = (
    await db
      .select({ id: t.id })
      .from(t)
      .where(eq(t.conversation, conversation))
      .orderBy(desc(t.id))
      .limit(1)
      .offset(MAX_PER_CONVERSATION - 1)
  )[0];
  if (!oldestKept) return;
  await db.delete(t).where(and(eq(t.conversation, conversation), lt(t.id, oldestKept.id)));
}
