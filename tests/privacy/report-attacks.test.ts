// The attacks of adversarial readers — HR and managers, using the product as designed, in chat and in the
// mini-app — against the real server on a real SQLite file. Each plays the attacker and asserts it learns
// nothing: two reads of an open wave, subtracting comment lists, moving the tree under a wave, lowering K,
// and reading the answers back out of chat, the outbox or the logs.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoreResponse } from '../../src/bot/port.js';
import { tick } from '../../src/bot/scheduler.js';
import { getTemplate } from '../../src/domain/surveys/templates.js';
import { startHarness, type Harness } from '../support/harness.js';
import { sandboxClient, textOf } from '../support/sandbox-client.js';
import { call, sandboxSession, type Session } from '../web/client.js';

let h: Harness;
let sb: ReturnType<typeof sandboxClient>;
const logs: string[] = [];
beforeAll(async () => {
  h = await startHarness({ logs });
  sb = sandboxClient(h);
});
afterAll(async () => h?.stop());

const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;
const unitId = async (name: string) =>
  ((await h.sql.row('select id from org_units where name = ?', name)) as { id: number }).id;
const peopleIn = async (unit: string) =>
  (
    (await h.sql.rows(
      'select e.id from employees e join org_units u on u.id = e.unit_id where u.name = ? order by e.id',
      unit,
    )) as { id: number }[]
  ).map((r) => r.id);
const latestWave = async () => ((await h.sql.row('select max(id) as id from survey_waves')) as { id: number }).id;
const HR = async () => await id('lin.xiaowen');

async function launch(args: string): Promise<number> {
  await sb.send(await HR(), `/survey launch ${args}`);
  expect(textOf((await sb.lastBot(await HR())).html)).toMatch(/调研已发起/);
  return await latestWave();
}

async function close(wave: number): Promise<void> {
  await sb.send(await HR(), `/survey close ${wave}`);
  expect(textOf((await sb.lastBot(await HR())).html)).toContain('调研已关闭');
}

/** Answer every scale item with `value` (eNPS with `enps`), as the card form would. */
async function answer(
  personId: number,
  waveId: number,
  value: number,
  comment?: string,
  enps = 8,
): Promise<CoreResponse> {
  const waveRow = (await h.sql.row('select template_id as t from survey_waves where id = ?', waveId)) as {
    t: number;
  };
  const template = (await getTemplate(h.app.db, waveRow.t))!;
  const values: Record<string, string> = Object.fromEntries(
    template.items.map((i) => [`i${i.id}`, String(i.kind === 'enps' ? enps : value)]),
  );
  if (comment) values.comment = comment;
  const r = await h.core.handle({
    type: 'action',
    platform: 'sandbox',
    eventId: randomUUID(),
    user: { platformUserId: String(personId) },
    replyTo: { kind: 'user', platformUserId: String(personId) },
    action: { k: 'survey.answer', id: String(waveId) },
    values,
  });
  expect(r.outcome).toBe('handled');
  return r;
}

async function chatReport(viewer: number, args: string): Promise<string> {
  await sb.send(viewer, `/report pulse ${args}`);
  return textOf((await sb.lastBot(viewer)).html);
}

type Report = Record<string, unknown> & {
  participation: { answered: number };
  status: string;
  comments: string[];
  dimensions: unknown[];
};
async function apiReport(session: Session, path: string): Promise<Report> {
  const a = await call(h, 'GET', path, { session });
  expect(a.status).toBe(200);
  return a.body.report as Report;
}

/** Everything but participation (and the request-independent wave header). */
const withoutParticipation = (r: Report) => ({ ...r, participation: undefined });
const maskParticipation = (text: string) => text.replace(/\d+% \(\d+\/\d+\)/g, 'P%');

