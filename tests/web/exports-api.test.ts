// Issue 23 item 4 through the API: each report's export (pulse, points ledger and its distributions,
// ratings, turnaround) as CSV and XLSX, headers in the requester's language; the report's access rules (HR;
// for ratings a manager sees only their reports, an employee nothing); an audit row per export; an empty
// period, an unknown format and a period ending before it starts refused with a message and no audit row.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/connection.js';
import { surveySealKey } from '../../src/db/seal-key.js';
import { calendarDay } from '../../src/domain/surveys/calendar-day.js';
import { submitAnswers } from '../../src/domain/surveys/waves.js';
import { actionOf, command, lastCard, press } from '../support/cards.js';
import { startHarness, type Harness } from '../support/harness.js';
import { readsOf } from '../support/harness-reads.js';
import { closeNow, launchTo } from '../support/pulse.js';
import { call, sandboxSession, type Session } from './client.js';

let h: Harness;
const s: Record<string, Session> = {};
const { id, tagId, latestRequest } = readsOf(() => h);
const exports = async () =>
  await h.sql.rows<{ subject: string; detail: string; actor: number }>(
    "select subject, detail, actor_employee_id as actor from audit_log where action in ('report.export', 'survey.report.export') order by id",
  );

/** The file as the browser would get it: status, type, disposition and body. */
async function download(who: string, path: string) {
  const res = await fetch(`${h.url}/api${path}`, { headers: { cookie: s[who]!.cookie } });
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    disposition: res.headers.get('content-disposition') ?? '',
    bytes: Buffer.from(await res.arrayBuffer()),
  };
}

const csvLines = (bytes: Buffer) => bytes.toString('utf8').split('\r\n');

async function xlsxRows(bytes: Buffer): Promise<unknown[][]> {
  const book = new ExcelJS.Workbook();
  // exceljs's own Buffer type is an ArrayBuffer.
  await book.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
  const rows: unknown[][] = [];
  book.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  return rows;
}

const today = () => calendarDay(new Date(), h.app.config.defaultTimezone);
let cycleId: number;
let waveId: number;

beforeAll(async () => {
  h = await startHarness();
  for (const e of ['lin.xiaowen', 'tom.harris', 'wang.fang', 'sophia.lee', 'olivia.brown'])
    s[e] = await sandboxSession(h, await id(e));
  // Points: one claim approved by the manager (an award with its tag), one still waiting (no entry).
  const wei = await id('zhang.wei');
  for (const tag of ['流程优化', '流程优化']) {
    await command(h, wei, 'claim');
    await press(h, wei, actionOf(await lastCard(h, wei), 'claim.submit'), {
      tag: String(await tagId(tag)),
      description: '=cmd|calc — renegotiated, the "produce" contract',
      amount: '15%',
      unit: 'percent',
    });
  }
  const first = (await latestRequest()) - 1;
  await press(
    h,
    await id('li.ming'),
    actionOf(await lastCard(h, await id('li.ming'), `approval:${first}`), 'approval.approve'),
  );
  // Ratings: a cycle over the Shenzhen store; its manager rates one of his people.
  const store = ((await h.sql.row("select id from org_units where name = '深圳南山店'")) as { id: number }).id;
  cycleId = (
    await call(h, 'POST', '/api/hr/ratings/cycles', {
      session: s['lin.xiaowen'],
      body: { scheme: 'team', unitId: store, days: 7 },
    })
  ).body.id as number;
  const sophia = await id('sophia.lee');
  await call(h, 'POST', `/api/team/ratings/${cycleId}`, {
    session: s['tom.harris'],
    body: { [`r_${sophia}_attitude`]: '2', [`r_${sophia}_collaboration`]: '4' },
  });
  // Pulse: R&D, five of eight answer (K = 5), closed.
  const db = h.app.db;
  const launched = await launchTo(db, '产品研发部', new Date());
  waveId = launched.wave.id;
  for (const p of launched.people.slice(0, 5)) {
    const r = await inTransaction(
      db,
      async () =>
        await submitAnswers(db, surveySealKey(h.app.config), {
          waveId,
          employeeId: p,
          values: launched.values(4),
          now: new Date(),
        }),
    );
    if (!r.ok) throw new Error(r.code);
  }
  await closeNow(db, waveId, surveySealKey(h.app.config));
});
afterAll(async () => h?.stop());

