// The tools of someone holding copies of the database files: replay the WAL commit by commit, open any
// intermediate state, and read the physical order of cells in a b-tree page (which follows the order rows
// were written in, whatever their keys). File format: https://sqlite.org/fileformat2.html
import Database from 'better-sqlite3';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The database as it stood after each commit found in the WAL (every frame in file order, salts ignored). */
export function replayWal(dbBytes: Buffer, walBytes: Buffer): Buffer[] {
  if (walBytes.length < 32) return [];
  const pageSize = walBytes.readUInt32BE(8);
  let db = Buffer.from(dbBytes);
  const states: Buffer[] = [];
  for (let at = 32; at + 24 + pageSize <= walBytes.length; at += 24 + pageSize) {
    const pgno = walBytes.readUInt32BE(at);
    const commitSize = walBytes.readUInt32BE(at + 4);
    const page = walBytes.subarray(at + 24, at + 24 + pageSize);
    const end = pgno * pageSize;
    if (db.length < end) db = Buffer.concat([db, Buffer.alloc(end - db.length)]);
    page.copy(db, (pgno - 1) * pageSize);
    if (commitSize > 0) states.push(Buffer.from(db.subarray(0, commitSize * pageSize)));
  }
  return states;
}

/** Open a copy of database bytes on its own (marked as a rollback-journal file so no -wal/-shm is needed). */
export function openCopy(bytes: Buffer): Database.Database {
  const copy = Buffer.from(bytes);
  copy[18] = 1;
  copy[19] = 1;
  const file = join(mkdtempSync(join(tmpdir(), 'vitality-copy-')), 'copy.db');
  writeFileSync(file, copy);
  return new Database(file, { readonly: true, fileMustExist: true });
}

function varint(buf: Buffer, at: number): [value: number, length: number] {
  let v = 0;
  for (let i = 0; i < 9; i++) {
    const b = buf[at + i]!;
    if (i === 8) return [v * 256 + b, 9];
    v = v * 128 + (b & 0x7f);
    if ((b & 0x80) === 0) return [v, i + 1];
  }
  return [v, 9];
}

/** The first column of a record, when it is text. */
function firstText(buf: Buffer, at: number): string | undefined {
  const [headerSize, h] = varint(buf, at);
  const [type] = varint(buf, at + h);
  if (type < 13 || type % 2 === 0) return undefined;
  const start = at + headerSize;
  return buf.subarray(start, start + (type - 13) / 2).toString('utf8');
}

export interface Cell {
  page: number;
  offset: number;
  key: string | undefined;
}

/**
 * Every cell of the index b-tree (a WITHOUT ROWID table) rooted at `rootPage`, page by page, each page's
 * cells in the order they were written into it (the cell content area grows downwards from the page end).
 */
export function cellsInWriteOrder(dbBytes: Buffer, rootPage: number): Cell[] {
  const pageSize = dbBytes.readUInt16BE(16) === 1 ? 65536 : dbBytes.readUInt16BE(16);
  const out: Cell[] = [];
  const visit = (pgno: number) => {
    const base = (pgno - 1) * pageSize;
    const hdr = base + (pgno === 1 ? 100 : 0);
    const type = dbBytes[hdr]!;
    if (type !== 0x02 && type !== 0x0a) throw new Error(`page ${pgno} is not an index b-tree page (type ${type})`);
    const interior = type === 0x02;
    const n = dbBytes.readUInt16BE(hdr + 3);
    const ptrs = hdr + (interior ? 12 : 8);
    const cells: Cell[] = [];
    const children: number[] = [];
    for (let i = 0; i < n; i++) {
      const offset = dbBytes.readUInt16BE(ptrs + 2 * i);
      let at = base + offset;
      if (interior) {
        children.push(dbBytes.readUInt32BE(at));
        at += 4;
      }
      const [, l] = varint(dbBytes, at);
      cells.push({ page: pgno, offset, key: firstText(dbBytes, at + l) });
    }
    if (interior) children.push(dbBytes.readUInt32BE(hdr + 8));
    out.push(...cells.sort((a, b) => b.offset - a.offset));
    for (const c of children) visit(c);
  };
  visit(rootPage);
  return out;
}

export function rootPageOf(db: Database.Database, table: string): number {
  return (db.prepare('select rootpage from sqlite_schema where name = ?').get(table) as { rootpage: number }).rootpage;
}
