// A Bolt Receiver that lives on the project's fastify server: POST /slack/events takes events, slash
// commands and interactivity on one URL. We verify the v0 signature ourselves (verify.ts: timing-safe,
// both directions of the 5-minute window) BEFORE anything is parsed or recorded, then hand the body to
// app.processEvent and answer Slack with whatever the listener acks — within Slack's 3-second window.
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { z } from 'zod';
import { verifySlackRequest } from './verify.js';

export const SLACK_EVENTS_PATH = '/slack/events';
/** Slack waits 3 s for an answer (https://docs.slack.dev/apis/events-api, "Responding to events"). We
 *  answer a little before, so a slow listener still gets its 200 in time and its work goes on. */
const ACK_DEADLINE_MS = 2_500;

const eventsBodySchema = z.union([
  z.object({ type: z.literal('url_verification'), challenge: z.string() }),
  z
    .object({
      type: z.literal('event_callback'),
      event_id: z.string(),
      event: z.object({ type: z.string() }).passthrough(),
    })
    .passthrough(),
  z.object({ type: z.literal('app_rate_limited') }).passthrough(),
]);
const interactionSchema = z.object({ type: z.string().min(1) }).passthrough();
const commandSchema = z
  .object({ command: z.string().startsWith('/'), user_id: z.string().min(1), trigger_id: z.string().min(1) })
  .passthrough();

type Parsed =
  { kind: 'body'; body: Record<string, unknown> } | { kind: 'challenge'; challenge: string } | { kind: 'ignore' };

/** Parse a verified raw body; throws on anything malformed (→ 400). */
export function parseSlackBody(contentType: string, raw: string): Parsed {
  const type = contentType.split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json') {
    const b = eventsBodySchema.parse(JSON.parse(raw));
    if (b.type === 'url_verification') return { kind: 'challenge', challenge: b.challenge };
    if (b.type === 'app_rate_limited') return { kind: 'ignore' };
    return { kind: 'body', body: b };
  }
  if (type === 'application/x-www-form-urlencoded') {
    const form = new URLSearchParams(raw);
    if (form.get('ssl_check') === '1') return { kind: 'ignore' };
    const payload = form.get('payload');
    if (payload !== null) return { kind: 'body', body: interactionSchema.parse(JSON.parse(payload)) };
    return { kind: 'body', body: commandSchema.parse(Object.fromEntries(form)) };
  }
  throw new Error(`unsupported content type ${type ?? ''}`);
}

export interface FastifyReceiverOptions {
  signingSecret: string;
  logger: Logger;
  now?: () => number;
  /** False until the adapter is started (the core is known): requests are then answered 503. */
  ready: () => boolean;
}

const header = (req: FastifyRequest, name: string): string | undefined => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

export class FastifyReceiver implements Receiver {
  private app: App | undefined;
  constructor(private readonly opts: FastifyReceiverOptions) {}

  init(app: App): void {
    this.app = app;
  }
  // The fastify server owns the socket; nothing to open or close here.
  start(): Promise<void> {
    return Promise.resolve();
  }
  stop(): Promise<void> {
    return Promise.resolve();
  }

  readonly routes: FastifyPluginAsync = async (fastify) => {
    // Encapsulated in this plugin: the raw bytes are needed for the signature, so no parser may touch them.
    fastify.removeAllContentTypeParsers();
    fastify.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 1024 * 1024 }, (_req, body, done) =>
      done(null, body),
    );
    fastify.post(SLACK_EVENTS_PATH, (req, reply) => this.handle(req, reply));
  };

  private async handle(req: FastifyRequest, reply: FastifyReply): Promise<unknown> {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const verdict = verifySlackRequest({
      signingSecret: this.opts.signingSecret,
      timestamp: header(req, 'x-slack-request-timestamp'),
      signature: header(req, 'x-slack-signature'),
      rawBody: raw,
      nowMs: (this.opts.now ?? Date.now)(),
    });
    if (!verdict.ok) {
      this.opts.logger.warn({ reason: verdict.reason }, 'slack: rejected request signature');
      return reply.code(401).send({ error: 'invalid signature' });
    }
    let parsed: Parsed;
    try {
      parsed = parseSlackBody(header(req, 'content-type') ?? '', raw.toString('utf8'));
    } catch {
      return reply.code(400).send({ error: 'malformed payload' });
    }
    if (parsed.kind === 'challenge') return reply.send({ challenge: parsed.challenge });
    if (parsed.kind === 'ignore') return reply.code(200).send('');
    if (!this.app || !this.opts.ready()) return reply.code(503).send({ error: 'not ready' });

    const retryNum = Number(header(req, 'x-slack-retry-num'));
    let resolveAck: (v: unknown) => void = () => {};
    const acked = new Promise<unknown>((resolve) => {
      resolveAck = resolve;
    });
    let ackCalled = false;
    const event: ReceiverEvent = {
      body: parsed.body,
      ack: async (response?: unknown) => {
        if (ackCalled) return;
        ackCalled = true;
        resolveAck(response);
      },
      customProperties: {},
    };
    if (Number.isInteger(retryNum)) event.retryNum = retryNum;
    const retryReason = header(req, 'x-slack-retry-reason');
    if (retryReason) event.retryReason = retryReason;

    const NOT_ACKED = Symbol('not acked');
    let timer: NodeJS.Timeout | undefined;
    const processed = this.app.processEvent(event).then(
      () => NOT_ACKED,
      (err: unknown) => {
        this.opts.logger.error({ err }, 'slack: listener failed');
        return NOT_ACKED;
      },
    );
    const deadline = new Promise<typeof NOT_ACKED>((resolve) => {
      timer = setTimeout(() => resolve(NOT_ACKED), ACK_DEADLINE_MS);
    });
    const response = await Promise.race([acked, processed, deadline]);
    clearTimeout(timer);
    // Not acked (no listener for this body, or a listener still busy): 200 anyway, so that Slack does not
    // redeliver something we have seen; redeliveries would be deduped by the core but cost work.
    if (response === NOT_ACKED || response === undefined || response === '') return reply.code(200).send('');
    if (typeof response === 'string') return reply.type('text/plain; charset=utf-8').send(response);
    return reply.send(response);
  }
}
