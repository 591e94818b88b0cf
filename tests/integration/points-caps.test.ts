// Claim caps (issue 24): HR sets them in the mini-app (a zero or negative cap is refused, nothing changes), a
// claim over a cap is refused at submission in the claimant's language, saying which cap and when it resets,
// and nothing is written for it. Pending and approved claims count; a rejected one does not.
import { beforeAll, describe, expect, it } from 'vitest';
import { useHarness, type Harness } from '../support/harness.js';
import { readsOf } from '../support/harness-reads.js';
import { actionOf, command, lastCard, press, textOfCard } from '../support/cards.js';
import { call, sandboxSession, type Session } from '../web/client.js';

let h: Harness;
useHarness((started) => (h = started));
const { id, tagId, latestRequest } = readsOf(() => h);

let hr: Session;
beforeAll(async () => {
  hr = await sandboxSession(h, await id('lin.xiaowen'));
});

const claimsOf = async (who: number) =>
  Number(
    (await h.sql.row<{ n: number }>(
      "select count(*) as n from approval_requests where applicant_id = ? and flow_key = 'point-claim'",
      who,
    ))!.n,
  );
const auditCount = async () =>
  Number(
    (await h.sql.row<{ n: number }>("select count(*) as n from audit_log where action = 'settings.point_caps'"))!.n,
  );
const putCaps = async (body: unknown) => await call(h, 'PUT', '/api/hr/settings/point-caps', { session: hr, body });

