// The audit log as HR reads it (issue 16, item 13): each entry is a sentence in the reader's language that
// names its target — "查看了第 1 期调查的报告 · 上海徐汇店" — with its details as labelled fields. No raw
// action key ("survey.report.view") and no JSON reaches the visible text; the raw key stays on the row.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { sandboxClient } from '../support/sandbox-client.js';
import { call, sandboxSession, type Session } from '../web/client.js';

interface Row {
  action: string;
  subject: string | null;
  detail: string | null;
  text: { label: string; summary: string; fields: { label: string; value: string }[] };
}
interface Page {
  rows: Row[];
  actions: { value: string; label: string }[];
}

let h: Harness;
let sb: ReturnType<typeof sandboxClient>;
let hr: Session;
let waveId: number;
let storeId: number;
const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;

beforeAll(async () => {
  h = await startHarness();
  sb = sandboxClient(h);
  await sb.send(await id('lin.xiaowen'), '/survey launch 上海徐汇店 3');
  waveId = ((await h.sql.row('select max(id) as id from survey_waves')) as { id: number }).id;
  storeId = ((await h.sql.row("select id from org_units where name = '上海徐汇店'")) as { id: number }).id;
  await sb.send(await id('lin.xiaowen'), `/survey close ${waveId}`);
  await sb.send(await id('zhang.wei'), '/survey launch all');
  hr = await sandboxSession(h, await id('lin.xiaowen'));
  expect((await call(h, 'GET', `/api/hr/report?waveId=${waveId}&unitId=${storeId}`, { session: hr })).status).toBe(200);
  // One of each kind of detail: a refused mini-app request (a code), a settings change (numbers).
  await call(h, 'GET', '/api/hr/audit', { session: await sandboxSession(h, await id('zhang.wei')) });
});
afterAll(async () => h?.stop());

/** Everything on the page a person reads for one row. */
const visible = (r: Row) => [r.text.label, r.text.summary, ...r.text.fields.flatMap((f) => [f.label, f.value])];

async function page(): Promise<Page> {
  const a = await call(h, 'GET', '/api/hr/audit?limit=200', { session: hr });
  expect(a.status).toBe(200);
  return a.body as unknown as Page;
}

function expectReadable(p: Page) {
  const keys = new Set(p.rows.map((r) => r.action));
  expect(keys.size).toBeGreaterThan(5);
  for (const r of p.rows) {
    for (const s of visible(r)) {
      expect(s, `${r.action}: ${s}`).not.toMatch(/[{}[\]]|":/);
      for (const k of keys) if (k.includes('.')) expect(s, `${r.action}: ${s}`).not.toContain(k);
    }
  }
  for (const o of p.actions) expect(o.label).not.toBe(o.value);
}

describe('the audit log in words', () => {
  it('zh-CN: sentences naming the target, labelled fields, no keys or JSON', async () => {
    const p = await page();
    expectReadable(p);
    const view = p.rows.find((r) => r.action === 'survey.report.view')!;
    expect(view.text.summary).toBe(`查看了第 ${waveId} 期调查的报告 · 上海徐汇店`);
    expect(view.detail).toContain('unitId');
    expect(p.rows.find((r) => r.action === 'survey.launch')!.text.summary).toBe(
      `发起了第 ${waveId} 期调查 · 上海徐汇店`,
    );
    expect(p.rows.find((r) => r.action === 'command.forbidden')!.text.summary).toBe('使用命令 /survey 被拒绝');
    const refused = p.rows.find((r) => r.action === 'access.forbidden')!;
    expect(refused.text.summary).toBe('访问 GET /api/hr/audit 被拒绝');
    expect(refused.text.fields).toEqual([{ label: '原因', value: '无权限' }]);
    const launch = p.rows.find((r) => r.action === 'survey.launch')!;
    expect(launch.text.fields).toContainEqual({ label: '邀请人数', value: '6' });
    expect(p.actions).toContainEqual({ value: 'survey.report.view', label: '查看调查报告' });
  });

  it('en: the same entries in English', async () => {
    await sb.send(await id('lin.xiaowen'), '/lang en');
    const p = await page();
    expectReadable(p);
    expect(p.rows.find((r) => r.action === 'survey.report.view')!.text.summary).toBe(
      `viewed the report of survey wave ${waveId} · 上海徐汇店`,
    );
    expect(p.rows.find((r) => r.action === 'profile.locale')!.text.summary).toBe(
      'changed the language of 林晓雯 Sharon Lin',
    );
    expect(p.rows.find((r) => r.action === 'profile.locale')!.text.fields).toEqual([
      { label: 'Language', value: 'English' },
    ]);
    expect(p.actions).toContainEqual({ value: 'survey.report.view', label: 'Viewed a survey report' });
  });
});
