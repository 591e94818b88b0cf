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
      view: z.enum(['ledger', 'units', 'tags', 'value']).default('ledger'),
      ...format,
    }),
    response: 'raw',
  },
  /** Where value comes from (issue 25 §2), as the page shows it: the export's table, for HR. */
  'GET /hr/value': {
    query: z.object({ from: isoDay, to: isoDay }),
    response: z.strictObject({
      title: z.string(),
      headers: z.array(z.string()),
      rows: z.array(z.array(z.union([z.string(), z.number(), z.null()]))),
      /** The column of each unit's total points (after one column per tag). */
      pointsColumn: z.number(),
    }),
  },
  'GET /exports/ratings': { query: z.object({ cycle: positive, ...format }), response: 'raw' },
  'GET /exports/turnaround': {
    query: z.object({ days: z.coerce.number().int().min(1).max(365).default(90), ...format }),
    response: 'raw',
  },
} satisfies Endpoints;
