// The flows-schemes API against the real server: HR-only routes (403 with only a message for an employee
// and a manager), CSRF, flows saved with the version they were read at (a stale save is a 409 and changes
// nothing; problems come back at the step's field; requests under way keep their version), schemes validated at the field in the viewer's
// language, the course form's messages translated, the trend's scope, and a rater who leads no unit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/connection.js';
import { ruleResolvable } from '../../src/domain/approvals/approvers.js';
import { getFlow, loadRequest, saveFlow, submitRequest } from '../../src/domain/approvals/requests.js';
import { startHarness, type Harness } from '../support/harness.js';
import { call, sandboxSession, type Session } from './client.js';

let h: Harness;
const s: Record<string, Session> = {};
const ids: Record<string, number> = {};
let store: number;
let finance: number;
const one = async <T>(sql: string, ...p: unknown[]) => (await h.sql.row(sql, ...p)) as T;
const onlyMessage = (body: Record<string, unknown>) => expect(Object.keys(body).sort()).toEqual(['code', 'error']);
const flowVersion = async () =>
  (await one<{ version: number }>("select version from approval_flows where key = 'point-claim'")).version;
const stepsOf = async (key: string) => (await getFlow(h.app.db, key))!.flow.steps;

beforeAll(async () => {
  h = await startHarness();
  for (const e of ['sophia.lee', 'tom.harris', 'lin.xiaowen', 'zhao.lei', 'he.jun', 'wang.fang']) {
    ids[e] = (await h.employeeByEmail(`${e}@qingyun.example`))!.id;
    s[e] = await sandboxSession(h, ids[e]!);
  }
  // The admin works in English; Sharon (HR) in Chinese.
  expect((await call(h, 'PUT', '/api/me/locale', { session: s['zhao.lei'], body: { locale: 'en' } })).status).toBe(200);
  store = (await one<{ id: number }>("select id from org_units where name = '深圳南山店'")).id;
  finance = (await one<{ id: number }>("select id from org_units where name = '财务部'")).id;
});
afterAll(async () => h?.stop());

describe('role and CSRF', () => {
  it('HR routes answer 403 with only a message to an employee and a manager, and write nothing', async () => {
    const steps = await stepsOf('point-claim');
    for (const who of ['sophia.lee', 'tom.harris']) {
      for (const path of ['/api/hr/flows', '/api/hr/flows/point-claim', '/api/hr/schemes']) {
        const a = await call(h, 'GET', path, { session: s[who] });
        expect(a.status, `${who} ${path}`).toBe(403);
        onlyMessage(a.body);
      }
      const put = await call(h, 'PUT', '/api/hr/flows/point-claim', {
        session: s[who],
        body: { version: 1, flow: { name: { 'zh-CN': '积分', en: 'Claim' }, steps } },
      });
      expect(put.status).toBe(403);
      onlyMessage(put.body);
      expect((await call(h, 'POST', '/api/hr/schemes', { session: s[who], body: {} })).status).toBe(403);
    }
    expect(await flowVersion()).toBe(1);
    expect((await one<{ n: number }>('select count(*) as n from rating_schemes')).n).toBe(2);
  });

  it('refuses writes without the right CSRF token', async () => {
    const body = { version: 1, flow: { name: { 'zh-CN': '积分', en: 'Claim' }, steps: await stepsOf('point-claim') } };
    const none = await call(h, 'PUT', '/api/hr/flows/point-claim', { session: s['lin.xiaowen'], csrf: null, body });
    expect(none.status).toBe(403);
    expect(none.body).toMatchObject({ code: 'csrf' });
    const other = await call(h, 'POST', '/api/hr/schemes', {
      session: s['lin.xiaowen'],
      csrf: s['tom.harris']!.csrf,
      body: {},
    });
    expect(other.body).toMatchObject({ code: 'csrf' });
    expect(await flowVersion()).toBe(1);
  });
});

