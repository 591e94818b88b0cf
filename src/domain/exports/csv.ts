// CSV as Excel reads it without a wizard: UTF-8 with a BOM (else Excel on Windows reads 中文 as GBK),
// CRLF line ends and RFC 4180 quoting. Text that starts like a formula (= + - @, and the tab/CR that
// some spreadsheets skip before one) is prefixed with an apostrophe, so a unit or tag name HR typed can
// never run as a formula on the reader's machine (OWASP "CSV injection").
import type { Cell, Table } from './table.js';

const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell as CSV text: numbers as written, text guarded and quoted when it must be. */
export function csvCell(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const s = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(table: Pick<Table, 'headers' | 'rows'>): string {
  const lines = [table.headers, ...table.rows].map((r) => r.map(csvCell).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
