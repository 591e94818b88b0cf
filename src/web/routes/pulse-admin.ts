// The pulse-admin API: survey templates and schedules (HR), follow-up actions (owners, managers, HR) and
// the pulse trend across waves (HR and managers, K-protected like the report), and HR's page of one wave.
import type { FastifyInstance } from 'fastify';
import type { WebDeps } from '../context.js';
import { registerPulseFollowUpRoutes } from './pulse-followups.js';
import { registerPulseScheduleRoutes } from './pulse-schedules.js';
import { registerPulseTemplateRoutes } from './pulse-templates.js';
import { registerPulseTrendRoutes } from './pulse-trend.js';
import { registerPulseWaveRoutes } from './pulse-waves.js';

export function registerPulseAdminRoutes(api: FastifyInstance, deps: WebDeps): void {
  registerPulseTemplateRoutes(api, deps);
  registerPulseScheduleRoutes(api, deps);
  registerPulseFollowUpRoutes(api, deps);
  registerPulseTrendRoutes(api, deps);
  registerPulseWaveRoutes(api, deps);
}
