// Issue 17 item 5 on Feishu, through the real server, the Lark SDK and the emulator: a press by someone the
// approval step is not waiting on is answered with a toast for the presser and NO card — a callback answer's
// card replaces the message the press came from, for everyone who sees it — so the approver's buttons stay.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { current, type FeishuE2E, refOn, startFeishuE2E } from './e2e-kit.js';
import { t } from '../../../src/i18n/index.js';

let f: FeishuE2E;
beforeAll(async () => {
  f = await startFeishuE2E({ token: 'vt-refusals-e2e', link: ['chen.jing', 'li.ming', 'zhang.wei'] });
}, 60_000);
afterAll(async () => f?.stop());

const latestRequest = async () =>
  ((await f.h.sql.row('select max(id) as id from approval_requests')) as { id: number }).id;
const status = async (rid: number) =>
  ((await f.h.sql.row('select status from approval_requests where id = ?', rid)) as { status: string }).status;
const notApprover = [t('en', 'approval.error.not_approver'), t('zh-CN', 'approval.error.not_approver')];

describe('Feishu: a refused press answers only the presser', () => {
  it("zhang.wei presses Approve and Reject on li.ming's card: a toast for him, no card, the card unchanged", async () => {
    await f.say('chen.jing', '/claim 成本控制 ; Cut packaging cost ; ¥20000');
    const rid = await latestRequest();
    const message = f
      .messagesTo('li.ming')
      .filter((m) => m.msg_type === 'interactive')
      .find((m) => refOn(current(m), 'approval.approve', rid))!;
    expect(message).toBeDefined();
    const before = { patches: message.patches.length, card: current(message) };

    for (const k of ['approval.approve', 'approval.reject']) {
      const answer = await f.press('zhang.wei', message, refOn(before.card, k, rid));
      expect(answer.card, `${k}: no card in the answer`).toBeUndefined();
      expect(answer.toast?.type).toBe('warning');
      expect(notApprover).toContain(answer.toast?.content);
    }
    await f.settle();
    expect(message.patches).toHaveLength(before.patches);
    expect(current(message)).toEqual(before.card);
    expect(await status(rid)).toBe('pending');

    const approved = await f.press('li.ming', message, refOn(before.card, 'approval.approve', rid));
    expect(approved.toast?.type).toBe('success');
    expect(await status(rid)).toBe('approved');
  });
});
