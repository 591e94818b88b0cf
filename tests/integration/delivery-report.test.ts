// HR sees the messages the outbox gave up on — who, on which platform, which message, why and what to fix —
// in chat (/report delivery, both languages) and in the mini-app API, and puts them back in the queue
// (audited). Managers and employees are refused.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { card } from '../../cards/view.js';
import { DELIVERY_RETRY_ACTION } from '../../cards/delivery.js';
import { enqueue } from '../../src/bot/outbox.js';
import { outbox } from '../../src/db/schema.js';
import { deadReasonOf } from '../../src/domain/delivery/reasons.js';
import { linkIdentity, setLocale } from '../../src/domain/org/employees.js';
import { actionOf, command, lastCard, press, textOfCard } from '../support/cards.js';
import { useHarness, type Harness } from '../support/harness.js';
import { call, sandboxSession } from '../web/client.js';

let h: Harness;
useHarness((started) => (h = started));

const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;
const surveyCard = {
  kind: 'card' as const,
  card: card({ header: { title: 'Weekly pulse' }, blocks: [{ type: 'text', markdown: 'How was your week?' }] }),
};

/** A message the worker gave up on, as it leaves the row (status, error as "kind: message", reason). */
async function deadRow(
  platform: 'sandbox' | 'slack',
  platformUserId: string,
  kind: 'permanent' | 'rate_limited' | 'transient',
  error: string,
  storeReason = true,
): Promise<number> {
  const rowId = await enqueue(h.app.db, {
    platform,
    op: 'send',
    recipient: { kind: 'user', platformUserId },
    message: surveyCard,
  });
  await h.app.db
    .update(outbox)
    .set({
      status: 'dead',
      attempts: kind === 'rate_limited' ? 0 : 1,
      lastError: `${kind}: ${error}`,
      deadReason: storeReason ? deadReasonOf(kind, error) : null,
    })
    .where(eq(outbox.id, rowId));
  return rowId;
}
const auditCount = async () =>
  ((await h.sql.row("select count(*) as n from audit_log where action = 'delivery.retry'")) as { n: number }).n;

describe('undelivered messages for HR', () => {
  it('chat: lists who did not get what and why, in zh-CN and en; "Retry all" re-queues them, audited, and they are delivered', async () => {
    const hr = await id('lin.xiaowen');
    const perm = await deadRow(
      'sandbox',
      String(await id('zhang.wei')),
      'permanent',
      'chat.postMessage: missing_scope',
    );
    // A row that died before reasons were stored: classified from its error.
    const throttled = await deadRow(
      'sandbox',
      String(await id('liu.yang')),
      'rate_limited',
      'dingtalk: Forbidden.AccessDenied.QpsLimitForApi (throttled for 24 h)',
      false,
    );
    const before = await auditCount();

    await command(h, hr, 'report', 'delivery');
    await h.drainOutbox();
    const zh = textOfCard(await lastCard(h, hr));
    expect(zh).toContain('未送达的消息（2 条）');
    expect(zh).toContain((await h.employeeByEmail('zhang.wei@qingyun.example'))!.name);
    expect(zh).toContain('缺少权限 —— chat.postMessage: missing_scope');
    expect(zh).toContain('请平台管理员为应用开通上面提到的权限');
    expect(zh).toContain('被限流太久（24 小时）');
    expect(zh).toContain('Weekly pulse');

    await setLocale(h.app.db, hr, 'en');
    await command(h, hr, 'report', 'delivery');
    await h.drainOutbox();
    const report = await lastCard(h, hr);
    const en = textOfCard(report);
    expect(en).toContain('Messages not delivered (2)');
    expect(en).toContain('Permission missing — chat.postMessage: missing_scope');
    expect(en).toContain('Throttled for too long (24 h)');

    const res = await press(h, hr, actionOf(report, DELIVERY_RETRY_ACTION));
    expect(textOfCard(res.card)).toContain('2 undelivered messages will be sent again.');
    expect(await auditCount()).toBe(before + 1);
    await h.drainOutbox();
    const rows = (await h.outbox()).filter((r) => r.id === perm || r.id === throttled);
    expect(rows.map((r) => [r.status, r.attempts])).toEqual([
      ['sent', 1],
      ['sent', 1],
    ]);
    await setLocale(h.app.db, hr, 'zh-CN');
  });

  it('chat: a manager is refused, and nothing is re-queued for them', async () => {
    const rowId = await deadRow('sandbox', String(await id('chen.jing')), 'permanent', 'user_not_found');
    await command(h, await id('li.ming'), 'report', 'delivery');
    await h.drainOutbox();
    expect(textOfCard(await lastCard(h, await id('li.ming')))).toContain('你没有权限');
    const res = await press(h, await id('li.ming'), { k: DELIVERY_RETRY_ACTION });
    expect(res.outcome).toBe('invalid');
    expect((await h.outbox()).find((r) => r.id === rowId)!.status).toBe('dead');
    await h.app.db.update(outbox).set({ status: 'sent' }).where(eq(outbox.id, rowId));
  });

  it('mini-app API: HR gets the person behind a platform identity and the reason; retry re-queues the rows named', async () => {
    await linkIdentity(h.app.db, 'slack', 'U0ZHANGWEI', await id('zhang.wei'));
    const slackRow = await deadRow('slack', 'U0ZHANGWEI', 'permanent', 'chat.postMessage: channel_not_found');
    const sandboxRow = await deadRow('sandbox', String(await id('liu.yang')), 'transient', 'HTTP 503');
    const hr = await sandboxSession(h, await id('lin.xiaowen'));
    const list = await call(h, 'GET', '/api/hr/delivery', { session: hr });
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(2);
    const rows = list.body.rows as {
      id: number;
      person: { id: number } | null;
      platformName: string;
      reason: string;
      reasonText: string;
      detail: string;
      fix: string;
      what: string;
    }[];
    expect(rows.find((r) => r.id === slackRow)).toMatchObject({
      person: { id: await id('zhang.wei') },
      platformName: 'Slack',
      reason: 'recipient',
      reasonText: '找不到接收人',
      detail: 'chat.postMessage: channel_not_found',
      what: 'Weekly pulse',
    });
    expect(rows.find((r) => r.id === sandboxRow)).toMatchObject({ reason: 'failing', reasonText: '平台持续出错' });

    const manager = await call(h, 'GET', '/api/hr/delivery', { session: await sandboxSession(h, await id('li.ming')) });
    expect(manager.status).toBe(403);
    expect(manager.body.rows).toBeUndefined();
    expect((await call(h, 'POST', '/api/hr/delivery/retry', { session: hr, body: { ids: ['x'] } })).status).toBe(400);

    const before = await auditCount();
    const retry = await call(h, 'POST', '/api/hr/delivery/retry', { session: hr, body: { ids: [sandboxRow] } });
    expect(retry).toMatchObject({ status: 200, body: { retried: 1 } });
    expect(await auditCount()).toBe(before + 1);
    await h.drainOutbox();
    expect((await h.outbox()).find((r) => r.id === sandboxRow)!.status).toBe('sent');
    expect((await h.outbox()).find((r) => r.id === slackRow)!.status).toBe('dead');
  });
});