describe('approval flows', () => {
  it('lists the flows with their version and steps', async () => {
    const a = await call(h, 'GET', '/api/hr/flows', { session: s['zhao.lei'] });
    expect(a.status).toBe(200);
    const flows = a.body.flows as { key: string; version: number; updatedBy: string | null; steps: { id: string }[] }[];
    expect(flows.map((f) => f.key).sort()).toEqual([
      'hq-feedback',
      'point-claim',
      'redemption',
      'training',
      'transfer',
    ]);
    expect(flows.find((f) => f.key === 'point-claim')).toMatchObject({
      name: 'Point claim',
      version: 1,
      updatedBy: null,
      steps: [{ id: 'manager' }, { id: 'hr' }],
    });
    const one = await call(h, 'GET', '/api/hr/flows/point-claim', { session: s['zhao.lei'] });
    expect(one.body).toMatchObject({ key: 'point-claim', version: 1 });
    expect((one.body.people as unknown[]).length).toBeGreaterThan(30);
    expect((await call(h, 'GET', '/api/hr/flows/nope', { session: s['zhao.lei'] })).status).toBe(404);
  });

  it('saves an edit with the version it was read at; the version goes up and it is audited', async () => {
    // A claim already under way keeps the flow it started with (the request holds a snapshot).
    const tag = (await one<{ id: number }>('select id from value_tags order by id limit 1')).id;
    const pending = await inTransaction(
      h.app.db,
      async () =>
        await submitRequest(h.app.db, {
          applicantId: ids['sophia.lee']!,
          payload: { kind: 'point_claim', tagId: tag, description: 'Fixed the till', quantities: [], points: 600 },
          now: new Date(),
        }),
    );
    if (!pending.ok) throw new Error(pending.code);
    const steps = [
      ...(await stepsOf('point-claim')),
      {
        id: 'ceo',
        name: { 'zh-CN': '总经理', en: 'CEO' },
        approver: {
          type: 'person',
          employeeId: (
            await one<{ id: number }>("select id from employees where email = 'chen.zhiyuan@qingyun.example'")
          ).id,
        },
        when: { field: 'points', op: 'gte', value: 500 },
        onReject: 'end',
      },
    ];
    const a = await call(h, 'PUT', '/api/hr/flows/point-claim', {
      session: s['lin.xiaowen'],
      body: { version: 1, flow: { name: { 'zh-CN': '积分申请', en: 'Point claim' }, steps } },
    });
    expect(a.status).toBe(200);
    expect(a.body).toEqual({ key: 'point-claim', version: 2 });
    expect((await stepsOf('point-claim')).map((x) => x.id)).toEqual(['manager', 'hr', 'ceo']);
    expect((await loadRequest(h.app.db, pending.request.id))!.flow.steps.map((x) => x.id)).toEqual(['manager', 'hr']);
    expect(
      (
        await one<{ n: number }>(
          "select count(*) as n from audit_log where action = 'approval.flow.update' and subject = 'point-claim'",
        )
      ).n,
    ).toBe(1);
    const list = await call(h, 'GET', '/api/hr/flows', { session: s['zhao.lei'] });
    expect(
      (list.body.flows as { key: string; updatedBy: string }[]).find((f) => f.key === 'point-claim')!.updatedBy,
    ).toContain('Sharon Lin');
  });

  it('a stale save (changed meanwhile, e.g. through chat) is a 409 naming who changed it, and nothing is overwritten', async () => {
    // Someone edits through the domain, as `/flow set` in chat does.
    const current = (await getFlow(h.app.db, 'point-claim'))!;
    const r = await inTransaction(
      h.app.db,
      async () =>
        await saveFlow(
          h.app.db,
          { ...current.flow, steps: current.flow.steps.slice(0, 2) },
          current.version,
          ids['zhao.lei']!,
          // The first step whose approver rule names nobody (checked in order).
          async (f) => {
            for (const x of f.steps) if (!(await ruleResolvable(h.app.db, x.approver))) return x.id;
            return undefined;
          },
        ),
    );
    expect(r).toEqual({ ok: true, version: 3 });
    const before = (
      await one<{ definition: string }>("select definition from approval_flows where key = 'point-claim'")
    ).definition;
    const a = await call(h, 'PUT', '/api/hr/flows/point-claim', {
      session: s['lin.xiaowen'],
      body: { version: 2, flow: { name: current.flow.name, steps: current.flow.steps } },
    });
    expect(a.status).toBe(409);
    expect(a.body.code).toBe('stale');
    expect(String(a.body.error)).toContain('Leo Zhao');
    expect(String(a.body.error)).toContain('第 3 版');
    expect(await flowVersion()).toBe(3);
    expect(
      (await one<{ definition: string }>("select definition from approval_flows where key = 'point-claim'")).definition,
    ).toBe(before);
  });

  it('puts a loop, a duplicate id, an unknown next and an unresolvable approver at the step field', async () => {
    const base = await stepsOf('point-claim');
    const put = (steps: unknown[], who = 'zhao.lei') =>
      call(h, 'PUT', '/api/hr/flows/point-claim', {
        session: s[who],
        body: { version: 3, flow: { name: { 'zh-CN': '积分申请', en: 'Point claim' }, steps } },
      });
    const loop = await put([
      { ...base[0]!, next: 'hr' },
      { ...base[1]!, next: 'manager' },
    ]);
    expect(loop.status).toBe(400);
    expect(loop.body.fields).toEqual({
      'steps.0.next': 'This step leads back to an earlier step, so the flow would never end.',
    });
    expect(
      (await put([base[0], base[1], { ...base[1]!, name: { 'zh-CN': '再审', en: 'Again' } }])).body.fields,
    ).toEqual({ 'steps.2.id': 'Another step already uses this id.' });
    expect((await put([{ ...base[0]!, next: 'nowhere' }, base[1]])).body.fields).toEqual({
      'steps.0.next': 'There is no step with this id.',
    });
    const nobody = await put([base[0], { ...base[1]!, approver: { type: 'person', employeeId: 99999 } }]);
    expect(nobody.body).toMatchObject({
      code: 'unresolvable',
      fields: { 'steps.1.approver': expect.stringContaining('Nobody could approve') },
    });
    expect(await flowVersion()).toBe(3);
  });

  it('answers zod problems at the field in the viewer language, never in zod English', async () => {
    const base = await stepsOf('point-claim');
    const a = await call(h, 'PUT', '/api/hr/flows/point-claim', {
      session: s['lin.xiaowen'],
      body: {
        version: 3,
        flow: {
          name: { 'zh-CN': '积分申请', en: 'Point claim' },
          steps: [
            { ...base[0]!, name: { 'zh-CN': '', en: 'Manager' } },
            { ...base[1]!, when: { field: 'points', op: 'gte', value: 'x' } },
          ],
        },
      },
    });
    expect(a.status).toBe(400);
    expect(a.body.fields).toEqual({ 'steps.0.name.zh-CN': '必填。', 'steps.1.when.value': '请输入整数。' });
    const b = await call(h, 'PUT', '/api/hr/flows/point-claim', {
      session: s['zhao.lei'],
      body: { version: 'x', flow: [] },
    });
    expect(b.status).toBe(400);
    expect(b.body.fields).toEqual({ version: 'Enter a whole number.', flow: 'This value is not valid.' });
    expect(await flowVersion()).toBe(3);
  });
});

