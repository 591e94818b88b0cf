// Issue 21 on SQLite: the two-instance scenario of tests/pg/two-instances.test.ts with two server processes on
// one database file — a 500-person fan-out losing one instance to SIGKILL, a survey every minute for three
// minutes, 50 presses split across both — with no tick failing, nothing lost and nothing sent twice.
// SQLite only (vitest.pg.config.ts lists it in SQLITE_ONLY).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeTwoInstances } from '../support/instances.js';

const dir = mkdtempSync(join(tmpdir(), 'vitality-two-instances-'));

describeTwoInstances(
  'two instances on one SQLite file',
  async () => ({ databasePath: join(dir, 'shared.db') }),
  async () => rmSync(dir, { recursive: true, force: true }),
);
