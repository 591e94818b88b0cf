// API errors as values the handlers throw and one error handler turns into `{ error, code?, fields? }`.
// A forbidden or failed request never carries data: the body is only the message.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { asDatabaseUnavailable } from '../db/errors.js';
import type { Translate } from '../i18n/index.js';
import { fieldMessages, type Issue } from './field-messages.js';

export class ApiError extends Error {
  constructor(
    readonly statusCode: 400 | 401 | 403 | 404 | 409 | 415 | 502 | 503,
    message: string,
    readonly code?: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** A request the schema refused: its field messages are written by the error handler, in the caller's language. */
export class InvalidInput extends ApiError {
  constructor(readonly issues: readonly Issue[]) {
    super(400, 'Invalid request', 'invalid');
    this.name = 'InvalidInput';
  }
}

/** Parse a request part with zod; a bad one is a 400 naming each bad field. */
export function parse<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const r = schema.safeParse(data, { reportInput: true });
  if (r.success) return r.data;
  throw new InvalidInput(r.error.issues);
}

/** A 400 naming fields the domain (not the schema) refused, with messages already in the viewer's language. */
export function fieldError(t: Translate, fields: Record<string, string>): ApiError {
  return new ApiError(400, t('error.invalidInput'), 'invalid', fields);
}

/** `translatorFor(req)`: the language the caller reads — the viewer's, else the browser's. */
/** `onRefused`: told of every ApiError answer (status and code) before it is sent, e.g. to audit a 403 (awaited). */
export function webErrorHandler(
  translatorFor: (req: FastifyRequest) => Translate,
  onRefused?: (req: FastifyRequest, status: number, code: string | undefined) => void | Promise<void>,
) {
  return async (err: FastifyError | ApiError, req: FastifyRequest, reply: FastifyReply) => {
    // The database away: the server's handler answers 503 with Retry-After (src/server.ts).
    if (asDatabaseUnavailable(err)) throw err;
    if (err instanceof InvalidInput) {
      const t = translatorFor(req);
      return reply
        .code(400)
        .send({ error: t('error.invalidInput'), code: 'invalid', fields: fieldMessages(err.issues, t) });
    }
    if (err instanceof ApiError) {
      await onRefused?.(req, err.statusCode, err.code);
      return reply.code(err.statusCode).send({
        error: err.message,
        ...(err.code ? { code: err.code } : {}),
        ...(err.fields ? { fields: err.fields } : {}),
      });
    }
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    const t = translatorFor(req);
    if (status >= 500) {
      req.log.error({ err }, 'mini-app request failed');
      return reply.code(500).send({ error: t('error.internal'), requestId: req.id });
    }
    // fastify's own 4xx (bad JSON, wrong content type, too large): its English message is for the log; the
    // person reads ours, and the code says which it was.
    req.log.info({ err }, 'mini-app request refused by fastify');
    return reply.code(status).send({
      error: t(status === 413 ? 'error.tooLarge' : 'error.badRequest'),
      ...(err.code ? { code: err.code } : {}),
    });
  };
}