describe('attack 1: two reads of an open wave differ in nothing but participation', () => {
  it('HR and the manager, in chat and in the mini-app, learn nothing from the one extra answer', async () => {
    const wave = await launch('产品研发部 7');
    const rnd = await peopleIn('产品研发部');
    for (const [i, p] of rnd.slice(0, 5).entries()) await answer(p, wave, 1 + (i % 5), `early comment ${i}`);
    const hr = await sandboxSession(h, await HR());
    const manager = await sandboxSession(h, await id('li.ming'));
    const reads = async () => ({
      hrChat: await chatReport(await HR(), `#${wave} 产品研发部`),
      managerChat: await chatReport(await id('li.ming'), `#${wave}`),
      hrApi: await apiReport(hr, `/api/hr/report?waveId=${wave}&unitId=${await unitId('产品研发部')}`),
      managerApi: await apiReport(manager, `/api/team/pulse?waveId=${wave}`),
      wholeCompany: await apiReport(hr, `/api/hr/report?waveId=${wave}`),
      trend: (await call(h, 'GET', '/api/team/trend', { session: manager })).body,
      csv: (await call(h, 'GET', `/api/hr/waves/${wave}/csv`, { session: hr })).status,
    });
    const first = await reads();
    // The sixth person answers (a reminder went only to non-respondents; or "please fill it in now").
    await answer(rnd[5]!, wave, 5, 'THE LATEST COMMENT', 10);
    const second = await reads();

    for (const key of ['hrApi', 'managerApi', 'wholeCompany'] as const) {
      expect(second[key].participation.answered).toBe(first[key].participation.answered + 1);
      expect(withoutParticipation(second[key])).toEqual(withoutParticipation(first[key]));
      expect(second[key].status).toBe('open');
      expect(second[key].dimensions).toEqual([]);
      expect(second[key].comments).toEqual([]);
      expect(second[key]).toMatchObject({ visible: false, hidden: 'open', enps: null, lowest: [], responses: null });
    }
    for (const key of ['hrChat', 'managerChat'] as const) {
      expect(maskParticipation(second[key])).toBe(maskParticipation(first[key]));
      expect(second[key]).not.toMatch(/\d\.\d\d|eNPS|THE LATEST COMMENT|early comment/);
      expect(second[key]).toContain('本轮结束后');
    }
    expect(first.hrChat).toContain('(5/8)');
    expect(second.hrChat).toContain('(6/8)');
    const trendOf = (t: Record<string, unknown>) =>
      (t.trend as { waves: { waveId: number; dims: Record<string, number | null>; visible: boolean }[] }).waves.find(
        (w) => w.waveId === wave,
      )!;
    expect(trendOf(second.trend).dims).toEqual(trendOf(first.trend).dims);
    expect(Object.values(trendOf(second.trend).dims).every((d) => d === null)).toBe(true);
    expect([first.csv, second.csv]).toEqual([409, 409]);
    await close(wave);
    // Closed: the published result, identical on every later read.
    const a = await apiReport(hr, `/api/hr/report?waveId=${wave}&unitId=${await unitId('产品研发部')}`);
    await answer(rnd[6]!, wave, 3); // refused: the wave is closed
    const b = await apiReport(hr, `/api/hr/report?waveId=${wave}&unitId=${await unitId('产品研发部')}`);
    expect(a.status).toBe('closed');
    expect(a.dimensions.length).toBe(3);
    expect(b).toEqual(a);
    expect(a.comments).toContain('THE LATEST COMMENT');
  });
});

