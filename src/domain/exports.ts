// Downloads (CSV exports for HR) behind an unguessable, expiring token. The token finds the file; the
// download also needs the session of the person who made it, or of another HR person (src/server.ts).
// Creation and download are audited; expired files are purged by the minute tick.
import { randomBytes } from 'node:crypto';
import { and, eq, gt, lte } from 'drizzle-orm';
import type { Db } from '../db/connection.js';
import { exportFiles } from '../db/schema.js';
import { audit } from './audit.js';

const TTL_MS = 24 * 60 * 60 * 1000;

export function createExport(db: Db, input: { filename: string; contentType: string; body: string; createdBy: number; now: Date; what: string }): string {
  const token = randomBytes(24).toString('base64url');
  db.insert(exportFiles).values({ token, filename: input.filename, contentType: input.contentType, body: input.body, createdBy: input.createdBy, what: input.what, expiresAt: new Date(input.now.getTime() + TTL_MS).toISOString() }).run();
  audit(db, { kind: 'employee', employeeId: input.createdBy }, 'export.create', input.what, { filename: input.filename });
  return token;
}

export function findExport(db: Db, token: string, now: Date): { filename: string; contentType: string; body: string; createdBy: number; what: string } | undefined {
  return db
    .select({ filename: exportFiles.filename, contentType: exportFiles.contentType, body: exportFiles.body, createdBy: exportFiles.createdBy, what: exportFiles.what })
    .from(exportFiles)
    .where(and(eq(exportFiles.token, token), gt(exportFiles.expiresAt, now.toISOString())))
    .get();
}

/** Delete expired exports (their bodies are report data); returns how many. */
export function purgeExpiredExports(db: Db, now: Date): number {
  return db.delete(exportFiles).where(lte(exportFiles.expiresAt, now.toISOString())).run().changes;
}
