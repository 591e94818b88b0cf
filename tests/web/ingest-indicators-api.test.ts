// The indicators ingestion API over real HTTP (issue 25 §2), on SQLite and PostgreSQL: a token per system (a
// revoked or unknown one is a 401), per-row errors while the valid rows are stored, an idempotent re-push, a
// changed value audited as a change, and a rule met by a value making a point claim that waits at the
// person's manager — the ledger moves only when the manager approves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarDay } from '../../src/domain/surveys/calendar-day.js';
import { startHarness, type Harness } from '../support/harness.js';
import { call, sandboxSession, type Session } from './client.js';

let h: Harness;
let hr: Session;
let erp: string;
let bi: string;
let olivia: number;
let wangFang: number;
let hrId: number;

beforeAll(async () => {
  h = await startHarness();
  hrId = (await h.employeeByEmail('lin.xiaowen@qingyun.example'))!.id;
  hr = await sandboxSession(h, hrId);
  olivia = (await h.employeeByEmail('olivia.brown@qingyun.example'))!.id;
  wangFang = (await h.employeeByEmail('wang.fang@qingyun.example'))!.id;
});
afterAll(async () => h?.stop());

const push = async (token: string | undefined, body: unknown) => {
  const res = await fetch(`${h.url}/api/ingest/indicators`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'accept-language': 'en',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
};
const count = async (table: string, where = '1 = 1', ...params: unknown[]) =>
  Number(((await h.sql.row(`select count(*) as n from ${table} where ${where}`, ...params)) as { n: unknown }).n);
const auditRows = async (action: string) =>
  (
    await h.sql.rows<{ subject: string; detail: string; actor_kind: string }>(
      'select subject, detail, actor_kind from audit_log where action = ? order by id',
      action,
    )
  ).map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));
const balance = async (id: number) =>
  Number(
    (
      (await h.sql.row('select coalesce(sum(points), 0) as n from ledger_entries where employee_id = ?', id)) as {
        n: unknown;
      }
    ).n,
  );
const costTag = async () =>
  ((await h.sql.row('select id from value_tags where name_zh = ?', '成本控制')) as { id: number }).id;

