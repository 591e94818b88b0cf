import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { migrationStatus, openDatabase, runMigrations } from '../../src/db/connection.js';

const journal = JSON.parse(readFileSync('migrations/meta/_journal.json', 'utf8')) as { entries: unknown[] };
const expected = journal.entries.length;

describe('migrations', () => {
  it('create the schema on a fresh file, in WAL mode with foreign keys on', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'vitality-mig-')), 'nested', 'dir', 'fresh.db');
    const db = openDatabase(path);
    expect(existsSync(path)).toBe(true);
    expect(expected).toBeGreaterThanOrEqual(2);
    expect(await migrationStatus(db)).toEqual({ ok: false, kind: 'sqlite', applied: 0, expected });
    runMigrations(db);
    expect(await migrationStatus(db)).toEqual({ ok: true, kind: 'sqlite', applied: expected, expected });
    const tables = (
      db.$client
        .prepare(
          "select name from sqlite_master where type = 'table' and name not like '\\_\\_%' escape '\\' and name not like 'sqlite%' order by name",
        )
        .all() as { name: string }[]
    ).map((r) => r.name);
    expect(tables).toEqual(
      expect.arrayContaining([
        'audit_log',
        'employee_roles',
        'employees',
        'inbound_events',
        'org_unit_links',
        'org_units',
        'outbox',
        'platform_identities',
        'settings',
        'transfers',
        'survey_responses',
      ]),
    );
    expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.$client.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(() => db.$client.prepare("insert into employee_roles (employee_id, role) values (42, 'hr')").run()).toThrow(
      /FOREIGN KEY/,
    );
  });

  it('are idempotent when applied again on start', async () => {
    const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'vitality-mig-')), 'again.db'));
    runMigrations(db);
    runMigrations(db);
    expect((await migrationStatus(db)).applied).toBe(expected);
  });
});
