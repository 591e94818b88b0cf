// HR's report targets and the organisation's follow-up resolution, through the real server: the report shows
// each target met or not against its own figures; targets are set whole, bad input is refused with the field
// and changes nothing, a change is audited; only HR may read or set them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { answerAs, closeWaveNow } from '../browser/miniapp-support.js';
import { launchTo } from '../support/pulse.js';
import { call, sandboxSession, type Session } from './client.js';

let h: Harness;
let hr: Session;
let tom: Session;
let waveId: number;
let unitId: number;
const count = async (sql: string) => Number(((await h.sql.row(sql)) as { n: number }).n);

beforeAll(async () => {
  h = await startHarness();
  hr = await sandboxSession(h, (await h.employeeByEmail('lin.xiaowen@qingyun.example'))!.id);
  tom = await sandboxSession(h, (await h.employeeByEmail('tom.harris@qingyun.example'))!.id);
  const w = await launchTo(h.app.db, '深圳南山店', new Date(Date.now() - 60_000));
  waveId = w.wave.id;
  unitId = w.wave.audienceUnitId!;
  for (const p of w.people) await answerAs(h, waveId, p, w.values(5));
  await closeWaveNow(h, waveId);
  // Three follow-ups: two resolved (after 2 and 6 days), one still open.
  const owner = (await h.employeeByEmail('tom.harris@qingyun.example'))!.id;
  const ids: number[] = [];
  for (const title of ['Fix the rota', 'New fridge', 'Quiet room']) {
    const r = await call(h, 'POST', '/api/followups', {
      session: hr,
      body: { title, ownerId: owner, dueDate: '2099-01-01', waveId, unitId },
    });
    expect(r.status).toBe(200);
    ids.push((r.body.followUp as { id: number }).id);
  }
  for (const id of ids.slice(0, 2))
    expect(
      (await call(h, 'POST', `/api/followups/${id}/status`, { session: hr, body: { status: 'done' } })).status,
    ).toBe(200);
  // Creation moved back in time (the API stamps now): 2 and 6 days before each was resolved.
  for (const [i, days] of [
    [0, 2],
    [1, 6],
  ] as const) {
    const row = (await h.sql.row('select resolved_at as r from follow_ups where id = ?', ids[i])) as { r: string };
    expect(row.r).toBeTruthy();
    const created = new Date(Date.parse(row.r) - days * 86_400_000).toISOString();
    await h.sql.run('update follow_ups set created_at = ? where id = ?', created, ids[i]);
  }
});
afterAll(async () => h?.stop());

interface Status {
  key: string;
  target: number;
  actual: number | null;
  met: boolean | null;
}
async function report(): Promise<{ targets: Status[]; followUpResolution: Record<string, unknown> }> {
  const r = await call(h, 'GET', `/api/hr/report?waveId=${waveId}&unitId=${unitId}`, { session: hr });
  expect(r.status).toBe(200);
  return r.body.report as { targets: Status[]; followUpResolution: Record<string, unknown> };
}

describe('report targets and follow-up resolution', () => {
  it('the report shows the organisation’s resolution and each default target met or not', async () => {
    const r = await report();
    expect(r.followUpResolution).toEqual({ total: 3, resolved: 2, rate: 2 / 3, medianDays: 4 });
    expect(r.targets).toEqual([
      { key: 'participation', target: 0.8, actual: 1, met: true },
      { key: 'followUpsResolved', target: 0.7, actual: 2 / 3, met: false },
      { key: 'satisfaction', target: 4.5, actual: 5, met: true },
    ]);
  });

  it('reopening a follow-up clears its resolution time', async () => {
    const id = Number(((await h.sql.row("select id from follow_ups where title = 'New fridge'")) as { id: number }).id);
    expect(
      (await call(h, 'POST', `/api/followups/${id}/status`, { session: hr, body: { status: 'open' } })).status,
    ).toBe(200);
    expect(await h.sql.row('select resolved_at as r from follow_ups where id = ?', id)).toEqual({ r: null });
    expect((await report()).followUpResolution).toEqual({ total: 3, resolved: 1, rate: 1 / 3, medianDays: 2 });
  });

  it('bad targets are refused with the field and change nothing; good ones are saved whole and audited', async () => {
    const audits = () => count("select count(*) as n from audit_log where action = 'settings.report_targets'");
    const bad = await call(h, 'PUT', '/api/hr/report-targets', {
      session: hr,
      body: { participation: 80, followUpsResolved: 0.7, satisfaction: 4.5 },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields as object)).toEqual(['participation']);
    // Sharon reads zh-CN.
    expect(String(bad.body.error)).toContain('目标未保存');
    expect(await audits()).toBe(0);
    expect((await call(h, 'GET', '/api/hr/report-targets', { session: hr })).body).toEqual({
      participation: 0.8,
      followUpsResolved: 0.7,
      satisfaction: 4.5,
    });

    const good = await call(h, 'PUT', '/api/hr/report-targets', {
      session: hr,
      body: { participation: 0.9, followUpsResolved: 0.3, satisfaction: 4.8 },
    });
    expect(good.status).toBe(200);
    expect(await audits()).toBe(1);
    expect((await report()).targets.map((t) => [t.key, t.target, t.met])).toEqual([
      ['participation', 0.9, true],
      ['followUpsResolved', 0.3, true],
      ['satisfaction', 4.8, true],
    ]);
  });

  it('a manager can neither read nor set them', async () => {
    expect((await call(h, 'GET', '/api/hr/report-targets', { session: tom })).status).toBe(403);
    const r = await call(h, 'PUT', '/api/hr/report-targets', {
      session: tom,
      body: { participation: 0, followUpsResolved: 0, satisfaction: 1 },
    });
    expect(r.status).toBe(403);
    expect((await call(h, 'GET', '/api/hr/report-targets', { session: hr })).body).toMatchObject({
      participation: 0.9,
    });
  });
});
