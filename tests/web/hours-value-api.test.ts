// Value conversion (issue 25 §2): HR sets an hourly cost (audited; an impossible one refused, nothing written),
// and a claim of hours saved shows the money beside what was entered — on the approver's page in the mini-app
// and on their chat card. On SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { call, sandboxSession, type Session } from './client.js';

let h: Harness;
let hr: Session;
let sophia: Session;
let manager: Session;
beforeAll(async () => {
  h = await startHarness();
  hr = await sandboxSession(h, (await h.employeeByEmail('lin.xiaowen@qingyun.example'))!.id);
  sophia = await sandboxSession(h, (await h.employeeByEmail('sophia.lee@qingyun.example'))!.id);
  // Tom Harris (English) manages Sophia.
  manager = await sandboxSession(h, (await h.employeeByEmail('tom.harris@qingyun.example'))!.id);
});
afterAll(async () => h?.stop());

const tagId = async () =>
  String(((await h.sql.row('select id from value_tags where name_zh = ?', '流程优化')) as { id: number }).id);
const claim = async (amount: string) =>
  (
    await call(h, 'POST', '/api/claims', {
      session: sophia,
      body: { tag: await tagId(), description: 'Automated the stock count', amount, unit: 'hours', note: '' },
    })
  ).body.id as number;
const fieldsSeenBy = async (s: Session, rid: number) =>
  (
    (await call(h, 'GET', `/api/requests/${rid}`, { session: s })).body.request as {
      fields: { label: string; value: string }[];
    }
  ).fields;

describe('hours saved in money', () => {
  it('shows nothing extra while HR has set no hourly cost', async () => {
    const rid = await claim('1000');
    expect((await fieldsSeenBy(manager, rid)).map((f) => f.label)).not.toContain('Hours saved in money');
  });

  it('refuses an impossible hourly cost and writes nothing', async () => {
    const audits = Number(((await h.sql.row('select count(*) as n from audit_log')) as { n: unknown }).n);
    for (const hourlyCost of [0, -50, 12.345, 100_001]) {
      const r = await call(h, 'PUT', '/api/hr/settings/hourly-cost', { session: hr, body: { hourlyCost } });
      expect(r.status, String(hourlyCost)).toBe(400);
      expect(Object.keys(r.body.fields as object)).toEqual(['hourlyCost']);
    }
    expect((await call(h, 'GET', '/api/hr/settings/hourly-cost', { session: hr })).body.hourlyCost).toBeNull();
    expect(Number(((await h.sql.row('select count(*) as n from audit_log')) as { n: unknown }).n)).toBe(audits);
    expect(
      (await call(h, 'PUT', '/api/hr/settings/hourly-cost', { session: sophia, body: { hourlyCost: 1 } })).status,
    ).toBe(403);
  });

  it('converts at the rate HR set, audited, on the approver’s page and card', async () => {
    const set = await call(h, 'PUT', '/api/hr/settings/hourly-cost', { session: hr, body: { hourlyCost: 50 } });
    expect(set.status).toBe(200);
    const audit = (await h.sql.row(
      'select detail from audit_log where action = ? order by id desc',
      'settings.hourly_cost',
    )) as { detail: string };
    expect(JSON.parse(audit.detail)).toEqual({ from: null, to: 50 });

    const rid = await claim('1,000 hours');
    expect(await fieldsSeenBy(manager, rid)).toContainEqual({
      label: 'Hours saved in money',
      value: '1,000 hours × ¥50 = ¥50,000',
    });
    // Beside what was entered, which stays as typed.
    expect(await fieldsSeenBy(manager, rid)).toContainEqual({ label: 'Value created', value: '1,000 hours' });
    await h.drainOutbox();
    const card = (await h.outbox()).find((o) => o.cardKey === `approval:${rid}` && o.message.includes('¥50,000'));
    expect(card?.message).toContain('1,000 hours × ¥50 = ¥50,000');
    // A claim without hours shows no conversion.
    const money = (
      await call(h, 'POST', '/api/claims', {
        session: sophia,
        body: { tag: await tagId(), description: 'Cheaper supplier', amount: '¥3000', unit: 'cny', note: '' },
      })
    ).body.id as number;
    expect((await fieldsSeenBy(manager, money)).map((f) => f.label)).not.toContain('Hours saved in money');
  });
});
