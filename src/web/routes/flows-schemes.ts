// The flows-schemes API.
import type { FastifyInstance } from 'fastify';
import type { WebDeps } from '../context.js';

export function registerFlowsSchemesRoutes(_api: FastifyInstance, _deps: WebDeps): void {}
