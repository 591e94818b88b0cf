// Webhook transport: POST /feishu/events (event subscription) and POST /feishu/card (card callbacks) — the
// same handler; both can also point at one URL. We verify ourselves (verify.ts) before the SDK sees the
// request: the SDK would check the signature over JSON.stringify(parsed body), never check the token, and on
// failure only log and answer 200 (PLATFORM-NOTES). Then the decrypted body goes to the EventDispatcher.
import type * as lark from '@larksuiteoapi/node-sdk';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { openRequest } from './verify.js';

export const EVENTS_PATH = '/feishu/events';
export const CARD_PATH = '/feishu/card';

/** Signed (an encrypt key: every event needs a fresh signature), or unsigned by explicit choice, when the
 *  verification token is the only check. There is no third way: no key and no opt-out is refused. */
export type WebhookSecurity =
  { encryptKey: string; verificationToken?: string } | { allowUnsigned: true; verificationToken: string };

export type WebhookOptions = WebhookSecurity & {
  dispatcher: lark.EventDispatcher;
  logger: Logger;
  now?: () => number;
};

export function webhookRoutes(opts: WebhookOptions): FastifyPluginAsync {
  const now = opts.now ?? Date.now;
  const encryptKey = 'encryptKey' in opts ? opts.encryptKey : undefined;
  // Config validation refuses this too; checked again here so that no caller can build an open endpoint.
  if (!encryptKey && !('allowUnsigned' in opts && opts.allowUnsigned && opts.verificationToken)) {
    throw new Error('feishu webhook: an encrypt key, or allowUnsigned with a verification token, is required');
  }
  return async (app) => {
    // Encapsulated raw-body parser: the signature covers the exact bytes Feishu sent.
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: 1024 * 1024 }, (_req, body, done) =>
      done(null, body),
    );

    const handle = async (req: FastifyRequest, reply: FastifyReply) => {
      const rawBody = typeof req.body === 'string' ? req.body : '';
      const v = openRequest(
        { rawBody, headers: req.headers },
        {
          now: now(),
          ...(encryptKey ? { encryptKey } : {}),
          ...(opts.verificationToken ? { verificationToken: opts.verificationToken } : {}),
        },
      );
      if (!v.ok) {
        opts.logger.warn({ reason: v.reason, status: v.status, path: req.url }, 'feishu: request rejected');
        return reply.code(v.status).send({ error: v.status === 401 ? 'unauthorized' : 'bad request' });
      }
      // URL verification: echo the challenge (must be answered within 1 s).
      if (v.challenge !== undefined) return reply.send({ challenge: v.challenge });
      // Headers on the prototype, like the SDK's own adapters, so the body stays the body.
      const data: unknown = Object.assign(Object.create({ headers: req.headers }) as object, v.body);
      const result: unknown = await opts.dispatcher.invoke(data, { needCheck: false });
      // The dispatcher answers "no X event handle" (a string) for events we do not subscribe to: plain 200.
      return reply.send(typeof result === 'object' && result !== null ? result : {});
    };
    app.post(EVENTS_PATH, handle);
    app.post(CARD_PATH, handle);
  };
}
