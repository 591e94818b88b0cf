// Issue 17 items 5 and 8 on Slack, through the real Bolt app and the Web API emulator:
// - a press by someone the approval step is not waiting on is answered to that person alone (an ephemeral
//   message through the press's response_url) and leaves the message untouched (no chat.update): the
//   approver still has the buttons and can decide;
// - a slash command typed in a channel is answered in the DM as always, and gets an ephemeral note in the
//   channel saying so; typed in the DM with the bot, it gets no such note.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { payloads } from '../../emulators/slack/index.js';
import { t } from '../../../src/i18n/index.js';
import {
  buttonsOf,
  command,
  deliver,
  linkByHome,
  messageNow,
  messagesIn,
  messageWithButton,
  refOf,
  settle,
  startSlackE2E,
  updatesOf,
  type SlackE2E,
  type SlackMessage,
} from './e2e-kit.js';

const USERS = ['chen.jing', 'li.ming', 'zhang.wei'];
let k: SlackE2E;
beforeAll(async () => {
  k = await startSlackE2E('refusals-e2e-secret', USERS);
  await linkByHome(k, USERS);
});
afterAll(async () => k?.stop());

const latestRequest = async () =>
  ((await k.h.sql.row('select max(id) as id from approval_requests')) as { id: number }).id;
const status = async (rid: number) =>
  ((await k.h.sql.row('select status from approval_requests where id = ?', rid)) as { status: string }).status;
const hasButton = (m: SlackMessage, kind: string) =>
  buttonsOf(m.blocks).some((b) => b.value !== undefined && refOf(b).k === kind);
const posted = (id: string) => k.emu.callsTo('response_url').filter((c) => c.args._id === id);

/** Press a button of `m` as `user` (who need not be the person the message was sent to). */
function pressAs(user: string, m: SlackMessage, kind: string, responseId: string) {
  const button = buttonsOf(m.blocks).find((b) => b.value !== undefined && refOf(b).k === kind)!;
  expect(button, `a ${kind} button`).toBeDefined();
  const payload = payloads.blockActions({
    userId: k.slackId(user),
    channelId: m.channel,
    messageTs: m.ts,
    actionId: button.action_id!,
    value: button.value!,
    responseUrl: k.emu.responseUrl(responseId),
    blocks: m.blocks,
  });
  return { payload, res: deliver(k, payload) };
}

describe('Slack: a refused press answers only the presser', () => {
  it("zhang.wei presses Approve and Reject on li.ming's card: refused to him alone, the card keeps its buttons", async () => {
    await command(k, 'chen.jing', 'claim 成本控制 ; Cut packaging cost ; ¥20000');
    const rid = await latestRequest();
    const card = messageWithButton(k, 'li.ming', 'approval.approve', String(rid));
    const before = { updates: updatesOf(k, card).length, blocks: messageNow(k, card).blocks };

    const approve = pressAs('zhang.wei', card, 'approval.approve', 'refused-approve');
    const res = await approve.res;
    expect(res).toMatchObject({ outcome: 'invalid', toast: { text: t(res.locale!, 'approval.error.not_approver') } });
    expect(res.card).toBeUndefined();
    // The reason reaches the presser, privately.
    await vi.waitFor(() => expect(posted('refused-approve')).toHaveLength(1), { timeout: 2_000 });
    expect(posted('refused-approve')[0]!.args).toMatchObject({
      response_type: 'ephemeral',
      replace_original: false,
      text: res.toast!.text,
    });

    // Reject would open the reason form (a modal, and the card turned into the form): refused before either.
    const reject = pressAs('zhang.wei', card, 'approval.reject', 'refused-reject');
    expect(await reject.res).toMatchObject({ outcome: 'invalid', toast: { text: res.toast!.text } });
    await vi.waitFor(() => expect(posted('refused-reject')).toHaveLength(1), { timeout: 2_000 });
    await settle(k);
    expect(k.emu.callsTo('views.open').filter((c) => c.args.trigger_id === reject.payload.trigger_id)).toEqual([]);

    // The message others see is exactly as it was, and its approver can still decide from it.
    expect(updatesOf(k, card)).toHaveLength(before.updates);
    expect(messageNow(k, card).blocks).toEqual(before.blocks);
    expect(hasButton(messageNow(k, card), 'approval.approve')).toBe(true);
    expect(await status(rid)).toBe('pending');
    const decided = await pressAs('li.ming', card, 'approval.approve', 'approved').res;
    expect(decided.outcome).toBe('handled');
    expect(await status(rid)).toBe('approved');
  });
});

describe('Slack: a slash command typed in a channel', () => {
  it('is answered in the DM, with an ephemeral note in the channel; from the DM there is no note', async () => {
    const dmBefore = messagesIn(k, k.dm('zhang.wei')).length;
    const r = await k.slack.slashCommand(
      payloads.slashCommand({
        command: '/vitality',
        text: 'help',
        userId: k.slackId('zhang.wei'),
        channelId: 'CGENERAL',
        responseUrl: k.emu.responseUrl('in-channel'),
      }),
    );
    expect([r.status, r.text]).toEqual([200, '']);
    await vi.waitFor(() => expect(posted('in-channel')).toHaveLength(1), { timeout: 2_000 });
    const note = posted('in-channel')[0]!.args;
    expect(note).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect([t('en', 'command.sentToDm'), t('zh-CN', 'command.sentToDm')]).toContain(note.text);
    await settle(k);
    expect(messagesIn(k, k.dm('zhang.wei')).length).toBe(dmBefore + 1);
    expect(k.emu.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === 'CGENERAL')).toEqual([]);

    await command(k, 'zhang.wei', 'help'); // from the DM (the kit's default channel)
    expect(messagesIn(k, k.dm('zhang.wei')).length).toBe(dmBefore + 2);
    expect(k.emu.callsTo('response_url').filter((c) => c.args.text === note.text)).toHaveLength(1);
  });
});
