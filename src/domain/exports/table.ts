// A report as a table: what every export format writes. The builders (tables.ts) are pure functions of a
// report's rows and the reader's language; the writers (csv.ts, xlsx.ts) know nothing of reports.
import { z } from 'zod';

export type Cell = string | number | null;

export interface Table {
  /** The sheet's name in an XLSX file (and nothing in a CSV). */
  title: string;
  headers: string[];
  rows: Cell[][];
}

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export const exportFormat = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof exportFormat>;

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
