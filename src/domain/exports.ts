// Downloads behind an unguessable, expiring token (CSV exports for HR). The link is the capability,
// so it lives 24 hours and its creation is audited with who and what.
import { randomBytes } from 'node:crypto';
import { and, eq, gt } from 'drizzle-orm';
import type { Db } from '../db/connection.js';
import { exportFiles } from '../db/schema.js';
import { audit } from './audit.js';

const TTL_MS = 24 * 60 * 60 * 1000;

export function createExport(db: Db, input: { filename: string; contentType: string; body: string; createdBy: number; now: Date; what: string }): string {
  const token = randomBytes(24).toString('base64url');
  db.insert(exportFiles).values({ token, filename: input.filename, contentType: input.contentType, body: input.body, createdBy: input.createdBy, expiresAt: new Date(input.now.getTime() + TTL_MS).toISOString() }).run();
  audit(db, { kind: 'employee', employeeId: input.createdBy }, 'export.create', input.what, { filename: input.filename });
  return token;
}

export function findExport(db: Db, token: string, now: Date): { filename: string; contentType: string; body: string } | undefined {
  return db
    .select({ filename: exportFiles.filename, contentType: exportFiles.contentType, body: exportFiles.body })
    .from(exportFiles)
    .where(and(eq(exportFiles.token, token), gt(exportFiles.expiresAt, now.toISOString())))
    .get();
}
