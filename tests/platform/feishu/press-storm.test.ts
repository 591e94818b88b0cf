// Issue 17 item 4 on Feishu, through the real server, the Lark SDK and the emulator: 50 presses of Approve
// on one approval card arrive at once. One decision is taken; the stale presses answer a toast and no card
// (a callback answer's card would replace the message for everyone who sees it); the message is PATCHed a
// bounded number of times — never once per press (Feishu allows 5 updates a second per message).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { current, type FeishuE2E, refOn, startFeishuE2E } from './e2e-kit.js';

let f: FeishuE2E;
beforeAll(async () => {
  f = await startFeishuE2E({ token: 'vt-press-storm', link: ['chen.jing', 'li.ming'] });
}, 60_000);
afterAll(async () => f?.stop());

const PRESSES = 50;

describe('Feishu: 50 simultaneous presses on one approval card', () => {
  it('take one decision, answer one card, and patch the message a bounded number of times', async () => {
    await f.say('chen.jing', '/claim 成本控制 ; Cut packaging cost ; ¥20000');
    const rid = ((await f.h.sql.row('select max(id) as id from approval_requests')) as { id: number }).id;
    const message = f
      .messagesTo('li.ming')
      .filter((m) => m.msg_type === 'interactive')
      .find((m) => refOn(current(m), 'approval.approve', rid))!;
    expect(message).toBeDefined();
    const ref = refOn(current(message), 'approval.approve', rid);
    const patchesBefore = message.patches.length;

    const answers = await Promise.all(Array.from({ length: PRESSES }, () => f.press('li.ming', message, ref)));
    await f.settle();

    expect(
      await f.h.sql.row("select count(*) as n from approval_decisions where request_id = ? and kind = 'approve'", rid),
    ).toEqual({ n: 1 });
    expect(
      ((await f.h.sql.row('select status from approval_requests where id = ?', rid)) as { status: string }).status,
    ).toBe('approved');
    // Only the press that decided answers with a card (its own redraw); the others are a toast.
    expect(answers.filter((a) => a.card !== undefined)).toHaveLength(1);
    const patches = message.patches.length - patchesBefore;
    expect(patches).toBeLessThanOrEqual(1);
  });
});