describe('points', () => {
  it('the ledger as CSV: BOM, CRLF, zh-CN headers for a zh-CN HR, a claim’s tag, a formula-like note guarded', async () => {
    const before = (await exports()).length;
    const f = await download('lin.xiaowen', `/exports/points?from=${today()}&to=${today()}&format=csv`);
    expect(f.status).toBe(200);
    expect(f.type).toBe('text/csv; charset=utf-8');
    expect(f.disposition).toContain(`filename="points-ledger-${today()}-${today()}.csv"`);
    expect([...f.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csvLines(f.bytes);
    expect(lines[0]).toBe('\uFEFF日期,员工,邮箱,组织,类型,积分,价值标签,来源,备注');
    expect(lines).toHaveLength(3); // header, one award, and the empty string after the last CRLF
    expect(lines[1]).toContain(',奖励,120,流程优化,request:');
    expect(lines[1]).toContain(`,"'=cmd|calc — renegotiated, the ""produce"" contract"`);
    const audits = (await exports()).slice(before);
    expect(audits).toEqual([
      {
        subject: `points:ledger:${today()}..${today()}`,
        detail: JSON.stringify({ format: 'csv' }),
        actor: await id('lin.xiaowen'),
      },
    ]);
  });

  it('by unit and by tag as XLSX, parsed back with exceljs', async () => {
    const units = await download('lin.xiaowen', `/exports/points?from=${today()}&to=${today()}&view=units&format=xlsx`);
    expect(units.status).toBe(200);
    expect(units.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(await xlsxRows(units.bytes)).toEqual([
      ['组织', '人数', '条目数', '获得积分', '兑换积分'],
      ['青云科技/总部/产品研发部', 1, 1, 120, 0],
    ]);
    const tags = await download('lin.xiaowen', `/exports/points?from=${today()}&to=${today()}&view=tags&format=xlsx`);
    expect(await xlsxRows(tags.bytes)).toEqual([
      ['价值标签', '类别', '已通过的申报', '人数', '获得积分'],
      ['流程优化', '效率', 1, 1, 120],
    ]);
  });

  it('an empty period is a message, not a file; a reversed period and an unknown format are 400; nothing audited', async () => {
    const before = (await exports()).length;
    const empty = await call(h, 'GET', '/api/exports/points?from=2020-01-01&to=2020-01-31&format=csv', {
      session: s['lin.xiaowen'],
    });
    expect(empty.status).toBe(404);
    expect(empty.body).toMatchObject({
      code: 'empty',
      error: '2020-01-01 至 2020-01-31 期间没有积分记录：没有可导出的内容。',
    });
    const reversed = await call(h, 'GET', '/api/exports/points?from=2026-03-05&to=2026-03-01&format=csv', {
      session: s['lin.xiaowen'],
    });
    expect(reversed.status).toBe(400);
    expect(reversed.body.error).toContain('结束日期（2026-03-01）早于开始日期（2026-03-05）');
    expect(reversed.body.fields).toEqual({ to: expect.stringContaining('早于') });
    for (const q of ['format=pdf', 'format=', 'format=csv&view=people', 'format=csv&from=2026-02-30'])
      expect(
        (await call(h, 'GET', `/api/exports/points?from=2026-01-01&to=2026-01-02&${q}`, { session: s['lin.xiaowen'] }))
          .status,
        q,
      ).toBe(400);
    expect((await exports()).length).toBe(before);
  });

  it('is HR’s: a manager and an employee are refused', async () => {
    for (const who of ['tom.harris', 'sophia.lee'])
      expect((await download(who, `/exports/points?from=${today()}&to=${today()}&format=csv`)).status, who).toBe(403);
  });
});

describe('ratings', () => {
  it('HR gets everyone in the cycle, in zh-CN', async () => {
    const f = await download('lin.xiaowen', `/exports/ratings?cycle=${cycleId}&format=xlsx`);
    expect(f.status).toBe(200);
    const rows = await xlsxRows(f.bytes);
    expect(rows[0]).toEqual([
      '员工',
      '邮箱',
      '组织',
      '工作态度',
      expect.any(String),
      expect.any(String),
      '综合得分',
      '未评维度',
    ]);
    expect(rows).toHaveLength(7); // the store's six people
    const sophia = rows.find((r) => r[0] === 'Sophia Lee')!;
    expect(sophia.slice(3, 5)).toEqual([2, 4]);
  });

  it('a manager gets only their reports, in English for an English reader; the audit row names the cycle', async () => {
    const before = (await exports()).length;
    const f = await download('tom.harris', `/exports/ratings?cycle=${cycleId}&format=csv`);
    expect(f.status).toBe(200);
    const lines = csvLines(f.bytes);
    expect(lines[0]).toMatch(/^\uFEFFPerson,Email,Unit,Work attitude,.*,Composite,Not rated$/);
    const names = lines.slice(1, -1).map((l) => l.split(',')[0]);
    expect(names).toHaveLength(5);
    expect(names).not.toContain('Tom Harris');
    expect(names).toContain('Sophia Lee');
    expect((await exports()).slice(before)).toEqual([
      {
        subject: `cycle:${cycleId}`,
        detail: JSON.stringify({ format: 'csv', people: 5 }),
        actor: await id('tom.harris'),
      },
    ]);
  });

  it('a manager with no one in the cycle gets a message; an employee is refused; an unknown cycle is 404', async () => {
    const before = (await exports()).length;
    const none = await call(h, 'GET', `/api/exports/ratings?cycle=${cycleId}&format=csv`, { session: s['wang.fang'] });
    expect(none.status).toBe(404);
    expect(none.body).toMatchObject({ code: 'empty', error: expect.stringContaining(`第 ${cycleId} 期评价`) });
    expect((await download('sophia.lee', `/exports/ratings?cycle=${cycleId}&format=csv`)).status).toBe(403);
    expect((await download('lin.xiaowen', `/exports/ratings?cycle=999&format=csv`)).status).toBe(404);
    expect((await exports()).length).toBe(before);
  });
});

describe('pulse and turnaround', () => {
  it('the closed wave’s published groups, CSV and XLSX; HR only', async () => {
    const csv = await download('lin.xiaowen', `/exports/pulse?wave=${waveId}&format=csv`);
    expect(csv.status).toBe(200);
    const lines = csvLines(csv.bytes);
    expect(lines[0]).toMatch(/^\uFEFF组织,回答人数,工作态度,/);
    expect(lines.some((l) => l.includes('产品研发部,5,'))).toBe(true);
    const xlsx = await xlsxRows((await download('lin.xiaowen', `/exports/pulse?wave=${waveId}&format=xlsx`)).bytes);
    expect(xlsx[0]!.slice(0, 3)).toEqual(['组织', '回答人数', '工作态度']);
    expect(xlsx.find((r) => String(r[0]).endsWith('产品研发部'))![1]).toBe(5);
    expect((await download('tom.harris', `/exports/pulse?wave=${waveId}&format=csv`)).status).toBe(403);
    expect(
      (await exports()).filter((a) => a.subject === `wave:${waveId}`).map((a) => JSON.parse(a.detail) as unknown),
    ).toEqual([{ format: 'csv' }, { format: 'xlsx' }]);
  });

  it('an open wave is refused with when it closes; a closed wave with no group at K is a message, not a file', async () => {
    const before = (await exports()).length;
    const db = h.app.db;
    const open = await launchTo(db, '财务部', new Date());
    const early = await call(h, 'GET', `/api/exports/pulse?wave=${open.wave.id}&format=xlsx`, {
      session: s['lin.xiaowen'],
    });
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'open', error: expect.stringContaining(`第 ${open.wave.id} 轮尚未结束`) });
    // Two of four answer (K = 5): nothing is published, so nothing can be exported.
    for (const p of open.people.slice(0, 2)) {
      const r = await inTransaction(
        db,
        async () =>
          await submitAnswers(db, surveySealKey(h.app.config), {
            waveId: open.wave.id,
            employeeId: p,
            values: open.values(3),
            now: new Date(),
          }),
      );
      if (!r.ok) throw new Error(r.code);
    }
    await closeNow(db, open.wave.id, surveySealKey(h.app.config));
    const empty = await call(h, 'GET', `/api/exports/pulse?wave=${open.wave.id}&format=csv`, {
      session: s['lin.xiaowen'],
    });
    expect(empty.status).toBe(404);
    expect(empty.body).toMatchObject({ code: 'empty', error: expect.stringContaining('没有可导出的内容') });
    expect((await call(h, 'GET', '/api/exports/pulse?wave=999&format=csv', { session: s['lin.xiaowen'] })).status).toBe(
      404,
    );
    expect((await exports()).length).toBe(before);
  });

  it('turnaround per flow for HR (English reader: English headers), refused to others', async () => {
    await h.sql.run('update employees set locale = ? where id = ?', 'en', await id('lin.xiaowen'));
    try {
      const f = await download('lin.xiaowen', '/exports/turnaround?days=30&format=xlsx');
      expect(f.status).toBe(200);
      const rows = await xlsxRows(f.bytes);
      expect(rows[0]!.slice(0, 3)).toEqual(['Flow', 'Submitted', 'Approved']);
      expect(rows[1]!.slice(1, 3)).toEqual([2, 1]);
    } finally {
      await h.sql.run('update employees set locale = ? where id = ?', 'zh-CN', await id('lin.xiaowen'));
    }
    expect((await download('tom.harris', '/exports/turnaround?days=30&format=csv')).status).toBe(403);
    expect((await exports()).at(-1)).toMatchObject({ subject: 'days:30', detail: JSON.stringify({ format: 'xlsx' }) });
  });
});
