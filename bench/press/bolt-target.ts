// The press bench's first yardstick: a bare @slack/bolt App on its HTTPReceiver (/slack/events, the same signing
// secret) whose only listener acks every action — what Bolt costs doing nothing. Bot id and user id are given
// so Bolt never calls auth.test. Tells its parent the port it listens on.
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';
import { fromTarget } from './protocol.js';

const signingSecret = process.env.BENCH_SLACK_SECRET ?? 'press-bench-secret';
const receiver = new HTTPReceiver({ signingSecret, endpoints: '/slack/events' });
const app = new App({
  receiver,
  token: 'xoxb-press-bench',
  botId: 'B0BOT',
  botUserId: 'U0BOT',
  tokenVerificationEnabled: false,
  logLevel: LogLevel.ERROR,
});
app.action(/.*/, async ({ ack }) => {
  await ack();
});
const server = await app.start({ port: 0, host: '127.0.0.1' });
const address = server.address();
if (address === null || typeof address === 'string') throw new Error('bolt target: no TCP address');
process.send!(fromTarget.parse({ type: 'listening', port: address.port }));
process.on('disconnect', () => process.exit(0));
