// A modal submitted while the server has no place for it (INBOUND_CONCURRENCY=1, the place held by a press whose
// views.open hangs): the submission is answered within Slack's window with the "busy, nothing was changed" note on
// the modal's first field — the modal stays open with every answer in it — and no claim is made. Submitted again
// once the place is free, the same answers make the claim, once.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { payloads } from '../../emulators/slack/index.js';
import { t } from '../../../src/i18n/index.js';
import {
  buttonsOf,
  command,
  linkByHome,
  messagesIn,
  openModal,
  radio,
  startSlackE2E,
  typed,
  type ModalView,
  type SlackE2E,
} from './e2e-kit.js';

const USERS = ['zhang.wei'];
let k: SlackE2E;
beforeAll(async () => {
  k = await startSlackE2E('admission-modal-secret', USERS, { INBOUND_CONCURRENCY: '1', INBOUND_WAIT_MS: '300' });
  await linkByHome(k, USERS);
}, 60_000);
afterAll(async () => k?.stop());

const requests = async () => (await k.h.sql.row<{ n: number }>('select count(*) as n from approval_requests'))!.n;

async function answers(view: ModalView) {
  const tagBlock = view.blocks.find((b) => b.block_id === 'tag')!;
  const option = tagBlock.element!.options!.find((o) => o.text!.text.startsWith('流程优化 · '))!;
  return {
    tag: radio(option.value),
    description: typed('Shorter stand-ups'),
    amount: typed('2'),
    unit: radio('hours'),
  };
}

describe('Slack: a modal submitted when no place is free', () => {
  it('keeps the modal open with the busy note on its first field, makes nothing, and works when sent again', async () => {
    await command(k, 'zhang.wei', 'claim');
    const formCard = messagesIn(k, k.dm('zhang.wei')).at(-1)!;
    const view = await openModal(k, 'zhang.wei', formCard);
    const values = await answers(view);
    const before = await requests();

    // Another press of the form's button takes the only place and waits there on views.open, held by "Slack".
    const release = k.emu.holdNext('views.open');
    const launcher = buttonsOf(formCard.blocks).find((b) => b.action_id?.startsWith('form:'))!;
    const press = await k.slack.interaction(
      payloads.blockActions({
        userId: k.slackId('zhang.wei'),
        channelId: formCard.channel,
        messageTs: formCard.ts,
        actionId: launcher.action_id!,
        value: launcher.value!,
        responseUrl: k.emu.responseUrl('held-press'),
        blocks: formCard.blocks,
      }),
    );
    expect(press.status).toBe(200);
    const opens = k.emu.callsTo('views.open').length;
    await vi.waitFor(() => expect(k.emu.callsTo('views.open').length).toBe(opens + 1));

    const submit = () =>
      k.slack.interaction(
        payloads.viewSubmission({
          userId: k.slackId('zhang.wei'),
          view: view as unknown as Record<string, unknown>,
          values,
        }),
      );
    const busy = await submit();
    expect(busy.status).toBe(200);
    expect(busy.json()).toEqual({ response_action: 'errors', errors: { tag: t('en', 'error.busy') } });
    expect(await requests()).toBe(before);

    release();
    const again = await submit();
    expect([again.status, again.text]).toEqual([200, '']);
    await vi.waitFor(async () => expect(await requests()).toBe(before + 1), { timeout: 10_000 });
  });
});
