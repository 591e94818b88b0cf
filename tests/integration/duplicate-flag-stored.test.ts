// The duplicate flag is worked out once, when a claim is submitted, and stored with the request (issue 24; issue
// 22's hot path): drawing the approver's card reads it. So an earlier claim edited or cancelled afterwards leaves
// the flag as it was at submission; a claim resubmitted with new text is checked again; a request from before the
// flag was stored (its column empty) is still checked when its card is drawn.
import { describe, expect, it } from 'vitest';
import { act, submitRequest } from '../../src/domain/approvals/requests.js';
import { unitOfWork } from '../../src/domain/unit-of-work.js';
import { readsOf } from '../support/harness-reads.js';
import { useHarness, type Harness } from '../support/harness.js';
import { call, sandboxSession } from '../web/client.js';

let h: Harness;
useHarness((started) => (h = started));
const { id, tagId, request } = readsOf(() => h);

const FIRST = '重新谈判三家食材供应商合同，季度采购成本下降';
const storedFlag = async (rid: number) =>
  ((await h.sql.row('select "similar" as flag from approval_requests where id = ?', rid)) as { flag: string | null })
    .flag;

async function claim(who: number, description: string, at: Date): Promise<number> {
  const r = await unitOfWork(h.app.db, async (tx) =>
    submitRequest(tx, {
      applicantId: who,
      payload: { kind: 'point_claim', tagId: await tagId('流程优化'), description, quantities: [], points: 20 },
      now: at,
    }),
  );
  if (!r.ok) throw new Error(r.code);
  return r.request.id;
}

/** The flag as the approver's request page in the mini-app shows it (the same view as the chat card). */
async function flagSeenBy(viewer: number, rid: number) {
  const res = await call(h, 'GET', `/api/requests/${rid}`, { session: await sandboxSession(h, viewer) });
  expect(res.status).toBe(200);
  return (res.body.request as { similar?: { id: number; text: string } }).similar;
}

describe('the duplicate flag, stored at submission', () => {
  it('is stored with the claim and drawn from there: editing or cancelling the earlier claim afterwards changes nothing', async () => {
    const [wei, ming] = [await id('zhang.wei'), await id('li.ming')];
    const now = Date.now();
    const first = await claim(wei, FIRST, new Date(now - 60_000));
    const second = await claim(wei, '重新谈判食材供应商合同，采购成本下降', new Date(now));
    expect(JSON.parse((await storedFlag(first))!)).toEqual({ of: null });
    expect(JSON.parse((await storedFlag(second))!)).toMatchObject({ of: { id: first, description: FIRST } });
    expect(await flagSeenBy(ming, second)).toMatchObject({ id: first, text: FIRST });

    // Afterwards the earlier claim is rewritten and cancelled: a check run now would find nothing to flag.
    const payload = JSON.parse(
      ((await h.sql.row('select payload from approval_requests where id = ?', first)) as { payload: string }).payload,
    ) as Record<string, unknown>;
    await h.sql.run(
      "update approval_requests set status = 'cancelled', payload = ? where id = ?",
      JSON.stringify({ ...payload, description: 'Trained two new cooks at the Xuhui store' }),
      first,
    );
    // Drawn again, the card keeps the flag as it was stored, naming the earlier claim.
    expect(await flagSeenBy(ming, second)).toMatchObject({ id: first, text: FIRST });

    // A request from before the flag was stored (the column empty) is checked when drawn: now, nothing close.
    await h.sql.run('update approval_requests set "similar" = null where id = ?', second);
    expect(await flagSeenBy(ming, second)).toBeUndefined();
  });

  it('a claim returned and resubmitted with new text is checked again', async () => {
    const [yang, ming] = [await id('liu.yang'), await id('li.ming')];
    const now = Date.now();
    const first = await claim(yang, 'Automated the release checklist, saving manual steps', new Date(now - 60_000));
    const second = await claim(yang, 'Automated the release checklist - saving manual steps', new Date(now));
    expect(await flagSeenBy(ming, second)).toMatchObject({ id: first });

    const returned = await unitOfWork(h.app.db, async (tx) =>
      act(tx, {
        requestId: second,
        event: { type: 'return', actorId: ming, reason: 'Same as your last claim?' },
        expectedVersion: (await request(second)).version,
        now: new Date(now + 1_000),
      }),
    );
    expect(returned.ok).toBe(true);
    const r = await unitOfWork(h.app.db, async (tx) =>
      act(tx, {
        requestId: second,
        event: { type: 'resubmit', actorId: yang },
        payload: {
          kind: 'point_claim',
          tagId: await tagId('流程优化'),
          description: 'Trained two new cooks at the Xuhui store',
          quantities: [],
          points: 20,
        },
        expectedVersion: (await request(second)).version,
        now: new Date(now + 2_000),
      }),
    );
    expect(r.ok).toBe(true);
    expect(JSON.parse((await storedFlag(second))!)).toEqual({ of: null });
    expect(await flagSeenBy(ming, second)).toBeUndefined();
  });
});
