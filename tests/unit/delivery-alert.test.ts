// HR is told when deliveries give up: the real worker dead-letters a message (a permanent error), and every
// HR person and admin gets one alert card; more failures within the hour add no second alert, and an alert
// that itself fails raises none.
import { pino } from 'pino';
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { card, type CardView } from '../../cards/view.js';
import { deliveryAlerter } from '../../src/bot/delivery-report.js';
import { enqueue } from '../../src/bot/outbox.js';
import { OutboxWorker } from '../../src/bot/outbox-worker.js';
import type { Db } from '../../src/db/connection.js';
import { employeeRoles, employees, outbox } from '../../src/db/schema.js';
import { seedDemoOrg } from '../../src/domain/org/demo-org.js';
import { freshDb } from '../support/db.js';
import { ScriptedPlatform } from '../support/scripted-platform.js';

const hello = { kind: 'card' as const, card: card({ blocks: [{ type: 'text', markdown: 'hello' }] }) };

describe('the alert HR gets when deliveries give up', () => {
  let db: Db;
  /** The worker's clock: real time (the notifier stamps rows with it) plus the hours a test skips. */
  let skipped: number;
  const now = () => Date.now() + skipped;
  let platform: ScriptedPlatform;
  let worker: OutboxWorker;
  const alerts = async () => (await db.select().from(outbox)).filter((r) => r.cardKey?.startsWith('delivery-alert:'));

  beforeEach(async () => {
    db = await freshDb();
    await seedDemoOrg(db);
    // Start just after the turn of an hour, so the whole test stays inside one hour until it skips one.
    skipped = Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 1000 - Date.now();
    platform = new ScriptedPlatform(now);
    const adapters = new Map([['sandbox' as const, platform]]);
    worker = new OutboxWorker({
      db,
      adapters,
      logger: pino({ level: 'silent' }),
      maxAttempts: 3,
      pollMs: 50,
      now,
      onDead: deliveryAlerter({ db, platforms: new Set(adapters.keys()), defaultLocale: 'zh-CN', now }),
    });
  });

  it('reaches every HR person and admin once an hour, in their language, and not about itself', async () => {
    const roles = (
      await db
        .select({ employeeId: employeeRoles.employeeId, role: employeeRoles.role })
        .from(employeeRoles)
        .innerJoin(employees, eq(employees.id, employeeRoles.employeeId))
    ).filter((r) => r.role === 'hr' || r.role === 'admin');
    expect(roles.length).toBeGreaterThan(0);
    await enqueue(
      db,
      { platform: 'sandbox', op: 'send', recipient: { kind: 'user', platformUserId: '9999' }, message: hello },
      now(),
    );
    await enqueue(
      db,
      { platform: 'sandbox', op: 'send', recipient: { kind: 'user', platformUserId: '9998' }, message: hello },
      now(),
    );
    platform.failures = [{ kind: 'permanent' }, { kind: 'permanent' }];
    await worker.drainPlatform('sandbox');

    const sent = await alerts();
    expect(new Set(sent.map((r) => Number(JSON.parse(r.recipient).platformUserId)))).toEqual(
      new Set(roles.map((r) => r.employeeId)),
    );
    expect(sent.length).toBe(new Set(roles.map((r) => r.employeeId)).size);
    const text = JSON.stringify((JSON.parse(sent[0]!.message) as { card: CardView }).card);
    expect(text).toMatch(/部分消息未能送达|Some messages could not be delivered/);
    expect(text).toContain('/report delivery');
    expect(sent.every((r) => r.status === 'sent')).toBe(true);

    // An alert that dies itself raises no further alert; the next hour, a new failure alerts again.
    const before = (await alerts()).length;
    await db.update(outbox).set({ status: 'pending' }).where(eq(outbox.id, sent[0]!.id));
    platform.failures = [{ kind: 'permanent' }];
    skipped += 3_600_000;
    await worker.drainPlatform('sandbox');
    expect((await alerts()).length).toBe(before);
    await enqueue(
      db,
      { platform: 'sandbox', op: 'send', recipient: { kind: 'user', platformUserId: '9997' }, message: hello },
      now(),
    );
    platform.failures = [{ kind: 'permanent' }];
    await worker.drainPlatform('sandbox');
    expect((await alerts()).length).toBe(before * 2);
  });
});
