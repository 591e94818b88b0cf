// A table in the format asked for: the file's body, type and name.
import { toCsv } from './csv.js';
import { CONTENT_TYPES, type ExportFormat, type Table } from './table.js';
import { toXlsx } from './xlsx.js';

export interface ExportFileOut {
  body: string | Buffer;
  contentType: string;
  filename: string;
}

export async function writeTable(table: Table, format: ExportFormat, basename: string): Promise<ExportFileOut> {
  return {
    body: format === 'csv' ? toCsv(table) : await toXlsx(table),
    contentType: CONTENT_TYPES[format],
    filename: `${basename}.${format}`,
  };
}
