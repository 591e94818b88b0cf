// A platform for outbox tests: records deliveries, honours idempotency keys like Feishu's `uuid`, and
// fails on demand (429 with Retry-After, 5xx, permanent errors, or "crash after accepting").
import { fitCard } from '../../cards/fit.js';
import type { CardView } from '../../cards/view.js';
import {
  DeliveryError,
  type OutgoingMessage,
  type PlatformAdapter,
  type Recipient,
  type SendResult,
  type SentRef,
} from '../../src/bot/port.js';

/** All the text a card shows, for a platform that limits it (as Slack limits a message's blocks). */
export const textOf = (c: CardView): string => JSON.stringify(c);

export type Failure = { kind: 'rate_limited'; retryAfterMs: number } | { kind: 'transient' } | { kind: 'permanent' };

export class ScriptedPlatform implements PlatformAdapter {
  readonly platform = 'sandbox' as const;
  limits = { ratePerSecond: 1000, burst: 1000 };
  readonly delivered: { to: Recipient; msg: OutgoingMessage; key: string; at: number }[] = [];
  readonly updates: { ref: SentRef; msg: OutgoingMessage }[] = [];
  readonly calls: { key: string; at: number }[] = [];
  private readonly byKey = new Map<string, string>();
  failures: Failure[] = [];
  /** When set, a card whose JSON is longer is split like a real platform's adapter does (cards/fit.ts). */
  maxCardChars?: number;
  /** Accept the message, then throw as if the process died before recording success. */
  crashAfterAccepting = false;

  constructor(private readonly now: () => number = Date.now) {}

  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  async send(
    to: Recipient,
    message: OutgoingMessage,
    { idempotencyKey }: { idempotencyKey: string },
  ): Promise<SendResult> {
    const max = this.maxCardChars;
    const cards =
      message.kind === 'card' && max
        ? fitCard(message.card, { fits: (c) => textOf(c).length <= max, mode: 'send', appUrl: 'http://127.0.0.1/app' })
        : undefined;
    const msg: OutgoingMessage = cards ? { kind: 'card', card: cards[0]! } : message;
    this.calls.push({ key: idempotencyKey, at: this.now() });
    const f = this.failures.shift();
    if (f)
      throw new DeliveryError(`scripted ${f.kind}`, f.kind, f.kind === 'rate_limited' ? f.retryAfterMs : undefined);
    let id = this.byKey.get(idempotencyKey);
    if (!id) {
      id = `msg-${this.delivered.length + 1}`;
      this.byKey.set(idempotencyKey, id);
      this.delivered.push({ to, msg, key: idempotencyKey, at: this.now() });
    }
    if (this.crashAfterAccepting) {
      this.crashAfterAccepting = false;
      throw new Error('process died');
    }
    const continuations = cards?.slice(1).map((card) => ({ kind: 'card' as const, card }));
    return continuations?.length ? { messageId: id, continuations } : { messageId: id };
  }

  async update(ref: SentRef, msg: OutgoingMessage): Promise<void> {
    this.updates.push({ ref, msg });
  }
}