describe('rating schemes', () => {
  const dims = (w: [number, number]) => [
    {
      key: 'quality',
      name: { 'zh-CN': '出品', en: 'Quality' },
      weight: w[0],
      kind: 'scale',
      rater: { type: 'unitHead' },
    },
    {
      key: 'service',
      name: { 'zh-CN': '服务', en: 'Service' },
      weight: w[1],
      kind: 'scale',
      rater: { type: 'person', email: 'he.jun@qingyun.example' },
    },
  ];
  it('lists the schemes with how many cycles used each', async () => {
    const a = await call(h, 'GET', '/api/hr/schemes', { session: s['lin.xiaowen'] });
    expect(a.status).toBe(200);
    const schemes = a.body.schemes as { key: string; cycles: number; definition: { dimensions: unknown[] } }[];
    expect(schemes.map((x) => [x.key, x.cycles])).toEqual([
      ['team', 0],
      ['store', 0],
    ]);
    expect(schemes[1]!.definition.dimensions).toHaveLength(3);
  });

  it('answers bad input at the fields in the viewer language', async () => {
    const a = await call(h, 'POST', '/api/hr/schemes', {
      session: s['lin.xiaowen'],
      body: { key: 'Kitchen', name: { 'zh-CN': '后厨', en: '' }, dimensions: dims([60, 30]) },
    });
    expect(a.status).toBe(400);
    expect(a.body.fields).toEqual({
      key: '最多 32 个小写字母、数字或连字符（-），不能有空格。',
      'name.en': '必填。',
      weights: '权重合计为 90，必须等于 100。',
    });
    const taken = await call(h, 'POST', '/api/hr/schemes', {
      session: s['zhao.lei'],
      body: {
        key: 'team',
        name: { 'zh-CN': '后厨', en: 'Kitchen' },
        dimensions: [
          { ...dims([60, 40])[0], rater: { type: 'person', email: 'nobody@qingyun.example' } },
          dims([60, 40])[1],
        ],
      },
    });
    expect(taken.body.fields).toEqual({
      key: 'A scheme with this key already exists.',
      'dimensions.0.rater.email': 'No active person has this e-mail address.',
    });
    expect((await one<{ n: number }>('select count(*) as n from rating_schemes')).n).toBe(2);
  });

  it('creates a scheme (audited) that can then open a cycle, and counts that use', async () => {
    const a = await call(h, 'POST', '/api/hr/schemes', {
      session: s['lin.xiaowen'],
      body: { key: 'kitchen', name: { 'zh-CN': '后厨评价', en: 'Kitchen review' }, dimensions: dims([60, 40]) },
    });
    expect(a.status).toBe(200);
    expect(a.body.key).toBe('kitchen');
    expect(
      (
        await one<{ n: number }>(
          "select count(*) as n from audit_log where action = 'rating.scheme.create' and subject = 'kitchen'",
        )
      ).n,
    ).toBe(1);
    const overview = await call(h, 'GET', '/api/hr/ratings', { session: s['lin.xiaowen'] });
    expect((overview.body.schemes as { key: string }[]).map((x) => x.key)).toContain('kitchen');
    const open = await call(h, 'POST', '/api/hr/ratings/cycles', {
      session: s['lin.xiaowen'],
      body: { scheme: 'kitchen', unitId: store, days: 7 },
    });
    expect(open.status).toBe(200);
    const list = await call(h, 'GET', '/api/hr/schemes', { session: s['lin.xiaowen'] });
    expect((list.body.schemes as { key: string; cycles: number }[]).find((x) => x.key === 'kitchen')!.cycles).toBe(1);
  });

  it('a person rater who leads no unit gets the flag, the rate form works, the team report stays closed', async () => {
    const me = await call(h, 'GET', '/api/me', { session: s['he.jun'] });
    expect(me.body).toMatchObject({ isRater: true, isManager: false });
    expect((await call(h, 'GET', '/api/me', { session: s['sophia.lee'] })).body).toMatchObject({ isRater: false });
    const report = await call(h, 'GET', '/api/team/ratings', { session: s['he.jun'] });
    expect(report.status).toBe(403);
    onlyMessage(report.body);
    const forms = await call(h, 'GET', '/api/team/ratings/forms', { session: s['he.jun'] });
    const form = (
      forms.body.forms as { cycleId: number; people: { subjectId: number; dimensions: { field: string }[] }[] }[]
    )[0]!;
    expect(form.people.length).toBe(6);
    expect(form.people[0]!.dimensions.map((d) => d.field)).toEqual([`r_${form.people[0]!.subjectId}_service`]);
    const saved = await call(h, 'POST', `/api/team/ratings/${form.cycleId}`, {
      session: s['he.jun'],
      body: { [form.people[0]!.dimensions[0]!.field]: '4' },
    });
    expect(saved.body).toEqual({ changed: 1 });
  });
});

