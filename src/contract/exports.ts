// Report exports (issue 23): each report page's download, as CSV or XLSX (see endpoint.ts). The answer is
// the file itself; a refusal (no access, an open wave, an empty period) is the usual error body.
import { z } from 'zod';
import { exportFormat } from '../domain/exports/table.js';
import { isoDay } from '../domain/exports/period.js';
import type { Endpoints } from './endpoint.js';

const format = { format: exportFormat };
const positive = z.coerce.number().int().positive();

export const exportEndpoints = {
  'GET /exports/pulse': { query: z.object({ wave: positive, ...format }), response: 'raw' },
  'GET /exports/points': {
    query: z.object({
      from: isoDay,
      to: isoDay,
      view: z.enum(['ledger', 'units', 'tags']).default('ledger'),
      ...format,
    }),
    response: 'raw',
  },
  'GET /exports/ratings': { query: z.object({ cycle: positive, ...format }), response: 'raw' },
  'GET /exports/turnaround': {
    query: z.object({ days: z.coerce.number().int().min(1).max(365).default(90), ...format }),
    response: 'raw',
  },
} satisfies Endpoints;
