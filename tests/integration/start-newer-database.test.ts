// A database upgraded by a newer Vitality (a rolled-back deploy, an old instance left running): this version
// does not know its tables, so it refuses to start, says why and what to do, and exits non-zero — instead of
// drizzle's migrator skipping the older migrations and the server running on tables it misreads.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, runMigrations } from '../../src/db/connection.js';
import { freePort } from '../support/free-port.js';
import { runMainUntilExit } from '../support/main-process.js';

function migratedDatabase(): { file: string; db: ReturnType<typeof openDatabase> } {
  const file = join(mkdtempSync(join(tmpdir(), 'vitality-newer-')), 'vitality.db');
  const db = openDatabase(file);
  runMigrations(db);
  return { file, db };
}

describe('a database newer than the code', () => {
  it('is refused at start with a plain reason and a non-zero exit', async () => {
    const { file, db } = migratedDatabase();
    const last = db.$client.prepare('select max(created_at) as at from __drizzle_migrations').get() as { at: number };
    // What a newer version's next migration leaves behind.
    db.$client
      .prepare('insert into __drizzle_migrations (hash, created_at) values (?, ?)')
      .run('a-migration-from-the-future', Number(last.at) + 86_400_000);
    const tables = db.$client.prepare("select count(*) as n from sqlite_master where type = 'table'").get();
    db.$client.close();

    const r = await runMainUntilExit({ DATABASE_PATH: file, PORT: String(await freePort()), DEMO_SEED: 'auto' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('1 migration(s) this version of Vitality does not know');
    expect(r.stderr).not.toContain('    at '); // a reason, not a stack trace

    // Nothing was written: no demo organisation seeded, no table touched.
    const after = openDatabase(file);
    expect(after.$client.prepare('select count(*) as n from employees').get()).toEqual({ n: 0 });
    expect(after.$client.prepare("select count(*) as n from sqlite_master where type = 'table'").get()).toEqual(tables);
    after.$client.close();
  }, 30_000);

  it('starts on a database this version migrated itself', async () => {
    const { file, db } = migratedDatabase();
    db.$client.close();
    // Started and serving: it is killed after the wait, so no exit code of its own.
    const r = await runMainUntilExit({ DATABASE_PATH: file, PORT: String(await freePort()), HOST: '127.0.0.1' }, 8_000);
    expect(r.stderr).not.toContain('does not know');
    expect(r.code).toBeNull();
  }, 30_000);
});
