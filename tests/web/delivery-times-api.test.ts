// HR's delivery settings and a person's leave through the real API (issue 23 item 5): bad input — a time zone
// that does not exist, a delivery hour inside quiet hours, leave that ends before it starts (set in the app or
// in the org CSV) — gets a clear message in HR's language and changes nothing; good input is saved and audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { sandboxClient, textOf } from '../support/sandbox-client.js';
import { call, sandboxSession, type Session } from './client.js';

let h: Harness;
let hr: Session;
let employee: Session;
let heJun: number;
const count = async (sql: string, ...args: unknown[]) => Number(((await h.sql.row(sql, ...args)) as { n: number }).n);
const GOOD = {
  localHour: 10,
  quietHours: { from: 20, to: 8 },
  skipWeekends: true,
  weeklyReminderCap: 2,
  timeZone: 'Asia/Shanghai',
};

beforeAll(async () => {
  h = await startHarness();
  hr = await sandboxSession(h, (await h.employeeByEmail('lin.xiaowen@qingyun.example'))!.id);
  heJun = (await h.employeeByEmail('he.jun@qingyun.example'))!.id;
  employee = await sandboxSession(h, heJun);
  await call(h, 'PUT', '/api/me/locale', { session: hr, body: { locale: 'en' } });
});
afterAll(async () => h?.stop());

describe('delivery settings', () => {
  it('off by default, in the company time zone', async () => {
    const r = await call(h, 'GET', '/api/hr/settings/delivery', { session: hr });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ localHour: null, quietHours: null, skipWeekends: false, weeklyReminderCap: 2 });
    expect(r.body.suggestedQuietHours).toEqual({ from: 20, to: 8 });
  });

  it('a time zone that does not exist: a clear message, nothing changed, nothing audited', async () => {
    const r = await call(h, 'PUT', '/api/hr/settings/delivery', {
      session: hr,
      body: { ...GOOD, timeZone: 'Mars/Olympus_Mons' },
    });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('unknown_time_zone');
    expect(r.body.error).toContain('Unknown time zone "Mars/Olympus_Mons"');
    expect(r.body.fields).toHaveProperty('timeZone');
    expect((await call(h, 'GET', '/api/hr/settings/delivery', { session: hr })).body.localHour).toBeNull();
    expect(await count("select count(*) as n from audit_log where action = 'settings.delivery'")).toBe(0);
  });

  it('a delivery hour inside the quiet hours is refused with the field named', async () => {
    const r = await call(h, 'PUT', '/api/hr/settings/delivery', { session: hr, body: { ...GOOD, localHour: 22 } });
    expect(r.status).toBe(400);
    expect(r.body.fields).toHaveProperty('localHour');
    expect(r.body.error).toContain('22:00');
  });

  it('good settings are saved and audited; employees may not change them', async () => {
    expect((await call(h, 'PUT', '/api/hr/settings/delivery', { session: employee, body: GOOD })).status).toBe(403);
    const r = await call(h, 'PUT', '/api/hr/settings/delivery', { session: hr, body: GOOD });
    expect(r.status).toBe(200);
    expect(r.body).toEqual(GOOD);
    expect((await call(h, 'GET', '/api/hr/settings/delivery', { session: hr })).body).toMatchObject(GOOD);
    expect(await count("select count(*) as n from audit_log where action = 'settings.delivery'")).toBe(1);
  });
});