describe('the course form', () => {
  it('answers in Chinese at the fields for a Chinese-speaking HR', async () => {
    const a = await call(h, 'POST', '/api/hr/courses', {
      session: s['lin.xiaowen'],
      body: { nameZh: '', nameEn: 'Course', dimension: 'Team Work', url: 'nope' },
    });
    expect(a.status).toBe(400);
    expect(a.body.fields).toEqual({
      nameZh: '必填。',
      dimension: '以小写字母开头，之后可用小写字母、数字或 _（最多 32 个，不能有空格）。',
      url: '请输入完整网址，例如 https://example.com。',
    });
  });
});

describe('ratings trend', () => {
  it('is for managers and HR, within their scope', async () => {
    // No closed cycle yet: an empty answer with a message, not an error.
    const none = await call(h, 'GET', '/api/team/ratings/trend', { session: s['tom.harris'] });
    expect(none.status).toBe(200);
    expect(none.body).toEqual({ trend: null, message: 'No closed rating cycle covers this unit yet.' });
    const cycle = (await one<{ id: number }>('select max(id) as id from rating_cycles')).id;
    // Not everyone is rated: the first call answers what is missing; the confirmation carries its fingerprint.
    const summary = await call(h, 'POST', `/api/hr/ratings/cycles/${cycle}/close`, { session: s['lin.xiaowen'] });
    expect(summary.status).toBe(409);
    expect(
      (
        await call(h, 'POST', `/api/hr/ratings/cycles/${cycle}/close`, {
          session: s['lin.xiaowen'],
          body: { confirm: summary.body.fingerprint },
        })
      ).status,
    ).toBe(200);
    const tom = await call(h, 'GET', '/api/team/ratings/trend', { session: s['tom.harris'] });
    expect(tom.body.trend).toMatchObject({ unitId: store, scheme: 'kitchen', points: [{ cycleId: cycle, people: 1 }] });
    const dimsOut = (tom.body.trend as { dimensions: { key: string; values: (number | null)[] }[] }).dimensions;
    expect(dimsOut.find((d) => d.key === 'service')!.values).toEqual([4]);
    // Another unit: 403 and no data, for a manager of another unit and for an employee.
    const other = await call(h, 'GET', `/api/team/ratings/trend?unitId=${store}`, { session: s['wang.fang'] });
    expect(other.status).toBe(403);
    onlyMessage(other.body);
    expect(
      (await call(h, 'GET', `/api/team/ratings/trend?unitId=${finance}`, { session: s['tom.harris'] })).status,
    ).toBe(403);
    const employee = await call(h, 'GET', '/api/team/ratings/trend', { session: s['sophia.lee'] });
    expect(employee.status).toBe(403);
    onlyMessage(employee.body);
    // HR may look at any unit; a bad query is a 400.
    expect(
      (await call(h, 'GET', `/api/team/ratings/trend?unitId=${store}`, { session: s['lin.xiaowen'] })).body.trend,
    ).toMatchObject({ unitId: store });
    expect((await call(h, 'GET', '/api/team/ratings/trend?unitId=abc', { session: s['lin.xiaowen'] })).status).toBe(
      400,
    );
  });
});
