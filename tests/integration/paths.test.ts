// Development paths (issue 25 §4) on the real server and database (both): HR defines a path (a stage without
// courses is refused at its field, nothing written), a store head assigns it to a cook, the cook and the head mark
// courses and finishing a stage moves the cook on with a card; /path shows stage, progress and next courses in the
// reader's language; an unrelated manager can neither see nor mark; a transfer through the real approval flow
// carries the path and its history, tells the receiving head with a card, and hands access over.
import { describe, expect, it } from 'vitest';
import { tick } from '../../src/bot/scheduler.js';
import { collectPersonRecords } from '../../src/domain/privacy/person-records.js';
import { csvFiles } from '../../src/domain/privacy/person-export.js';
import { useHarness, type Harness } from '../support/harness.js';
import { actionOf, cardsOf, command, lastCard, press, textOfCard } from '../support/cards.js';
import { call, sandboxSession, type Session } from '../web/client.js';

let h: Harness;
useHarness((started) => (h = started));

const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;
const session = async (user: string) => await sandboxSession(h, await id(user));
const count = async (sql: string, ...args: unknown[]) => Number((await h.sql.row<{ n: number }>(sql, ...args))!.n);
const writes = async () => ({
  paths: await count('select count(*) as n from development_paths'),
  stages: await count('select count(*) as n from path_stages'),
  enrolments: await count('select count(*) as n from path_enrolments'),
  progress: await count('select count(*) as n from path_course_progress'),
  audit: await count("select count(*) as n from audit_log where action like 'path.%' and action <> 'path.view'"),
});
const monthsAgo = (n: number) => {
  const d = new Date();
  d.setUTCMonth(d.getUTCMonth() - n);
  d.setUTCDate(d.getUTCDate() - 2);
  return d.toISOString().slice(0, 10);
};

