// Announcements and personal data (issue 25 §3), both databases: a person's export holds the notices sent to
// them with when they acknowledged each, and the notices they sent with their texts; erasing a leaver replaces
// their name in an announcement's texts by the pseudonym, as in other free text.
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { inTransaction, type Db } from '../../src/db/connection.js';
import { acknowledge, createAnnouncement } from '../../src/domain/announcements/announcements.js';
import { getPerson } from '../../src/domain/org/employees.js';
import { seedDemoOrg } from '../../src/domain/org/demo-org.js';
import { collectPersonRecords } from '../../src/domain/privacy/person-records.js';
import { personExportZip } from '../../src/domain/privacy/person-export.js';
import { erasedName, erasePerson } from '../../src/domain/privacy/erase-person.js';
import { freshDb } from '../support/db.js';
import { sqlFor } from '../support/sql.js';

const NOW = new Date('2030-01-01T08:00:00Z');

async function setup(): Promise<{ db: Db; id: (user: string) => Promise<number> }> {
  const db = await freshDb();
  await seedDemoOrg(db);
  const id = async (user: string) =>
    (await sqlFor(db).row<{ id: number }>('select id from employees where email = ?', `${user}@qingyun.example`))!.id;
  return { db, id };
}

async function send(db: Db, senderId: number, unitPath: string, texts: Record<string, string>) {
  const unit = (await sqlFor(db).row<{ id: number }>('select id from org_units where path = ?', unitPath))!.id;
  const sender = (await getPerson(db, senderId))!;
  const r = await inTransaction(
    db,
    async () => await createAnnouncement(db, { sender, unitId: unit, texts, now: NOW }),
  );
  if (!r.ok) throw new Error(r.code);
  return r.announcement.id;
}

describe('announcements in personal data', () => {
  it('the export holds the notices received with their read time, and the notices sent with their texts', async () => {
    const { db, id } = await setup();
    const [hr, sophia] = [await id('lin.xiaowen'), await id('sophia.lee')];
    const ann = await send(db, hr, '青云科技/门店/深圳南山店', { titleEn: 'Shift change', bodyEn: 'Earlier starts' });
    await inTransaction(db, async () => await acknowledge(db, ann, { id: sophia }, new Date('2030-01-01T09:30:00Z')));

    const files = unzipSync(personExportZip((await collectPersonRecords(db, sophia, NOW))!));
    const received = strFromU8(files['announcements-received.csv']!);
    expect(received).toContain('Shift change');
    expect(received).toContain('林晓雯 Sharon Lin');
    expect(received).toContain('2030-01-01T09:30:00.000Z');
    const hrFiles = unzipSync(personExportZip((await collectPersonRecords(db, hr, NOW))!));
    expect(strFromU8(hrFiles['announcements-sent.csv']!)).toContain('Earlier starts');
    expect(strFromU8(hrFiles['announcements-received.csv']!).trim().split('\r\n')).toHaveLength(1);
  });

  it('erasing a leaver replaces their name in an announcement’s texts', async () => {
    const { db, id } = await setup();
    const [hr, he] = [await id('lin.xiaowen'), await id('he.jun')];
    const ann = await send(db, hr, '青云科技/总部/财务部', {
      titleZh: '欢迎何俊',
      bodyZh: '何俊 Jun He 下周一入职财务部。',
      titleEn: 'Welcome Jun He',
      bodyEn: 'Jun He joins Finance on Monday.',
    });
    await sqlFor(db).run(
      'update employees set active = ? where id = ?',
      sqlFor(db).dialect === 'postgres' ? false : 0,
      he,
    );
    const r = await inTransaction(db, async () => await erasePerson(db, he, { kind: 'employee', employeeId: hr }, NOW));
    expect(r.ok).toBe(true);
    const row = await sqlFor(db).row<Record<string, string>>(
      'select title_zh as "titleZh", body_zh as "bodyZh", title_en as "titleEn", body_en as "bodyEn" from announcements where id = ?',
      ann,
    );
    const pseudonym = erasedName(he);
    expect(row).toEqual({
      titleZh: `欢迎${pseudonym}`,
      bodyZh: `${pseudonym} 下周一入职财务部。`,
      titleEn: `Welcome ${pseudonym}`,
      bodyEn: `${pseudonym} joins Finance on Monday.`,
    });
  });
});
