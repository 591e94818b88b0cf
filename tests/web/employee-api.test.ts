// Employee requests through the mini-app API: a redemption holds the points (refused over the balance),
// a transfer is validated at the field and starts its flow; home lists them; survey answers are checked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { sandboxClient } from '../support/sandbox-client.js';
import { call, sandboxSession, type Session } from './client.js';

let h: Harness;
let ye: Session;
let yeId: number;
const one = async (sql: string, ...p: unknown[]) => await h.sql.row(sql, ...p);

beforeAll(async () => {
  h = await startHarness();
  yeId = (await h.employeeByEmail('ye.qing@qingyun.example'))!.id;
  ye = await sandboxSession(h, yeId);
});
afterAll(async () => h?.stop());

describe('rewards and transfers', () => {
  it('refuses a redemption over the balance (409, nothing held), then holds the points for one within it', async () => {
    const info = await call(h, 'GET', '/api/points', { session: ye });
    const rewards = info.body.rewards as { id: number; cost: number }[];
    const cheapest = rewards[0]!;
    const over = await call(h, 'POST', '/api/redemptions', { session: ye, body: { rewardId: cheapest.id } });
    expect(over.status).toBe(409);
    // Ye Qing's language is zh-CN: messages come in it, whatever the browser says.
    expect(over.body.error).toBe(`该奖励需要 ${cheapest.cost} 积分，你的余额为 0。`);
    expect(await one('select count(*) as n from approval_requests where applicant_id = ?', yeId)).toEqual({ n: 0 });
    await h.sql.run(
      "insert into ledger_entries (employee_id, kind, points, source) values (?, 'award', ?, 'test:seed')",
      yeId,
      cheapest.cost,
    );
    const ok = await call(h, 'POST', '/api/redemptions', { session: ye, body: { rewardId: cheapest.id } });
    expect(ok.status).toBe(200);
    expect(await one('select sum(points) as p from ledger_entries where employee_id = ?', yeId)).toEqual({ p: 0 });
    expect((await call(h, 'POST', '/api/redemptions', { session: ye, body: { rewardId: 99999 } })).status).toBe(404);
  });

  it('checks a transfer at the fields, then starts the transfer flow; home lists my requests', async () => {
    const own = (await h.employeeByEmail('ye.qing@qingyun.example'))!.unitId!;
    const same = await call(h, 'POST', '/api/transfers', { session: ye, body: { toUnitId: own, reason: '' } });
    expect(same.status).toBe(400);
    expect(Object.keys(same.body.fields as object).sort()).toEqual(['reason', 'toUnitId']);
    const target = (await one("select id from org_units where name = '杭州西湖店'")) as { id: number };
    const ok = await call(h, 'POST', '/api/transfers', {
      session: ye,
      body: { toUnitId: target.id, reason: '搬家到杭州' },
    });
    expect(ok.status).toBe(200);
    const home = await call(h, 'GET', '/api/home', { session: ye });
    const kinds = (home.body.mine as { kind: string; status: string }[]).map((r) => [r.kind, r.status]);
    expect(kinds).toEqual(
      expect.arrayContaining([
        ['transfer', 'pending'],
        ['redemption', 'pending'],
      ]),
    );
    // Nobody moves before the whole flow approves.
    expect((await h.employeeByEmail('ye.qing@qingyun.example'))!.unitId).toBe(own);
  });
});

describe('surveys', () => {
  it('answers 403 to someone not asked, 400 at the fields for bad answers, 409 for a second answer', async () => {
    const hr = (await h.employeeByEmail('lin.xiaowen@qingyun.example'))!.id;
    await sandboxClient(h).send(hr, '/survey launch 深圳南山店 5');
    const wave = (await one('select id from survey_waves order by id desc')) as { id: number };
    const outsider = await sandboxSession(h, (await h.employeeByEmail('he.jun@qingyun.example'))!.id);
    expect((await call(h, 'GET', `/api/surveys/${wave.id}`, { session: outsider })).status).toBe(403);
    const form = (await call(h, 'GET', `/api/surveys/${wave.id}`, { session: ye })).body.form as {
      sections: { items: { field: string }[] }[];
      enps: { field: string };
    };
    const fields = [...form.sections.flatMap((s) => s.items.map((i) => i.field)), form.enps.field];
    const bad = await call(h, 'POST', `/api/surveys/${wave.id}/answers`, {
      session: ye,
      body: { values: { [fields[0]!]: '9' } },
    });
    expect(bad.status).toBe(400);
    expect((bad.body.fields as Record<string, string>)[fields[0]!]).toBe('这个答案不在量表范围内。');
    expect((bad.body.fields as Record<string, string>)[fields[1]!]).toBe('请选择一个答案。');
    const values = Object.fromEntries(fields.map((f) => [f, '3']));
    expect((await call(h, 'POST', `/api/surveys/${wave.id}/answers`, { session: ye, body: { values } })).status).toBe(
      200,
    );
    const again = await call(h, 'POST', `/api/surveys/${wave.id}/answers`, { session: ye, body: { values } });
    expect(again.status).toBe(409);
    // Sealed in the pool until the wave closes.
    expect(await one('select count(*) as n from survey_pool where wave_id = ?', wave.id)).toEqual({ n: 1 });
    expect(await one('select count(*) as n from survey_responses where wave_id = ?', wave.id)).toEqual({ n: 0 });
  });
});

describe('invalid requests', () => {
  it("name each bad field in the viewer's language, never in zod's English", async () => {
    // Ye Qing reads Chinese: a wrongly typed redemption and transfer come back in Chinese at their fields.
    const reward = await call(h, 'POST', '/api/redemptions', { session: ye, body: { rewardId: 'the cheap one' } });
    expect(reward.status).toBe(400);
    expect(reward.body).toEqual({
      error: '有些回答需要再检查一下。',
      code: 'invalid',
      fields: { rewardId: '请输入整数。' },
    });
    const transfer = await call(h, 'POST', '/api/transfers', { session: ye, body: { reason: 'x'.repeat(501) } });
    expect(transfer.body.fields).toEqual({ toUnitId: '必填。', reason: '最多 500 个字符。' });
  });
});
