// Shared set-up for the Slack end-to-end feature tests (e2e-pulse-full, e2e-approvals): the real server
// (harness: real SQLite, real core, real outbox worker) with the real Bolt app, driven by v0-signed Slack
// requests, talking to the local Web API emulator on 127.0.0.1. Each demo employee the test needs gets a
// Slack user in the emulator whose profile carries their work email; opening the app's Home tab (a real
// `app_home_opened` event) makes the server look the user up (users.info) and link them by that email.
import { expect, vi } from 'vitest';
import { startHarness, type Harness } from '../../support/harness.js';
import {
  payloads,
  slackSender,
  startSlackEmulator,
  type RecordedCall,
  type SlackEmulator,
  type SlackSender,
} from '../../emulators/slack/index.js';
import type { BotCore, CoreResponse, InboundEvent } from '../../../src/bot/port.js';
import type { CardView } from '../../../cards/view.js';
import { renderMessage } from '../../../adapters/slack/render.js';
import { postedChannel } from '../../emulators/slack/web-api.js';
import { slackEnv } from '../../support/platform-harness.js';

export interface Btn {
  type?: string;
  action_id?: string;
  value?: string;
  url?: string;
  text?: { text: string };
}
export interface Opt {
  value: string;
  text?: { text: string };
}
export interface Blk {
  type: string;
  block_id?: string;
  text?: { text: string };
  fields?: { text: string }[];
  elements?: (Btn & { text?: unknown })[];
  element?: { type: string; action_id?: string; options?: Opt[]; initial_option?: Opt; initial_value?: string };
  label?: { text: string };
}
export interface ModalView {
  type: string;
  callback_id: string;
  private_metadata: string;
  title: { text: string };
  submit?: { text: string };
  blocks: Blk[];
}
/** A message as the emulator holds it: where it is, and its current text and blocks. */
export interface SlackMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: Blk[];
}

export interface SlackE2E {
  emu: SlackEmulator;
  h: Harness;
  slack: SlackSender;
  /** Every event the adapter handed to the core, with the core's answer. */
  handled: { event: InboundEvent; res: Promise<CoreResponse> }[];
  empId(user: string): Promise<number>;
  slackId(user: string): string;
  dm(user: string): string;
  stop(): Promise<void>;
}

/** `li.ming` → `ULIMING` (a Slack user id), DM channel `DULIMING`. */
const slackIdOf = (user: string): string => `U${user.replace(/[^a-z]/gi, '').toUpperCase()}`;

export async function startSlackE2E(
  secret: string,
  users: string[],
  env: Record<string, string> = {},
): Promise<SlackE2E> {
  const emu = await startSlackEmulator({ botToken: `xoxb-${secret}` });
  const h = await startHarness({
    env: { ...slackEnv(emu, `xoxb-${secret}`, secret), ...env },
  });
  const slack = slackSender({ serverUrl: h.url, signingSecret: secret });
  const handled: SlackE2E['handled'] = [];
  const core: BotCore = h.core;
  const original = core.handle.bind(core);
  vi.spyOn(core, 'handle').mockImplementation((event) => {
    const res = original(event);
    handled.push({ event, res });
    return res;
  });
  const empId = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;
  for (const u of users) {
    const e = (await h.employeeByEmail(`${u}@qingyun.example`))!;
    emu.addUser({ id: slackIdOf(u), email: e.email!, name: e.name, locale: 'en-US' });
  }
  return {
    emu,
    h,
    slack,
    handled,
    empId,
    slackId: slackIdOf,
    dm: (u) => `D${slackIdOf(u)}`,
    stop: async () => {
      await h.stop();
      await emu.close();
    },
  };
}

/** Link every user by opening the app Home (users.info → email → employee). */
export async function linkByHome(k: SlackE2E, users: string[]): Promise<void> {
  const before = k.emu.callsTo('views.publish').length;
  for (const u of users) expect((await k.slack.event(payloads.appHomeOpened(k.slackId(u)))).status).toBe(200);
  await vi.waitFor(() => expect(k.emu.callsTo('views.publish').length).toBe(before + users.length), {
    timeout: 10_000,
  });
  const linked = await k.h.sql.rows<{ u: string; e: number }>(
    "select platform_user_id as u, employee_id as e from platform_identities where platform = 'slack'",
  );
  for (const u of users) expect(linked).toContainEqual({ u: k.slackId(u), e: await k.empId(u) });
}

