// erasePerson on a real database (SQLite, or PostgreSQL on a run with DATABASE_URL) with the demo org, without
// the server: every refusal leaves the whole database as it was, row for row; what append-only tables still
// quote is reported (never edited); messages waiting for others keep their recipient and lose only the name; a
// zip of someone else's export that names the person goes.
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { inTransaction, type Db } from '../../src/db/connection.js';
import { DIALECT } from '../../src/db/dialect.js';
import { verifyAuditChain } from '../../src/domain/audit.js';
import { seedDemoOrg } from '../../src/domain/org/demo-org.js';
import { erasePerson, mentionsOf } from '../../src/domain/privacy/erase-person.js';
import { createExport } from '../../src/domain/exports.js';
import { appendEntry } from '../../src/domain/points/ledger.js';
import { enqueue } from '../../src/bot/outbox.js';
import { dumpDatabase, findEverywhere } from '../support/db-search.js';
import { freshDb } from '../support/db.js';
import { sqlFor } from '../support/sql.js';

const NOW = new Date('2030-01-01T00:00:00Z');
const HR = { kind: 'employee' as const, employeeId: 0 };

async function setup(): Promise<{ db: Db; he: number; hr: number; fang: number }> {
  const db = await freshDb();
  await seedDemoOrg(db);
  const idOf = async (email: string) =>
    ((await sqlFor(db).row('select id from employees where email = ?', `${email}@qingyun.example`)) as { id: number })
      .id;
  return { db, he: await idOf('he.jun'), hr: await idOf('lin.xiaowen'), fang: await idOf('wang.fang') };
}
const erase = async (db: Db, id: number, hr: number) =>
  await inTransaction(db, async () => await erasePerson(db, id, { ...HR, employeeId: hr }, NOW));

