// HR's undelivered messages in the mini-app, in headless Chromium at phone size (Sharon Lin reads Chinese):
// each dead letter shows the person, platform, message, reason and what to fix; "Retry all" puts them back in
// the queue (audited) and the worker delivers them; an employee gets the forbidden message and no rows.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { card } from '../../cards/view.js';
import { enqueue } from '../../src/bot/outbox.js';
import { outbox } from '../../src/db/schema.js';
import { deadReasonOf } from '../../src/domain/delivery/reasons.js';
import { ARTIFACTS, useHarnessAndBrowser } from '../support/browser.js';
import type { Harness } from '../support/harness.js';
import { openAs, phonePage } from './miniapp-support.js';

let h: Harness;
let browser: Browser;
const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;
let dead: number[] = [];

useHarnessAndBrowser(async (started) => {
  ({ h, browser } = started);
  // Two survey cards the worker gave up on (as it leaves such rows).
  const survey = {
    kind: 'card' as const,
    card: card({ header: { title: '每周脉搏' }, blocks: [{ type: 'text', markdown: '这周怎么样？' }] }),
  };
  dead = [];
  for (const [user, error] of [
    ['zhang.wei', 'chat.postMessage: missing_scope'],
    ['liu.yang', 'dingtalk: recipient is not a valid staff id for this robot'],
  ]) {
    const rowId = await enqueue(h.app.db, {
      platform: 'sandbox',
      op: 'send',
      recipient: { kind: 'user', platformUserId: String(await id(user!)) },
      message: survey,
    });
    await h.app.db
      .update(outbox)
      .set({
        status: 'dead',
        attempts: 1,
        lastError: `permanent: ${error}`,
        deadReason: deadReasonOf('permanent', error!),
      })
      .where(eq(outbox.id, rowId));
    dead.push(rowId);
  }
});

describe('mini-app: undelivered messages', () => {
  it('HR sees who did not get what and why, and "Retry all" delivers them', async () => {
    const page = await phonePage(browser);
    await openAs(page, `${h.url}/app/hr/delivery`, 'Sharon Lin');
    const first = page.locator(`li[data-dead="${dead[0]}"]`);
    await first.waitFor();
    expect(await first.innerText()).toContain((await h.employeeByEmail('zhang.wei@qingyun.example'))!.name);
    expect(await first.innerText()).toContain('缺少权限 — chat.postMessage: missing_scope');
    expect(await first.innerText()).toContain('请平台管理员为应用开通上面提到的权限');
    expect(await page.locator(`li[data-dead="${dead[1]}"]`).innerText()).toContain('找不到接收人');
    await page.screenshot({ path: `${ARTIFACTS}/miniapp-hr-delivery.png`, fullPage: true });

    await page.getByRole('button', { name: '全部重发' }).click();
    await page.getByText('2 条消息已重新放回发送队列。').waitFor();
    await page.locator('#delivery-none').waitFor();
    await h.drainOutbox();
    expect((await h.outbox()).filter((r) => dead.includes(r.id)).map((r) => r.status)).toEqual(['sent', 'sent']);
    expect(await h.sql.row("select count(*) as n from audit_log where action = 'delivery.retry'")).toEqual({
      n: 1,
    });
  });

  it('an employee gets the forbidden message and no rows', async () => {
    const page = await phonePage(browser);
    await openAs(page, `${h.url}/app/hr/delivery`, 'Sophia Lee');
    await page.locator('.notice.forbidden').getByText("You don't have permission to do that.").waitFor();
    expect(await page.locator('li[data-dead]').count()).toBe(0);
  });
});
