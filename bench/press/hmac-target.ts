// The press bench's second yardstick: a fastify server that only checks Slack's v0 signature over the raw body
// (https://docs.slack.dev/authentication/verifying-requests-from-slack: HMAC-SHA256 of `v0:<ts>:<body>`, a
// timestamp within 5 minutes) and answers 200 — the floor under any Slack endpoint. Tells its parent its port.
import { createHmac, timingSafeEqual } from 'node:crypto';
import Fastify from 'fastify';
import { fromTarget } from './protocol.js';

const secret = process.env.BENCH_SLACK_SECRET ?? 'press-bench-secret';
const app = Fastify({ logger: false });
app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

app.post('/slack/events', async (req, reply) => {
  const ts = String(req.headers['x-slack-request-timestamp'] ?? '');
  const sig = String(req.headers['x-slack-signature'] ?? '');
  const raw = req.body instanceof Buffer ? req.body : Buffer.alloc(0);
  const age = Math.abs(Date.now() / 1000 - Number(ts));
  const want = Buffer.from(`v0=${createHmac('sha256', secret).update(`v0:${ts}:`).update(raw).digest('hex')}`);
  const got = Buffer.from(sig);
  if (!(age <= 300) || got.length !== want.length || !timingSafeEqual(got, want)) return reply.code(401).send();
  return reply.code(200).send();
});

await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
if (address === null || typeof address === 'string') throw new Error('hmac target: no TCP address');
process.send!(fromTarget.parse({ type: 'listening', port: address.port }));
process.on('disconnect', () => process.exit(0));