describe('attack 2: comment lists cannot be subtracted', () => {
  it('a store whose own report hides its single comment cannot be read as the stores list minus a shown store', async () => {
    const wave = await launch('门店 7');
    const [sh, hz, sz] = [await peopleIn('上海徐汇店'), await peopleIn('杭州西湖店'), await peopleIn('深圳南山店')];
    for (const [i, p] of sh.entries()) await answer(p, wave, 4, `shanghai comment ${i}`);
    // Shenzhen: 3 answers (hidden); then Hangzhou (5) is hidden too, or 门店 − 上海 − 杭州 would be Shenzhen.
    for (const [i, p] of hz.slice(0, 5).entries())
      await answer(p, wave, 3, i === 0 ? 'THE ONLY HANGZHOU COMMENT' : undefined);
    for (const p of sz.slice(0, 3)) await answer(p, wave, 2);
    await close(wave);
    const hr = await sandboxSession(h, await HR());
    const units = ['青云科技', '门店', '上海徐汇店', '杭州西湖店', '深圳南山店'];
    const lists = new Map<string, string[] | null>();
    for (const u of units) {
      const r = await apiReport(hr, `/api/hr/report?waveId=${wave}&unitId=${await unitId(u)}`);
      lists.set(u, (r.commentsHidden as boolean) ? null : r.comments);
    }
    // Hangzhou's own list is hidden (1 comment < 5).
    expect(lists.get('杭州西湖店')).toBeNull();
    // Every pair of published lists, one inside the other, differs by nothing or by at least K comments.
    const parentOf: Record<string, string> = {
      门店: '青云科技',
      上海徐汇店: '门店',
      杭州西湖店: '门店',
      深圳南山店: '门店',
    };
    for (const [child, parent] of Object.entries(parentOf)) {
      const a = lists.get(parent);
      const b = lists.get(child);
      if (!a || !b) continue;
      const rest = a.filter((c) => !b.includes(c));
      expect(rest.length === 0 || rest.length >= 5, `${parent} − ${child} leaves ${rest.length}`).toBe(true);
    }
    // The one Hangzhou comment only ever appears among at least K others' comments.
    for (const l of lists.values())
      if (l?.includes('THE ONLY HANGZHOU COMMENT')) expect(l.length).toBeGreaterThanOrEqual(5);
    // And the manager of the store gets the smallest published group around it, not a blank page.
    const store = await apiReport(await sandboxSession(h, await id('huang.jing')), `/api/team/pulse?waveId=${wave}`);
    expect(store).toMatchObject({ visible: false, hidden: 'protected' });
    const around = store.enclosing as {
      unit: { name: string };
      responses: number;
      dimensions: unknown[];
      comments: string[];
    };
    expect(around.unit.name).toBe('门店');
    expect(around.responses).toBe(14);
    expect(around.dimensions).toHaveLength(3);
    expect(around.comments).toHaveLength(7);
    const text = await chatReport(await id('huang.jing'), `#${wave}`);
    expect(text).toContain('为了保护更小的团队，该群体的结果与「门店」合并展示');
    expect(text).toMatch(/门店（14 份回答）/);
  });
});

describe('attack 3: the tree moving under a wave changes nothing of it', () => {
  it('re-parenting a department between two reads (as the nightly directory sync does) changes no report of the wave', async () => {
    const wave = await launch('all 7');
    for (const unit of ['产品研发部', '运营部', '财务部', '上海徐汇店'])
      for (const p of await peopleIn(unit)) await answer(p, wave, unit === '财务部' ? 1 : 4, `${unit} says hello`);
    // Moved while the wave is still open: the wave keeps the tree it was launched with.
    await h.sql.run('update org_units set parent_id = ? where name = ?', await unitId('门店'), '运营部');
    await close(wave);
    const hr = await sandboxSession(h, await HR());
    const readAll = async () => {
      const out: Record<string, Report> = {};
      for (const u of ['青云科技', '总部', '门店', '财务部', '运营部', '产品研发部', '上海徐汇店'])
        out[u] = await apiReport(hr, `/api/hr/report?waveId=${wave}&unitId=${await unitId(u)}`);
      return out;
    };
    const before = await readAll();
    // 总部 still counts 运营部 (moved to 门店 after launch): the launch tree is the wave's tree.
    expect(before['总部']!.responses).toBe(
      (await peopleIn('产品研发部')).length + (await peopleIn('运营部')).length + (await peopleIn('财务部')).length,
    );
    // Move Finance (4 people, all answered 1) from 总部 to 门店, and 运营部 back.
    await h.sql.run('update org_units set parent_id = ? where name = ?', await unitId('门店'), '财务部');
    await h.sql.run('update org_units set parent_id = ? where name = ?', await unitId('总部'), '运营部');
    const after = await readAll();
    expect(after).toEqual(before);
    // Put the tree back for the other tests.
    await h.sql.run('update org_units set parent_id = ? where name = ?', await unitId('总部'), '财务部');
  });
});