describe('leave', () => {
  const leaveOf = async () =>
    await h.sql.row('select leave_from as "from", leave_until as until from employees where id = ?', heJun);

  it('set in the app: an end before the start is refused and changes nothing; a good one is saved and audited', async () => {
    const bad = await call(h, 'PUT', `/api/hr/people/${heJun}/leave`, {
      session: hr,
      body: { from: '2026-05-10', until: '2026-05-04' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('The leave ends before it starts. Nothing was changed.');
    expect(await leaveOf()).toEqual({ from: null, until: null });
    const good = await call(h, 'PUT', `/api/hr/people/${heJun}/leave`, {
      session: hr,
      body: { from: '2026-05-04', until: '2026-05-10' },
    });
    expect(good.status).toBe(200);
    expect(await leaveOf()).toEqual({ from: '2026-05-04', until: '2026-05-10' });
    expect(await count("select count(*) as n from audit_log where action = 'org.leave'")).toBe(1);
    expect((await call(h, 'PUT', `/api/hr/people/${heJun}/leave`, { session: employee, body: good })).status).toBe(403);
  });

  it('from the org CSV: leave that ends before it starts and an unknown time zone are per-row errors; nothing imported', async () => {
    const before = await count('select count(*) as n from employees');
    const header = 'email,name,unit,unit_kind,manager_email,roles,locale,timezone,title,is_head,leave_start,leave_end';
    const csv = [
      header,
      'ok.one@qingyun.example,Ok One,青云科技/总部/财务部,department,,,en,Europe/London,,,2026-06-01,2026-06-05',
      'bad.leave@qingyun.example,Bad Leave,青云科技/总部/财务部,department,,,en,Asia/Shanghai,,,2026-06-10,2026-06-01',
      'bad.zone@qingyun.example,Bad Zone,青云科技/总部/财务部,department,,,en,Asia/Beijing,,,,',
    ].join('\n');
    const r = await call(h, 'POST', '/api/hr/org/import', { session: hr, body: { csv } });
    expect(r.status).toBe(400);
    const problems = r.body.problems as { line: number; message: string }[];
    expect(problems.map((p) => p.line)).toEqual([3, 4]);
    expect(problems[0]!.message).toBe('Line 3: the leave ends (2026-06-01) before it starts (2026-06-10).');
    expect(problems[1]!.message).toContain('Asia/Beijing');
    expect(await count('select count(*) as n from employees')).toBe(before);

    const ok = await call(h, 'POST', '/api/hr/org/import', {
      session: hr,
      body: { csv: [header, csv.split('\n')[1]].join('\n') },
    });
    expect(ok.status).toBe(200);
    expect(
      await h.sql.row(
        'select leave_from as "from", leave_until as until, timezone from employees where email = \'ok.one@qingyun.example\'',
      ),
    ).toEqual({ from: '2026-06-01', until: '2026-06-05', timezone: 'Europe/London' });
  });
});

describe('launch', () => {
  it('tells HR who was left out for leave during the wave; they are not asked', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const later = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const unitId = Number(
      ((await h.sql.row('select unit_id as id from employees where id = ?', heJun)) as { id: number }).id,
    );
    await call(h, 'PUT', `/api/hr/people/${heJun}/leave`, { session: hr, body: { from: today, until: later } });
    const audience = await count('select count(*) as n from employees where unit_id = ? and active = true', unitId);
    const options = await call(h, 'GET', '/api/hr/launch-options', { session: hr });
    const templateId = (options.body.templates as { id: number }[])[0]!.id;
    const r = await call(h, 'POST', '/api/hr/waves', {
      session: hr,
      body: { templateId, audienceUnitId: unitId, days: 3 },
    });
    expect([r.status, r.body.code]).toEqual([200, undefined]);
    expect(r.body.delivery).toMatchObject({ onLeave: 1, notInTime: 0 });
    expect(r.body.asked).toBe(audience - 1);
    expect(
      await count(
        'select count(*) as n from survey_participation where wave_id = ? and employee_id = ?',
        r.body.waveId,
        heJun,
      ),
    ).toBe(0);
  });
});

describe('launch from chat', () => {
  it('the launch card says who was left out for leave', async () => {
    const sb = sandboxClient(h);
    const hrId = (await h.employeeByEmail('lin.xiaowen@qingyun.example'))!.id;
    const store = Number(
      (
        (await h.sql.row(
          "select id from employees where unit_id = (select id from org_units where name = '上海徐汇店') order by id",
        )) as { id: number }
      ).id,
    );
    const today = new Date().toISOString().slice(0, 10);
    const later = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await call(h, 'PUT', `/api/hr/people/${store}/leave`, { session: hr, body: { from: today, until: later } });
    await sb.send(hrId, '/survey launch 上海徐汇店 5');
    const text = textOf((await sb.lastBot(hrId)).html);
    expect(text).toContain('1 on leave during the survey were left out: not asked, not counted.');
  });
});
