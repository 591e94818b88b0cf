// Leaderboards by calendar period (issue 24): this week / month / quarter / year in the company's time zone,
// exact at the boundaries (Asia/Shanghai: 2026-03-31 23:30 is March and Q1, 2026-04-01 00:10 is April and
// Q2), in chat (/leaderboard, /points top) and the mini-app, for employees (their unit), managers (the units
// they lead) and HR (any unit).
import { describe, expect, it } from 'vitest';
import { useHarness, type Harness } from '../support/harness.js';
import { readsOf } from '../support/harness-reads.js';
import { command, lastCard, textOfCard } from '../support/cards.js';
import { call, sandboxSession } from '../web/client.js';
import { calendarBoard, type BoardPeriod } from '../../src/domain/points/boards.js';
import { allUnits } from '../../src/domain/org/units.js';
import { periodLabel } from '../../src/domain/points/periods.js';

let h: Harness;
useHarness((started) => (h = started));
const { id } = readsOf(() => h);
const SH = 'Asia/Shanghai';

const grant = async (who: number, points: number, at: string) =>
  await h.sql.run(
    "insert into ledger_entries (employee_id, kind, points, source, note, at) values (?, 'award', ?, 'test', null, ?)",
    who,
    points,
    new Date(at).toISOString(),
  );

describe('calendar periods at their boundaries, in the company time zone', () => {
  it('month, quarter and year boards split exactly at local midnight', async () => {
    const wei = await id('zhang.wei');
    const yang = await id('liu.yang');
    await grant(wei, 7, '2026-03-31T23:30:00+08:00'); // March, Q1
    await grant(yang, 11, '2026-04-01T00:10:00+08:00'); // April, Q2
    await grant(wei, 13, '2025-12-31T23:59:00+08:00'); // 2025
    await grant(yang, 17, '2026-01-01T00:00:00+08:00'); // 2026: the first instant of the year counts
    const units = await allUnits(h.app.db);
    const weiUnit = (await h.employeeByEmail('zhang.wei@qingyun.example'))!.unitId;
    const unit = units.find((u) => u.id === weiUnit);
    const board = async (period: BoardPeriod, now: string) =>
      (await calendarBoard(h.app.db, { units, unit, self: wei, period, now: new Date(now), timeZone: SH })).rows
        .filter((r) => r.employeeId === wei || r.employeeId === yang)
        .map((r) => [r.employeeId, r.points]);

    expect(await board('month', '2026-03-15T12:00:00+08:00')).toEqual([[wei, 7]]);
    expect(await board('month', '2026-04-30T23:59:00+08:00')).toEqual([[yang, 11]]);
    expect(await board('quarter', '2026-02-01T09:00:00+08:00')).toEqual([
      [yang, 17],
      [wei, 7],
    ]);
    expect(await board('quarter', '2026-06-30T23:00:00+08:00')).toEqual([[yang, 11]]);
    expect(await board('year', '2025-06-01T09:00:00+08:00')).toEqual([[wei, 13]]);
    expect(await board('year', '2026-12-31T23:59:00+08:00')).toEqual([
      [yang, 28],
      [wei, 7],
    ]);
    // In UTC the same grants fall differently: 2026-03-31 23:30 in Shanghai is still March there, but
    // 2026-04-01 00:10 in Shanghai is 16:10 on 31 March in UTC — March.
    const utc = (
      await calendarBoard(h.app.db, {
        units,
        unit,
        self: wei,
        period: 'month',
        now: new Date('2026-03-20T00:00:00Z'),
        timeZone: 'UTC',
      })
    ).rows.filter((r) => r.employeeId === wei || r.employeeId === yang);
    expect(utc.map((r) => [r.employeeId, r.points])).toEqual([
      [yang, 11],
      [wei, 7],
    ]);
  });
});

describe('who sees which board', () => {
  it('chat: /leaderboard shows this calendar period of the own unit; another unit is refused', async () => {
    const wei = await id('zhang.wei');
    const label = periodLabel(new Date(), 'quarter', h.app.config.defaultTimezone);
    await command(h, wei, 'leaderboard', '本季度');
    const card = await lastCard(h, wei);
    expect(card.header?.subtitle).toBe(`产品研发部 · 本季度（${label}）`);
    await command(h, wei, '排行榜', 'year 上海徐汇店');
    expect(textOfCard(await lastCard(h, wei))).toContain('「上海徐汇店」的积分排行榜不对你开放');
    // /points top is the same board.
    await command(h, wei, 'points', 'top quarter');
    expect((await lastCard(h, wei)).header?.subtitle).toBe(`产品研发部 · 本季度（${label}）`);
  });

  it('mini-app: an employee gets their unit only, a manager the units they lead, HR any unit', async () => {
    const wei = await sandboxSession(h, await id('zhang.wei'));
    const own = await call(h, 'GET', '/api/leaderboard?period=year', { session: wei });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ period: 'year', unit: { name: '产品研发部' } });
    expect((own.body.units as { name: string }[]).map((u) => u.name)).toEqual(['产品研发部']);
    expect(own.body.periodLabel).toMatch(/^本年（\d{4}）$/);
    const units = await allUnits(h.app.db);
    const store = units.find((u) => u.name === '上海徐汇店')!;
    const refused = await call(h, 'GET', `/api/leaderboard?unitId=${store.id}`, { session: wei });
    expect(refused.status).toBe(403);

    const storeHead = await sandboxSession(h, await id('liu.qiang'));
    const led = await call(h, 'GET', `/api/leaderboard?unitId=${store.id}&period=all`, { session: storeHead });
    expect(led.status).toBe(200);
    expect(led.body.periodLabel).toBe('全部');

    const hr = await sandboxSession(h, await id('lin.xiaowen'));
    const any = await call(h, 'GET', `/api/leaderboard?unitId=${store.id}&period=month`, { session: hr });
    expect(any.status).toBe(200);
    expect((any.body.units as unknown[]).length).toBe(units.length);
    // Rows are ranked, and the reader's own row is marked.
    const all = await call(h, 'GET', '/api/leaderboard?period=all', { session: hr });
    const rows = all.body.rows as { rank: number; points: number; me: boolean }[];
    expect(rows.map((r) => r.rank)).toEqual(rows.map((_, i) => i + 1));
    expect([...rows.map((r) => r.points)].sort((a, b) => b - a)).toEqual(rows.map((r) => r.points));
  });
});
