// The mini-app's HR configuration endpoints (see endpoint.ts), one file per area.
import type { Endpoints } from './endpoint.js';
import { hrFlowEndpoints } from './hr-flows.js';
import { hrOrgEndpoints } from './hr-org.js';
import { hrPointsEndpoints } from './hr-points.js';
import { hrRatingEndpoints } from './hr-ratings.js';

export const hrEndpoints = {
  ...hrPointsEndpoints,
  ...hrOrgEndpoints,
  ...hrRatingEndpoints,
  ...hrFlowEndpoints,
} satisfies Endpoints;