const pending = async (k: SlackE2E) =>
  (await k.h.outbox()).filter((r) => r.status === 'pending' || r.status === 'sending');

/** Wait for the core to finish everything it was handed, then for the server's own outbox worker to
 *  deliver it all. (Not the harness's drainOutbox: a second drain loop next to the running worker spends
 *  two tokens of Slack's 1 message/s bucket per row — see the report — and doubles the wait.) */
export async function settle(k: SlackE2E): Promise<void> {
  await Promise.all(k.handled.map((x) => x.res));
  await k.h.core.whenIdle();
  k.h.app.worker.kick();
  await vi.waitFor(async () => expect(await pending(k)).toEqual([]), { timeout: 60_000, interval: 50 });
  expect((await k.h.outbox()).filter((r) => r.status === 'dead')).toEqual([]);
}

/** The adapter draws the card the core answered onto the message the interaction came from (chat.update,
 *  right after the core's answer): wait until the emulator has that exact Block Kit for the message. */
export async function drawn(
  k: SlackE2E,
  m: { channel: string; ts: string },
  card: CardView,
  after: number,
): Promise<void> {
  const want = JSON.parse(JSON.stringify(renderMessage(card).blocks)) as unknown;
  await vi.waitFor(
    () =>
      expect(
        updatesOf(k, m)
          .filter((c) => c.at >= after)
          .map((c) => c.args.blocks),
      ).toContainEqual(want),
    { timeout: 10_000 },
  );
}

/** The core's answer to the next event the adapter hands it (after `seen` events). */
export async function nextHandled(k: SlackE2E, seen: number): Promise<CoreResponse> {
  await vi.waitFor(() => expect(k.handled.length).toBeGreaterThan(seen), { timeout: 10_000 });
  return k.handled[seen]!.res;
}

/** A slash command as Slack sends it (`/vitality <text>`), then everything it caused, delivered. */
export async function command(k: SlackE2E, user: string, text: string): Promise<CoreResponse> {
  const seen = k.handled.length;
  const res = await k.slack.slashCommand(
    payloads.slashCommand({ command: '/vitality', text, userId: k.slackId(user), responseUrl: k.emu.responseUrl() }),
  );
  expect([res.status, res.text]).toEqual([200, '']);
  const out = await nextHandled(k, seen);
  await settle(k);
  return out;
}

/** All visible text of a block list (header, sections, fields, context, button labels). */
export function textOfBlocks(blocks: Blk[]): string {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.text?.text) out.push(b.text.text);
    for (const f of b.fields ?? []) out.push(f.text);
    for (const e of b.elements ?? []) {
      const t = (e as { text?: string | { text?: string } }).text;
      out.push(typeof t === 'string' ? t : (t?.text ?? ''));
    }
    if (b.label?.text) out.push(b.label.text);
  }
  return out.join('\n');
}

export const buttonsOf = (blocks: Blk[]): Btn[] =>
  blocks.flatMap((b) => (b.type === 'actions' ? (b.elements ?? []) : []));
export const refOf = (b: Btn): { k: string; id?: string; v?: string } =>
  JSON.parse(b.value ?? '{}') as { k: string; id?: string; v?: string };

/** Messages posted to a channel (chat.postMessage answered ok), in order, as they look now (after any chat.update). */
export function messagesIn(k: SlackE2E, channel: string): SlackMessage[] {
  const posted = k.emu.calls.filter(
    (c) => c.method === 'chat.postMessage' && postedChannel(c) === channel && c.response?.ok === true,
  );
  return posted.map((c) => current(k, channel, String(c.response!.ts), c));
}

function current(k: SlackE2E, channel: string, ts: string, post: RecordedCall): SlackMessage {
  const upd = k.emu.calls
    .filter(
      (c) => c.method === 'chat.update' && c.args.channel === channel && c.args.ts === ts && c.response?.ok === true,
    )
    .at(-1);
  const last = upd ?? post;
  return { channel, ts, text: String(last.args.text ?? ''), blocks: (last.args.blocks ?? []) as Blk[] };
}

/** The message as it is now. */
export function messageNow(k: SlackE2E, m: { channel: string; ts: string }): SlackMessage {
  const post = k.emu.calls.find(
    (c) => c.method === 'chat.postMessage' && postedChannel(c) === m.channel && c.response?.ts === m.ts,
  )!;
  return current(k, m.channel, m.ts, post);
}