describe('claim caps', () => {
  it('HR cannot set a cap of zero or below: a clear message at the field, nothing saved or audited', async () => {
    for (const bad of [0, -2]) {
      const r = await putCaps({ person: { day: bad, month: null }, tags: [] });
      expect(r.status).toBe(400);
      expect(r.body.fields).toEqual({ 'person.day': '上限至少为 1。不设上限请留空。' });
    }
    const tagCap = await putCaps({ person: { day: null, month: null }, tags: [{ tagId: 1, day: null, month: 0 }] });
    expect(tagCap.body.fields).toEqual({ 'tags.0.month': '上限至少为 1。不设上限请留空。' });
    expect(await auditCount()).toBe(0);
    const read = await call(h, 'GET', '/api/hr/settings/point-caps', { session: hr });
    expect(read.body.caps).toEqual({ person: { day: null, month: null }, tags: [] });
    // Not HR: refused.
    const employee = await sandboxSession(h, await id('zhang.wei'));
    expect((await call(h, 'PUT', '/api/hr/settings/point-caps', { session: employee, body: {} })).status).toBe(403);
  });

  it('8 identical claims in a day with a per-person daily cap of 3: 3 accepted, 5 refused with the cap and its reset', async () => {
    const r = await putCaps({ person: { day: 3, month: null }, tags: [] });
    expect(r.status).toBe(200);
    expect(await auditCount()).toBe(1);
    const wei = await id('zhang.wei');
    const before = await claimsOf(wei);
    const tag = String(await tagId('流程优化'));
    const outcomes: string[] = [];
    const toasts: string[] = [];
    for (let i = 0; i < 8; i++) {
      await command(h, wei, 'claim');
      const res = await press(h, wei, actionOf(await lastCard(h, wei), 'claim.submit'), {
        tag,
        description: 'Renegotiated the produce contract',
        amount: '15%',
        unit: 'percent',
      });
      outcomes.push(res.outcome);
      toasts.push(res.toast?.text ?? '');
    }
    expect(outcomes).toEqual(['handled', 'handled', 'handled', ...Array(5).fill('invalid')]);
    // Zhang Wei reads Chinese: which cap, and from when he can claim again (the next local midnight).
    for (const t of toasts.slice(3)) {
      expect(t).toMatch(/^未提交：每人每天最多提交 3 个积分申请，你今天已达上限。.+ 起可再次申请。$/);
      expect(t).toContain('00:00');
    }
    expect(await claimsOf(wei)).toBe(before + 3);

    // In the mini-app, at the tag field; nothing written either.
    const session = await sandboxSession(h, wei);
    const web = await call(h, 'POST', '/api/claims', {
      session,
      body: { tag, description: 'Renegotiated the produce contract', amount: '15%', unit: 'percent', note: '' },
    });
    expect(web.status).toBe(409);
    expect(web.body.code).toBe('over_cap');
    expect(String(web.body.error)).toMatch(/^未提交：每人每天最多提交 3 个积分申请/);
    expect((web.body.fields as Record<string, string>).tag).toBe(web.body.error);
    expect(await claimsOf(wei)).toBe(before + 3);

    // A rejected claim no longer counts: one more fits, and only one.
    const last = await latestRequest();
    const ming = await id('li.ming');
    await press(h, ming, actionOf(await lastCard(h, ming, `approval:${last}`), 'approval.reject'), {
      reason: 'Same as the one before',
    });
    expect(
      (await h.sql.row<{ status: string }>('select status from approval_requests where id = ?', last))!.status,
    ).toBe('rejected');
    const again = await call(h, 'POST', '/api/claims', {
      session,
      body: { tag, description: 'Renegotiated the produce contract', amount: '15%', unit: 'percent', note: '' },
    });
    expect(again.status).toBe(200);
    const over = await call(h, 'POST', '/api/claims', {
      session,
      body: { tag, description: 'Another', amount: '', unit: 'other', note: '' },
    });
    expect(over.status).toBe(409);
    expect(await claimsOf(wei)).toBe(before + 4);
  });

  it('a per-tag cap counts that tag only; an English reader is told in English', async () => {
    const yang = await id('sophia.lee');
    const tag = await tagId('流程优化');
    const other = await tagId('成本控制');
    expect(
      (await putCaps({ person: { day: null, month: null }, tags: [{ tagId: tag, day: 1, month: null }] })).status,
    ).toBe(200);
    const session = await sandboxSession(h, yang);
    const submit = async (t: number) =>
      await call(h, 'POST', '/api/claims', {
        session,
        body: { tag: String(t), description: 'Faster stock count', amount: '', unit: 'other', note: '' },
      });
    expect((await submit(tag)).status).toBe(200);
    const refused = await submit(tag);
    expect(refused.status).toBe(409);
    expect(String(refused.body.error)).toMatch(/at most 1 claims a day for “.+”/);
    expect((await submit(other)).status).toBe(200);
  });

  it('HR sets caps in chat too: zero refused with the same message and nothing changed; a dash removes a cap', async () => {
    const sharon = await id('lin.xiaowen');
    const audits = await auditCount();
    await command(h, sharon, 'points', 'caps 天 0');
    const refused = textOfCard(await lastCard(h, sharon));
    expect(refused).toContain('上限至少为 1。不设上限请留空。');
    expect(await auditCount()).toBe(audits);
    await command(h, sharon, 'points', 'caps 成本控制 月 4');
    const saved = await lastCard(h, sharon);
    expect(saved.header?.title).toBe('积分申请上限已保存');
    expect(textOfCard(saved)).toContain('成本控制: 每天 不限，每月 4');
    expect(await auditCount()).toBe(audits + 1);
    await command(h, sharon, 'points', 'caps 流程优化 day -');
    await command(h, sharon, 'points', 'caps');
    const shown = textOfCard(await lastCard(h, sharon));
    expect(shown).toContain('所有标签合计: 每天 不限，每月 不限');
    expect(shown).not.toContain('流程优化');
    expect((await call(h, 'GET', '/api/hr/settings/point-caps', { session: hr })).body.caps).toEqual({
      person: { day: null, month: null },
      tags: [{ tagId: await tagId('成本控制'), day: null, month: 4 }],
    });
    // Not HR: refused, nothing changed.
    const wei = await id('zhang.wei');
    await command(h, wei, 'points', 'caps day 1');
    expect((await lastCard(h, wei)).header?.title).toBe('没有权限');
    expect(await auditCount()).toBe(audits + 2);
  });

  it('8 claims sent at the same moment under a daily cap of 3: exactly 3 are made', async () => {
    expect((await putCaps({ person: { day: 3, month: null }, tags: [] })).status).toBe(200);
    const chen = await id('chen.jing');
    const before = await claimsOf(chen);
    const session = await sandboxSession(h, chen);
    const tag = String(await tagId('成本控制'));
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        call(h, 'POST', '/api/claims', {
          session,
          body: { tag, description: `Cut packaging cost, batch ${i}`, amount: '', unit: 'other', note: '' },
        }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 200, 409, 409, 409, 409, 409]);
    expect(await claimsOf(chen)).toBe(before + 3);
  });
});
