// Writing to the outbox. Always called inside the transaction of the domain change that causes the
// message, so either both happen or neither does.
import type { CardView } from '../../cards/view.js';
import { latestSendOf, queueMessage } from '../domain/delivery/outbox-store.js';
import { reachOf } from '../domain/delivery/recipients.js';
import type { Notifier } from '../domain/notify.js';
import { keepUnreached, refreshUnreached } from '../domain/org/reachability.js';
import type { Db } from '../domain/unit-of-work.js';
import type { Locale, OutgoingMessage, Platform, Recipient, SentRef } from './port.js';

export interface EnqueueInput {
  platform: Platform;
  op: 'send' | 'update';
  recipient: Recipient;
  message: OutgoingMessage;
  cardKey?: string;
}

export async function enqueue(db: Db, input: EnqueueInput, now: number = Date.now()): Promise<number> {
  return await queueMessage(db, {
    platform: input.platform,
    op: input.op,
    recipient: JSON.stringify(input.recipient),
    message: JSON.stringify(input.message),
    cardKey: input.cardKey ?? null,
    at: now,
  });
}

/** The ref of the delivered copy of a card for one recipient, if it has been delivered. */
export async function sentRefFor(
  db: Db,
  platform: Platform,
  cardKey: string,
  recipient: Recipient,
): Promise<{ state: 'sent'; ref: SentRef } | { state: 'pending' } | { state: 'missing' }> {
  const row = await latestSendOf(db, platform, cardKey, JSON.stringify(recipient));
  if (!row || row.status === 'dead') return { state: 'missing' };
  if (row.status === 'sent' && row.sentRef) return { state: 'sent', ref: JSON.parse(row.sentRef) as SentRef };
  return { state: 'pending' };
}

export interface OutboxNotifierOptions {
  db: Db;
  /** Rewrites a card for a platform (mini-app links); identity when absent. */
  forPlatform?: (platform: Platform, card: CardView) => CardView;
  /** Platforms with a running adapter; an employee is reached on each one they have an identity on. */
  platforms: ReadonlySet<Platform>;
  defaultLocale: Locale;
}

/** The Notifier the domain uses, backed by the outbox. The sandbox reaches everyone (its user id is the
 *  employee id); real platforms reach people linked to them. */
export function outboxNotifier({
  db,
  platforms,
  defaultLocale,
  forPlatform = (_p, c) => c,
}: OutboxNotifierOptions): Notifier {
  // The person's language and where they are reached, in one read per message.
  const reach = async (
    employeeId: number,
  ): Promise<{ locale: Locale; to: { platform: Platform; recipient: Recipient }[] }> => {
    const r = await reachOf(db, employeeId);
    const to: { platform: Platform; recipient: Recipient }[] = [];
    if (platforms.has('sandbox'))
      to.push({ platform: 'sandbox', recipient: { kind: 'user', platformUserId: String(employeeId) } });
    for (const id of r.identities) {
      if (platforms.has(id.platform))
        to.push({ platform: id.platform, recipient: { kind: 'user', platformUserId: id.platformUserId } });
    }
    return { locale: r.locale ?? defaultLocale, to };
  };
  return {
    async toEmployee(employeeId, render: (locale: Locale) => CardView, opts = {}) {
      const { locale, to } = await reach(employeeId);
      const card = render(locale);
      // Nobody reachable (no identity on any running platform): kept, and delivered when they become reachable (src/bot/reach.ts).
      if (to.length === 0 && platforms.size > 0) await keepUnreached(db, employeeId, card, opts.cardKey);
      for (const r of to)
        await enqueue(db, {
          ...r,
          op: 'send',
          message: { kind: 'card', card: forPlatform(r.platform, card) },
          cardKey: opts.cardKey,
        });
    },
    async updateCard(cardKey, employeeId, render) {
      const { locale, to } = await reach(employeeId);
      const card = render(locale);
      if (to.length === 0) await refreshUnreached(db, employeeId, cardKey, card);
      for (const r of to)
        await enqueue(db, {
          ...r,
          op: 'update',
          message: { kind: 'card', card: forPlatform(r.platform, card) },
          cardKey,
        });
    },
    async toChat(to, card, opts) {
      if (!platforms.has(to.platform)) return false;
      const recipient: Recipient = { kind: 'chat', chatId: to.chatId };
      // Once per key: the row stays in the outbox (sent, pending or dead), so a repeat finds it.
      if (await latestSendOf(db, to.platform, opts.cardKey, JSON.stringify(recipient))) return false;
      await enqueue(db, {
        platform: to.platform,
        op: 'send',
        recipient,
        message: { kind: 'card', card: forPlatform(to.platform, card) },
        cardKey: opts.cardKey,
      });
      return true;
    },
  };
}
