// HR-defined request kinds (issue 24) through the mini-app API: HR creates a flow with form fields (problems
// answered at their field, nothing saved; audited), an employee lists the kinds and submits one (bad values
// answered per field in the reader's language, nothing written), the approver sees the labelled values, and a
// branch on a form number picks the next step.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { call, sandboxSession, type Session } from './client.js';

let h: Harness;
const s: Record<string, Session> = {};
const ids: Record<string, number> = {};
const one = async <T>(sql: string, ...p: unknown[]) => (await h.sql.row(sql, ...p)) as T;
const count = async (table: string) => (await one<{ n: number }>(`select count(*) as n from ${table}`)).n;

const both = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const fields = (): Record<string, unknown>[] => [
  { key: 'item', label: both('设备', 'Item'), type: 'text', required: true },
  { key: 'cost', label: both('金额', 'Cost'), type: 'number', required: true, unit: '¥' },
  {
    key: 'kind',
    label: both('类别', 'Kind'),
    type: 'choice',
    required: true,
    options: [
      { value: 'laptop', label: both('笔记本', 'Laptop') },
      { value: 'phone', label: both('手机', 'Phone') },
    ],
  },
  { key: 'for_whom', label: both('使用人', 'For whom'), type: 'person', required: false },
  { key: 'needed_by', label: both('需要日期', 'Needed by'), type: 'date', required: false },
];
const equipment = () => ({
  key: 'equipment',
  name: both('设备申领', 'Equipment request'),
  fields: fields(),
  steps: [
    {
      id: 'manager',
      name: both('直属上级', 'Manager'),
      approver: { type: 'manager' },
      onReject: 'end',
      branches: [{ when: { field: 'form', key: 'cost', op: 'gte', value: 5000 }, next: 'finance' }],
      next: 'hr',
    },
    {
      id: 'finance',
      name: both('财务', 'Finance'),
      approver: { type: 'person', employeeId: ids['wang.fang'] },
      onReject: 'end',
    },
    { id: 'hr', name: both('HR', 'HR'), approver: { type: 'role', role: 'hr' }, onReject: 'end' },
  ],
});

beforeAll(async () => {
  h = await startHarness();
  for (const e of ['sophia.lee', 'tom.harris', 'lin.xiaowen', 'wang.fang', 'du.peng']) {
    ids[e] = (await h.employeeByEmail(`${e}@qingyun.example`))!.id;
    s[e] = await sandboxSession(h, ids[e]!);
  }
});
afterAll(async () => h?.stop());

describe('HR creates a request kind', () => {
  // Sharon (HR) reads Chinese; Sophia (the employee) English.
  it('refuses a duplicate key, a choice without options, a branch on a missing field, an unknown type, an employee — nothing saved', async () => {
    const flowsBefore = await count('approval_flows');
    const post = (flow: unknown, who = 'lin.xiaowen') =>
      call(h, 'POST', '/api/hr/flows', { session: s[who], body: { flow } });

    const dup = equipment();
    dup.fields.push({ ...dup.fields[0]!, label: both('又', 'Again') });
    const a = await post(dup);
    expect(a.status).toBe(400);
    expect(a.body.fields).toEqual({ 'fields.5.key': '有两个字段（或一个选择题的两个选项）的标识相同。' });

    const noOptions = equipment();
    noOptions.fields[2] = { ...noOptions.fields[2]!, options: [] };
    expect((await post(noOptions)).body.fields).toEqual({ 'fields.2.options': '选择题至少需要一个选项。' });

    const missing = equipment();
    missing.fields.splice(1, 1);
    expect((await post(missing)).body.fields).toEqual({
      'steps.0.branches': '这个分支读取的表单字段在本流程中不存在，或无法这样比较。',
    });

    const colour = equipment();
    colour.fields[0] = { ...colour.fields[0]!, type: 'colour' };
    const c = await post(colour);
    expect(c.status).toBe(400);
    expect(Object.keys(c.body.fields as object)).toEqual(['fields.0.type']);

    expect((await post(equipment(), 'sophia.lee')).status).toBe(403);
    // A built-in kind keeps its own form: fields on its flow are refused, the flow unchanged.
    const claim = await call(h, 'GET', '/api/hr/flows/point-claim', { session: s['lin.xiaowen'] });
    const { flow, version } = claim.body as { flow: { name: unknown; steps: unknown[] }; version: number };
    const put = await call(h, 'PUT', '/api/hr/flows/point-claim', {
      session: s['lin.xiaowen'],
      body: { version, flow: { name: flow.name, steps: flow.steps, fields: fields() } },
    });
    expect(put.status).toBe(400);
    expect(put.body.fields).toEqual({
      fields: '这是自带表单的内置申请类型：申请表单字段请添加在新流程中（新建流程）。',
    });
    expect(
      ((await call(h, 'GET', '/api/hr/flows/point-claim', { session: s['lin.xiaowen'] })).body as { version: number })
        .version,
    ).toBe(version);
    expect(await count('approval_flows')).toBe(flowsBefore);
    expect(
      await one<{ n: number }>("select count(*) as n from audit_log where action = 'approval.flow.create'"),
    ).toEqual({
      n: 0,
    });
  });

  it('saves a valid one, audited; the same key again is refused', async () => {
    const a = await call(h, 'POST', '/api/hr/flows', { session: s['lin.xiaowen'], body: { flow: equipment() } });
    expect(a.body).toEqual({ key: 'equipment', version: 1 });
    expect(
      await one("select actor_employee_id as actor, subject from audit_log where action = 'approval.flow.create'"),
    ).toEqual({ actor: ids['lin.xiaowen'], subject: 'equipment' });
    const again = await call(h, 'POST', '/api/hr/flows', { session: s['lin.xiaowen'], body: { flow: equipment() } });
    expect(again.status).toBe(400);
    expect(again.body.fields).toEqual({ key: '已有使用此标识的流程。' });
    // The editor reads it back with its fields.
    const read = await call(h, 'GET', '/api/hr/flows/equipment', { session: s['lin.xiaowen'] });
    expect((read.body.flow as { fields: unknown[] }).fields).toHaveLength(5);
  });
});

