// The duplicate flag's link (issue 24): the reviewer of a flagged claim opens the earlier claim it names in the
// mini-app even when they were never asked on it — read-only, with what the flag is about (who, what, when, how
// many points, where it stands) and not its timeline. Anyone else who is neither its applicant nor asked on it
// (nor HR) gets 403 with no data, and so does the reviewer for a claim of the same person the flag does not name.
import { describe, expect, it } from 'vitest';
import type { RequestJson } from '../../cards/approval.js';
import { act, submitRequest } from '../../src/domain/approvals/requests.js';
import { unitOfWork } from '../../src/domain/unit-of-work.js';
import { readsOf } from '../support/harness-reads.js';
import { useHarness, type Harness } from '../support/harness.js';
import { call, sandboxSession } from './client.js';

let h: Harness;
useHarness((started) => (h = started));
const { id, tagId, request } = readsOf(() => h);

async function claim(who: number, tag: string, description: string, at: Date): Promise<number> {
  const r = await unitOfWork(h.app.db, async (tx) =>
    submitRequest(tx, {
      applicantId: who,
      payload: { kind: 'point_claim', tagId: await tagId(tag), description, quantities: [], points: 20 },
      now: at,
    }),
  );
  if (!r.ok) throw new Error(r.code);
  return r.request.id;
}

async function open(viewer: number, rid: number) {
  const res = await call(h, 'GET', `/api/requests/${rid}`, { session: await sandboxSession(h, viewer) });
  return { status: res.status, body: res.body as { request?: RequestJson } };
}

describe('the link to the earlier claim of a duplicate flag', () => {
  it("opens for the later claim's reviewer, read-only; 403 for anyone else", async () => {
    const [wei, ming, sunLi, tao] = [
      await id('zhang.wei'),
      await id('li.ming'),
      await id('sun.li'),
      await id('song.tao'),
    ];
    const now = Date.now();
    const earlier = await claim(
      wei,
      '流程优化',
      '重新谈判三家食材供应商合同，季度采购成本下降',
      new Date(now - 120_000),
    );
    const unrelated = await claim(wei, '成本控制', 'Trained two new cooks at the Xuhui store', new Date(now - 60_000));
    const later = await claim(wei, '流程优化', '重新谈判食材供应商合同，采购成本下降', new Date(now));
    // The manager hands the later claim over to Sun Li, who was never asked on the earlier one.
    const handed = await unitOfWork(h.app.db, async (tx) =>
      act(tx, {
        requestId: later,
        event: { type: 'hand_over', actorId: ming, to: sunLi, reason: '你来看' },
        expectedVersion: (await request(later)).version,
        now: new Date(now + 1_000),
      }),
    );
    expect(handed.ok).toBe(true);
    const laterPage = await open(sunLi, later);
    expect(laterPage.body.request?.similar).toMatchObject({ id: earlier });
    expect(laterPage.body.request?.similar?.url).toMatch(new RegExp(`/requests/${earlier}$`));

    // Sun Li follows the link: the claim itself, nothing to do on it, and not who decided it or what they said.
    const page = await open(sunLi, earlier);
    expect(page.status).toBe(200);
    expect(page.body.request).toMatchObject({
      id: earlier,
      kind: 'point_claim',
      status: 'pending',
      applicant: '张伟 Wei Zhang',
      description: '重新谈判三家食材供应商合同，季度采购成本下降',
      canDecide: false,
      canCancel: false,
      timeline: [],
      waitingOn: [],
    });
    expect(page.body.request?.similar).toBeUndefined();
    expect(page.body.request?.fields.map((f) => f.value)).toContain('20');
    // The manager, asked on both, still sees the earlier claim whole (its timeline), as before.
    expect((await open(ming, earlier)).body.request?.timeline.length).toBeGreaterThan(0);

    // Song Tao is neither applicant nor approver of anything here: 403, no data.
    const outsider = await open(tao, earlier);
    expect(outsider.status).toBe(403);
    expect(outsider.body.request).toBeUndefined();
    // Sun Li's link reaches only the claim the flag names, not the person's other claims.
    const other = await open(sunLi, unrelated);
    expect(other.status).toBe(403);
    expect(other.body.request).toBeUndefined();

    // A later claim from before the flag was stored (its column empty): the flag its card shows is worked out
    // when drawn, and the link opens the same way.
    await h.sql.run('update approval_requests set "similar" = null where id = ?', later);
    expect((await open(sunLi, earlier)).status).toBe(200);
    expect((await open(sunLi, unrelated)).status).toBe(403);
  });
});
