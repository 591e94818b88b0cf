// Issue 17 item 4 on Slack, through the real Bolt app and the Web API emulator: 50 presses of Approve on
// one approval card arrive at once (a double-click storm, a slow phone re-sending). One decision is taken;
// the others are stale and refused to the presser alone, so they redraw nothing; the message is updated a
// bounded number of times (the decider's own redraw and the outbox's coalesced update of the copy), never
// once per press.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payloads } from '../../emulators/slack/index.js';
import {
  buttonsOf,
  command,
  linkByHome,
  messageWithButton,
  refOf,
  settle,
  startSlackE2E,
  updatesOf,
  type SlackE2E,
} from './e2e-kit.js';

const USERS = ['chen.jing', 'li.ming'];
let k: SlackE2E;
beforeAll(async () => {
  k = await startSlackE2E('press-storm-secret', USERS);
  await linkByHome(k, USERS);
});
afterAll(async () => k?.stop());

const PRESSES = 50;

describe('Slack: 50 simultaneous presses on one approval card', () => {
  it('take one decision and update the message a bounded number of times', async () => {
    await command(k, 'chen.jing', 'claim 成本控制 ; Cut packaging cost ; ¥20000');
    const rid = ((await k.h.sql.row('select max(id) as id from approval_requests')) as { id: number }).id;
    const card = messageWithButton(k, 'li.ming', 'approval.approve', String(rid));
    const button = buttonsOf(card.blocks).find((b) => b.value !== undefined && refOf(b).k === 'approval.approve')!;
    const updatesBefore = updatesOf(k, card).length;

    const answers = await Promise.all(
      Array.from({ length: PRESSES }, (_, i) =>
        k.slack.interaction(
          payloads.blockActions({
            userId: k.slackId('li.ming'),
            channelId: card.channel,
            messageTs: card.ts,
            actionId: button.action_id!,
            value: button.value!,
            responseUrl: k.emu.responseUrl(`storm-${i}`),
            blocks: card.blocks,
          }),
        ),
      ),
    );
    // Every press is acknowledged at once, as Slack requires.
    expect(answers.map((a) => a.status)).toEqual(Array(PRESSES).fill(200));
    await settle(k);

    expect(
      await k.h.sql.row("select count(*) as n from approval_decisions where request_id = ? and kind = 'approve'", rid),
    ).toEqual({ n: 1 });
    expect(
      ((await k.h.sql.row('select status from approval_requests where id = ?', rid)) as { status: string }).status,
    ).toBe('approved');
    const updates = updatesOf(k, card).length - updatesBefore;
    expect(updates).toBeGreaterThanOrEqual(1);
    expect(updates).toBeLessThanOrEqual(2);
  });
});