describe('development paths', () => {
  let courses: number[] = [];
  let pathId = 0;
  let hr: Session;
  let head: Session;
  let cook: Session;
  let tao = 0;
  const stage = (nameZh: string, nameEn: string, fromMonth: number, toMonth: number, courseIds: number[]) => ({
    nameZh,
    nameEn,
    fromMonth,
    toMonth,
    courseIds,
  });
  const body = () => ({
    nameZh: '厨师成长路径',
    nameEn: 'Cook growth path',
    role: 'Chef',
    stages: [
      stage('基础', 'Basics', 1, 3, [courses[3]!, courses[4]!]),
      stage('门店管理', 'Store management', 3, 6, [courses[1]!]),
      stage('运营', 'Operations', 6, 12, [courses[0]!]),
    ],
  });

  it('HR defines a path; a stage without courses and a non-HR author are refused, nothing written', async () => {
    courses = (await h.sql.rows<{ id: number }>('select id from courses order by id')).map((r) => r.id);
    hr = await session('lin.xiaowen');
    head = await session('liu.qiang');
    cook = await session('song.tao');
    tao = await id('song.tao');
    const before = await writes();
    const bad = body();
    bad.stages[1]!.courseIds = [];
    const refused = await call(h, 'POST', '/api/hr/paths', { session: hr, body: bad });
    expect(refused.status).toBe(400);
    expect(refused.body.fields).toEqual({
      // In HR's language (zh-CN), naming the stage.
      'stages.1.courseIds': '第 2 阶段（门店管理 / Store management）还没有课程：至少添加一门。',
    });
    const overlap = body();
    overlap.stages[1]!.fromMonth = 2;
    expect((await call(h, 'POST', '/api/hr/paths', { session: hr, body: overlap })).body.fields).toEqual({
      'stages.1.fromMonth':
        '第 2 阶段（门店管理 / Store management）在第 1 阶段结束（第 3 个月）之前开始：阶段不能重叠。',
    });
    expect((await call(h, 'POST', '/api/hr/paths', { session: head, body: body() })).status).toBe(403);
    expect(await writes()).toEqual(before);

    const made = await call(h, 'POST', '/api/hr/paths', { session: hr, body: body() });
    expect(made.status).toBe(200);
    pathId = made.body.id as number;
    const list = await call(h, 'GET', '/api/hr/paths', { session: hr });
    expect(list.body.paths).toEqual([
      expect.objectContaining({ id: pathId, nameEn: 'Cook growth path', role: 'Chef', active: true, enrolled: 0 }),
    ]);
    expect(await h.sql.rows("select action, subject from audit_log where action = 'path.define'")).toEqual([
      { action: 'path.define', subject: `devpath:${pathId}` },
    ]);
  });

  it('the store head assigns it; an unrelated manager, a second path and a future start are refused', async () => {
    const before = await writes();
    const stranger = await call(h, 'POST', '/api/path/assign', {
      session: await session('tom.harris'),
      body: { employeeId: tao, pathId },
    });
    expect(stranger.status).toBe(404);
    const future = await call(h, 'POST', '/api/path/assign', {
      session: head,
      body: { employeeId: tao, pathId, startedOn: '2999-01-01' },
    });
    expect([future.status, future.body.code]).toEqual([400, 'bad_date']);
    const self = await call(h, 'POST', '/api/path/assign', { session: cook, body: { employeeId: tao, pathId } });
    expect(self.status).toBe(403);
    expect(await writes()).toEqual(before);

    const ok = await call(h, 'POST', '/api/path/assign', {
      session: head,
      body: { employeeId: tao, pathId, startedOn: monthsAgo(3) },
    });
    expect(ok.status).toBe(200);
    const again = await call(h, 'POST', '/api/path/assign', { session: hr, body: { employeeId: tao, pathId } });
    expect([again.status, again.body.error]).toEqual([409, '宋涛 Tao Song 已经在一条发展路径上。']);
    // Three months in with stage 1 open: behind.
    const mine = await call(h, 'GET', '/api/path', { session: cook });
    expect(mine.body).toMatchObject({
      own: true,
      canMark: true,
      progress: { stage: 0, behind: true, done: 0, total: 4 },
    });
  });

  it('marking: one course keeps the stage, the last moves the cook on at once and tells them; refusals write nothing', async () => {
    const mark = async (s: Session, courseId: number) =>
      await call(h, 'POST', '/api/path/mark', { session: s, body: { employeeId: tao, courseId } });
    // A double press: marked once, the other press told it is done already.
    const [first, second] = await Promise.all([mark(cook, courses[3]!), mark(cook, courses[3]!)]);
    expect([first, second].map((r) => r.status).sort()).toEqual([200, 409]);
    expect([first, second].find((r) => r.status === 200)!.body).toEqual({ stage: 0, moved: false, finished: false });
    expect(await count('select count(*) as n from path_course_progress where course_id = ?', courses[3]!)).toBe(1);

    const before = await writes();
    const later = await mark(cook, courses[0]!);
    expect([later.status, later.body.code]).toEqual([409, 'later_stage']);
    expect(later.body.error).toBe('这门课程属于后面的阶段：请先完成第 1 阶段。');
    expect((await mark(cook, courses[3]!)).body.code).toBe('already_done');
    expect((await mark(await session('tom.harris'), courses[4]!)).status).toBe(404);
    expect(await writes()).toEqual(before);

    const cardsBefore = (await cardsOf(h, tao)).length;
    const moved = await mark(head, courses[4]!);
    expect(moved.body).toEqual({ stage: 1, moved: true, finished: false });
    const told = (await cardsOf(h, tao)).slice(cardsBefore);
    expect(told).toHaveLength(1);
    expect(told[0]!.header?.title).toBe('你的发展路径进入新阶段');
    expect(textOfCard(told[0])).toContain('你已完成 **基础**。现在进入第 2/3 阶段：**门店管理**。');
    const row = await h.sql.row<{ stage: number; by: number }>(
      'select current_stage as stage, (select marked_by from path_course_progress where course_id = ?) as by from path_enrolments where employee_id = ?',
      courses[4]!,
      tao,
    );
    expect(row).toEqual({ stage: 1, by: await id('liu.qiang') });
    const detail = await h.sql.row<{ detail: string }>(
      "select detail from audit_log where action = 'path.course' order by id desc limit 1",
    );
    expect(JSON.parse(detail!.detail)).toMatchObject({ stageFrom: 1, stageTo: 2, finished: false });
  });

  it('/path answers with the stage, progress and next courses in the reader’s language', async () => {
    await command(h, tao, 'path');
    const card = textOfCard(await lastCard(h, tao));
    expect(card).toContain('发展路径 · 厨师成长路径');
    expect(card).toContain('第 2/3 阶段：门店管理（第 3–6 个月）');
    expect(card).toContain('已完成 2/4 门课程（本阶段 0/1）');
    expect(card).toContain('高效沟通与协作');
    // Tom Harris reads English, and leads nobody called 宋涛 Tao Song.
    const tom = await id('tom.harris');
    await command(h, tom, 'path', '宋涛 Tao Song');
    expect(textOfCard(await lastCard(h, tom))).toContain('Nobody you lead is called “宋涛 Tao Song”.');
    await command(h, tom, 'path');
    expect(textOfCard(await lastCard(h, tom))).toContain('You are not on a development path yet.');
  });

  it('an unrelated manager cannot see the path; the head sees it on the team list', async () => {
    const tom = await call(h, 'GET', `/api/path?person=${tao}`, { session: await session('tom.harris') });
    expect(tom.status).toBe(403);
    expect(JSON.stringify(tom.body)).not.toContain('Cook growth path');
    const team = await call(h, 'GET', '/api/team/paths', { session: head });
    expect(team.body.people).toEqual([
      expect.objectContaining({ id: tao, path: '厨师成长路径', stage: 1, stages: 3, stageName: '门店管理', done: 2 }),
    ]);
    expect(
      JSON.stringify((await call(h, 'GET', '/api/team/paths', { session: await session('tom.harris') })).body),
    ).not.toContain('Tao Song');
  });

  it('a transfer carries the path and its history; the receiving head is told and takes over, the old one loses it', async () => {
    const newHead = await id('huang.jing');
    await command(h, tao, 'transfer', '杭州西湖店 ; 离家更近');
    const rid = Number((await h.sql.row<{ id: number }>('select max(id) as id from approval_requests'))!.id);
    const headCardsBefore = (await cardsOf(h, newHead)).length;
    for (const a of ['liu.qiang', 'lin.xiaowen', 'huang.jing']) {
      const who = await id(a);
      const res = await press(h, who, actionOf(await lastCard(h, who, `approval:${rid}`), 'approval.approve'));
      expect(res.outcome).toBe('handled');
    }
    expect(await h.sql.row('select manager_id as m from employees where id = ?', tao)).toEqual({ m: newHead });
    const notices = (await cardsOf(h, newHead))
      .slice(headCardsBefore)
      .filter((c) => c.header?.title === '调入的同事正在发展路径上');
    expect(notices).toHaveLength(1);
    expect(textOfCard(notices[0])).toContain('**宋涛 Tao Song** 已调入你的团队，正在路径 **厨师成长路径** 上。');
    expect(textOfCard(notices[0])).toContain('第 2/3 阶段：门店管理');
    expect(await count('select count(*) as n from path_enrolments where head_notice_to is not null')).toBe(0);
    // The history went along: the same enrolment, the two completed courses, who marked them.
    expect(await count('select count(*) as n from path_course_progress')).toBe(2);
    expect(await h.sql.rows("select subject from audit_log where action = 'path.transfer'")).toEqual([
      { subject: `employee:${tao}` },
    ]);

    const jing = await session('huang.jing');
    const seen = await call(h, 'GET', `/api/path?person=${tao}`, { session: jing });
    expect(seen.body).toMatchObject({ own: false, canMark: true, progress: { stage: 1, done: 2 } });
    expect((await call(h, 'GET', '/api/team/paths', { session: jing })).body.people).toEqual([
      expect.objectContaining({ id: tao, stage: 1 }),
    ]);
    expect((await call(h, 'GET', `/api/path?person=${tao}`, { session: head })).status).toBe(403);
    expect((await call(h, 'GET', '/api/team/paths', { session: head })).body.people).toEqual([]);
    const oldMark = await call(h, 'POST', '/api/path/mark', {
      session: head,
      body: { employeeId: tao, courseId: courses[1]! },
    });
    expect(oldMark.status).toBe(404);
    const newMark = await call(h, 'POST', '/api/path/mark', {
      session: jing,
      body: { employeeId: tao, courseId: courses[1]! },
    });
    expect(newMark.body).toEqual({ stage: 2, moved: true, finished: false });
  });

  it('HR edits the path: a new first course re-stages the cook, audited', async () => {
    const edited = body();
    edited.stages[0]!.courseIds.push(courses[5]!);
    const r = await call(h, 'PUT', `/api/hr/paths/${pathId}`, { session: hr, body: edited });
    expect(r.status).toBe(200);
    expect(await h.sql.row('select current_stage as s from path_enrolments where employee_id = ?', tao)).toEqual({
      s: 0,
    });
    expect(await count("select count(*) as n from audit_log where action = 'path.update'")).toBe(1);
    const missing = await call(h, 'PUT', '/api/hr/paths/9999', { session: hr, body: edited });
    expect(missing.status).toBe(404);
  });

  it('a transfer with a future date: the receiving head is told by the tick that applies it, once, in English', async () => {
    const bing = await id('han.bing');
    const tom = await id('tom.harris');
    expect(
      (await call(h, 'POST', '/api/path/assign', { session: hr, body: { employeeId: bing, pathId } })).status,
    ).toBe(200);
    const DAY = 86_400_000;
    const effective = new Date(Date.now() + 3 * DAY).toISOString().slice(0, 10);
    await command(h, bing, 'transfer', `深圳南山店 ; 轮岗 ; ${effective}`);
    const rid = Number((await h.sql.row<{ id: number }>('select max(id) as id from approval_requests'))!.id);
    for (const a of ['liu.qiang', 'lin.xiaowen', 'tom.harris']) {
      const who = await id(a);
      expect(
        (await press(h, who, actionOf(await lastCard(h, who, `approval:${rid}`), 'approval.approve'))).outcome,
      ).toBe('handled');
    }
    const notices = async () =>
      (await cardsOf(h, tom)).filter((c) => c.header?.title === 'A transferred person is on a development path');
    // Approved, not applied yet: Tom is not told, and may not see the path.
    expect(await notices()).toHaveLength(0);
    expect((await call(h, 'GET', `/api/path?person=${bing}`, { session: await session('tom.harris') })).status).toBe(
      403,
    );
    const at = async (days: number) =>
      await tick(h.app.db, h.app.config, new Set(h.app.adapters.keys()), new Date(Date.now() + days * DAY));
    expect((await at(3)).transfersApplied).toEqual([rid]);
    expect(await notices()).toHaveLength(1);
    expect(textOfCard((await notices())[0])).toContain(
      '**韩冰 Bing Han** joined your team and is on the path **Cook growth path**.',
    );
    await at(3);
    expect(await notices()).toHaveLength(1);
    expect((await call(h, 'GET', `/api/path?person=${bing}`, { session: await session('tom.harris') })).status).toBe(
      200,
    );
  });

  it('someone who left keeps their path history, and nothing is added to it', async () => {
    const bing = await id('han.bing');
    await h.sql.run('update employees set active = false where id = ?', bing);
    const before = await writes();
    const r = await call(h, 'POST', '/api/path/mark', {
      session: hr,
      body: { employeeId: bing, courseId: courses[3]! },
    });
    expect([r.status, r.body.code, r.body.error]).toEqual([409, 'inactive_person', '此人已离职。']);
    expect(await writes()).toEqual(before);
    expect(await count('select count(*) as n from path_enrolments where employee_id = ?', bing)).toBe(1);
  });

  it('the personal-data export holds the person’s path and the courses they completed, with who marked each', async () => {
    const r = (await collectPersonRecords(h.app.db, tao, new Date()))!;
    expect(r.developmentPath).toEqual([
      expect.objectContaining({ pathNameEn: 'Cook growth path', assignedByName: '刘强 Qiang Liu', finishedAt: null }),
    ]);
    expect(r.developmentPathCourses.map((c) => [c.courseNameEn, c.markedByName])).toEqual([
      ['Kitchen standards refresher', '宋涛 Tao Song'],
      ['Customer service and handling complaints', '刘强 Qiang Liu'],
      ['Effective communication and collaboration', '黄静 Jing Huang'],
    ]);
    expect(csvFiles(r)['development-path-courses.csv']).toHaveLength(3);
  });
});