describe('attack 4: lowering K never reveals more of an earlier wave', () => {
  it('a 3-person group answered under K = 5 stays hidden after K is lowered to 3, before and after close; the card keeps saying 5', async () => {
    const wave = await launch('深圳南山店 7');
    const sz = await peopleIn('深圳南山店');
    for (const [i, p] of sz.slice(0, 3).entries()) await answer(p, wave, 1 + i, `shenzhen secret ${i}`);
    await sb.send(await HR(), '/survey threshold 3');
    expect(textOf((await sb.lastBot(await HR())).html)).toContain('匿名阈值已更新');
    // The reminder of this wave, sent after K was lowered, still promises the K it was sent under.
    const opened = new Date(
      ((await h.sql.row('select opened_at as t from survey_waves where id = ?', wave)) as { t: string }).t,
    );
    await tick(
      h.app.db,
      h.app.config,
      new Set(h.app.adapters.keys()),
      new Date(opened.getTime() + 3 * 86_400_000 + 60_000),
    );
    await h.drainOutbox();
    const reminder = textOf((await sb.lastBot(sz[4]!)).html);
    expect(reminder).toMatch(/温馨提醒|A friendly reminder/);
    expect(reminder).toMatch(/至少 5 人|at least 5 people/);
    expect(reminder).not.toMatch(/至少 3 人|at least 3 people/);
    const hr = await sandboxSession(h, await HR());
    const open = await apiReport(hr, `/api/hr/report?waveId=${wave}&unitId=${await unitId('深圳南山店')}`);
    expect(open).toMatchObject({ visible: false, comments: [], k: 5 });
    // Meanwhile the report points to the latest results that are published.
    const lastClosed = (
      (await h.sql.row('select max(id) as id from survey_waves where published is not null')) as { id: number }
    ).id;
    expect(open.latestPublished).toBe(lastClosed);
    expect(await chatReport(await HR(), `#${wave} 深圳南山店`)).toContain(
      `最近一轮已发布的结果：/report pulse #${lastClosed}`,
    );
    await close(wave);
    const closed = await apiReport(hr, `/api/hr/report?waveId=${wave}&unitId=${await unitId('深圳南山店')}`);
    expect(closed).toMatchObject({ visible: false, comments: [], k: 5, hidden: 'too_few', enclosing: null });
    expect(await chatReport(await HR(), `#${wave} 深圳南山店`)).not.toMatch(/\d\.\d\d|shenzhen secret/);
    // Nothing at all was written for answers outside every published group.
    expect(await h.sql.row('select count(*) as n from survey_responses where wave_id = ?', wave)).toEqual({
      n: 0,
    });
    expect(await h.sql.row('select count(*) as n from survey_comments where wave_id = ?', wave)).toEqual({ n: 0 });
    // A new wave uses the new K.
    const next = await launch('深圳南山店 7');
    expect(await h.sql.row('select k from survey_waves where id = ?', next)).toEqual({ k: 3 });
    await sb.send(await HR(), '/survey threshold 5');
  });

  it('raising K after close hides a group that was published, and never shows one that was hidden', async () => {
    const wave = await launch('上海徐汇店 7');
    for (const p of await peopleIn('上海徐汇店')) await answer(p, wave, 4);
    await close(wave);
    const hr = await sandboxSession(h, await HR());
    const path = `/api/hr/report?waveId=${wave}&unitId=${await unitId('上海徐汇店')}`;
    expect((await apiReport(hr, path)).visible).toBe(true);
    await sb.send(await HR(), '/survey threshold 7');
    expect(await apiReport(hr, path)).toMatchObject({ visible: false, k: 7, dimensions: [] });
    await sb.send(await HR(), '/survey threshold 5');
    expect((await apiReport(hr, path)).visible).toBe(true);
  });
});

describe('attack 6: the answers do not travel into chat, the outbox or the logs', () => {
  it('a respondent’s chat, every outbox row and every log line are free of the answers and the comment', async () => {
    const wave = await launch('上海徐汇店 7');
    const person = (await peopleIn('上海徐汇店'))[0]!;
    const card = await sb.lastBot(person);
    const f = sb.form(card.html!);
    const values = Object.fromEntries(
      f.fields.filter((x) => x !== 'comment').map((x, i) => [x, String(i === f.fields.length - 2 ? 7 : 1 + (i % 5))]),
    );
    values.comment = 'LOG-CANARY-93af';
    const r = await sb.act(person, card.id, f.action, values);
    expect(r.body.outcome).toBe('handled');
    await h.drainOutbox();
    const chat = JSON.stringify(await sb.messages(person));
    expect(chat).not.toContain('LOG-CANARY-93af');
    expect(chat).not.toMatch(/\d \/ 5|\d \/ 10/);
    expect(chat).toMatch(/回答已提交|your answers are in/);
    expect(JSON.stringify(await h.outbox())).not.toContain('LOG-CANARY-93af');
    expect(JSON.stringify((await h.outbox()).filter((o) => o.cardKey === `survey:${wave}`))).not.toMatch(/\d \/ 5/);
    expect(logs.length).toBeGreaterThan(0);
    const everything = logs.join('\n');
    expect(everything).not.toContain('LOG-CANARY-93af');
    expect(everything).not.toContain(JSON.stringify(values).slice(1, 30));
  });
});
