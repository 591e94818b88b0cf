// Platform directory sync: fetch a full snapshot from the platform (adapter) and apply it to the org
// (domain). Used by `/org sync`, `npm run org:sync` and the nightly schedule.
import type { Db } from '../domain/unit-of-work.js';
import type { Actor } from '../domain/audit.js';
import { applyDirectorySnapshot, type SyncReport } from '../domain/org/directory-sync.js';
import type { DirectorySource, Platform } from './port.js';

export async function syncDirectory(
  db: Db,
  platform: Platform,
  source: DirectorySource,
  actor: Actor,
): Promise<SyncReport> {
  const snapshot = await source.fetchSnapshot();
  return applyDirectorySnapshot(db, platform, snapshot, actor);
}

export function formatSyncReport(
  r: SyncReport,
  t: (key: 'org.sync.line', p: Record<string, string | number>) => string,
): string {
  const list = (xs: string[]) =>
    xs.length ? `: ${xs.slice(0, 8).join(', ')}${xs.length > 8 ? ` … (+${xs.length - 8})` : ''}` : '';
  return [
    t('org.sync.line', { what: '🏢', n: r.unitsCreated.length, list: list(r.unitsCreated) }),
    t('org.sync.line', { what: '✏️', n: r.unitsRenamed.length, list: list(r.unitsRenamed) }),
    t('org.sync.line', { what: '➕', n: r.peopleCreated.length, list: list(r.peopleCreated) }),
    t('org.sync.line', { what: '🔁', n: r.peopleUpdated.length, list: list(r.peopleUpdated) }),
    t('org.sync.line', { what: '➡️', n: r.peopleMoved.length, list: list(r.peopleMoved) }),
    t('org.sync.line', { what: '⛔', n: r.peopleDeactivated.length, list: list(r.peopleDeactivated) }),
    // Time zone or leave not applied (a zone that does not exist, a leave ending before it starts): only when any.
    ...(r.peopleRejected.length
      ? [t('org.sync.line', { what: '⚠️', n: r.peopleRejected.length, list: list(r.peopleRejected) })]
      : []),
  ].join('\n');
}
