// The mini-app's decision API: "return" and "reject" are two decisions. A claim returned for changes goes
// back to the applicant (and the card says it can be returned); reject ends it; a step that offers no
// return refuses one; the transfer options list only eligible units; the turnaround counts them apart.
import { describe, expect, it } from 'vitest';
import { useHarness, type Harness } from '../support/harness.js';
import { sandboxClient } from '../support/sandbox-client.js';
import { call, sandboxSession } from './client.js';

let h: Harness;
useHarness((started) => (h = started));

const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;
const latestRequest = async () =>
  ((await h.sql.row('select coalesce(max(id), 0) as id from approval_requests')) as { id: number }).id;
const status = async (rid: number) =>
  ((await h.sql.row('select status from approval_requests where id = ?', rid)) as { status: string }).status;

async function claimByChat(user: string): Promise<number> {
  await sandboxClient(h).send(await id(user), '/claim 流程优化 ; Shorter stand-ups');
  return await latestRequest();
}

describe('deciding in the mini-app', () => {
  it('return sends a claim back; reject ends one; the turnaround counts each', async () => {
    const ming = await sandboxSession(h, await id('li.ming'));
    const first = await claimByChat('zhang.wei');
    const waiting = await call(h, 'GET', '/api/approvals', { session: ming });
    const view = (waiting.body.waiting as { id: number; version: number; canReturn: boolean }[]).find(
      (r) => r.id === first,
    )!;
    expect(view.canReturn).toBe(true);
    const returned = await call(h, 'POST', `/api/approvals/${first}/decision`, {
      session: ming,
      body: { decision: 'return', version: view.version, reason: 'Add the hours saved' },
    });
    expect(returned.status).toBe(200);
    expect(returned.body.outcome).toBe('returned');
    expect(await status(first)).toBe('returned');

    const second = await claimByChat('zhang.wei');
    const v2 = ((await h.sql.row('select version from approval_requests where id = ?', second)) as { version: number })
      .version;
    const rejected = await call(h, 'POST', `/api/approvals/${second}/decision`, {
      session: ming,
      body: { decision: 'reject', version: v2, reason: 'Not ours to reward' },
    });
    expect(rejected.body.outcome).toBe('rejected');
    expect(await status(second)).toBe('rejected');

    const hr = await sandboxSession(h, await id('lin.xiaowen'));
    const report = await call(h, 'GET', '/api/hr/turnaround?days=30', { session: hr });
    expect(
      (report.body.flows as { flowKey: string; rejected: number; returned: number }[]).find(
        (f) => f.flowKey === 'point-claim',
      ),
    ).toMatchObject({ rejected: 1, returned: 1 });
  });

  it('a transfer step offers no return: the API refuses one and changes nothing', async () => {
    const tao = await sandboxSession(h, await id('song.tao'));
    const options = await call(h, 'GET', '/api/transfers/options', { session: tao });
    const paths = (options.body.units as { path: string }[]).map((u) => u.path);
    expect(paths).not.toContain('青云科技');
    expect(paths).not.toContain('青云科技/门店');
    expect(paths).not.toContain('青云科技/门店/上海徐汇店');
    expect(paths).toContain('青云科技/门店/杭州西湖店');
    const target = (options.body.units as { id: number; path: string }[]).find(
      (u) => u.path === '青云科技/门店/杭州西湖店',
    )!;
    const grouping = ((await h.sql.row("select id from org_units where path = '青云科技/门店'")) as { id: number }).id;
    const refused = await call(h, 'POST', '/api/transfers', {
      session: tao,
      body: { toUnitId: grouping, reason: 'x' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.fields).toHaveProperty('toUnitId');
    const past = await call(h, 'POST', '/api/transfers', {
      session: tao,
      body: { toUnitId: target.id, reason: 'x', effectiveDate: '2000-01-01' },
    });
    expect(past.body.fields).toHaveProperty('effectiveDate');

    const made = await call(h, 'POST', '/api/transfers', {
      session: tao,
      body: { toUnitId: target.id, reason: 'Closer to home' },
    });
    expect(made.status).toBe(200);
    const rid = made.body.id as number;
    const qiang = await sandboxSession(h, await id('liu.qiang'));
    const res = await call(h, 'POST', `/api/approvals/${rid}/decision`, {
      session: qiang,
      body: { decision: 'return', version: 1, reason: 'Think again' },
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('return_not_allowed');
    expect(await status(rid)).toBe('pending');
  });
});
