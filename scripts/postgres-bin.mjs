// Where PostgreSQL's server programs are: one lookup for scripts/ensure-postgres.mjs (installs them when missing)
// and tests/support/postgres.ts (starts a throwaway cluster). Debian keeps them out of PATH, in
// /usr/lib/postgresql/<major>/bin; POSTGRES_BIN names a folder explicitly.
import { existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The programs the test clusters need, all from one folder (one PostgreSQL version). */
export const POSTGRES_PROGRAMS = ['initdb', 'pg_ctl', 'postgres'];

const DEBIAN_ROOT = '/usr/lib/postgresql';

const hasAll = (dir) => POSTGRES_PROGRAMS.every((program) => existsSync(join(dir, program)));

/** The folders searched, in order: POSTGRES_BIN, PATH, then Debian's versions, newest first. */
export function postgresBinCandidates() {
  const fromEnv = process.env.POSTGRES_BIN ? [process.env.POSTGRES_BIN] : [];
  const fromPath = (process.env.PATH ?? '').split(delimiter).filter((dir) => dir !== '');
  let debian = [];
  if (existsSync(DEBIAN_ROOT)) {
    debian = readdirSync(DEBIAN_ROOT)
      .filter((version) => /^\d+(\.\d+)?$/.test(version))
      .sort((a, b) => Number(b) - Number(a))
      .map((version) => join(DEBIAN_ROOT, version, 'bin'));
  }
  return [...fromEnv, ...fromPath, ...debian];
}

/** The first folder holding initdb, pg_ctl and postgres, or null. */
export function findPostgresBin() {
  return postgresBinCandidates().find(hasAll) ?? null;
}
