// Where value comes from (issue 25 §2) through the real server: approved claims summed per unit and value tag,
// with the value they say they created — money and hours saved, the hours in money at HR's hourly cost — on the
// page (GET /api/hr/value) and as the points export's `value` view (CSV and XLSX), HR only; a pending claim and
// a rejected one count for nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { actionOf, command, lastCard, press } from '../support/cards.js';
import { startHarness, type Harness } from '../support/harness.js';
import { readsOf } from '../support/harness-reads.js';
import { calendarDay } from '../../src/domain/surveys/calendar-day.js';
import { call, sandboxSession, type Session } from './client.js';

let h: Harness;
const s: Record<string, Session> = {};
const { id, tagId, latestRequest } = readsOf(() => h);
const today = () => calendarDay(new Date(), h.app.config.defaultTimezone);

async function claim(user: string, tag: string, amount: string, unit: string) {
  const who = await id(user);
  await command(h, who, 'claim');
  await press(h, who, actionOf(await lastCard(h, who), 'claim.submit'), {
    tag: String(await tagId(tag)),
    description: `${tag} — ${amount}`,
    amount,
    unit,
  });
  return await latestRequest();
}
async function decide(manager: string, request: number, action: 'approval.approve' | 'approval.reject') {
  const who = await id(manager);
  const card = await lastCard(h, who, `approval:${request}`);
  await press(h, who, actionOf(card, action), action === 'approval.reject' ? { reason: 'not this time' } : undefined);
}

beforeAll(async () => {
  h = await startHarness();
  for (const e of ['lin.xiaowen', 'tom.harris', 'zhang.wei']) s[e] = await sandboxSession(h, await id(e));
  // R&D (Li Ming's team): a cost saving in money and a process change in hours, both approved.
  await decide('li.ming', await claim('zhang.wei', '成本控制', '¥100000', 'cny'), 'approval.approve');
  await decide('li.ming', await claim('liu.yang', '流程优化', '12 hours', 'hours'), 'approval.approve');
  // One rejected and one still waiting: no value from either.
  await decide('li.ming', await claim('chen.jing', '流程优化', '40 hours', 'hours'), 'approval.reject');
  await claim('zhang.wei', '流程优化', '99 hours', 'hours');
});
afterAll(async () => h?.stop());

describe('where value comes from', () => {
  it('per unit and tag: points, money and hours of approved claims only', async () => {
    const r = await call(h, 'GET', `/api/hr/value?from=${today()}&to=${today()}`, { session: s['lin.xiaowen'] });
    expect(r.status).toBe(200);
    const t = r.body as { headers: string[]; rows: (string | number)[][]; pointsColumn: number };
    expect(t.headers).toEqual(['组织', '人数', '成本控制', '流程优化', '获得积分', '创造价值（元）', '节省工时']);
    expect(t.pointsColumn).toBe(4);
    expect(t.rows).toHaveLength(1);
    const [unit, people, cost, process, points, cny, hours] = t.rows[0]!;
    expect(unit).toBe('青云科技/总部/产品研发部');
    expect(people).toBe(2);
    expect(Number(cost)).toBeGreaterThan(0);
    expect(Number(process)).toBeGreaterThan(0);
    expect(points).toBe(Number(cost) + Number(process));
    expect(cny).toBe(100000);
    expect(hours).toBe(12);
  });

  it('with an hourly cost the hours are also money; the export has the same table, audited', async () => {
    expect(
      (await call(h, 'PUT', '/api/hr/settings/hourly-cost', { session: s['lin.xiaowen'], body: { hourlyCost: 50 } }))
        .status,
    ).toBe(200);
    const r = await call(h, 'GET', `/api/hr/value?from=${today()}&to=${today()}`, { session: s['lin.xiaowen'] });
    const t = r.body as { headers: string[]; rows: (string | number)[][]; pointsColumn: number };
    expect(t.headers.at(-1)).toBe('节省工时折合（元，按 50 元/小时）');
    expect(t.rows[0]!.at(-1)).toBe(600);
    expect(t.pointsColumn).toBe(4);

    const res = await fetch(`${h.url}/api/exports/points?from=${today()}&to=${today()}&view=value&format=xlsx`, {
      headers: { cookie: s['lin.xiaowen']!.cookie },
    });
    expect(res.status).toBe(200);
    const book = new ExcelJS.Workbook();
    // exceljs reads an ArrayBuffer (its own Buffer type is one).
    await book.xlsx.load(await res.arrayBuffer());
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('价值来源');
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(t.headers);
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual(t.rows[0]);
    expect(
      await h.sql.row(
        "select count(*) as n from audit_log where action = 'report.export' and subject like 'points:value:%'",
      ),
    ).toEqual({ n: 1 });
  });

  it('is HR’s: a manager and an employee are refused; a reversed period is a message at the field', async () => {
    for (const who of ['tom.harris', 'zhang.wei'])
      expect((await call(h, 'GET', `/api/hr/value?from=${today()}&to=${today()}`, { session: s[who] })).status).toBe(
        403,
      );
    const reversed = await call(h, 'GET', '/api/hr/value?from=2026-03-05&to=2026-03-01', { session: s['lin.xiaowen'] });
    expect(reversed.status).toBe(400);
    expect(reversed.body.fields).toEqual({ to: expect.stringContaining('早于') });
  });
});
