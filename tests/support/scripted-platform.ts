// A platform for outbox tests: records deliveries, honours idempotency keys like Feishu's `uuid`, and
// fails on demand (429 with Retry-After, 5xx, permanent errors, or "crash after accepting").
import { DeliveryError, type OutgoingMessage, type PlatformAdapter, type Recipient, type SentRef } from '../../src/bot/port.js';

export type Failure = { kind: 'rate_limited'; retryAfterMs: number } | { kind: 'transient' } | { kind: 'permanent' };

export class ScriptedPlatform implements PlatformAdapter {
  readonly platform = 'sandbox' as const;
  limits = { ratePerSecond: 1000, burst: 1000 };
  readonly delivered: { to: Recipient; msg: OutgoingMessage; key: string; at: number }[] = [];
  readonly updates: { ref: SentRef; msg: OutgoingMessage }[] = [];
  readonly calls: { key: string; at: number }[] = [];
  private readonly byKey = new Map<string, string>();
  failures: Failure[] = [];
  /** Accept the message, then throw as if the process died before recording success. */
  crashAfterAccepting = false;

  constructor(private readonly now: () => number = Date.now) {}

  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  async send(to: Recipient, msg: OutgoingMessage, { idempotencyKey }: { idempotencyKey: string }): Promise<SentRef> {
    this.calls.push({ key: idempotencyKey, at: this.now() });
    const f = this.failures.shift();
    if (f) throw new DeliveryError(`scripted ${f.kind}`, f.kind, f.kind === 'rate_limited' ? f.retryAfterMs : undefined);
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
    return { messageId: id };
  }

  async update(ref: SentRef, msg: OutgoingMessage): Promise<void> {
    this.updates.push({ ref, msg });
  }
}
