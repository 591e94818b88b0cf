// API errors as values the handlers throw and one error handler turns into `{ error, code?, fields? }`.
// A forbidden or failed request never carries data: the body is only the message.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';

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

/** Parse a request part with zod; a bad one is a 400 naming each bad field. */
export function parse<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  const fields: Record<string, string> = {};
  for (const i of r.error.issues) fields[i.path.join('.') || '_'] ??= i.message;
  throw new ApiError(400, 'Invalid request', 'invalid', fields);
}

export function webErrorHandler(err: FastifyError | ApiError, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (err instanceof ApiError) {
    return reply.code(err.statusCode).send({ error: err.message, ...(err.code ? { code: err.code } : {}), ...(err.fields ? { fields: err.fields } : {}) });
  }
  const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
  if (status >= 500) {
    req.log.error({ err }, 'mini-app request failed');
    return reply.code(500).send({ error: 'Internal error', requestId: req.id });
  }
  // fastify's own 4xx (bad JSON, wrong content type): the message is safe to show.
  return reply.code(status).send({ error: err.message });
}
