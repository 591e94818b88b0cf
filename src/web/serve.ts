// Routes registered from the API contract (src/contract): the key names the method and path, the handler
// must return what the contract allows (checked by the compiler), and outside production every answer is
// checked against the contract at run time too (checkAnswers), so a field added or dropped on one side
// fails the tests instead of a page.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { apiContract, apiErrorSchema, type ApiContract, type ApiKey } from '../contract/index.js';
import type { Endpoint } from '../contract/endpoint.js';
import { parse } from './errors.js';

type Schema<E extends Endpoint, P extends 'params' | 'query' | 'body'> = E[P] extends z.ZodType ? E[P] : never;

/** The request's parts, parsed on demand (after the handler's own role checks: a 403 comes before a 400). */
export interface Input<E extends Endpoint> {
  params(): z.output<Schema<E, 'params'>>;
  query(): z.output<Schema<E, 'query'>>;
  body(): z.output<Schema<E, 'body'>>;
}

type Answer<E extends Endpoint> = E['response'] extends z.ZodType
  ? z.input<E['response']>
  : string | Buffer | FastifyReply;

export type Handler<E extends Endpoint> = (
  req: FastifyRequest,
  reply: FastifyReply,
  input: Input<E>,
) => Promise<Answer<E>> | Answer<E>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The contract endpoint a route serves (set by serve). */
    endpoint?: ApiKey;
  }
}

function partParser(endpoint: Endpoint, part: 'params' | 'query' | 'body', value: () => unknown) {
  return () => {
    const schema = endpoint[part];
    if (!schema) throw new Error(`the contract names no ${part} for this endpoint`);
    return parse(schema, value());
  };
}

/** Register the route for contract endpoint `key` on the /api plugin. */
export function serve<K extends ApiKey>(api: FastifyInstance, key: K, handler: Handler<ApiContract[K]>): void {
  const endpoint: Endpoint = apiContract[key];
  const space = key.indexOf(' ');
  const method = key.slice(0, space) as 'GET' | 'POST' | 'PUT' | 'DELETE';
  const url = key.slice(space + 1);
  api.route({
    method,
    url,
    config: { endpoint: key },
    handler: async (req, reply) =>
      handler(req, reply, {
        params: partParser(endpoint, 'params', () => req.params),
        query: partParser(endpoint, 'query', () => req.query),
        body: partParser(endpoint, 'body', () => req.body),
      } as Input<ApiContract[K]>),
  });
}

export class ContractViolation extends Error {
  constructor(
    readonly endpoint: string,
    readonly issues: readonly z.core.$ZodIssue[],
  ) {
    super(
      `${endpoint} answered outside its contract: ` +
        issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; '),
    );
    this.name = 'ContractViolation';
  }
}

/** The answer's fault against the contract, if any (pure: used by the hook and the contract test). */
export function contractIssues(
  key: string | undefined,
  status: number,
  payload: unknown,
): { endpoint: string; issues: z.core.$ZodIssue[] } | undefined {
  // No key: fastify's own answers (no such route, a body it could not parse), outside every endpoint.
  const endpoint: Endpoint | undefined = key ? apiContract[key as ApiKey] : undefined;
  if (status >= 400) {
    const r = (endpoint?.error ?? apiErrorSchema).safeParse(payload);
    return r.success ? undefined : { endpoint: `${key ?? '?'} (error ${status})`, issues: r.error.issues };
  }
  if (!endpoint) return undefined;
  if (endpoint.response === 'raw') return undefined;
  const r = endpoint.response.safeParse(payload);
  return r.success ? undefined : { endpoint: key!, issues: r.error.issues };
}

/**
 * Check every JSON answer of the /api plugin against the contract. A success outside it becomes a 500
 * (and the error is logged with the endpoint and the fields); an error body outside it is only logged,
 * since answering an error with another error would hide the first.
 */
export function checkAnswers(api: FastifyInstance): void {
  api.addHook('preSerialization', async (req, reply, payload) => {
    const fault = contractIssues(req.routeOptions.config.endpoint, reply.statusCode, payload);
    if (!fault) return payload;
    const err = new ContractViolation(fault.endpoint, fault.issues);
    if (reply.statusCode >= 400) {
      req.log.error({ err }, 'error answer outside the API contract');
      return payload;
    }
    throw err;
  });
}

/**
 * Every /api route is served from the contract and every contract endpoint is served: a route added with
 * api.get(…) or an endpoint left without a route fails at start, not in a user's browser.
 */
export function requireContract(api: FastifyInstance): void {
  const served = new Set<string>();
  api.addHook('onRoute', (route) => {
    const key = route.config?.endpoint;
    if (!key) throw new Error(`${String(route.method)} ${route.url} is not in the API contract (src/contract)`);
    served.add(key);
  });
  api.addHook('onReady', async () => {
    const missing = Object.keys(apiContract).filter((k) => !served.has(k));
    if (missing.length) throw new Error(`API contract endpoints without a route: ${missing.join(', ')}`);
  });
}
