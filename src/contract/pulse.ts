// The mini-app's pulse endpoints (see endpoint.ts).
import { z } from 'zod';
import type { Endpoints } from './endpoint.js';

export const pulseEndpoints = {} satisfies Endpoints;
