// The press bench's third yardstick: bare Bolt (as bolt-target.ts) that, after acking, makes the same Slack Web
// API calls a real press makes and nothing else — no database, no rules, no rendering per press (the payloads
// are real cards rendered once at start). What a press's outbound calls cost through the official client
// (@slack/web-api, with the adapter's own options), so the server's figures can be read against the floor
// that sending alone sets. Per approve press: chat.update ×2 (the pressed card and the applicant's copy) and
// chat.postMessage ×2 (the points-landed notices); per survey press: views.open. The bench prints the server's
// own calls per press beside these, to check the two still match.
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { webClientOptions } from '../../adapters/slack/client.js';
import { renderMessage } from '../../adapters/slack/render.js';
import { renderModal } from '../../adapters/slack/render-modal.js';
import { fixturesOf } from '../../tests/fixtures/cards/catalog.js';
import { fromTarget } from './protocol.js';

const signingSecret = process.env.BENCH_SLACK_SECRET ?? 'press-bench-secret';
const apiUrl = process.env.BENCH_SLACK_API_URL;
if (!apiUrl) throw new Error('calls target: BENCH_SLACK_API_URL is not set');

const card = (kind: string) => {
  const f = fixturesOf(kind, 'en', 'typical')[0];
  if (!f) throw new Error(`calls target: no typical en fixture of ${kind}`);
  return f.view;
};
const approval = renderMessage(card('approvalCard'));
const landed = renderMessage(card('pointsLandedCard'));
const survey = renderModal(card('surveyCard'));

const receiver = new HTTPReceiver({ signingSecret, endpoints: '/slack/events' });
const app = new App({
  receiver,
  token: 'xoxb-press-bench',
  botId: 'B0BOT',
  botUserId: 'U0BOT',
  tokenVerificationEnabled: false,
  logLevel: LogLevel.ERROR,
  clientOptions: webClientOptions(apiUrl),
});
app.action(/.*/, async ({ ack, body, client, action }) => {
  await ack();
  if (body.type !== 'block_actions') return;
  if ('action_id' in action && action.action_id.startsWith('form:')) {
    await client.views.open({ trigger_id: body.trigger_id, view: survey });
    return;
  }
  const channel = body.channel?.id ?? body.user.id;
  const ts = body.message?.ts ?? body.container.message_ts ?? '';
  await Promise.all([
    client.chat.update({ channel, ts, ...approval }),
    client.chat.update({ channel, ts, ...approval }),
    client.chat.postMessage({ channel: body.user.id, ...landed }),
    client.chat.postMessage({ channel: body.user.id, ...landed }),
  ]);
});
const server = await app.start({ port: 0, host: '127.0.0.1' });
const address = server.address();
if (address === null || typeof address === 'string') throw new Error('calls target: no TCP address');
process.send!(fromTarget.parse({ type: 'listening', port: address.port }));
process.on('disconnect', () => process.exit(0));
