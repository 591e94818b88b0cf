// Point claims at known times, for the approval turnaround tests (chat, API, mini-app): submitted through the
// real flow (the domain functions chat uses, with the clock given) and approved by the manager, Li Ming.
import { act, submitRequest } from '../../src/domain/approvals/requests.js';
import type { Harness } from './harness.js';

const HOUR = 3_600_000;

/** A 流程优化 claim ("Shorter stand-ups", 2 h, 100 points) by `user`, submitted `hoursAgo` hours ago and
 *  approved by Li Ming `decidedAfter` hours later when given; its request id. */
export async function timedClaim(h: Harness, user: string, hoursAgo: number, decidedAfter?: number): Promise<number> {
  const id = async (login: string) => (await h.employeeByEmail(`${login}@qingyun.example`))!.id;
  const submitted = new Date(Date.now() - hoursAgo * HOUR);
  const tagId = (await h.sql.row<{ id: number }>('select id from value_tags where name_zh = ?', '流程优化'))!.id;
  const r = await submitRequest(h.app.db, {
    applicantId: await id(user),
    payload: {
      kind: 'point_claim',
      tagId,
      description: 'Shorter stand-ups',
      quantities: [{ amount: 2, unit: 'hours', text: '2h' }],
      points: 100,
    },
    now: submitted,
  });
  if (!r.ok) throw new Error(r.code);
  if (decidedAfter !== undefined) {
    const a = await act(h.app.db, {
      requestId: r.request.id,
      event: { type: 'approve', actorId: await id('li.ming') },
      now: new Date(submitted.getTime() + decidedAfter * HOUR),
    });
    if (!a.ok) throw new Error(a.code);
  }
  return r.request.id;
}
