// Turnover by unit (issue 25 §6) through the real server and the sandbox chat: the directory sync records who
// left and from where; HR sees leavers, moves and the rate per store at a level, a store over the threshold
// flagged, and beside it the latest closed wave's pulse exactly as the pulse report shows it (a store below
// K stays hidden here too); the threshold is validated and audited; nobody but HR sees any of it.
import { beforeAll, describe, expect, it } from 'vitest';
import { answerAs, closeWaveNow } from '../browser/miniapp-support.js';
import { useHarness, type Harness } from '../support/harness.js';
import { launchTo } from '../support/pulse.js';
import { sandboxClient, textOf } from '../support/sandbox-client.js';
import { call, sandboxSession, type Session } from './client.js';
import { applyDirectorySnapshot } from '../../src/domain/org/directory-sync.js';

let h: Harness;
useHarness((started) => (h = started));
let hr: Session;
let storesId: number;
const XUHUI = '上海徐汇店';
const XIHU = '杭州西湖店';
const NANSHAN = '深圳南山店';

interface Row {
  unit: { name: string };
  kind: string;
  flagged: boolean;
  headcountStart: number;
  headcountEnd: number;
  leavers: number;
  movedOut: number;
  movedIn: number;
  joined: number;
  annualRate: number | null;
  pulse: { hidden: true } | { hidden: false; responses: number; dims: Record<string, number> } | null;
}
const unitId = async (name: string) =>
  Number(((await h.sql.row('select id from org_units where name = ?', name)) as { id: number }).id);
const peopleIn = async (name: string) =>
  (
    (await h.sql.rows(
      'select e.id, e.email, e.name from employees e join org_units u on u.id = e.unit_id where u.name = ? and e.active order by e.id',
      name,
    )) as { id: number; email: string; name: string }[]
  ).map((r) => ({ ...r, id: Number(r.id) }));

async function turnover(query: string, session = hr) {
  return await call(h, 'GET', `/api/hr/turnover?${query}`, { session });
}

beforeAll(async () => {
  hr = await sandboxSession(h, (await h.employeeByEmail('lin.xiaowen@qingyun.example'))!.id);
  storesId = await unitId('门店');
  // A wave to the stores: everyone answers but three of Xuhui's six, so Xuhui is below K in the report.
  const opened = new Date(Date.now() - 2 * 86_400_000);
  const w = await launchTo(h.app.db, '门店', opened);
  const xuhui = new Set((await peopleIn(XUHUI)).slice(0, 3).map((p) => p.id));
  for (const p of w.people.filter((id) => !xuhui.has(id)))
    await answerAs(h, w.wave.id, p, w.values(4), new Date(opened.getTime() + 3_600_000));
  await closeWaveNow(h, w.wave.id);

  // The directory (Feishu) says two of Xihu's people have left.
  const xihu = await peopleIn(XIHU);
  const leaving = xihu.slice(-2);
  const report = await applyDirectorySnapshot(
    h.app.db,
    'feishu',
    {
      units: [
        { externalId: 'od-stores', name: '门店' },
        { externalId: 'od-xihu', parentExternalId: 'od-stores', name: XIHU },
      ],
      users: leaving.map((p) => ({
        externalUserId: `ou-${p.id}`,
        name: p.name,
        email: p.email,
        unitExternalIds: ['od-xihu'],
        active: false,
      })),
    },
    { kind: 'system' },
    '青云科技',
  );
  expect(report.peopleDeactivated.sort()).toEqual(leaving.map((p) => p.name).sort());
});