describe('an employee submits it', () => {
  it('lists the kind with its fields and the people picker', async () => {
    const a = await call(h, 'GET', '/api/request-kinds', { session: s['sophia.lee'] });
    expect(a.status).toBe(200);
    const kinds = a.body.kinds as { key: string; name: string; fields: { key: string }[] }[];
    expect(kinds.find((k) => k.key === 'equipment')).toMatchObject({
      name: 'Equipment request',
      fields: [{ key: 'item' }, { key: 'cost' }, { key: 'kind' }, { key: 'for_whom' }, { key: 'needed_by' }],
    });
    // Built-in kinds (claims, transfers…) have their own pages.
    expect(kinds.map((k) => k.key)).not.toContain('point-claim');
    const people = a.body.people as { id: number }[];
    expect(people.some((p) => p.id === ids['du.peng'])).toBe(true);
    expect(people.some((p) => p.id === ids['sophia.lee'])).toBe(false);
  });

  it('answers a required field missing, a number that is not a number, a choice not in the list, a person who left — nothing written', async () => {
    const before = await count('approval_requests');
    const submit = (values: Record<string, unknown>) =>
      call(h, 'POST', '/api/requests/form', { session: s['sophia.lee'], body: { flowKey: 'equipment', values } });
    const a = await submit({ item: '', cost: 'twelve', kind: 'tablet', needed_by: '2026-13-01' });
    expect(a.status).toBe(400);
    expect(a.body.fields).toEqual({
      item: '"Item" is required.',
      cost: '"Cost" must be a number.',
      kind: '"Kind" must be one of: Laptop, Phone.',
      needed_by: '"Needed by" must be a date (YYYY-MM-DD).',
    });
    await h.sql.run('update employees set active = false where id = ?', ids['du.peng']);
    const left = await submit({ item: 'Phone', cost: 100, kind: 'phone', for_whom: ids['du.peng'] });
    expect(left.body.fields).toEqual({ for_whom: '"For whom": 杜鹏 Peng Du has left the company.' });
    await h.sql.run('update employees set active = true where id = ?', ids['du.peng']);
    const unknown = await call(h, 'POST', '/api/requests/form', {
      session: s['sophia.lee'],
      body: { flowKey: 'point-claim', values: {} },
    });
    expect(unknown.status).toBe(404);
    expect(await count('approval_requests')).toBe(before);
  });

  it('goes to the manager, who sees the labelled values; a cost of 5000 or more branches to finance', async () => {
    const a = await call(h, 'POST', '/api/requests/form', {
      session: s['sophia.lee'],
      body: {
        flowKey: 'equipment',
        values: { item: 'ThinkPad X1', cost: '6800', kind: 'laptop', for_whom: ids['du.peng'], needed_by: '' },
      },
    });
    expect(a.status).toBe(200);
    const id = a.body.id as number;
    const seen = await call(h, 'GET', `/api/requests/${id}`, { session: s['tom.harris'] });
    const request = seen.body.request as { kind: string; flowName: string; fields: unknown[]; canDecide: boolean };
    expect(request).toMatchObject({ kind: 'form', flowName: 'Equipment request', canDecide: true });
    expect(request.fields).toEqual([
      { label: 'Item', value: 'ThinkPad X1' },
      { label: 'Cost', value: '6800 ¥' },
      { label: 'Kind', value: 'Laptop' },
      { label: 'For whom', value: '杜鹏 Peng Du' },
    ]);
    const decided = await call(h, 'POST', `/api/approvals/${id}/decision`, {
      session: s['tom.harris'],
      body: { decision: 'approve', version: (seen.body.request as { version: number }).version },
    });
    expect(decided.status).toBe(200);
    expect(await one('select approvers from approval_requests where id = ?', id)).toEqual({
      approvers: JSON.stringify([ids['wang.fang']]),
    });

    // A small one goes from the manager to HR.
    const small = await call(h, 'POST', '/api/requests/form', {
      session: s['sophia.lee'],
      body: { flowKey: 'equipment', values: { item: 'Mouse', cost: 80, kind: 'laptop' } },
    });
    const sid = small.body.id as number;
    const v = (await call(h, 'GET', `/api/requests/${sid}`, { session: s['tom.harris'] })).body.request as {
      version: number;
    };
    await call(h, 'POST', `/api/approvals/${sid}/decision`, {
      session: s['tom.harris'],
      body: { decision: 'approve', version: v.version },
    });
    expect(await one('select approvers from approval_requests where id = ?', sid)).toEqual({
      approvers: JSON.stringify([ids['lin.xiaowen']]),
    });
  });
});
