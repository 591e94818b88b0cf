// The mini-app's API contract, defined once: each endpoint's request parts and its answer as zod schemas.
// The server registers routes from it (src/web/serve.ts) and checks every answer against it outside
// production; the front end (web/) imports the types inferred from it, so the two cannot drift apart.
// Answers use strict objects: a field the contract does not name is an error, not a silent extra.
import { z } from 'zod';
import { lineProblem } from './parts.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
/** 'GET /hr/tags/:id' — the method and the path under /api, as fastify writes it. */
export type EndpointKey = `${Method} /${string}`;

export interface Endpoint {
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** The JSON answer; 'raw' for one that is not JSON (a CSV file, a redirect). */
  response: z.ZodType | 'raw';
  /** A refusal that says more than apiErrorSchema (an extension of it); apiErrorSchema when absent. */
  error?: z.ZodType;
}

export type Endpoints = Record<EndpointKey, Endpoint>;

/** Every refused or failed request answers with this body (src/web/errors.ts). */
export const apiErrorSchema = z.strictObject({
  error: z.string(),
  code: z.string().optional(),
  fields: z.record(z.string(), z.string()).optional(),
  /** Row-level problems of an import: one per line of the file. */
  problems: z.array(lineProblem).optional(),
  requestId: z.string().optional(),
});
export type ApiErrorBody = z.infer<typeof apiErrorSchema>;

type Part<E extends Endpoint, P extends 'params' | 'query' | 'body'> = E[P] extends z.ZodType ? E[P] : never;
/** What the server may return (before zod's defaults/transforms) and what the front end receives. */
export type AnswerOf<E extends Endpoint> = E['response'] extends z.ZodType ? z.output<E['response']> : never;
/** What the front end sends. */
export type BodyIn<E extends Endpoint> = z.input<Part<E, 'body'>>;
