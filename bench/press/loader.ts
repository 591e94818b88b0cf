// The press bench's load generator: autocannon in a process of its own, so its work is never the target's.
// Each round it gets a list of presses and sends each as Slack would: a block_actions payload
// (tests/emulators/slack/payloads.ts), form-encoded, with a trigger_id and action_ts no other request of the run
// shares, v0-signed with the current time when the request is built (Slack's 5-minute window holds however
// long a run lasts). Bodies are built before the round with slots for the two unique fields, so building a
// request during it is two string replacements and one HMAC.
import { createHmac } from 'node:crypto';
import autocannon from 'autocannon';
import { blockActions } from '../../tests/emulators/slack/payloads.js';
import { fromLoader, toLoader, type FromLoader, type LoadResult, type ToLoader } from './protocol.js';

const TRIGGER_SLOT = 'TRIGGERSLOT0';
const ACTION_TS_SLOT = 'ACTIONTSSLOT0';
const RUN = Date.now().toString(36);
let seq = 0;
const send = (m: FromLoader) => process.send!(fromLoader.parse(m));

const CARD_BLOCKS = [
  { type: 'header', text: { type: 'plain_text', text: 'Card', emoji: true } },
  { type: 'section', text: { type: 'mrkdwn', text: 'A card as the bench presses it.' } },
];

async function run(m: Extract<ToLoader, { type: 'run' }>): Promise<LoadResult> {
  const templates = m.presses.map((p) => {
    const payload = blockActions({
      userId: p.userId,
      channelId: p.channel,
      messageTs: p.ts,
      actionId: p.actionId,
      value: p.value,
      responseUrl: `${m.responseBase}/response/bench`,
      blocks: [
        ...CARD_BLOCKS,
        {
          type: 'actions',
          block_id: 'actions-2',
          elements: [
            { type: 'button', action_id: p.actionId, value: p.value, text: { type: 'plain_text', text: 'Go' } },
          ],
        },
      ],
    });
    payload.trigger_id = TRIGGER_SLOT;
    (payload.actions as Record<string, unknown>[])[0]!.action_ts = ACTION_TS_SLOT;
    return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  });
  let next = 0;
  let wrapped = false;
  const result = await autocannon({
    url: m.url,
    connections: m.connections,
    duration: m.seconds,
    // Slack gives up after 3 s; a longer wait here still measures how late the answer came.
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: '/slack/events',
        setupRequest: (req) => {
          if (next >= templates.length) wrapped = true;
          const n = ++seq;
          const body = templates[next++ % templates.length]!.replace(
            TRIGGER_SLOT,
            `${RUN}${n}.T0VITALITY.bench${n}`,
          ).replace(ACTION_TS_SLOT, `${Math.floor(Date.now() / 1000)}.${String(n % 1e6).padStart(6, '0')}`);
          const ts = Math.floor(Date.now() / 1000);
          return {
            ...req,
            body,
            headers: {
              'content-type': 'application/x-www-form-urlencoded',
              'x-slack-request-timestamp': String(ts),
              'x-slack-signature': `v0=${createHmac('sha256', m.secret).update(`v0:${ts}:${body}`).digest('hex')}`,
            },
          };
        },
      },
    ],
  });
  return {
    sent: next,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    seconds: result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    wrapped: m.once && wrapped,
  };
}

process.on('message', (raw) => {
  const m = toLoader.parse(raw);
  if (m.type === 'exit') process.exit(0);
  run(m).then(
    (result) => send({ type: 'result', result }),
    (err: unknown) => send({ type: 'error', message: err instanceof Error ? (err.stack ?? err.message) : String(err) }),
  );
});
send({ type: 'ready' });
