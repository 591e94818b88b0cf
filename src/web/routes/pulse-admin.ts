// The pulse-admin API.
import type { FastifyInstance } from 'fastify';
import type { WebDeps } from '../context.js';

export function registerPulseAdminRoutes(_api: FastifyInstance, _deps: WebDeps): void {}
