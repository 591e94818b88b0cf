// Retention settings in the mini-app API: HR reads and sets them; a zero, negative, fractional, out-of-range
// or unknown value is refused at its field and changes nothing; employees cannot.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { call, sandboxSession, type Session } from './client.js';

let h: Harness;
let hr: Session;
let employee: Session;
beforeAll(async () => {
  h = await startHarness();
  hr = await sandboxSession(h, (await h.employeeByEmail('lin.xiaowen@qingyun.example'))!.id);
  employee = await sandboxSession(h, (await h.employeeByEmail('guo.na@qingyun.example'))!.id);
});
afterAll(async () => h?.stop());

describe('/api/hr/settings/retention', () => {
  it('reads the defaults, refuses bad values at their field, saves good ones, audited', async () => {
    const before = await call(h, 'GET', '/api/hr/settings/retention', { session: hr });
    expect(before.body.retention).toEqual({
      outboxDays: 30,
      exportHours: 24,
      inboundDays: 7,
      sessionDays: 30,
      auditDays: 730,
      raterCommentDays: 365,
    });
    for (const [body, field] of [
      [{ outboxDays: 0 }, 'outboxDays'],
      [{ auditDays: -1 }, 'auditDays'],
      [{ inboundDays: 2.5 }, 'inboundDays'],
      [{ auditDays: 29 }, 'auditDays'],
      [{ colour: 3 }, 'colour'],
    ] as const) {
      const r = await call(h, 'PUT', '/api/hr/settings/retention', { session: hr, body });
      expect(r.status).toBe(400);
      expect(Object.keys(r.body.fields as object)).toEqual([field]);
    }
    // One bad value among good ones: nothing saved.
    expect(
      (await call(h, 'PUT', '/api/hr/settings/retention', { session: hr, body: { outboxDays: 10, sessionDays: 0 } }))
        .status,
    ).toBe(400);
    expect((await call(h, 'GET', '/api/hr/settings/retention', { session: hr })).body.retention).toEqual(
      before.body.retention,
    );
    expect(
      (await call(h, 'PUT', '/api/hr/settings/retention', { session: employee, body: { outboxDays: 10 } })).status,
    ).toBe(403);
    const ok = await call(h, 'PUT', '/api/hr/settings/retention', {
      session: hr,
      body: { outboxDays: 10, auditDays: 365 },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.retention).toMatchObject({ outboxDays: 10, auditDays: 365, inboundDays: 7 });
    expect(await h.sql.row("select count(*) as n from audit_log where action = 'settings.retention'")).toEqual({
      n: 1,
    });
  });
});
