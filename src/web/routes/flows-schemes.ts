// The flows-schemes API: approval flow definitions and rating schemes (HR), and the ratings trend
// (managers and HR). Each part lives in its own file.
import type { FastifyInstance } from 'fastify';
import type { WebDeps } from '../context.js';
import { registerFlowRoutes } from './flows-approval.js';
import { registerSchemeRoutes } from './flows-rating-schemes.js';
import { registerTrendRoutes } from './flows-trend.js';

export function registerFlowsSchemesRoutes(api: FastifyInstance, deps: WebDeps): void {
  registerFlowRoutes(api, deps);
  registerSchemeRoutes(api, deps);
  registerTrendRoutes(api, deps);
}
