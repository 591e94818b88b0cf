// The pulse-admin API against the real server: survey templates and schedules (HR only), follow-up
// actions (owners, managers within their teams, HR) and the pulse trend (K-protected like the report).
// Role and scope → 403 with no data; bad input → 400 with translated messages at the field; CSRF guarded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/connection.js';
import { ensureDefaultTemplate } from '../../src/domain/surveys/templates.js';
import { launchWave, submitAnswers } from '../../src/domain/surveys/waves.js';
import { startHarness, type Harness } from '../support/harness.js';
import { call, sandboxSession, type Session } from './client.js';
import { surveySealKey } from '../../src/db/seal-key.js';
import { closeNow } from '../support/pulse.js';

let h: Harness;
let sophia: Session;
let tom: Session;
let hr: Session;
const ids: Record<string, number> = {};
const count = async (sql: string, ...args: unknown[]) => ((await h.sql.row(sql, ...args)) as { n: number }).n;

beforeAll(async () => {
  h = await startHarness();
  for (const e of ['sophia.lee', 'tom.harris', 'lin.xiaowen', 'zhang.wei', 'li.ming', 'ye.qing', 'he.jun'])
    ids[e] = (await h.employeeByEmail(`${e}@qingyun.example`))!.id;
  sophia = await sandboxSession(h, ids['sophia.lee']!);
  tom = await sandboxSession(h, ids['tom.harris']!);
  hr = await sandboxSession(h, ids['lin.xiaowen']!);
  // Sharon reads Chinese; English here so assertions read naturally (one test switches back).
  await call(h, 'PUT', '/api/me/locale', { session: hr, body: { locale: 'en' } });
});
afterAll(async () => h?.stop());

const SPEC = {
  nameZh: '门店协作',
  nameEn: 'Store teamwork',
  scaleMin: 1,
  scaleMax: 5,
  commentEnabled: true,
  enps: false,
  dimensions: [
    {
      key: 'shift',
      nameZh: '班次',
      nameEn: 'Shifts',
      items: [{ key: 'q1', zh: '交接班顺畅。', en: 'Shift handovers go smoothly.' }],
    },
    {
      key: 'kitchen',
      nameZh: '后厨',
      nameEn: 'Kitchen',
      items: [{ key: 'q1', zh: '后厨与前厅配合好。', en: 'Kitchen and floor work well together.' }],
    },
  ],
};

describe('HR routes: employees and managers get 403 and no data', () => {
  const routes: [string, string, unknown?][] = [
    ['GET', '/api/hr/templates'],
    ['GET', '/api/hr/templates/1'],
    ['POST', '/api/hr/templates', SPEC],
    ['GET', '/api/hr/schedules'],
    ['GET', '/api/hr/schedules/preview?cron=0%2010%20*%20*%201'],
    [
      'POST',
      '/api/hr/schedules',
      { templateId: 1, cron: '0 10 * * 1', audienceUnitId: null, durationDays: 5, reminderDays: [3] },
    ],
    ['POST', '/api/hr/schedules/1/active', { active: false }],
    ['GET', '/api/hr/trend'],
  ];
  it.each(routes)('%s %s', async (method, path, body) => {
    for (const who of [sophia, tom]) {
      const a = await call(h, method, path, { session: who, body });
      expect(a.status).toBe(403);
      expect(Object.keys(a.body).sort()).toEqual(['code', 'error']);
    }
  });
});

