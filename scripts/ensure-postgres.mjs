// The PostgreSQL tests start a throwaway cluster with the server's own programs (initdb, pg_ctl, postgres):
// Debian's `postgresql` package. Install it when missing; fail loudly rather than let a test skip.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findPostgresBin, POSTGRES_PROGRAMS } from './postgres-bin.mjs';

if (findPostgresBin() !== null) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const canInstall = isRoot && existsSync('/usr/bin/apt-get');
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
const wanted = POSTGRES_PROGRAMS.join(', ');

if (!canInstall) {
  console.error(
    `PostgreSQL's server programs (${wanted}) are needed for the PostgreSQL tests and were not found in PATH or /usr/lib/postgresql/*/bin.\nInstall them (Debian: sudo apt-get install -y postgresql) or set POSTGRES_BIN to their folder.`,
  );
  process.exit(1);
}
console.log('Installing PostgreSQL for the PostgreSQL tests (apt-get install -y postgresql)…');
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'postgresql'], { stdio: 'inherit', env });
if (findPostgresBin() === null) {
  console.error(`apt-get finished but ${wanted} are still not found in PATH or /usr/lib/postgresql/*/bin.`);
  process.exit(1);
}
