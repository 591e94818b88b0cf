// Issue 23 item 4: the export tables (headers in the reader's language, one row per report row) and the
// CSV writer (BOM, CRLF, RFC 4180 quoting, formula-injection guard), on hand-made report rows.
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/index.js';
import { csvCell, toCsv } from '../../src/domain/exports/csv.js';
import { periodOf } from '../../src/domain/exports/period.js';
import {
  byTagTable,
  byUnitTable,
  valueSourcesTable,
  ledgerTable,
  pulseTable,
  ratingsTable,
  turnaroundTable,
  type LedgerExportRow,
  type RatingsExportRows,
} from '../../src/domain/exports/tables.js';
import { toXlsx } from '../../src/domain/exports/xlsx.js';

const en = translator('en');
const zh = translator('zh-CN');

/** A CSV as its rows of cells, read the RFC 4180 way (quotes, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

const ledger: LedgerExportRow[] = [
  {
    at: '2026-03-02T01:00:00.000Z',
    day: '2026-03-02',
    employeeId: 1,
    person: '李明',
    email: 'li.ming@example.com',
    unit: '青云/门店/南山店',
    kind: 'award',
    points: 50,
    tag: { id: 7, name: { 'zh-CN': '降本增效', en: 'Cost saving' }, category: 'efficiency' },
    source: 'request:3',
    note: '=HYPERLINK("http://evil","x")',
  },
  {
    at: '2026-03-03T01:00:00.000Z',
    day: '2026-03-03',
    employeeId: 2,
    person: 'Ann "Bee", Jr.',
    email: null,
    unit: '青云/门店/南山店',
    kind: 'award',
    points: 30,
    tag: { id: 7, name: { 'zh-CN': '降本增效', en: 'Cost saving' }, category: 'efficiency' },
    source: 'request:4',
    note: 'line one\nline two',
  },
  {
    at: '2026-03-04T01:00:00.000Z',
    day: '2026-03-04',
    employeeId: 1,
    person: '李明',
    email: 'li.ming@example.com',
    unit: '青云/门店/南山店',
    kind: 'hold',
    points: -20,
    tag: null,
    source: 'request:5',
    note: null,
  },
  {
    at: '2026-03-05T01:00:00.000Z',
    day: '2026-03-05',
    employeeId: 3,
    person: 'Wang',
    email: 'wang@example.com',
    unit: '青云/总部',
    kind: 'adjustment',
    points: 5,
    tag: null,
    source: 'adjustment:hr',
    note: null,
  },
];

describe('CSV writer', () => {
  it('starts with a BOM, ends lines with CRLF and quotes per RFC 4180', () => {
    const csv = toCsv({
      headers: ['a', 'b'],
      rows: [
        ['x, y', 'say "hi"'],
        ['two\nlines', 3],
        [null, 1.5],
      ],
    });
    expect(csv.startsWith('\uFEFFa,b\r\n')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv).toBe('\uFEFFa,b\r\n"x, y","say ""hi"""\r\n"two\nlines",3\r\n,1.5\r\n');
    expect(parseCsv(csv.slice(1))).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['two\nlines', '3'],
      ['', '1.5'],
    ]);
  });

  it('prefixes text that a spreadsheet would run as a formula, and leaves numbers alone', () => {
    expect(['=1+1', '+1', '-1', '@SUM(A1)', '\t=1'].map(csvCell)).toEqual([
      "'=1+1",
      "'+1",
      "'-1",
      "'@SUM(A1)",
      "'\t=1",
    ]);
    expect(csvCell('=A1,B1')).toBe(`"'=A1,B1"`);
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell('a=b')).toBe('a=b');
  });
});

describe('table builders', () => {
  it('the ledger: headers in each language, kinds in words, a formula in a note made harmless', () => {
    const t = ledgerTable(ledger, zh, 'zh-CN');
    expect(t.headers).toEqual(['日期', '员工', '邮箱', '组织', '类型', '积分', '价值标签', '来源', '备注']);
    expect(t.rows[0]).toEqual([
      '2026-03-02',
      '李明',
      'li.ming@example.com',
      '青云/门店/南山店',
      '奖励',
      50,
      '降本增效',
      'request:3',
      '=HYPERLINK("http://evil","x")',
    ]);
    const english = ledgerTable(ledger, en, 'en');
    expect(english.headers).toEqual([
      'Date',
      'Person',
      'Email',
      'Unit',
      'Entry',
      'Points',
      'Value tag',
      'Source',
      'Note',
    ]);
    expect(english.rows.map((r) => r[4])).toEqual(['Award', 'Award', 'Redemption (held)', 'Adjustment']);
    const rows = parseCsv(toCsv(english).slice(1));
    expect(rows[1]![8]).toBe(`'=HYPERLINK("http://evil","x")`);
    expect(rows[2]![1]).toBe('Ann "Bee", Jr.');
    expect(rows[2]![8]).toBe('line one\nline two');
    expect(rows).toHaveLength(5);
  });

  it('points by unit: people, entries, earned and redeemed per unit', () => {
    const t = byUnitTable(ledger, en);
    expect(t.headers).toEqual(['Unit', 'People', 'Entries', 'Points earned', 'Points redeemed']);
    expect(t.rows).toEqual([
      ['青云/门店/南山店', 2, 3, 80, 20],
      ['青云/总部', 1, 1, 5, 0],
    ]);
    expect(byUnitTable(ledger, zh).headers).toEqual(['组织', '人数', '条目数', '获得积分', '兑换积分']);
  });

  it('points by tag: awards only, the tag and its category in the reader’s language', () => {
    expect(byTagTable(ledger, en, 'en')).toMatchObject({
      headers: ['Value tag', 'Category', 'Approved claims', 'People', 'Points earned'],
      rows: [['Cost saving', en('tags.category.efficiency'), 2, 2, 80]],
    });
    expect(byTagTable(ledger, zh, 'zh-CN').rows).toEqual([['降本增效', zh('tags.category.efficiency'), 2, 2, 80]]);
  });

  it('where value comes from: per unit, points by tag and the value claims created; hours in money at a rate', () => {
    const withValue = ledger.map((r, i) =>
      i === 0 ? { ...r, value: { cny: 100000, hours: 0 } } : i === 1 ? { ...r, value: { cny: 0, hours: 12.5 } } : r,
    );
    expect(valueSourcesTable(withValue, en, 'en')).toEqual({
      title: 'Where value comes from',
      headers: ['Unit', 'People', 'Cost saving', 'Points earned', 'Value created (¥)', 'Hours saved'],
      // Awards with a tag only: the hold and the adjustment are not value created.
      rows: [['青云/门店/南山店', 2, 80, 80, 100000, 12.5]],
    });
    expect(valueSourcesTable(withValue, zh, 'zh-CN', 50).rows).toEqual([
      ['青云/门店/南山店', 2, 80, 80, 100000, 12.5, 625],
    ]);
    expect(valueSourcesTable([], en, 'en').rows).toEqual([]);
  });

  it('pulse: the dimension and item names in the reader’s language, empty cells for no figure', () => {
    const rows = {
      waveId: 4,
      dimensions: [{ 'zh-CN': '工作态度', en: 'Attitude' }],
      items: [{ 'zh-CN': '我主动承担', en: 'I take initiative' }],
      units: [{ path: '青云', responses: 12, dimensions: [4.2], items: [null] }],
    };
    expect(pulseTable(rows, zh, 'zh-CN')).toEqual({
      title: '第 4 轮脉搏调查',
      headers: ['组织', '回答人数', '工作态度', '我主动承担'],
      rows: [['青云', 12, 4.2, null]],
    });
    expect(pulseTable(rows, en, 'en').headers).toEqual(['Unit', 'Responses', 'Attitude', 'I take initiative']);
    expect(toCsv(pulseTable(rows, en, 'en'))).toBe(
      '\uFEFFUnit,Responses,Attitude,I take initiative\r\n青云,12,4.2,\r\n',
    );
  });

  it('ratings: one row per person, scores by dimension, the unrated dimensions named', () => {
    const rows: RatingsExportRows = {
      cycleId: 2,
      dimensions: [
        { key: 'quality', name: { 'zh-CN': '质量', en: 'Quality' } },
        { key: 'speed', name: { 'zh-CN': '速度', en: 'Speed' } },
      ],
      people: [
        { name: '李明', email: 'l@x', unit: 'HQ', scores: { quality: 4 }, composite: 4, missing: ['speed'] },
        { name: 'Ann', email: null, unit: null, scores: { quality: 3, speed: 5 }, composite: 4.2, missing: [] },
      ],
    };
    expect(ratingsTable(rows, en, 'en')).toEqual({
      title: 'Rating cycle 2',
      headers: ['Person', 'Email', 'Unit', 'Quality', 'Speed', 'Composite', 'Not rated'],
      rows: [
        ['李明', 'l@x', 'HQ', 4, null, 4, 'Speed'],
        ['Ann', null, null, 3, 5, 4.2, ''],
      ],
    });
    expect(ratingsTable(rows, zh, 'zh-CN').headers).toEqual([
      '员工',
      '邮箱',
      '组织',
      '质量',
      '速度',
      '综合得分',
      '未评维度',
    ]);
  });

  it('turnaround: one row per flow, hours left empty where nothing finished', () => {
    const t = turnaroundTable(
      [
        {
          name: { 'zh-CN': '积分申报', en: 'Point claim' },
          submitted: 3,
          approved: 2,
          rejected: 0,
          returned: 1,
          cancelled: 0,
          open: 1,
          overdue: 1,
          medianHoursToDecision: 5.5,
          p90HoursToDecision: 9,
          medianHoursPerStep: 2,
        },
        {
          name: { 'zh-CN': '调岗', en: 'Transfer' },
          submitted: 1,
          approved: 0,
          rejected: 0,
          returned: 0,
          cancelled: 0,
          open: 1,
          overdue: 0,
        },
      ],
      zh,
      'zh-CN',
    );
    expect(t.headers[0]).toBe('流程');
    expect(t.headers).toHaveLength(11);
    expect(t.rows).toEqual([
      ['积分申报', 3, 2, 0, 1, 0, 1, 1, 5.5, 9, 2],
      ['调岗', 1, 0, 0, 0, 0, 1, 0, null, null, null],
    ]);
  });
});

describe('XLSX writer', () => {
  it('writes the headers and cells exceljs reads back, numbers as numbers and a formula-like text as text', async () => {
    const book = new ExcelJS.Workbook();
    const bytes = await toXlsx(ledgerTable(ledger, zh, 'zh-CN'));
    // exceljs's own Buffer type is an ArrayBuffer.
    await book.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('积分明细');
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      '日期',
      '员工',
      '邮箱',
      '组织',
      '类型',
      '积分',
      '价值标签',
      '来源',
      '备注',
    ]);
    expect(sheet.getCell('F2').value).toBe(50);
    expect(sheet.getCell('I2').value).toBe('=HYPERLINK("http://evil","x")');
    expect(sheet.getCell('I2').type).toBe(ExcelJS.ValueType.String);
    expect(sheet.rowCount).toBe(5);
  });
});

describe('period', () => {
  it('covers whole days in the company’s time zone and refuses an end before the start', () => {
    expect(periodOf('2026-03-01', '2026-03-31', 'Asia/Shanghai')).toEqual({
      ok: true,
      start: new Date('2026-02-28T16:00:00.000Z'),
      until: new Date('2026-03-31T16:00:00.000Z'),
    });
    expect(periodOf('2026-03-05', '2026-03-05', 'UTC')).toMatchObject({
      start: new Date('2026-03-05T00:00:00.000Z'),
      until: new Date('2026-03-06T00:00:00.000Z'),
    });
    expect(periodOf('2026-03-05', '2026-03-04', 'UTC')).toEqual({ ok: false, code: 'reversed' });
  });
});