describe('templates', () => {
  it('lists the built-in template with its counts', async () => {
    const a = await call(h, 'GET', '/api/hr/templates', { session: hr });
    expect(a.status).toBe(200);
    expect(a.body.templates).toEqual([
      { id: 1, builtIn: true, name: 'Team vitality pulse', dimensions: 3, items: 9, waves: 0 },
    ]);
    const one = await call(h, 'GET', '/api/hr/templates/1', { session: hr });
    expect(one.body.template).toMatchObject({
      id: 1,
      builtIn: true,
      waves: 0,
      nameZh: '团队活力脉搏',
      enps: true,
      scaleMax: 5,
    });
    const dims = (one.body.template as { dimensions: { key: string; items: { key: string; en: string }[] }[] })
      .dimensions;
    expect(dims.map((d) => d.key)).toEqual(['attitude', 'collaboration', 'expression']);
    expect(dims[0]!.items[0]).toMatchObject({
      key: 'initiative',
      en: 'I take the initiative to improve how we work without being asked.',
    });
    expect((await call(h, 'GET', '/api/hr/templates/999', { session: hr })).status).toBe(404);
  });

  it('answers bad specs with translated messages at the field, and saves nothing', async () => {
    const before = await count('select count(*) as n from survey_templates');
    const bad = structuredClone(SPEC);
    bad.dimensions[1]!.items[0]!.en = '  ';
    bad.dimensions[0]!.key = 'Shift Work';
    const a = await call(h, 'POST', '/api/hr/templates', { session: hr, body: bad });
    expect(a.status).toBe(400);
    expect(a.body).toEqual({
      error: 'Some answers need another look.',
      code: 'invalid',
      fields: {
        'dimensions.1.items.0.en': 'Required.',
        'dimensions.0.key': 'Use up to 32 lower-case letters, digits and hyphens (-), no spaces.',
      },
    });
    // The same in Chinese for a zh-CN viewer — never zod's English default.
    await call(h, 'PUT', '/api/me/locale', { session: hr, body: { locale: 'zh-CN' } });
    const zh = await call(h, 'POST', '/api/hr/templates', { session: hr, body: { ...SPEC, dimensions: [] } });
    expect(zh.body.fields).toEqual({ dimensions: '至少添加 1 项。' });
    await call(h, 'PUT', '/api/me/locale', { session: hr, body: { locale: 'en' } });
    const dup = await call(h, 'POST', '/api/hr/templates', {
      session: hr,
      body: { ...SPEC, dimensions: [SPEC.dimensions[0], SPEC.dimensions[0]] },
    });
    expect(dup.body.fields).toEqual({ 'dimensions.1.key': 'This key is already used above.' });
    expect(await count('select count(*) as n from survey_templates')).toBe(before);
  });

  it('creates a template (audited) that the list shows as unused', async () => {
    const a = await call(h, 'POST', '/api/hr/templates', { session: hr, body: SPEC });
    expect(a.status).toBe(200);
    const id = a.body.id as number;
    expect(
      await count(
        "select count(*) as n from audit_log where action = 'survey.template.create' and subject = ? and actor_employee_id = ?",
        String(id),
        ids['lin.xiaowen'],
      ),
    ).toBe(1);
    const list = await call(h, 'GET', '/api/hr/templates', { session: hr });
    expect(list.body.templates).toContainEqual({
      id,
      builtIn: false,
      name: 'Store teamwork',
      dimensions: 2,
      items: 2,
      waves: 0,
    });
    const copy = await call(h, 'GET', `/api/hr/templates/${id}`, { session: hr });
    expect(copy.body.template).toMatchObject({ ...SPEC, id, builtIn: false });
  });
});

