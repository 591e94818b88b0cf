// Anonymity, checked against the schema and the data: nothing joins a response to a person, small groups
// show nothing, and published groups cannot be subtracted to reveal a small one.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreResponse } from '../../src/bot/port.js';
import { DIALECT } from '../../src/db/dialect.js';
import { getTemplate } from '../../src/domain/surveys/templates.js';
import { startHarness, type Harness } from '../support/harness.js';
import { sandboxClient, textOf } from '../support/sandbox-client.js';

let h: Harness;
let sb: ReturnType<typeof sandboxClient>;
beforeAll(async () => {
  h = await startHarness();
  sb = sandboxClient(h);
});
afterAll(async () => h?.stop());

const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;
const peopleIn = async (unit: string) =>
  (
    (await h.sql.rows(
      'select e.id from employees e join org_units u on u.id = e.unit_id where u.name = ? order by e.id',
      unit,
    )) as { id: number }[]
  ).map((r) => r.id);
const latestWave = async () => ((await h.sql.row('select max(id) as id from survey_waves')) as { id: number }).id;

async function answer(personId: number, waveId: number, value: number, comment?: string): Promise<CoreResponse> {
  const waveRow = (await h.sql.row('select template_id as t from survey_waves where id = ?', waveId)) as {
    t: number;
  };
  const template = (await getTemplate(h.app.db, waveRow.t))!;
  const values: Record<string, string> = Object.fromEntries(
    template.items.map((i) => [`i${i.id}`, String(i.kind === 'enps' ? 8 : value)]),
  );
  if (comment) values.comment = comment;
  return h.core.handle({
    type: 'action',
    platform: 'sandbox',
    eventId: randomUUID(),
    user: { platformUserId: String(personId) },
    replyTo: { kind: 'user', platformUserId: String(personId) },
    action: { k: 'survey.answer', id: String(waveId) },
    values,
  });
}

async function reportText(viewer: number, args: string): Promise<string> {
  await sb.send(viewer, `/report pulse ${args}`);
  return textOf((await sb.lastBot(viewer)).html);
}

describe('the schema cannot link a response to a person', () => {
  // The catalogue differs: SQLite's pragmas, PostgreSQL's information_schema and pg_constraint.
  const columns = async (table: string) =>
    (
      (await (h.sql.dialect === 'sqlite'
        ? h.sql.rows(`pragma table_info(${table})`)
        : h.sql.rows(
            "select column_name as name from information_schema.columns where table_schema = 'public' and table_name = ? order by ordinal_position",
            table,
          ))) as { name: string }[]
    ).map((c) => c.name);
  const fks = async (table: string) =>
    (
      (await (h.sql.dialect === 'sqlite'
        ? h.sql.rows(`pragma foreign_key_list(${table})`)
        : h.sql.rows(
            'select confrelid::regclass::text as "table" from pg_constraint where contype = \'f\' and conrelid = ?::regclass',
            table,
          ))) as { table: string }[]
    ).map((f) => f.table);

  it('response tables hold no person, message or time, and reference no person', async () => {
    expect(await columns('survey_responses')).toEqual(['id', 'wave_id', 'unit_id']);
    expect(await columns('survey_answers')).toEqual(['response_id', 'item_id', 'value']);
    // reply_key_hash: the hash of the author's reply key (issue 23), written with the text at close — no person.
    expect(await columns('survey_comments')).toEqual(['id', 'wave_id', 'unit_id', 'text', 'reply_key_hash']);
    for (const t of ['survey_responses', 'survey_answers', 'survey_comments'])
      expect(await fks(t)).not.toContain('employees');
    // The query does see a reference to a person where there is one.
    expect(await fks('survey_participation')).toContain('employees');
  });

  // SQLite's storage order; PostgreSQL's (heap order and xmin) is tests/pg/anonymity-storage.test.ts.
  if (DIALECT === 'sqlite')
    it('they are WITHOUT ROWID, so storage order is the random key, not the order of answering', async () => {
      for (const t of ['survey_responses', 'survey_answers', 'survey_comments'])
        await expect(h.sql.row(`select rowid from ${t}`)).rejects.toThrow(/no such column: rowid/);
    });

  it('participation records who answered but not which response', async () => {
    // `reachable`: whether a platform reached them (issue 17) — about delivery, nothing about any answer.
    // `pending`, `send_after`: a card or reminder held for their own delivery time (issue 23) — about delivery too.
    expect(await columns('survey_participation')).toEqual([
      'wave_id',
      'employee_id',
      'unit_id',
      'answered',
      'reminders_sent',
      'reachable',
      'pending',
      'send_after',
    ]);
  });
});

