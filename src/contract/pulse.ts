// The mini-app's pulse endpoints (see endpoint.ts), one file per area: launching and following waves, the
// report and trend, templates, schedules and follow-ups, and HR's audit log and privacy settings.
import type { Endpoints } from './endpoint.js';
import { pulseAdminEndpoints } from './pulse-admin.js';
import { pulseReportEndpoints } from './pulse-report.js';
import { pulseSettingsEndpoints } from './pulse-settings.js';
import { pulseWaveEndpoints } from './pulse-waves.js';

export const pulseEndpoints = {
  ...pulseWaveEndpoints,
  ...pulseReportEndpoints,
  ...pulseAdminEndpoints,
  ...pulseSettingsEndpoints,
} satisfies Endpoints;
