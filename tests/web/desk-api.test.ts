// HR's desk and the manager's desk (issue 23 item 2) against seeded data: each block's counts are the ones
// the existing pages give (the wave page, the team report, the approvals inbox, the follow-ups), an
// employee is refused both desks, a manager sees only their subtree, and a subtree group below K shows no
// figures and says why.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { surveySealKey } from '../../src/db/seal-key.js';
import { seedDesk, type DeskSeed } from '../support/desk-seed.js';
import { closeNow, launchTo } from '../support/pulse.js';
import { call, sandboxSession, type Session } from './client.js';

interface Desk {
  scope: string;
  units: { id: number; name: string }[];
  openWaves: {
    id: number;
    participation: { asked: number; answered: number; rate: number };
    units: { unitId: number; name: string; depth: number; asked: number; answered: number; belowK: boolean }[];
  }[];
  requests: { overdueHours: number; flows: { flowKey: string; name: string; open: number; overdue: number }[] };
  followUps: { open: number; due: number; overdue: number; items: { title: string; overdue: boolean; unit: string }[] };
  headlines: {
    waveId: number;
    unit: { id: number; name: string };
    visible: boolean;
    hidden: string | null;
    responses: number | null;
    participation: { asked: number; answered: number };
    dimensions: { key: string; avg: number; previousAvg: number | null }[];
    lowest: { text: string; avg: number }[];
  }[];
}

let h: Harness;
let seed: DeskSeed;
let hr: Session;
let liMing: Session;
let tom: Session;
let employee: Session;

beforeAll(async () => {
  h = await startHarness();
  seed = await seedDesk(h);
  hr = await sandboxSession(h, seed.people.hr);
  liMing = await sandboxSession(h, seed.people.liMing);
  tom = await sandboxSession(h, seed.people.tom);
  employee = await sandboxSession(h, seed.people.employee);
});
afterAll(async () => h?.stop());

const get = async (s: Session, path: string) => {
  const r = await call(h, 'GET', path, { session: s });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
};
const desk = async (s: Session, path: string) => (await get(s, path)) as unknown as Desk;

describe('access', () => {
  it('an employee gets 403 from both desks; a manager from HR’s', async () => {
    for (const path of ['/api/hr/desk', '/api/team/desk'])
      expect((await call(h, 'GET', path, { session: employee })).status).toBe(403);
    expect((await call(h, 'GET', '/api/hr/desk', { session: liMing })).status).toBe(403);
    // Employees keep their home.
    expect((await call(h, 'GET', '/api/home', { session: employee })).status).toBe(200);
  });
});

describe('HR’s desk', () => {
  it('open waves: participation overall and by unit, the wave page’s counts', async () => {
    const d = await desk(hr, '/api/hr/desk');
    expect(d.scope).toBe('organisation');
    expect(d.units.map((u) => u.id)).toEqual([seed.units.root]);
    expect(d.openWaves.map((w) => w.id)).toEqual([seed.open]);
    const page = await get(hr, `/api/hr/waves/${seed.open}`);
    const w = d.openWaves[0]!;
    expect(w.participation).toEqual(page.participation);
    expect(w.participation).toMatchObject({ asked: 39, answered: 7 });
    expect(w.units).toEqual(page.units);
    expect(w.units.find((u) => u.unitId === seed.units.rd)).toMatchObject({ asked: 8, answered: 5, belowK: false });
  });

  it('requests waiting and overdue by flow, as the turnaround report counts them', async () => {
    const d = await desk(hr, '/api/hr/desk');
    const turnaround = (await get(hr, '/api/hr/turnaround?days=365')) as {
      flows: { flowKey: string; open: number; overdue: number }[];
    };
    expect(d.requests.flows).toEqual([{ flowKey: 'point-claim', name: '积分申请', open: 3, overdue: 2 }]);
    const claims = turnaround.flows.find((f) => f.flowKey === 'point-claim')!;
    expect({ open: claims.open, overdue: claims.overdue }).toEqual({ open: 3, overdue: 2 });
  });

  it('follow-ups: open, due within a week and overdue, the overdue first', async () => {
    const d = await desk(hr, '/api/hr/desk');
    expect(d.followUps).toMatchObject({ open: 4, due: 3, overdue: 1 });
    expect(d.followUps.items.map((f) => [f.title, f.overdue])).toEqual([
      ['Fix the on-call rota', true],
      ['Store weekend rota', false],
      ['Team lunch with the new hires', false],
    ]);
  });

  it('the last closed wave’s headline is the report’s: averages, the previous wave’s, the lowest items', async () => {
    const d = await desk(hr, '/api/hr/desk');
    expect(d.headlines).toHaveLength(1);
    const head = d.headlines[0]!;
    const report = ((await get(hr, `/api/hr/report?waveId=${seed.closed[1]}`)) as { report: Record<string, unknown> })
      .report as { dimensions: { key: string; avg: number; previousAvg: number | null }[]; lowest: unknown[] };
    expect(head).toMatchObject({ waveId: seed.closed[1], visible: true, hidden: null, responses: 22 });
    const figures = (x: { key: string; avg: number; previousAvg: number | null }) => [x.key, x.avg, x.previousAvg];
    expect(head.dimensions.map(figures)).toEqual(report.dimensions.map(figures));
    expect(head.lowest).toEqual(report.lowest);
    expect(head.dimensions.every((x) => x.previousAvg === 3)).toBe(true);
    expect(head.lowest.every((i) => i.avg === 3)).toBe(true);
  });
});

