// The mini-app's hr endpoints (see endpoint.ts).
import { z } from 'zod';
import type { Endpoints } from './endpoint.js';

export const hrEndpoints = {} satisfies Endpoints;