describe('follow-ups', () => {
  const due = () => new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  let id: number;

  it('refuses a request without the CSRF token and writes nothing', async () => {
    const a = await call(h, 'POST', '/api/followups', {
      session: tom,
      csrf: null,
      body: { title: 'x', ownerId: ids['ye.qing'], dueDate: due() },
    });
    expect(a.status).toBe(403);
    expect(a.body).toMatchObject({ code: 'csrf' });
    expect(await count('select count(*) as n from follow_ups')).toBe(0);
  });

  it('a manager assigns only inside the teams they lead, with errors at the field', async () => {
    const outside = await call(h, 'POST', '/api/followups', {
      session: tom,
      body: { title: 'Fix the rota', ownerId: ids['he.jun'], dueDate: due() },
    });
    expect(outside.status).toBe(400);
    expect(outside.body.fields).toEqual({ ownerId: 'Choose someone in the teams you lead.' });
    const finance = (await h.sql.row("select id from org_units where name = '财务部'")) as { id: number };
    const unit = await call(h, 'POST', '/api/followups', {
      session: tom,
      body: { title: 'Fix the rota', ownerId: ids['ye.qing'], dueDate: due(), unitId: finance.id },
    });
    expect(unit.body.fields).toEqual({ unitId: 'Choose one of the units you lead.' });
    const bad = await call(h, 'POST', '/api/followups', {
      session: tom,
      body: { title: ' ', ownerId: ids['ye.qing'], dueDate: '2020-01-01' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual({ title: 'Required.' });
    const past = await call(h, 'POST', '/api/followups', {
      session: tom,
      body: { title: 'Fix the rota', ownerId: ids['ye.qing'], dueDate: '2020-01-01' },
    });
    expect(past.body.fields).toEqual({ dueDate: 'The due date must be a date (YYYY-MM-DD) from today on.' });
    const types = await call(h, 'POST', '/api/followups', {
      session: tom,
      body: { title: 'Fix the rota', ownerId: 'Ye', dueDate: 5 },
    });
    expect(types.body.fields).toEqual({ ownerId: 'Enter a whole number.', dueDate: 'This value is not valid.' });
    expect(await count('select count(*) as n from follow_ups')).toBe(0);
    const options = await call(h, 'GET', '/api/followups/options', { session: tom });
    const owners = (options.body.owners as { id: number }[]).map((o) => o.id);
    expect(owners).toContain(ids['ye.qing']);
    expect(owners).not.toContain(ids['he.jun']);
  });

  it('creates one (audited) and sends the owner the same chat card as /followup', async () => {
    const a = await call(h, 'POST', '/api/followups', {
      session: tom,
      body: { title: 'Fix the weekend rota', ownerId: ids['ye.qing'], dueDate: due() },
    });
    expect(a.status).toBe(200);
    const f = a.body.followUp as { id: number; owner: { id: number }; unit: string; status: string };
    id = f.id;
    expect(f).toMatchObject({ owner: { id: ids['ye.qing'] }, unit: '深圳南山店', status: 'open', canChange: true });
    expect(
      await count("select count(*) as n from audit_log where action = 'followup.create' and subject = ?", String(id)),
    ).toBe(1);
    await h.drainOutbox();
    const cards = (await h.outbox()).filter((r) => r.cardKey === `followup:${id}` && r.op === 'send');
    expect(cards.map((r) => r.recipient).join(' ')).toMatch(/\S/);
    expect(cards).toHaveLength(2);
  });

  it('employees get 403 on other people’s follow-ups, and their own list otherwise', async () => {
    expect((await call(h, 'GET', '/api/followups?all=1', { session: sophia })).status).toBe(403);
    const others = await call(h, 'GET', `/api/followups?ownerId=${ids['ye.qing']}`, { session: sophia });
    expect(others.status).toBe(403);
    expect(Object.keys(others.body).sort()).toEqual(['code', 'error']);
    expect((await call(h, 'GET', '/api/followups/options', { session: sophia })).status).toBe(403);
    expect(
      (
        await call(h, 'POST', '/api/followups', {
          session: sophia,
          body: { title: 'x', ownerId: ids['sophia.lee'], dueDate: due() },
        })
      ).status,
    ).toBe(403);
    const change = await call(h, 'POST', `/api/followups/${id}/status`, { session: sophia, body: { status: 'done' } });
    expect(change.status).toBe(403);
    expect(Object.keys(change.body).sort()).toEqual(['code', 'error']);
    expect(await count('select count(*) as n from follow_ups where status = ?', 'open')).toBe(1);
    const mine = await call(h, 'GET', '/api/followups', { session: sophia });
    expect(mine.body.followUps).toEqual([]);
    expect(
      (await call(h, 'POST', `/api/followups/${id}/status`, { session: sophia, body: { status: 'finished' } })).body
        .fields,
    ).toEqual({ status: 'Choose one of the options.' });
  });

  it('the owner marks it done: every chat copy is redrawn, and HR sees it among everyone’s', async () => {
    const ye = await sandboxSession(h, ids['ye.qing']!);
    await call(h, 'PUT', '/api/me/locale', { session: ye, body: { locale: 'en' } });
    const list = await call(h, 'GET', '/api/followups', { session: ye });
    expect((list.body.followUps as { id: number }[]).map((f) => f.id)).toEqual([id]);
    const a = await call(h, 'POST', `/api/followups/${id}/status`, { session: ye, body: { status: 'done' } });
    expect(a.status).toBe(200);
    expect(a.body.followUp).toMatchObject({ id, status: 'done' });
    await h.drainOutbox();
    expect((await h.outbox()).filter((r) => r.cardKey === `followup:${id}` && r.op === 'update')).toHaveLength(2);
    const all = await call(h, 'GET', '/api/followups?all=1&status=done', { session: hr });
    expect((all.body.followUps as { id: number }[]).map((f) => f.id)).toEqual([id]);
    expect((await call(h, 'GET', '/api/followups?all=1&status=open', { session: hr })).body.followUps).toEqual([]);
  });
});

describe('trend', () => {
  /** A wave of the built-in pulse to Tom's store, answered by `n` of its six people. */
  async function storeWave(n: number, daysAgo: number): Promise<number> {
    const db = h.app.db;
    const store = (await h.sql.row("select id from org_units where name = '深圳南山店'")) as { id: number };
    const now = new Date(Date.now() - daysAgo * 86_400_000);
    const r = await inTransaction(
      db,
      async () =>
        await launchWave(
          db,
          { invite: async () => {}, remind: async () => {} },
          {
            templateId: await ensureDefaultTemplate(db),
            audienceUnitId: store.id,
            closesAt: new Date(now.getTime() + 3 * 86_400_000),
            reminderDays: [],
            now,
            actor: { kind: 'system' },
          },
        ),
    );
    if (!r.ok) throw new Error(r.code);
    const items = (await h.sql.rows(
      'select id, kind from survey_items where template_id = ? order by position',
      r.wave.templateId,
    )) as {
      id: number;
      kind: string;
    }[];
    const people = (await h.sql.rows(
      'select employee_id as id from survey_participation where wave_id = ? order by employee_id limit ?',
      r.wave.id,
      n,
    )) as { id: number }[];
    for (const p of people)
      await inTransaction(
        db,
        async () =>
          await submitAnswers(db, surveySealKey(h.app.config), {
            waveId: r.wave.id,
            employeeId: p.id,
            values: Object.fromEntries(items.map((i) => [`i${i.id}`, i.kind === 'enps' ? '9' : '4'])),
            now,
          }),
      );
    await closeNow(db, r.wave.id, surveySealKey(h.app.config), new Date(now.getTime() + 3 * 86_400_000));
    return r.wave.id;
  }

  it('K-protects each wave: fewer than K responses → null, never a number; one audit row per view', async () => {
    const shown = await storeWave(5, 20);
    const hidden = await storeWave(3, 10);
    const before = await count("select count(*) as n from audit_log where action = 'survey.trend.view'");
    const a = await call(h, 'GET', '/api/team/trend', { session: tom });
    expect(a.status).toBe(200);
    const trend = a.body.trend as {
      unit: { name: string };
      k: number;
      waves: {
        waveId: number;
        visible: boolean;
        dims: Record<string, number | null>;
        participation: { answered: number };
      }[];
    };
    expect(trend.unit.name).toBe('深圳南山店');
    expect(trend.k).toBe(5);
    expect(trend.waves.map((w) => [w.waveId, w.visible, w.participation.answered])).toEqual([
      [shown, true, 5],
      [hidden, false, 3],
    ]);
    expect(trend.waves[0]!.dims).toEqual({ attitude: 4, collaboration: 4, expression: 4 });
    expect(trend.waves[1]!.dims).toEqual({ attitude: null, collaboration: null, expression: null });
    expect(await count("select count(*) as n from audit_log where action = 'survey.trend.view'")).toBe(before + 1);
    const hrView = await call(
      h,
      'GET',
      `/api/hr/trend?unitId=${((await h.sql.row("select id from org_units where name = '深圳南山店'")) as { id: number }).id}`,
      { session: hr },
    );
    expect(hrView.body.trend).toEqual(trend);
  });

  it('keeps the report’s scope: outside the subtree or not a manager → 403 with no data; bad query → 400', async () => {
    const finance = ((await h.sql.row("select id from org_units where name = '财务部'")) as { id: number }).id;
    const outside = await call(h, 'GET', `/api/team/trend?unitId=${finance}`, { session: tom });
    expect(outside.status).toBe(403);
    expect(outside.body).toEqual({ error: 'You can only see results for the teams you lead.', code: 'forbidden' });
    const employee = await call(h, 'GET', '/api/team/trend', { session: sophia });
    expect(employee.status).toBe(403);
    expect(Object.keys(employee.body).sort()).toEqual(['code', 'error']);
    const bad = await call(h, 'GET', '/api/hr/trend?unitId=abc', { session: hr });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual({ unitId: 'Enter a whole number.' });
    expect((await call(h, 'GET', '/api/hr/trend?templateId=999', { session: hr })).status).toBe(404);
    expect((await call(h, 'GET', '/api/hr/trend?waveId=999', { session: hr })).body).toEqual({
      error: 'There is no survey wave with that number.',
      code: 'unknown_wave',
    });
    // A wave picks its template: the store's waves are all of the built-in pulse.
    const byWave = await call(h, 'GET', '/api/hr/trend?waveId=1', { session: hr });
    expect((byWave.body.trend as { templateId: number }).templateId).toBe(1);
  });
});

describe('schedules', () => {
  it('previews the next runs, names a bad cron at the field, creates, pauses and resumes', async () => {
    const preview = await call(h, 'GET', `/api/hr/schedules/preview?cron=${encodeURIComponent('0 10 1 * *')}`, {
      session: hr,
    });
    expect(preview.status).toBe(200);
    expect(preview.body.timezone).toBe('Asia/Shanghai');
    const runs = preview.body.runs as string[];
    expect(runs).toHaveLength(3);
    for (const r of runs)
      expect(
        new Intl.DateTimeFormat('en', {
          day: 'numeric',
          hour: 'numeric',
          hourCycle: 'h23',
          timeZone: 'Asia/Shanghai',
        }).format(new Date(r)),
      ).toBe('1, 10');
    const bad = await call(h, 'GET', `/api/hr/schedules/preview?cron=${encodeURIComponent('0 10 * *')}`, {
      session: hr,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual({
      cron: 'Not a valid schedule. Use 5 fields: minute hour day-of-month month weekday, e.g. 0 10 * * 1.',
    });
    const base = { templateId: 1, cron: '0 10 * * 1', audienceUnitId: null, durationDays: 5, reminderDays: [3] };
    expect(
      (await call(h, 'POST', '/api/hr/schedules', { session: hr, body: { ...base, cron: '61 10 * * 1' } })).body.fields,
    ).toEqual({ cron: 'Not a valid schedule. Use 5 fields: minute hour day-of-month month weekday, e.g. 0 10 * * 1.' });
    expect(
      (
        await call(h, 'POST', '/api/hr/schedules', {
          session: hr,
          body: { ...base, durationDays: 0, reminderDays: ['x'] },
        })
      ).body.fields,
    ).toEqual({ durationDays: 'Must be at least 1.', 'reminderDays.0': 'Enter a whole number.' });
    expect(
      (await call(h, 'POST', '/api/hr/schedules', { session: hr, body: { ...base, reminderDays: [5] } })).body.fields,
    ).toEqual({ reminderDays: 'Reminder days must fall after the launch and before the survey closes.' });
    expect(
      (await call(h, 'POST', '/api/hr/schedules', { session: hr, body: { ...base, templateId: 999 } })).body.fields,
    ).toEqual({ templateId: 'That survey template does not exist.' });
    expect(await count('select count(*) as n from survey_schedules')).toBe(0);
    const made = await call(h, 'POST', '/api/hr/schedules', { session: hr, body: base });
    expect(made.status).toBe(200);
    const id = made.body.id as number;
    const list = await call(h, 'GET', '/api/hr/schedules', { session: hr });
    expect((list.body.schedules as unknown[])[0]).toMatchObject({
      id,
      cron: '0 10 * * 1',
      unit: null,
      durationDays: 5,
      reminderDays: [3],
      active: true,
      lastRun: null,
    });
    expect((list.body.schedules as { nextRuns: string[] }[])[0]!.nextRuns).toHaveLength(3);
    const pause = await call(h, 'POST', `/api/hr/schedules/${id}/active`, { session: hr, body: { active: false } });
    expect(pause.body).toEqual({ id, active: false });
    expect(
      await count(
        "select count(*) as n from audit_log where action = 'survey.schedule.pause' and subject = ?",
        String(id),
      ),
    ).toBe(1);
    expect(
      (await call(h, 'POST', `/api/hr/schedules/${id}/active`, { session: hr, body: { active: 'no' } })).body.fields,
    ).toEqual({ active: 'This value is not valid.' });
    expect(
      (await call(h, 'POST', '/api/hr/schedules/999/active', { session: hr, body: { active: true } })).status,
    ).toBe(404);
    expect(
      (await call(h, 'POST', `/api/hr/schedules/${id}/active`, { session: hr, csrf: null, body: { active: true } }))
        .status,
    ).toBe(403);
    expect(await count('select active as n from survey_schedules where id = ?', id)).toBe(0);
  });
});
