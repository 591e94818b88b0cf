// Systems allowed to push indicators (an ERP, a BI job), each with its own bearer token. The token is shown
// once, when made; only its sha-256 is stored, so a copy of the database cannot push. A token is checked
// against every live system's hash in constant time; revoking is immediate. Creating and revoking are audited.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { ingestSystems } from '../../db/schema.js';
import { returnedRow } from '../../db/rows.js';
import { audit, type Actor } from '../audit.js';

export interface IngestSystem {
  id: number;
  name: string;
  createdAt: string;
  revokedAt: string | null;
}

const TOKEN_PREFIX = 'vit_';
const hashOf = (token: string) => createHash('sha256').update(token).digest();

/** 32 random bytes, base64url, with a prefix that makes a leaked token easy to recognise in a scan. */
export function newToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString('base64url');
}

export async function listSystems(db: Db): Promise<IngestSystem[]> {
  return await db
    .select({
      id: ingestSystems.id,
      name: ingestSystems.name,
      createdAt: ingestSystems.createdAt,
      revokedAt: ingestSystems.revokedAt,
    })
    .from(ingestSystems)
    .orderBy(asc(ingestSystems.id));
}

/** A new system and its token (returned this once). A name already used, revoked or not, is refused. */
export async function createSystem(
  db: Db,
  name: string,
  actor: Actor,
): Promise<{ ok: true; system: IngestSystem; token: string } | { ok: false; code: 'name_taken' }> {
  if ((await db.select().from(ingestSystems).where(eq(ingestSystems.name, name)).limit(1)).length)
    return { ok: false, code: 'name_taken' };
  const token = newToken();
  const row = returnedRow(
    await db
      .insert(ingestSystems)
      .values({
        name,
        tokenHash: hashOf(token).toString('hex'),
        createdBy: actor.kind === 'employee' ? actor.employeeId : null,
      })
      .returning({ id: ingestSystems.id, createdAt: ingestSystems.createdAt }),
    'insert ingestSystems',
  );
  await audit(db, actor, 'ingest.system.create', `ingest:${row.id}`, { name });
  return { ok: true, system: { id: row.id, name, createdAt: row.createdAt, revokedAt: null }, token };
}

export async function revokeSystem(
  db: Db,
  id: number,
  actor: Actor,
  now: Date,
): Promise<{ ok: true } | { ok: false; code: 'not_found' | 'already_revoked' }> {
  const s = (await db.select().from(ingestSystems).where(eq(ingestSystems.id, id)).limit(1))[0];
  if (!s) return { ok: false, code: 'not_found' };
  if (s.revokedAt) return { ok: false, code: 'already_revoked' };
  await db.update(ingestSystems).set({ revokedAt: now.toISOString() }).where(eq(ingestSystems.id, id));
  await audit(db, actor, 'ingest.system.revoke', `ingest:${id}`, { name: s.name });
  return { ok: true };
}

/** The live system a bearer token belongs to. Every live hash is compared, in constant time each. */
export async function systemForToken(db: Db, token: string): Promise<IngestSystem | undefined> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return undefined;
  const given = hashOf(token);
  let found: IngestSystem | undefined;
  const live = await db.select().from(ingestSystems).where(isNull(ingestSystems.revokedAt));
  for (const s of live)
    if (timingSafeEqual(given, Buffer.from(s.tokenHash, 'hex')) && !found)
      found = { id: s.id, name: s.name, createdAt: s.createdAt, revokedAt: null };
  return found;
}