describe('HR sets up systems, indicators and rules', () => {
  it('creates a system per name with a token shown once and stored only as a hash', async () => {
    const a = await call(h, 'POST', '/api/hr/ingest/systems', { session: hr, body: { name: 'ERP' } });
    expect(a.status).toBe(200);
    erp = String(a.body.token);
    expect(erp).toMatch(/^vit_[\w-]{43}$/);
    const b = await call(h, 'POST', '/api/hr/ingest/systems', { session: hr, body: { name: 'BI' } });
    bi = String(b.body.token);
    expect(bi).not.toBe(erp);
    const stored = await h.sql.rows<{ token_hash: string }>('select token_hash from ingest_systems');
    expect(stored.map((s) => s.token_hash).join()).not.toContain(erp.slice(4, 20));
    const again = await call(h, 'POST', '/api/hr/ingest/systems', { session: hr, body: { name: 'ERP' } });
    expect(again.status).toBe(400);
    expect(again.body.code).toBe('name_taken');
    expect(await count('ingest_systems')).toBe(2);
    expect((await auditRows('ingest.system.create')).map((r) => r.detail.name)).toEqual(['ERP', 'BI']);
    // The list never carries a token or its hash.
    const list = await call(h, 'GET', '/api/hr/ingest/systems', { session: hr });
    expect(JSON.stringify(list.body)).not.toContain('token');
  });

  it('refuses the HR endpoints to someone who is not HR', async () => {
    const someone = await sandboxSession(h, olivia);
    expect((await call(h, 'POST', '/api/hr/ingest/systems', { session: someone, body: { name: 'X' } })).status).toBe(
      403,
    );
    expect((await call(h, 'GET', '/api/hr/indicators', { session: someone })).status).toBe(403);
  });

  // HR (林晓雯) reads Chinese: the field messages are hers.
  it('defines indicators and a rule, and refuses a rule with an impossible threshold, writing nothing', async () => {
    for (const body of [
      { key: 'budget_deviation', nameZh: '预算偏差', nameEn: 'Budget deviation', unit: 'percent' },
      { key: 'cost_reduction', nameZh: '成本降低', nameEn: 'Cost reduction', unit: 'percent' },
      { key: 'sales', nameZh: '销售额', nameEn: 'Sales', unit: 'number' },
    ])
      expect((await call(h, 'POST', '/api/hr/indicators', { session: hr, body })).status).toBe(200);
    const tagId = await costTag();
    const rule = (body: Record<string, unknown>) =>
      call(h, 'POST', '/api/hr/indicator-rules', {
        session: hr,
        body: { indicatorKey: 'budget_deviation', op: '<', threshold: 5, points: 50, tagId, ...body },
      });
    const auditBefore = await count('audit_log');
    const refusals = [
      [{ threshold: -1 }, 'threshold', '该指标是百分比：阈值须在 0 到 100 之间。'],
      [{ threshold: 150, op: '>' }, 'threshold', '该指标是百分比：阈值须在 0 到 100 之间。'],
      [{ threshold: 0 }, 'threshold', '任何百分比都无法满足该规则，请更换阈值或比较方式。'],
      [{ threshold: 0, op: '>=' }, 'threshold', '任何百分比都会满足该规则，请更换阈值或比较方式。'],
      [{ threshold: 'NaN' }, 'threshold', undefined],
      [{ op: '=' }, 'op', undefined],
      [{ indicatorKey: 'nps' }, 'indicatorKey', '没有指标“nps”。'],
    ] as const;
    for (const [body, field, message] of refusals) {
      const r = await rule(body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      const fields = r.body.fields as Record<string, string>;
      expect(Object.keys(fields)).toEqual([field]);
      if (message) expect(fields[field]).toBe(message);
    }
    expect(await count('indicator_rules')).toBe(0);
    expect(await count('audit_log')).toBe(auditBefore);
    expect((await rule({})).status).toBe(200);
    expect((await rule({ indicatorKey: 'cost_reduction', op: '>', threshold: 10, points: 100 })).status).toBe(200);
    const listed = await call(h, 'GET', '/api/hr/indicators', { session: hr });
    expect((listed.body.rules as { text: string }[]).map((r) => r.text)).toEqual([
      '预算偏差 < 5% → 50 · 成本控制',
      '成本降低 > 10% → 100 · 成本控制',
    ]);
    expect((await auditRows('indicator.rule.create')).map((r) => r.detail.rule)).toEqual([
      'budget_deviation < 5',
      'cost_reduction > 10',
    ]);
  });
});

describe('POST /api/ingest/indicators', () => {
  it('answers 401 without a token, with an unknown one, and audits a wrong one', async () => {
    const row = { indicator: 'sales', email: 'olivia.brown@qingyun.example', period: '2026-11', value: 1 };
    const none = await push(undefined, { rows: [row] });
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect(none.body.code).toBe('token');
    expect((await push(`vit_${'A'.repeat(43)}`, { rows: [row] })).status).toBe(401);
    expect((await push(erp.slice(0, -1) + (erp.endsWith('A') ? 'B' : 'A'), { rows: [row] })).status).toBe(401);
    expect((await auditRows('auth.refused')).filter((r) => r.subject === 'POST /api/ingest/indicators')).toHaveLength(
      2,
    );
    expect(await count('indicator_values')).toBe(0);
  });

  it('stores the valid rows and names each bad row by index and reason', async () => {
    const rows = [
      { indicator: 'budget_deviation', email: 'olivia.brown@qingyun.example', period: '2026-11', value: 3.2 },
      { indicator: 'budget_deviation', email: 'nobody@qingyun.example', period: '2026-11', value: 2 },
      { indicator: 'budget_deviation', personId: olivia, period: '2026-13', value: 2 },
      { indicator: 'budget_deviation', personId: olivia, period: '2099-Q2', value: 2 },
      { indicator: 'nps', personId: olivia, period: '2026-11', value: 2 },
      { indicator: 'budget_deviation', personId: olivia, period: '2026-10', value: 150 },
      { indicator: 'sales', personId: olivia, unitId: 1, period: '2026-11', value: 2 },
      { indicator: 'sales', unitPath: '青云科技/总部/财务部', period: '2026-Q4', value: 120000 },
      { indicator: 'sales', unitPath: '青云科技/总部/nowhere', period: '2026-11', value: 1 },
      { indicator: 'sales', unitPath: '青云科技/总部/财务部', period: '2026-Q4', value: 130000 },
      { indicator: 'sales', personId: olivia, period: '2026-11', value: 'a lot' },
      { indicator: 'sales', employeeNo: 'E001', period: '2026-11', value: 1 },
    ];
    const r = await push(erp, { rows });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ system: 'ERP', received: 12, created: 2, updated: 0, unchanged: 0 });
    expect(r.body.errors).toEqual([
      { row: 1, code: 'unknown_person', message: 'There is nobody “nobody@qingyun.example” in the organisation.' },
      {
        row: 2,
        code: 'unknown_period',
        message: '“2026-13” is not a period: write a month (2026-11) or a quarter (2026-Q4).',
      },
      { row: 3, code: 'future_period', message: 'The period 2099-Q2 has not begun yet.' },
      {
        row: 4,
        code: 'unknown_indicator',
        message: 'There is no indicator “nps”. HR defines indicators in the mini-app settings.',
      },
      { row: 5, code: 'percent_range', message: '150 is not a percentage: this indicator takes values from 0 to 100.' },
      {
        row: 6,
        code: 'subject',
        message: 'Name exactly one of personId, email, unitId or unitPath (this row names 2).',
      },
      { row: 8, code: 'unknown_unit', message: 'There is no unit “青云科技/总部/nowhere”.' },
      { row: 9, code: 'repeated', message: 'The same indicator, subject and period as row 7: send each once.' },
      {
        row: 10,
        code: 'invalid',
        message:
          'The row is not an indicator value: “value” is missing or wrong (indicator, period, value, one subject).',
      },
      {
        row: 11,
        code: 'invalid',
        message:
          'The row is not an indicator value: “employeeNo” is missing or wrong (indicator, period, value, one subject).',
      },
    ]);
    expect(await count('indicator_values')).toBe(2);
    const [ingest] = await auditRows('indicator.ingest');
    expect(ingest).toMatchObject({
      actor_kind: 'system',
      detail: { system: 'ERP', received: 12, created: 2, updated: 0, unchanged: 0, rejected: 10, claims: 1 },
    });
  });

  it('made one claim from the rule, waiting at the manager; the ledger moves only when approved', async () => {
    const claims = await h.sql.rows<{ request_id: number }>(
      'select request_id from indicator_rule_claims where employee_id = ?',
      olivia,
    );
    expect(claims).toHaveLength(1);
    const req = (await h.sql.row('select * from approval_requests where id = ?', claims[0]!.request_id)) as {
      applicant_id: number;
      status: string;
      approvers: string;
      payload: string;
      version: number;
    };
    expect(req.applicant_id).toBe(olivia);
    expect(req.status).toBe('pending');
    expect(JSON.parse(req.approvers)).toEqual([wangFang]);
    expect(JSON.parse(req.payload)).toMatchObject({
      kind: 'point_claim',
      tagId: await costTag(),
      points: 50,
      description: 'From ERP: Budget deviation 3.2% for 2026-11',
      quantities: [{ amount: 3.2, unit: 'percent', text: '3.2%' }],
      note: 'Rule: Budget deviation < 5%',
    });
    expect(await balance(olivia)).toBe(0);
    // The manager's card went out through the outbox.
    const cards = (await h.outbox()).filter((o) => o.cardKey === `approval:${claims[0]!.request_id}`);
    // (on the sandbox a person's platform id is their employee id)
    expect(cards.map((o) => JSON.parse(o.recipient) as unknown)).toContainEqual({
      kind: 'user',
      platformUserId: String(wangFang),
    });

    const manager = await sandboxSession(h, wangFang);
    const ok = await call(h, 'POST', `/api/approvals/${claims[0]!.request_id}/decision`, {
      session: manager,
      body: { decision: 'approve', version: req.version },
    });
    expect(ok.status).toBe(200);
    expect(await balance(olivia)).toBe(50);
  });

  it('a re-push of the same values changes nothing and makes no second claim', async () => {
    const rows = [
      { indicator: 'budget_deviation', email: 'olivia.brown@qingyun.example', period: '2026-11', value: 3.2 },
      { indicator: 'sales', unitPath: '青云科技/总部/财务部', period: '2026-Q4', value: 120000 },
    ];
    const changesBefore = (await auditRows('indicator.change')).length;
    const requestsBefore = await count('approval_requests');
    const r = await push(erp, { rows });
    expect(r.body).toMatchObject({ created: 0, updated: 0, unchanged: 2, errors: [], claims: [] });
    expect(await count('indicator_values')).toBe(2);
    expect(await count('approval_requests')).toBe(requestsBefore);
    expect(await auditRows('indicator.change')).toHaveLength(changesBefore);
  });

  it('a different value updates in place, audited as a change; still one claim per rule, person and period', async () => {
    const requestsBefore = await count('approval_requests');
    const r = await push(erp, {
      rows: [{ indicator: 'budget_deviation', personId: olivia, period: '2026-11', value: 4.1 }],
    });
    expect(r.body).toMatchObject({ created: 0, updated: 1, unchanged: 0, claims: [] });
    const stored = await h.sql.rows<{ value: number }>(
      'select value from indicator_values where indicator_key = ? and subject_id = ?',
      'budget_deviation',
      olivia,
    );
    expect(stored.map((s) => Number(s.value))).toEqual([4.1]);
    expect((await auditRows('indicator.change')).at(-1)!.detail).toMatchObject({
      system: 'ERP',
      indicator: 'budget_deviation',
      subjectId: olivia,
      period: '2026-11',
      from: 3.2,
      to: 4.1,
    });
    expect(await count('approval_requests')).toBe(requestsBefore);
  });

  it('keeps each system its own value, and a revoked token stops working at once', async () => {
    const row = { indicator: 'budget_deviation', personId: olivia, period: '2026-11', value: 9 };
    const r = await push(bi, { rows: [row] });
    expect(r.body).toMatchObject({ system: 'BI', created: 1 });
    expect(await count('indicator_values', 'indicator_key = ? and subject_id = ?', 'budget_deviation', olivia)).toBe(2);
    const id = ((await h.sql.row('select id from ingest_systems where name = ?', 'BI')) as { id: number }).id;
    expect((await call(h, 'POST', `/api/hr/ingest/systems/${id}/revoke`, { session: hr })).status).toBe(200);
    expect((await push(bi, { rows: [{ ...row, value: 8 }] })).status).toBe(401);
    expect((await push(erp, { rows: [{ ...row, value: 4.1 }] })).status).toBe(200);
    expect((await auditRows('ingest.system.revoke')).map((a) => a.detail.name)).toEqual(['BI']);
  });

  it('a retired rule makes no claim; an active one does; someone who has left gets nothing stored', async () => {
    const rules = await h.sql.rows<{ id: number; indicator_key: string }>(
      'select id, indicator_key from indicator_rules',
    );
    const budget = rules.find((r) => r.indicator_key === 'budget_deviation')!.id;
    expect((await call(h, 'POST', `/api/hr/indicator-rules/${budget}/retire`, { session: hr })).status).toBe(200);
    expect((await auditRows('indicator.rule.retire')).map((r) => r.subject)).toEqual([`rule:${budget}`]);
    const xuLan = (await h.employeeByEmail('xu.lan@qingyun.example'))!.id;
    const heJun = (await h.employeeByEmail('he.jun@qingyun.example'))!.id;
    await h.sql.run('update employees set active = false where id = ?', heJun);
    const r = await push(erp, {
      rows: [
        { indicator: 'budget_deviation', personId: xuLan, period: '2026-11', value: 1 },
        { indicator: 'cost_reduction', personId: xuLan, period: '2026-11', value: 12 },
        { indicator: 'cost_reduction', personId: heJun, period: '2026-11', value: 30 },
      ],
    });
    expect(r.body).toMatchObject({
      created: 2,
      errors: [{ row: 2, code: 'left', message: `“${heJun}” has left the organisation; nothing is stored for them.` }],
    });
    const claims = r.body.claims as { row: number; ruleId: number; personId: number; requestId: number }[];
    expect(claims).toHaveLength(1);
    expect(claims[0]).toMatchObject({ row: 1, personId: xuLan });
    const payload = JSON.parse(
      (
        (await h.sql.row('select payload from approval_requests where id = ?', claims[0]!.requestId)) as {
          payload: string;
        }
      ).payload,
    ) as { points: number; description: string };
    // Xu Lan reads Chinese: the claim is written in her language.
    expect(payload).toMatchObject({ points: 100, description: '来自 ERP：2026-11 成本降低 12%' });
    expect(await count('indicator_values', 'subject_id = ?', heJun)).toBe(0);
    await h.sql.run('update employees set active = true where id = ?', heJun);
  });

  it('takes 5,000 rows in one request', async () => {
    const units = (await h.sql.rows<{ id: number }>('select id from org_units order by id')).map((u) => u.id);
    const months = Array.from(
      { length: 26 * 12 },
      (_, i) => `${2000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
    );
    const rows = ['sales', 'budget_deviation']
      .flatMap((indicator) =>
        units.flatMap((unitId) => months.map((period) => ({ indicator, unitId, period, value: 10 }))),
      )
      .slice(0, 5000);
    expect(rows).toHaveLength(5000);
    const before = await count('indicator_values');
    const r = await push(erp, { rows });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ received: 5000, errors: [] });
    expect(await count('indicator_values')).toBe(before + (r.body.created as number));
    expect((r.body.created as number) + (r.body.unchanged as number) + (r.body.updated as number)).toBe(5000);
  });

  it('refuses a body that is not rows, or more than 5,000 of them, writing nothing', async () => {
    const before = await count('indicator_values');
    for (const body of [{}, { rows: [] }, { rows: 'x' }, { rows: Array.from({ length: 5001 }, () => ({})) }]) {
      const r = await push(erp, body);
      expect(r.status, JSON.stringify(body).slice(0, 40)).toBe(400);
      expect(r.body.error).toBe('The body must be JSON {"rows": [...]} with 1 to 5000 rows.');
    }
    expect(await count('indicator_values')).toBe(before);
  });
});

describe('rating schemes read pushed indicators', () => {
  it('writes a value into the open cycle whose opening day is in its period, normalised like the CSV import', async () => {
    const store = (await h.sql.row('select id from org_units where path = ?', '青云科技/门店/深圳南山店')) as {
      id: number;
    };
    const open = await call(h, 'POST', '/api/hr/ratings/cycles', {
      session: hr,
      body: { scheme: 'store', unitId: store.id, days: 14 },
    });
    expect(open.status).toBe(200);
    const cycle = open.body.id as number;
    const opened = (await h.sql.row('select opened_at from rating_cycles where id = ?', cycle)) as {
      opened_at: string;
    };
    const period = calendarDay(new Date(opened.opened_at), h.app.config.defaultTimezone).slice(0, 7);
    // The store scheme's complaint rate: 0–10, lower is better.
    const define = await call(h, 'POST', '/api/hr/indicators', {
      session: hr,
      body: { key: 'complaints', nameZh: '客诉率', nameEn: 'Complaint rate', unit: 'number' },
    });
    expect(define.status).toBe(200);
    const sophia = (await h.employeeByEmail('sophia.lee@qingyun.example'))!.id;
    const score = async () =>
      (
        await h.sql.rows<{ value: number; rater_id: number | null }>(
          'select value, rater_id from ratings where cycle_id = ? and subject_id = ? and dimension = ?',
          cycle,
          sophia,
          'complaints',
        )
      ).map((r) => ({ value: Number(r.value), rater: r.rater_id }));

    const r = await push(erp, { rows: [{ indicator: 'complaints', personId: sophia, period, value: 2 }] });
    expect(r.body).toMatchObject({ created: 1, ratings: 1, errors: [] });
    expect(await score()).toEqual([{ value: 4.2, rater: null }]);
    const page = await call(h, 'GET', `/api/hr/ratings/cycles/${cycle}`, { session: hr });
    expect((page.body.coverage as { key: string; filled: number }[]).find((c) => c.key === 'complaints')?.filled).toBe(
      1,
    );

    // Another period is stored but is not this cycle's; a changed value for this period moves the score.
    const earlier = '2026-01';
    expect(
      (await push(erp, { rows: [{ indicator: 'complaints', personId: sophia, period: earlier, value: 9 }] })).body,
    ).toMatchObject({ created: 1, ratings: 0 });
    expect(await score()).toEqual([{ value: 4.2, rater: null }]);
    expect(
      (await push(erp, { rows: [{ indicator: 'complaints', personId: sophia, period, value: 5 }] })).body,
    ).toMatchObject({ updated: 1, ratings: 1 });
    expect(await score()).toEqual([{ value: 3, rater: null }]);
  });

  it('gives a cycle opened after the first push its score on the re-push, which changes no stored value', async () => {
    const panYue = (await h.employeeByEmail('pan.yue@qingyun.example'))!.id;
    const store = (await h.sql.row('select id from org_units where path = ?', '青云科技/门店/深圳南山店')) as {
      id: number;
    };
    // The cycle of the test above is closed first, so this one is the store's only open cycle.
    const other = (await h.sql.row('select id from rating_cycles where closed_at is null')) as { id: number };
    await h.sql.run('update rating_cycles set closed_at = opened_at where id = ?', other.id);
    const today = calendarDay(new Date(), h.app.config.defaultTimezone).slice(0, 7);
    const row = { indicator: 'complaints', personId: panYue, period: today, value: 5 };
    expect((await push(erp, { rows: [row] })).body).toMatchObject({ created: 1, ratings: 0 });
    const open = await call(h, 'POST', '/api/hr/ratings/cycles', {
      session: hr,
      body: { scheme: 'store', unitId: store.id, days: 14 },
    });
    const cycle = open.body.id as number;
    const scores = async () =>
      (
        await h.sql.rows<{ value: number }>(
          'select value from ratings where cycle_id = ? and subject_id = ? and dimension = ?',
          cycle,
          panYue,
          'complaints',
        )
      ).map((r) => Number(r.value));
    expect(await scores()).toEqual([]);
    expect((await push(erp, { rows: [row] })).body).toMatchObject({ unchanged: 1, ratings: 1 });
    expect(await scores()).toEqual([3]);
    // Once there, the same push again writes nothing.
    expect((await push(erp, { rows: [row] })).body).toMatchObject({ unchanged: 1, ratings: 0 });
  });
});
