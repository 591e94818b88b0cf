import { describe, expect, it } from 'vitest';
import { importOrgCsv } from '../../src/domain/org/org-import.js';
import { managerHistoryOf } from '../../src/domain/org/transfer-move.js';
import { demoOrgCsv, seedDemoOrg } from '../../src/domain/org/demo-org.js';
import { t } from '../../src/i18n/index.js';
import { freshDb } from '../support/db.js';
import { sqlFor } from '../support/sql.js';

const header = 'email,name,unit,unit_kind,manager_email,roles,locale,timezone,title,is_head';
const system = { kind: 'system' as const };
const count = async (db: Awaited<ReturnType<typeof freshDb>>, table: string) =>
  ((await sqlFor(db).row(`select count(*) as n from ${table}`)) as { n: number }).n;

describe('org CSV import', () => {
  it('keeps who managed whom when: a re-import that changes a manager closes one period and opens the next', async () => {
    const db = await freshDb();
    const base = [
      header,
      'boss@acme.example,Boss,Acme,,,admin,en,,CEO,yes',
      'ann@acme.example,Ann,Acme/HQ,department,boss@acme.example,hr,,,,yes',
      'cat@acme.example,Cat,Acme/Shop,store,boss@acme.example,,,,,yes',
    ];
    expect(
      (
        await importOrgCsv(
          db,
          [...base, 'bob@acme.example,Bob,Acme/HQ,department,ann@acme.example,,,,,'].join('\n'),
          system,
        )
      ).ok,
    ).toBe(true);
    expect(
      (
        await importOrgCsv(
          db,
          [...base, 'bob@acme.example,Bob,Acme/Shop,store,cat@acme.example,,,,,'].join('\n'),
          system,
        )
      ).ok,
    ).toBe(true);
    const bobId = (
      (await sqlFor(db).row("select id from employees where email = 'bob@acme.example'")) as { id: number }
    ).id;
    const byEmail = async (id: number | null) =>
      id === null
        ? null
        : ((await sqlFor(db).row('select email from employees where id = ?', id)) as { email: string }).email;
    const periods = await Promise.all(
      (await managerHistoryOf(db, bobId)).map(async (p) => ({
        manager: await byEmail(p.managerId),
        to: p.to === null ? 'open' : 'closed',
        source: p.source,
      })),
    );
    expect(periods).toEqual([
      { manager: 'ann@acme.example', to: 'closed', source: 'csv' },
      { manager: 'cat@acme.example', to: 'open', source: 'csv' },
    ]);
    // An import that changes nothing adds nothing.
    expect(
      (
        await importOrgCsv(
          db,
          [...base, 'bob@acme.example,Bob,Acme/Shop,store,cat@acme.example,,,,,'].join('\n'),
          system,
        )
      ).ok,
    ).toBe(true);
    expect(await managerHistoryOf(db, bobId)).toHaveLength(2);
  });

  it('imports units, people, managers and roles', async () => {
    const db = await freshDb();
    const csv = [
      header,
      'boss@acme.example,Boss,Acme,,,admin,en,Europe/Berlin,CEO,yes',
      'ann@acme.example,Ann,Acme/HQ/Finance,department,boss@acme.example,hr,zh-CN,,Controller,yes',
      'bob@acme.example,Bob,Acme/Stores/North,store,ann@acme.example,,,,,',
    ].join('\n');
    const r = await importOrgCsv(db, csv, system);
    expect(r).toEqual({ ok: true, created: 3, updated: 0, units: 5 });
    const units = await sqlFor(db).rows('select path, kind from org_units order by id');
    expect(units).toEqual([
      { path: 'Acme', kind: 'company' },
      { path: 'Acme/HQ', kind: 'department' },
      { path: 'Acme/HQ/Finance', kind: 'department' },
      { path: 'Acme/Stores', kind: 'department' },
      { path: 'Acme/Stores/North', kind: 'store' },
    ]);
    const roleRows = await sqlFor(db).rows<{ email: string; role: string }>(
      'select e.email, r.role from employee_roles r join employees e on e.id = r.employee_id order by e.email, r.role',
    );
    const roles = [...new Set(roleRows.map((r) => r.email))].map((email) => ({
      email,
      roles: roleRows
        .filter((r) => r.email === email)
        .map((r) => r.role)
        .join(','),
    }));
    expect(roles).toEqual([
      { email: 'ann@acme.example', roles: 'employee,hr,manager' },
      { email: 'bob@acme.example', roles: 'employee' },
      { email: 'boss@acme.example', roles: 'admin,employee,manager' },
    ]);
    const bob = await sqlFor(db).row(
      "select m.email as manager from employees e join employees m on m.id = e.manager_id where e.email = 'bob@acme.example'",
    );
    expect(bob).toEqual({ manager: 'ann@acme.example' });
    expect(await sqlFor(db).rows('select action from audit_log')).toEqual([{ action: 'org.import' }]);
  });

  it('reports every bad row by line number and imports nothing', async () => {
    const db = await freshDb();
    const csv = [
      header,
      'ok@acme.example,Ok,Acme/HQ,,,,,,,',
      'not-an-email,Bad Email,Acme/HQ,,,,,,,',
      'ok@acme.example,Duplicate,Acme/HQ,,,,,,,',
      'c@acme.example,,Acme/HQ,,,,,,,',
      'd@acme.example,Dee,Acme/HQ,shop,,,,,,',
      'e@acme.example,Eve,Acme/HQ,,ghost@acme.example,,,,,',
      'f@acme.example,Fay,Acme/HQ,,,boss,fr,Mars/Olympus,,',
      'g@acme.example,Gus,Other/HQ,,,,,,,',
    ].join('\n');
    const r = await importOrgCsv(db, csv, system);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.line, p.key])).toEqual([
      [3, 'csv.invalidEmail'],
      [4, 'csv.duplicateEmail'],
      [5, 'csv.required'],
      [6, 'csv.invalidKind'],
      [7, 'csv.unknownManager'],
      [8, 'csv.invalidRole'],
      [8, 'csv.invalidLocale'],
      [8, 'csv.invalidTimezone'],
      [9, 'csv.rootConflict'],
    ]);
    expect(r.problems.map((p) => t('en', p.key, p.params))).toContain(
      'Line 4: the email ok@acme.example already appears on line 2.',
    );
    expect(t('zh-CN', r.problems[0]!.key, r.problems[0]!.params)).toBe('第 3 行：「not-an-email」不是有效的邮箱地址。');
    expect(await count(db, 'employees')).toBe(0);
    expect(await count(db, 'org_units')).toBe(0);
  });

  it('finds a manager loop', async () => {
    const db = await freshDb();
    const csv = [header, 'a@x.example,A,X,,b@x.example,,,,,', 'b@x.example,B,X,,a@x.example,,,,,'].join('\n');
    const r = await importOrgCsv(db, csv, system);
    expect(r.ok ? [] : r.problems.map((p) => [p.line, p.key])).toEqual([
      [2, 'csv.managerCycle'],
      [3, 'csv.managerCycle'],
    ]);
  });

  it('names a missing column and an unreadable file', async () => {
    const db = await freshDb();
    const missing = await importOrgCsv(db, 'email,name\na@x.example,A\n', system);
    expect(missing.ok ? undefined : t('en', missing.problems[0]!.key, missing.problems[0]!.params)).toMatch(
      /^The header is missing the column "unit"/,
    );
    const broken = await importOrgCsv(db, `${header}\n"unterminated,A,X,,,,,,,\n`, system);
    expect(broken.ok ? undefined : broken.problems[0]!.key).toBe('csv.parse');
    expect(await importOrgCsv(db, header + '\n', system)).toEqual({
      ok: false,
      problems: [{ line: 1, key: 'csv.empty', params: {} }],
    });
  });

  it('records a transfer when a re-import moves someone', async () => {
    const db = await freshDb();
    await importOrgCsv(db, [header, 'a@x.example,A,X/One,,,,,,,'].join('\n'), system);
    const r = await importOrgCsv(db, [header, 'a@x.example,A,X/Two,store,,,,,,'].join('\n'), system);
    expect(r).toMatchObject({ ok: true, created: 0, updated: 1 });
    const moves = await sqlFor(db).rows(
      'select f.path as "from", t.path as "to", source from transfers tr left join org_units f on f.id = tr.from_unit_id join org_units t on t.id = tr.to_unit_id order by tr.id',
    );
    expect(moves).toEqual([
      { from: null, to: 'X/One', source: 'csv' },
      { from: 'X/One', to: 'X/Two', source: 'csv' },
    ]);
  });

  it('seeds the demo organisation once: a company, HQ departments, stores, managers, one HR and one admin', async () => {
    const db = await freshDb();
    const r = await seedDemoOrg(db);
    expect(r.ok).toBe(true);
    const people = await count(db, 'employees');
    expect(people).toBeGreaterThanOrEqual(30);
    expect(people).toBeLessThanOrEqual(60);
    expect(people).toBe(demoOrgCsv().trim().split('\n').length - 1);
    const kinds = await sqlFor(db).rows('select kind, count(*) as n from org_units group by kind order by kind');
    expect(kinds).toEqual([
      { kind: 'company', n: 1 },
      { kind: 'department', n: 7 },
      { kind: 'store', n: 3 },
    ]);
    expect(await sqlFor(db).row("select count(*) as n from employee_roles where role = 'hr'")).toEqual({ n: 1 });
    expect(await sqlFor(db).row("select count(*) as n from employee_roles where role = 'admin'")).toEqual({ n: 1 });
    expect(await seedDemoOrg(db)).toEqual({ ok: true, skipped: true });
    expect(await count(db, 'employees')).toBe(people);
  });
});
