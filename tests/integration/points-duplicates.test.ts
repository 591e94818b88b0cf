// The duplicate flag (issue 24): a claim whose tag is the same and whose text is close to an earlier claim by
// the same person within 30 days is flagged on its reviewers' card, in chat and in the mini-app, with a link
// to the earlier claim. A flag, not a refusal: the claim goes through as any other.
import { describe, expect, it } from 'vitest';
import { useHarness, type Harness } from '../support/harness.js';
import { readsOf } from '../support/harness-reads.js';
import { actionOf, command, lastCard, press, textOfCard } from '../support/cards.js';
import { call, sandboxSession } from '../web/client.js';

let h: Harness;
useHarness((started) => (h = started));
const { id, tagId, latestRequest, request } = readsOf(() => h);

async function claim(who: number, tag: string, description: string) {
  await command(h, who, 'claim');
  const res = await press(h, who, actionOf(await lastCard(h, who), 'claim.submit'), {
    tag: String(await tagId(tag)),
    description,
    amount: '',
    unit: 'other',
  });
  expect(res.outcome).toBe('handled');
  return await latestRequest();
}

describe('the duplicate flag on a point claim', () => {
  it('flags a near-identical claim of the same tag to the approver, with a link; not to the applicant', async () => {
    const wei = await id('zhang.wei');
    const ming = await id('li.ming');
    const first = await claim(wei, '流程优化', '重新谈判三家食材供应商合同，季度采购成本下降');
    expect(textOfCard(await lastCard(h, ming, `approval:${first}`))).not.toContain('相似');
    const second = await claim(wei, '流程优化', '重新谈判食材供应商合同，采购成本下降');
    // Submitted like any other claim: it waits on the manager.
    expect((await request(second)).status).toBe('pending');
    const card = textOfCard(await lastCard(h, ming, `approval:${second}`));
    expect(card).toContain('与张伟 Wei Zhang');
    expect(card).toContain(`[#${first}](${h.app.config.publicBaseUrl}/app/requests/${first})`);
    expect(card).toContain('“重新谈判三家食材供应商合同，季度采购成本下降”');
    expect(textOfCard(await lastCard(h, wei, `approval:${second}`))).not.toContain('相似');

    // The mini-app: the approver's list and the request page carry the flag; the applicant's do not.
    const approver = await sandboxSession(h, ming);
    const waiting = await call(h, 'GET', '/api/approvals?tab=waiting', { session: approver });
    const listed = (waiting.body.requests as { id: number; similar?: { id: number; text: string } }[]).find(
      (r) => r.id === second,
    );
    expect(listed?.similar).toMatchObject({ id: first, text: '重新谈判三家食材供应商合同，季度采购成本下降' });
    const own = await call(h, 'GET', `/api/requests/${second}`, { session: await sandboxSession(h, wei) });
    expect((own.body.request as { similar?: unknown }).similar).toBeUndefined();
  });

  it('does not flag a different text, another tag, or a claim more than 30 days older', async () => {
    const yang = await id('liu.yang');
    const approverOf = async (rid: number) => (JSON.parse((await request(rid)).approvers) as number[])[0]!;
    const base = await claim(yang, '流程优化', 'Automated the release checklist, saving manual steps');
    const otherText = await claim(yang, '流程优化', 'Trained two new cooks at the Xuhui store');
    const otherTag = await claim(yang, '成本控制', 'Automated the release checklist, saving manual steps');
    for (const rid of [otherText, otherTag])
      expect(textOfCard(await lastCard(h, await approverOf(rid), `approval:${rid}`))).not.toContain('Similar to');
    // Push the first claim 31 days back: a new copy of it is no longer flagged (the window is 30 days).
    await h.sql.run(
      'update approval_requests set created_at = ? where id = ?',
      new Date(Date.now() - 31 * 86_400_000).toISOString(),
      base,
    );
    const late = await claim(yang, '流程优化', 'Automated the release checklist, saving manual steps.');
    const lateCard = textOfCard(await lastCard(h, await approverOf(late), `approval:${late}`));
    expect(lateCard).not.toMatch(/Similar to|相似/);
    // …while one within the window is.
    const again = await claim(yang, '流程优化', 'Automated the release checklist - saving manual steps');
    expect(textOfCard(await lastCard(h, await approverOf(again), `approval:${again}`))).toMatch(
      new RegExp(`#${late}\\]`),
    );
  });
});
