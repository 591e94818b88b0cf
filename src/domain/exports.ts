// Downloads (CSV exports and person-data zips for HR) behind an unguessable, expiring token. The token finds the file; the
// download also needs the session of the person who made it, or of another HR person (src/server.ts).
// Creation and download are audited; expired files are purged by the minute tick.
import { changedRows } from '../db/rows.js';
import { randomBytes } from 'node:crypto';
import { and, eq, gt, lte } from 'drizzle-orm';
import type { Db } from '../db/connection.js';
import { exportFiles } from '../db/schema.js';
import { audit } from './audit.js';
import { retention } from './retention.js';

const HOUR_MS = 60 * 60 * 1000;

/** A text export (CSV) is stored as is; a binary one (a zip) as base64, since the column is text. */
export async function createExport(
  db: Db,
  input: {
    filename: string;
    contentType: string;
    body: string | Uint8Array;
    createdBy: number;
    now: Date;
    what: string;
  },
): Promise<string> {
  const token = randomBytes(24).toString('base64url');
  const binary = typeof input.body !== 'string';
  const body = typeof input.body === 'string' ? input.body : Buffer.from(input.body).toString('base64');
  await db.insert(exportFiles).values({
    token,
    filename: input.filename,
    contentType: input.contentType,
    body,
    encoding: binary ? 'base64' : 'utf8',
    createdBy: input.createdBy,
    what: input.what,
    expiresAt: new Date(input.now.getTime() + (await retention(db)).exportHours * HOUR_MS).toISOString(),
  });
  await audit(db, { kind: 'employee', employeeId: input.createdBy }, 'export.create', input.what, {
    filename: input.filename,
  });
  return token;
}

export interface ExportFile {
  filename: string;
  contentType: string;
  /** Text as stored, or the decoded bytes of a binary export. */
  body: string | Buffer;
  createdBy: number;
  what: string;
}

export async function findExport(db: Db, token: string, now: Date): Promise<ExportFile | undefined> {
  const row = (
    await db
      .select({
        filename: exportFiles.filename,
        contentType: exportFiles.contentType,
        body: exportFiles.body,
        encoding: exportFiles.encoding,
        createdBy: exportFiles.createdBy,
        what: exportFiles.what,
      })
      .from(exportFiles)
      .where(and(eq(exportFiles.token, token), gt(exportFiles.expiresAt, now.toISOString())))
      .limit(1)
  )[0];
  if (!row) return undefined;
  const { encoding, body, ...rest } = row;
  return { ...rest, body: encoding === 'base64' ? Buffer.from(body, 'base64') : body };
}

/** Delete expired exports (their bodies are report data); returns how many. */
export async function purgeExpiredExports(db: Db, now: Date): Promise<number> {
  return changedRows(await db.delete(exportFiles).where(lte(exportFiles.expiresAt, now.toISOString())));
}
