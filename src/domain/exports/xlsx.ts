// XLSX through exceljs. Text goes in as a plain string value, which exceljs stores as a string cell, never
// a formula (a formula needs { formula }), so no guard is needed; numbers stay numbers so Excel can sum them.
import ExcelJS from 'exceljs';
import type { Table } from './table.js';

/** Excel refuses sheet names over 31 characters or with any of : \ / ? * [ ]. */
function sheetName(title: string): string {
  return title.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Sheet1';
}

export async function toXlsx(table: Table): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(sheetName(table.title), { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.addRow(table.headers).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row.map((c) => c ?? ''));
  // A readable width per column: its longest text, within bounds (CJK characters count double).
  sheet.columns.forEach((col, i) => {
    const widths = [table.headers[i], ...table.rows.map((r) => r[i])].map((c) =>
      [...String(c ?? '')].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0),
    );
    col.width = Math.min(60, Math.max(8, ...widths) + 2);
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}