describe('turnover by unit', () => {
  it('the directory sync records each leaver once, with the unit they left from', async () => {
    const rows = (await h.sql.rows(
      'select d.source, u.name as unit from departures d join org_units u on u.id = d.unit_id order by d.id',
    )) as { source: string; unit: string }[];
    expect(rows).toEqual([
      { source: 'sync:feishu', unit: XIHU },
      { source: 'sync:feishu', unit: XIHU },
    ]);
  });

  it('HR sees leavers and the rate per store, the store over the threshold flagged, the pulse as its report shows it', async () => {
    const r = await turnover(`unitId=${storesId}&depth=1&days=90`);
    expect(r.status).toBe(200);
    const body = r.body as { rows: Row[]; total: Row; threshold: number; wave: { dimensions: unknown[] } | null };
    expect(body.threshold).toBe(0.3);
    const by = new Map(body.rows.map((row) => [row.unit.name, row]));
    expect([...by.keys()].sort()).toEqual([NANSHAN, XIHU, XUHUI].sort());
    const xihu = by.get(XIHU)!;
    expect(xihu).toMatchObject({ kind: 'store', leavers: 2, headcountEnd: 4, headcountStart: 6, flagged: true });
    expect(by.get(NANSHAN)).toMatchObject({ leavers: 0, headcountStart: 6, headcountEnd: 6, flagged: false });
    expect(body.total).toMatchObject({ leavers: 2, headcountStart: 18, headcountEnd: 16 });

    // The pulse beside each store is what the pulse report itself shows at that level: Xuhui (3 answers) hidden.
    const pulse = await call(h, 'GET', `/api/hr/report?unitId=${storesId}&depth=1`, { session: hr });
    const heat = (
      pulse.body.report as { heatmap: { unit: { name: string }; visible: boolean; responses: number | null }[] }
    ).heatmap;
    for (const cell of heat) {
      const row = by.get(cell.unit.name)!;
      expect(row.pulse?.hidden).toBe(!cell.visible);
      if (row.pulse && !row.pulse.hidden) expect(row.pulse.responses).toBe(cell.responses);
    }
    expect(by.get(XUHUI)!.pulse).toEqual({ hidden: true });
    // Publication also hides a sibling, so Xuhui cannot be had by subtraction; whatever is shown has all six.
    const shown = body.rows.filter((row) => row.pulse && !row.pulse.hidden);
    expect(shown.length).toBeGreaterThan(0);
    for (const row of shown) expect(row.pulse).toMatchObject({ hidden: false, responses: 6 });
    expect(body.wave?.dimensions.length).toBeGreaterThan(0);

    // Only stores, at the whole company's second level.
    const stores = (await turnover(`depth=2&kind=store`)).body as { rows: Row[] };
    expect(stores.rows.map((row) => row.unit.name).sort()).toEqual([NANSHAN, XIHU, XUHUI].sort());
  });

  it('the threshold is a yearly rate above 0 and at most 500%, refused otherwise, audited when set', async () => {
    for (const bad of [0, -0.1, 6, 'x'])
      expect(
        (await call(h, 'PUT', '/api/hr/turnover/threshold', { session: hr, body: { threshold: bad } })).status,
      ).toBe(400);
    expect(await h.sql.row("select count(*) as n from audit_log where action = 'settings.turnover_threshold'")).toEqual(
      {
        n: 0,
      },
    );
    const ok = await call(h, 'PUT', '/api/hr/turnover/threshold', { session: hr, body: { threshold: 3 } });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ threshold: 3 });
    expect(await h.sql.row("select count(*) as n from audit_log where action = 'settings.turnover_threshold'")).toEqual(
      {
        n: 1,
      },
    );
    // 2 of an average 5 over 90 days is about 162% a year: under 300%.
    const r = (await turnover(`unitId=${storesId}&depth=1&days=90`)).body as { rows: Row[] };
    expect(r.rows.find((row) => row.unit.name === XIHU)!.flagged).toBe(false);
    await call(h, 'PUT', '/api/hr/turnover/threshold', { session: hr, body: { threshold: 0.3 } });
  });

  it('nobody but HR sees turnover, in the app or in chat; a bad period or unit is refused', async () => {
    for (const email of ['tom.harris@qingyun.example', 'sun.li@qingyun.example', 'sophia.lee@qingyun.example']) {
      const s = await sandboxSession(h, (await h.employeeByEmail(email))!.id);
      expect((await turnover('days=90', s)).status).toBe(403);
      expect(
        (await call(h, 'PUT', '/api/hr/turnover/threshold', { session: s, body: { threshold: 0.5 } })).status,
      ).toBe(403);
    }
    expect((await turnover('days=0')).status).toBe(400);
    expect((await turnover('days=90&unitId=999999')).status).toBe(404);

    const sb = sandboxClient(h);
    const sun = (await h.employeeByEmail('sun.li@qingyun.example'))!.id;
    await sb.send(sun, '/report turnover');
    expect(textOf((await sb.lastBot(sun)).html)).toContain('只有 HR 可以查看人员流失');
  });

  it('/report turnover in chat: the stores at level 2, the flagged one named, Xuhui’s pulse not shown', async () => {
    const sb = sandboxClient(h);
    const lin = (await h.employeeByEmail('lin.xiaowen@qingyun.example'))!.id;
    await sb.send(lin, '/report turnover 90 层级=2 类型=门店');
    const text = textOf((await sb.lastBot(lin)).html);
    expect(text).toContain('人员流失 · 最近 90 天');
    expect(text).toMatch(/1 家门店年化流失率达到或超过 30%：杭州西湖店/);
    expect(text).toMatch(/杭州西湖店 · 4 人 · 离职 2 人/);
    expect(text).toContain('调研（');
    expect(text).toContain('不展示（人数低于匿名门槛）');
    await sb.send(lin, '/report turnover soon');
    expect(textOf((await sb.lastBot(lin)).html)).toContain('请以天数给出时间段');
  });

  it('someone the directory lists again is a join, not a move', async () => {
    const back = (await h.sql.row(
      'select e.id, e.email, e.name from employees e join departures d on d.employee_id = e.id order by d.id limit 1',
    )) as { id: number; email: string; name: string };
    await applyDirectorySnapshot(
      h.app.db,
      'feishu',
      {
        units: [
          { externalId: 'od-stores', name: '门店' },
          { externalId: 'od-xihu', parentExternalId: 'od-stores', name: XIHU },
        ],
        users: [
          {
            externalUserId: `ou-${back.id}`,
            name: back.name,
            email: back.email,
            unitExternalIds: ['od-xihu'],
            active: true,
          },
        ],
      },
      { kind: 'system' },
      '青云科技',
    );
    const r = (await turnover(`unitId=${storesId}&depth=1&days=90`)).body as { rows: Row[] };
    expect(r.rows.find((row) => row.unit.name === XIHU)).toMatchObject({ leavers: 2, joined: 1, headcountEnd: 5 });
  });
});