describe('the manager’s desk', () => {
  it('Li Ming: only R&D — its participation, the requests waiting on him, its follow-ups, its headline with figures', async () => {
    const d = await desk(liMing, '/api/team/desk');
    expect(d.scope).toBe('subtree');
    expect(d.units.map((u) => u.id)).toEqual([seed.units.rd]);
    const w = d.openWaves[0]!;
    expect(w.units.map((u) => u.unitId)).toEqual([seed.units.rd]);
    expect(w.units[0]).toMatchObject({ depth: 0, asked: 8, answered: 5 });
    const team = (await get(liMing, `/api/team/pulse?waveId=${seed.open}&unitId=${seed.units.rd}`)) as {
      report: { participation: unknown };
    };
    expect(w.participation).toEqual(team.report.participation);

    const inbox = (await get(liMing, '/api/approvals?tab=waiting')) as { counts: { waiting: number } };
    expect(d.requests.flows).toEqual([
      { flowKey: 'point-claim', name: '积分申请', open: inbox.counts.waiting, overdue: 1 },
    ]);
    expect(inbox.counts.waiting).toBe(2);

    expect(d.followUps).toMatchObject({ open: 3, due: 2, overdue: 1 });
    expect(d.followUps.items.every((f) => f.unit === '产品研发部')).toBe(true);

    expect(d.headlines).toHaveLength(1);
    const head = d.headlines[0]!;
    expect(head).toMatchObject({ unit: { id: seed.units.rd }, visible: true, hidden: null, responses: 8 });
    const report = (await get(liMing, `/api/team/pulse?waveId=${seed.closed[1]}&unitId=${seed.units.rd}`)) as {
      report: { dimensions: { key: string; avg: number }[] };
    };
    expect(head.dimensions.map((x) => [x.key, x.avg])).toEqual(report.report.dimensions.map((x) => [x.key, x.avg]));
  });

  it('Tom Harris: his store answered 3 of 6, below K — no figures, the reason; nothing of R&D', async () => {
    const d = await desk(tom, '/api/team/desk');
    expect(d.units.map((u) => u.id)).toEqual([seed.units.shenzhen]);
    expect(d.openWaves[0]!.units.map((u) => [u.unitId, u.asked, u.answered])).toEqual([[seed.units.shenzhen, 6, 2]]);
    expect(d.requests.flows).toEqual([{ flowKey: 'point-claim', name: 'Point claim', open: 1, overdue: 1 }]);
    expect(d.followUps.items.map((f) => f.title)).toEqual(['Store weekend rota']);
    const head = d.headlines[0]!;
    expect(head).toMatchObject({
      unit: { id: seed.units.shenzhen },
      visible: false,
      hidden: 'too_few',
      responses: null,
      participation: { asked: 6, answered: 3 },
      dimensions: [],
      lowest: [],
    });
    expect(JSON.stringify(d)).not.toContain('产品研发部');
  });

  it('a later wave to the stores only: Tom’s headline is that wave, Li Ming keeps R&D’s last closed wave', async () => {
    const { wave } = await launchTo(h.app.db, '门店', new Date(Date.now() - 5 * 86_400_000));
    await closeNow(h.app.db, wave.id, surveySealKey(h.app.config), new Date(Date.now() - 4 * 86_400_000));
    expect((await desk(hr, '/api/hr/desk')).headlines.map((x) => x.waveId)).toEqual([wave.id]);
    expect((await desk(tom, '/api/team/desk')).headlines.map((x) => [x.waveId, x.hidden])).toEqual([
      [wave.id, 'too_few'],
    ]);
    expect((await desk(liMing, '/api/team/desk')).headlines.map((x) => [x.waveId, x.unit.id])).toEqual([
      [seed.closed[1], seed.units.rd],
    ]);
  });
});
