// Indicators from business systems (issue 25 §2), HR's side: ingestion systems and their tokens (shown once),
// the indicators they may push, point rules over them, and the hourly cost for value conversion (see
// endpoint.ts). The push itself (POST /api/ingest/indicators) is a bearer-token API outside this contract.
import { z } from 'zod';
import { INDICATOR_UNITS, RULE_OPS } from '../domain/indicators/rules.js';
import type { Endpoints } from './endpoint.js';
import { created, idParams, named, ok } from './parts.js';

const system = z.strictObject({
  id: z.number(),
  name: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
const indicator = z.strictObject({
  id: z.number(),
  key: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  unit: z.enum(INDICATOR_UNITS),
});
const rule = z.strictObject({
  id: z.number(),
  indicatorKey: z.string(),
  op: z.enum(RULE_OPS),
  threshold: z.number(),
  points: z.number(),
  tagId: z.number(),
  /** "budget deviation < 5% → 50 points, 成本控制" in the reader's language. */
  text: z.string(),
});
/** Checked in the domain, so each refusal has its own message at its field. */
const domainBody = z.record(z.string().max(40), z.unknown());

export const indicatorEndpoints = {
  'GET /hr/ingest/systems': { response: z.strictObject({ systems: z.array(system) }) },
  /** The token is in this answer only; the server keeps its hash. */
  'POST /hr/ingest/systems': {
    body: z.object({ name: z.string().trim().min(1).max(40) }),
    response: z.strictObject({ system, token: z.string() }),
  },
  'POST /hr/ingest/systems/:id/revoke': { params: idParams, response: ok },
  'GET /hr/indicators': {
    response: z.strictObject({ indicators: z.array(indicator), rules: z.array(rule), tags: z.array(named) }),
  },
  'POST /hr/indicators': { body: domainBody, response: created },
  'POST /hr/indicator-rules': { body: domainBody, response: created },
  'POST /hr/indicator-rules/:id/retire': { params: idParams, response: ok },
  'GET /hr/settings/hourly-cost': {
    response: z.strictObject({ hourlyCost: z.number().nullable(), maximum: z.number() }),
  },
  'PUT /hr/settings/hourly-cost': {
    body: z.object({ hourlyCost: z.number().nullable() }),
    response: z.strictObject({ hourlyCost: z.number().nullable() }),
  },
} satisfies Endpoints;
