// A request that cannot be routed is refused at submission with the reason, in chat and in the mini-app, and
// nothing is written (issue 24 "bad input": a parallel step with no approvers). Here HR's point-claim flow has
// a panel step whose only member is the claimant, who cannot approve their own claim.
import { beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/connection.js';
import { getFlow, saveFlow } from '../../src/domain/approvals/requests.js';
import { useHarness, type Harness } from '../support/harness.js';
import { readsOf } from '../support/harness-reads.js';
import { actionOf, command, lastCard, press } from '../support/cards.js';
import { call, sandboxSession } from '../web/client.js';

let h: Harness;
useHarness((started) => (h = started));
const { id, tagId } = readsOf(() => h);

const requests = async () => Number((await h.sql.row<{ n: number }>('select count(*) as n from approval_requests'))!.n);

let wei: number;
beforeAll(async () => {
  wei = await id('zhang.wei');
  const hr = await id('lin.xiaowen');
  const current = (await getFlow(h.app.db, 'point-claim'))!;
  const panel = {
    id: 'panel',
    name: { 'zh-CN': '评审小组', en: 'Review panel' },
    approver: { type: 'people' as const, employeeIds: [wei] },
    mode: 'all' as const,
    onReject: 'end' as const,
  };
  const r = await inTransaction(
    h.app.db,
    async () =>
      await saveFlow(
        h.app.db,
        { ...current.flow, steps: [panel, ...current.flow.steps] },
        current.version,
        hr,
        async () => undefined,
      ),
  );
  expect(r.ok).toBe(true);
});

describe('a claim nobody can approve', () => {
  it('chat: refused with the step named, in the claimant’s language; nothing written', async () => {
    const before = await requests();
    await command(h, wei, 'claim');
    const res = await press(h, wei, actionOf(await lastCard(h, wei), 'claim.submit'), {
      tag: String(await tagId('流程优化')),
      description: 'Renegotiated the produce contract',
      amount: '15%',
      unit: 'percent',
    });
    expect(res.outcome).toBe('invalid');
    expect(res.toast?.text).toBe('节点「评审小组」没有审批人：多人审批的节点至少需要一人。');
    expect(await requests()).toBe(before);
  });

  it('mini-app: 409 with the same reason; nothing written', async () => {
    const before = await requests();
    const session = await sandboxSession(h, wei);
    const res = await call(h, 'POST', '/api/claims', {
      session,
      body: { tag: String(await tagId('流程优化')), description: 'Cut the weekly report to one page', amount: '2h' },
    });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({
      code: 'no_approvers',
      error: '节点「评审小组」没有审批人：多人审批的节点至少需要一人。',
    });
    expect(await requests()).toBe(before);
  });
});
