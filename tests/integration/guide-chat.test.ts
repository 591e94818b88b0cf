// /guide in chat through the bot core and the sandbox (the path all three platforms take), and the same guide
// over the mini-app's API (issue 25 §5): each role gets its own steps in its language; Next redraws the card in
// place and records the step, a platform retry or a double press lands on the same step; Done finishes;
// "Don't show again" stops the home page's offer, and /guide still opens it.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { useHarness, type Harness } from '../support/harness.js';
import { sandboxClient, textOf, type SandboxMessage } from '../support/sandbox-client.js';
import { call, sandboxSession } from '../web/client.js';

let h: Harness;
useHarness((started) => (h = started));
let sb: ReturnType<typeof sandboxClient>;
beforeAll(() => {
  sb = sandboxClient(h);
});

const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;
const actions = (m: SandboxMessage) =>
  [...(m.html ?? '').matchAll(/data-action="([^"]+)"/g)].map(
    (x) => JSON.parse(x[1]!.replace(/&quot;/g, '"')) as { k: string; id?: string },
  );
const state = async (who: number) =>
  (await h.sql.row('select step, dismissed_at as d from guide_state where employee_id = ?', who)) as
    { step: number; d: string | null } | undefined;

describe('/guide in chat', () => {
  it('an employee walks through their guide: the claim cases, Next in place, a retry lands on the same step', async () => {
    const who = await id('zhang.wei');
    expect(await state(who)).toBeUndefined();
    await sb.send(who, '/guide');
    const first = await sb.lastBot(who);
    expect(textOf(first.html)).toContain('新手引导 · 1/5');
    expect(await state(who)).toMatchObject({ step: 0, d: null });
    const next = actions(first).find((a) => a.k === 'guide.step')!;
    expect(next).toEqual({ k: 'guide.step', id: '1' });
    const once = randomUUID();
    const r = await sb.act(who, first.id, next, undefined, once);
    expect(r.status).toBe(200);
    const second = await sb.lastBot(who);
    expect(second.id).toBe(first.id); // redrawn in place
    expect(textOf(second.html)).toContain('新手引导 · 2/5');
    expect(textOf(second.html)).toContain('预算优化');
    expect(textOf(second.html)).toContain('成本控制');
    expect(textOf(second.html)).toContain('/claim');
    // The same event again (a retry) and the old Next again (a double press): still step 2.
    await sb.act(who, first.id, next, undefined, once);
    await sb.act(who, first.id, next, undefined, randomUUID());
    expect(textOf((await sb.lastBot(who)).html)).toContain('新手引导 · 2/5');
    expect(await state(who)).toMatchObject({ step: 1 });
    // To the end: Done finishes, with no more buttons.
    for (let step = 2; step <= 5; step++)
      await sb.act(who, first.id, { k: 'guide.step', id: String(step) }, undefined, randomUUID());
    const done = await sb.lastBot(who);
    expect(textOf(done.html)).toContain('引导到此结束');
    expect(actions(done)).toEqual([]);
  });

  it('a manager and HR get their own guides, in English for an English reader', async () => {
    const sun = await id('sun.li');
    await sb.send(sun, '/guide');
    expect(textOf((await sb.lastBot(sun)).html)).toContain('审核积分申请');
    const lin = await id('lin.xiaowen');
    await sb.send(lin, '/lang en');
    await sb.send(lin, '/guide');
    const text = textOf((await sb.lastBot(lin)).html);
    expect(text).toContain('Getting started · 1/4');
    expect(text).toContain('Reading the value dashboard');
  });

  it('a stale or forged step is refused with a clear message and changes nothing', async () => {
    const who = await id('liu.yang');
    await sb.send(who, '/guide');
    const card = await sb.lastBot(who);
    const r = await sb.act(who, card.id, { k: 'guide.step', id: 'x' }, undefined, randomUUID());
    expect(r.body).toMatchObject({ outcome: 'invalid', toast: { text: '此卡片已失效' } });
    expect(await state(who)).toMatchObject({ step: 0 });
  });

  it('"Don’t show again" stops the app’s offer; /guide and the app page still open it', async () => {
    const who = await id('chen.jing');
    const session = await sandboxSession(h, who);
    const before = await call(h, 'GET', '/api/guide', { session });
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ role: 'employee', step: 0, dismissed: false });
    expect((before.body.steps as unknown[]).length).toBe(5);

    await sb.send(who, '/guide');
    const card = await sb.lastBot(who);
    await sb.act(who, card.id, { k: 'guide.dismiss' }, undefined, randomUUID());
    expect(textOf((await sb.lastBot(who)).html)).toContain('/guide');
    expect((await state(who))?.d).toBeTruthy();
    const after = await call(h, 'GET', '/api/guide', { session });
    expect(after.body).toMatchObject({ dismissed: true });
    // Saving a step keeps the dismissal; a bad body is refused and changes nothing.
    expect((await call(h, 'PUT', '/api/guide', { session, body: { step: 2 } })).body).toMatchObject({
      step: 2,
      dismissed: true,
    });
    expect((await call(h, 'PUT', '/api/guide', { session, body: { step: -1 } })).status).toBe(400);
    expect((await call(h, 'PUT', '/api/guide', { session, body: { dismissed: 'yes' } })).status).toBe(400);
    expect(await state(who)).toMatchObject({ step: 2 });
    await sb.send(who, '/guide');
    expect(textOf((await sb.lastBot(who)).html)).toContain('新手引导 · 1/5');
  });
});