/** The chat.update calls the emulator accepted for one message. */
export const updatesOf = (k: SlackE2E, m: { channel: string; ts: string }): RecordedCall[] =>
  k.emu.calls.filter(
    (c) => c.method === 'chat.update' && c.args.channel === m.channel && c.args.ts === m.ts && c.response?.ok === true,
  );

/** The one message in the person's DM carrying a button with this ActionRef `k` (and id). */
export function messageWithButton(k: SlackE2E, user: string, kind: string, id?: string): SlackMessage {
  const found = messagesIn(k, k.dm(user)).filter((m) =>
    buttonsOf(m.blocks).some((b) => b.value && refOf(b).k === kind && (id === undefined || refOf(b).id === id)),
  );
  expect(found.length, `${user}: a message with a ${kind} button`).toBeGreaterThan(0);
  return found.at(-1)!;
}

/** Press a button on a message as Slack does (block_actions); returns the payload (to deliver it again). */
export async function pressButton(
  k: SlackE2E,
  user: string,
  m: SlackMessage,
  kind: string,
): Promise<{ payload: Record<string, unknown>; res: CoreResponse }> {
  const button = buttonsOf(m.blocks).find((b) => b.value && refOf(b).k === kind);
  expect(button, `a ${kind} button`).toBeDefined();
  const payload = payloads.blockActions({
    userId: k.slackId(user),
    channelId: m.channel,
    messageTs: m.ts,
    actionId: button!.action_id!,
    value: button!.value!,
    responseUrl: k.emu.responseUrl(),
    blocks: m.blocks,
  });
  const at = Date.now();
  const res = await deliver(k, payload);
  if (res.card) await drawn(k, m, res.card, at);
  return { payload, res };
}

/** Deliver an interaction payload; the core's answer once it is handled. */
export async function deliver(k: SlackE2E, payload: Record<string, unknown>): Promise<CoreResponse> {
  const seen = k.handled.length;
  const r = await k.slack.interaction(payload);
  expect([r.status, r.text]).toEqual([200, '']);
  return nextHandled(k, seen);
}

/** The modal the server opened with this interaction's trigger_id (valid for 3 s, so only that interaction can). */
export async function modalOpenedBy(k: SlackE2E, payload: Record<string, unknown>): Promise<ModalView> {
  const byTrigger = () => k.emu.callsTo('views.open').filter((c) => c.args.trigger_id === payload.trigger_id);
  await vi.waitFor(() => expect(byTrigger()).toHaveLength(1), { timeout: 10_000 });
  const call = byTrigger()[0]!;
  expect(call.response?.ok).toBe(true);
  return call.args.view as ModalView;
}

/** Press a form launcher (`form:…` button): the server must open the modal with this interaction's trigger_id. */
export async function openModal(k: SlackE2E, user: string, m: SlackMessage): Promise<ModalView> {
  const launcher = buttonsOf(m.blocks).find((b) => b.action_id?.startsWith('form:'));
  expect(launcher, 'a form launcher button').toBeDefined();
  const payload = payloads.blockActions({
    userId: k.slackId(user),
    channelId: m.channel,
    messageTs: m.ts,
    actionId: launcher!.action_id!,
    value: launcher!.value!,
    responseUrl: k.emu.responseUrl(),
    blocks: m.blocks,
  });
  await deliver(k, payload);
  return modalOpenedBy(k, payload);
}

export type StateValues = Record<string, Record<string, Record<string, unknown>>>;
export const selected = (value: string) => ({
  v: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: value }, value } },
});
export const radio = (value: string) => ({
  v: { type: 'radio_buttons', selected_option: { text: { type: 'plain_text', text: value }, value } },
});
export const typed = (value: string) => ({ v: { type: 'plain_text_input', value } });

/** Submit a modal (view_submission). Answers the HTTP response Slack gets and the core's answer. */
export async function submitModal(
  k: SlackE2E,
  user: string,
  view: ModalView,
  values: StateValues,
): Promise<{ status: number; body: string; res: CoreResponse }> {
  const seen = k.handled.length;
  const at = Date.now();
  const r = await k.slack.interaction(
    payloads.viewSubmission({ userId: k.slackId(user), view: view as unknown as Record<string, unknown>, values }),
  );
  const res = await nextHandled(k, seen);
  // A modal that closed with a card to show: the message the form came from is redrawn with it.
  const meta = JSON.parse(view.private_metadata) as { c?: string; m?: string };
  if (r.text === '' && res.card && meta.c && meta.m) await drawn(k, { channel: meta.c, ts: meta.m }, res.card, at);
  return { status: r.status, body: r.text, res };
}