describe('erasePerson', () => {
  it('finds each script’s part of a bilingual name, longest first, and no single Latin word', () => {
    expect(mentionsOf('何俊 Jun He', 'he.jun@qingyun.example')).toEqual([
      'he.jun@qingyun.example',
      '何俊 Jun He',
      'Jun He',
      '何俊',
    ]);
    expect(mentionsOf('Olivia Brown', null)).toEqual(['Olivia Brown']);
  });

  it('refuses an active, an unknown and an erased person, changing nothing at all', async () => {
    const { db, he, hr } = await setup();
    const before = await dumpDatabase(sqlFor(db));
    expect(await erase(db, he, hr)).toEqual({ ok: false, code: 'still_active', name: '何俊 Jun He' });
    expect(await erase(db, 99_999, hr)).toEqual({ ok: false, code: 'unknown_person' });
    expect(await dumpDatabase(sqlFor(db))).toEqual(before);

    await sqlFor(db).run('update employees set active = false where id = ?', he);
    expect(await erase(db, he, hr)).toMatchObject({ ok: true, pseudonym: `Erased #${he}` });
    const after = await dumpDatabase(sqlFor(db));
    expect(await erase(db, he, hr)).toEqual({ ok: false, code: 'already_erased' });
    expect(await dumpDatabase(sqlFor(db))).toEqual(after);
  });

  it('reports what append-only tables still quote, pseudonymises pending messages and removes zips that name them', async () => {
    const { db, he, hr, fang } = await setup();
    await sqlFor(db).run('update employees set active = false where id = ?', he);
    // The ledger is append-only: a claim description quoting his name stays, and is reported.
    await inTransaction(
      db,
      async () =>
        await appendEntry(db, {
          employeeId: fang,
          kind: 'award',
          points: 10,
          source: 'test',
          note: 'Helped 何俊 close the books',
        }),
    );
    // A message waiting for his manager names him; one waiting for him is never sent.
    const toFang = await inTransaction(
      db,
      async () =>
        await enqueue(db, {
          platform: 'sandbox',
          op: 'send',
          recipient: { kind: 'user', platformUserId: String(fang) },
          message: { kind: 'text', text: '何俊 Jun He asked for leave' },
        }),
    );
    const toHe = await inTransaction(
      db,
      async () =>
        await enqueue(db, {
          platform: 'sandbox',
          op: 'send',
          recipient: { kind: 'user', platformUserId: String(he) },
          message: { kind: 'text', text: 'Your request was approved' },
        }),
    );
    // Someone else's person-data zip that names him (compressed: a plain text search cannot see it).
    await inTransaction(
      db,
      async () =>
        await createExport(db, {
          filename: 'other.zip',
          contentType: 'application/zip',
          body: zipSync({ 'person.json': strToU8(JSON.stringify({ manager: 'x', peer: '何俊 Jun He' })) }),
          createdBy: fang,
          now: NOW,
          what: `privacy:employee:${fang}`,
        }),
    );
    await inTransaction(
      db,
      async () =>
        await createExport(db, {
          filename: 'kept.csv',
          contentType: 'text/csv',
          body: 'a,b\r\n1,2\r\n',
          createdBy: fang,
          now: NOW,
          what: 'pulse:wave:1',
        }),
    );

    const r = await erase(db, he, hr);
    expect(r).toEqual({
      ok: true,
      pseudonym: `Erased #${he}`,
      remaining: [{ table: 'ledger_entries', column: 'note', rows: 1 }],
    });
    expect((await findEverywhere(sqlFor(db), '何俊')).map((x) => `${x.table}.${x.column}`)).toEqual([
      'ledger_entries.note',
    ]);
    expect(await findEverywhere(sqlFor(db), 'he.jun@qingyun.example')).toEqual([]);

    const row = async (id: number) =>
      await sqlFor(db).row('select status, recipient, message, last_error as lastError from outbox where id = ?', id);
    expect(await row(toFang)).toEqual({
      status: 'pending',
      recipient: JSON.stringify({ kind: 'user', platformUserId: String(fang) }),
      message: JSON.stringify({ kind: 'text', text: `Erased #${he} asked for leave` }),
      lastError: null,
    });
    expect(await row(toHe)).toMatchObject({
      status: 'dead',
      lastError: 'recipient erased',
      recipient: JSON.stringify({ kind: 'user', platformUserId: `erased-${he}` }),
    });
    expect(await sqlFor(db).rows('select filename from exports')).toEqual([{ filename: 'kept.csv' }]);

    expect((await verifyAuditChain(db)).intact).toBe(true);
    const audit = await sqlFor(db).rows(
      "select actor_employee_id as actor, subject, detail from audit_log where action = 'privacy.erase'",
    );
    expect(audit).toEqual([
      { actor: hr, subject: `employee:${he}`, detail: JSON.stringify({ identities: 0, appendOnlyMentions: 1 }) },
    ]);
  });
});

// SQLite's file and WAL; on PostgreSQL the same question is asked of its data folder by
// tests/pg/erase-files.test.ts.
if (DIALECT === 'sqlite')
  describe('erasePerson and the database files', () => {
    it('leaves the name and e-mail in neither the database file nor the WAL', async () => {
      const { readFileSync, existsSync } = await import('node:fs');
      const { db, he, hr } = await setup();
      await sqlFor(db).run('update employees set active = false where id = ?', he);
      expect(await erase(db, he, hr)).toMatchObject({ ok: true });
      const file = db.$client.name;
      const bytes = Buffer.concat([
        readFileSync(file),
        existsSync(`${file}-wal`) ? readFileSync(`${file}-wal`) : Buffer.alloc(0),
      ]);
      // The needles exist in the files of an untouched copy of the same org, so this can fail.
      const control = await setup();
      expect(
        readFileSync(control.db.$client.name).includes(Buffer.from('he.jun@qingyun.example')) ||
          readFileSync(`${control.db.$client.name}-wal`).includes(Buffer.from('he.jun@qingyun.example')),
      ).toBe(true);
      for (const trace of ['何俊', 'Jun He', 'he.jun@qingyun.example'])
        expect(bytes.includes(Buffer.from(trace)), trace).toBe(false);
    });
  });
