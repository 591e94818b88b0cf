// Closing a wave from the mini-app API: HR only, once; it publishes the results the report then shows; bad
// requests get a clear answer and change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { call, sandboxSession, type Session } from './client.js';

let h: Harness;
let hr: Session;
let employee: Session;
let manager: Session;
const one = async <T>(sql: string, ...args: unknown[]) => (await h.sql.row(sql, ...args)) as T;

beforeAll(async () => {
  h = await startHarness();
  hr = await sandboxSession(h, (await h.employeeByEmail('lin.xiaowen@qingyun.example'))!.id);
  employee = await sandboxSession(h, (await h.employeeByEmail('guo.na@qingyun.example'))!.id);
  manager = await sandboxSession(h, (await h.employeeByEmail('liu.qiang@qingyun.example'))!.id);
});
afterAll(async () => h?.stop());

describe('POST /api/hr/waves/:id/close', () => {
  it('publishes the results once; employees and managers cannot; twice is a conflict; unknown is 404', async () => {
    const store = (await one<{ id: number }>("select id from org_units where name = '上海徐汇店'")).id;
    const templateId = (
      (await call(h, 'GET', '/api/hr/launch-options', { session: hr })).body.templates as { id: number }[]
    )[0]!.id;
    const launched = await call(h, 'POST', '/api/hr/waves', {
      session: hr,
      body: { templateId, audienceUnitId: store, days: 5 },
    });
    expect(launched.status).toBe(200);
    const wave = Number(launched.body.waveId);
    const items = (await h.sql.rows(
      'select id, kind from survey_items where template_id = ? order by position',
      templateId,
    )) as {
      id: number;
      kind: string;
    }[];
    const people = (await h.sql.rows(
      'select employee_id as id from survey_participation where wave_id = ? order by employee_id',
      wave,
    )) as {
      id: number;
    }[];
    for (const p of people) {
      const s = await sandboxSession(h, p.id);
      const values = Object.fromEntries(items.map((i) => [`i${i.id}`, i.kind === 'enps' ? '9' : '3']));
      expect((await call(h, 'POST', `/api/surveys/${wave}/answers`, { session: s, body: { values } })).status).toBe(
        200,
      );
    }
    expect((await call(h, 'GET', `/api/hr/report?waveId=${wave}`, { session: hr })).body.report).toMatchObject({
      status: 'open',
      dimensions: [],
    });

    for (const who of [employee, manager])
      expect((await call(h, 'POST', `/api/hr/waves/${wave}/close`, { session: who, body: {} })).status).toBe(403);
    // Without the CSRF header a signed-in HR's close is refused too.
    expect((await call(h, 'POST', `/api/hr/waves/${wave}/close`, { session: hr, body: {}, csrf: null })).status).toBe(
      403,
    );
    expect(
      (await one<{ c: string | null }>('select closed_at as c from survey_waves where id = ?', wave)).c,
    ).toBeNull();

    const closed = await call(h, 'POST', `/api/hr/waves/${wave}/close`, { session: hr, body: {} });
    expect(closed.status).toBe(200);
    const report = (await call(h, 'GET', `/api/hr/report?waveId=${wave}&unitId=${store}`, { session: hr })).body
      .report as { status: string; responses: number; dimensions: { avg: number }[] };
    expect(report.status).toBe('closed');
    expect(report.responses).toBe(people.length);
    expect(report.dimensions.map((d) => d.avg)).toEqual([3, 3, 3]);

    const twice = await call(h, 'POST', `/api/hr/waves/${wave}/close`, { session: hr, body: {} });
    expect(twice.status).toBe(409);
    expect(twice.body.error).toBe('该调研轮次已经关闭。'); // in Sharon's own language
    expect((await call(h, 'POST', '/api/hr/waves/99999/close', { session: hr, body: {} })).status).toBe(404);
    expect((await call(h, 'POST', '/api/hr/waves/abc/close', { session: hr, body: {} })).status).toBe(400);
    expect(
      (
        await one<{ n: number }>(
          "select count(*) as n from audit_log where action = 'survey.close' and subject = ?",
          String(wave),
        )
      ).n,
    ).toBe(1);
  });
});