describe('the data cannot link a response to a person', () => {
  it('leaves no trace of a response id or an answer outside the response tables', async () => {
    const hr = await id('lin.xiaowen');
    await sb.send(hr, '/survey launch 上海徐汇店 5');
    const wave = await latestWave();
    const people = await peopleIn('上海徐汇店');
    for (const [i, p] of people.entries())
      expect((await answer(p, wave, 4, i === 0 ? 'A very distinctive comment zqxjvw' : `comment ${i}`)).outcome).toBe(
        'handled',
      );
    await h.drainOutbox();
    // Open: nothing readable anywhere, only sealed pool rows.
    expect(await h.sql.row('select count(*) as n from survey_responses where wave_id = ?', wave)).toEqual({
      n: 0,
    });
    const sealed = (await h.sql.rows<{ sealed: Buffer }>('select sealed from survey_pool')).map((r) => r.sealed);
    expect(sealed).toHaveLength(people.length);
    expect(Buffer.concat(sealed).includes(Buffer.from('distinctive comment zqxjvw'))).toBe(false);
    await sb.send(hr, `/survey close ${wave}`);
    const responseIds = (
      (await h.sql.rows('select id from survey_responses where wave_id = ?', wave)) as { id: string }[]
    ).map((r) => r.id);
    expect(responseIds).toHaveLength(people.length);
    for (const rid of responseIds) expect(rid).toMatch(/^[0-9a-f]{32}$/);
    const everywhere = JSON.stringify([
      await h.sql.rows('select * from outbox'),
      await h.sql.rows('select * from audit_log'),
      await h.sql.rows('select * from inbound_events'),
      await h.sql.rows('select * from survey_participation'),
    ]);
    for (const rid of responseIds) expect(everywhere).not.toContain(rid);
    // The marker holds letters outside 0-9a-f, so no random hex (ids, hashes, keys) can contain it by chance.
    expect(everywhere).not.toContain('zqxjvw');
    // The thanks went back inline to the person's own card, not through the outbox — and it holds no answers.
    expect(everywhere).not.toMatch(/answers are in|回答已提交/);
    // No audit entry ties the respondent to the act of answering.
    expect(
      await h.sql.row(
        "select count(*) as n from audit_log where actor_employee_id = ? and action like 'survey.%'",
        people[0],
      ),
    ).toEqual({ n: 0 });
  });
});

describe('K-protection in reports', () => {
  it('a unit with 4 responses shows no numbers and no comments', async () => {
    const hr = await id('lin.xiaowen');
    await sb.send(hr, '/survey launch 杭州西湖店 5');
    const wave = await latestWave();
    const people = await peopleIn('杭州西湖店');
    expect(people).toHaveLength(6);
    for (const [i, p] of people.slice(0, 4).entries())
      expect((await answer(p, wave, 2 + (i % 3), `secret comment ${i}`)).outcome).toBe('handled');
    await sb.send(hr, `/survey close ${wave}`);
    const text = await reportText(hr, `#${wave} 杭州西湖店`);
    expect(text).toContain('67% (4/6)');
    expect(text).toContain('回答数量不足');
    expect(text).not.toMatch(/\d\.\d\d/);
    expect(text).not.toContain('secret comment');
    // The manager of the store sees the same nothing.
    expect(await reportText(await id('huang.jing'), `#${wave}`)).toContain('回答数量不足');
  });

  it('suppresses a store whose figures could be obtained by subtraction from the stores total', async () => {
    const hr = await id('lin.xiaowen');
    await sb.send(hr, '/survey launch 门店 5');
    const wave = await latestWave();
    const sh = await peopleIn('上海徐汇店');
    const hz = await peopleIn('杭州西湖店');
    const sz = await peopleIn('深圳南山店');
    for (const p of sh) await answer(p, wave, 4);
    for (const p of hz) await answer(p, wave, 2);
    for (const p of sz.slice(0, 3)) await answer(p, wave, 1);
    await sb.send(hr, `/survey close ${wave}`);
    const text = await reportText(hr, `#${wave} 门店`);
    // Stores: 15 responses, published. Shenzhen has 3: hidden. Publishing both Shanghai (6) and Hangzhou (6)
    // would reveal Shenzhen as 15 - 12 = 3: so one of them is hidden as well.
    expect(text).toContain('深圳南山店: 为保护匿名不展示');
    const visibleStores = ['上海徐汇店', '杭州西湖店'].filter((s) => !text.includes(`${s}: 为保护匿名不展示`));
    expect(visibleStores).toHaveLength(1);
    expect(text).toMatch(/工作态度: [█░]+ \d\.\d\d/);
  });

  it('refuses a threshold below 3 or above 10, and a comment threshold below K, and changes nothing', async () => {
    const hr = await id('lin.xiaowen');
    for (const bad of ['2', '11', 'five']) {
      await sb.send(hr, `/survey threshold ${bad}`);
      expect(textOf((await sb.lastBot(hr)).html)).toContain('匿名阈值必须是 3 到 10 之间的整数');
    }
    await sb.send(hr, '/survey threshold comments 4');
    expect(textOf((await sb.lastBot(hr)).html)).toContain('留言阈值必须是 5（匿名阈值）到 50 之间的整数');
    expect(await h.sql.row("select count(*) as n from settings where key like 'anonymity.%'")).toEqual({ n: 0 });
    await sb.send(hr, '/survey threshold 6');
    expect(await h.sql.row("select value from settings where key = 'anonymity.k'")).toEqual({ value: '6' });
    expect(
      await h.sql.row("select count(*) as n from audit_log where action = 'settings.anonymity_threshold'"),
    ).toEqual({ n: 1 });
  });
});

describe('bad launch input changes nothing', () => {
  it.each([
    ['/survey launch 不存在的部门', '找不到组织「不存在的部门」'],
    ['/survey launch all 0', '天数必须在 1 到 60 之间'],
    ['/survey schedule 61 10 * * 1 all 5', '定时表达式「61 10 * * 1」无法解析'],
    ['/survey schedule 0 10 *', '请用五个 cron 字段'],
    ['/survey frobnicate', '用法：/survey launch'],
  ])('%s', async (command, message) => {
    const hr = await id('lin.xiaowen');
    const waves = await latestWave();
    const schedules = await h.sql.row('select count(*) as n from survey_schedules');
    await sb.send(hr, command);
    expect(textOf((await sb.lastBot(hr)).html)).toContain(message);
    expect(await latestWave()).toBe(waves);
    expect(await h.sql.row('select count(*) as n from survey_schedules')).toEqual(schedules);
  });
});
