// Issue 16 items 3, 4, 10 and 13 in the mini-app API: the anonymity threshold's upper bound, the planned
// reminders returned at launch, the wave page (state, participation by unit as counts, remind now once a
// day, close now), and the pulse CSV with its header row in the requester's language and the keys below it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/connection.js';
import { surveySealKey } from '../../src/db/seal-key.js';
import { getTemplate } from '../../src/domain/surveys/templates.js';
import { getWave, submitAnswers } from '../../src/domain/surveys/waves.js';
import { startHarness, type Harness } from '../support/harness.js';
import { call, sandboxSession, type Session } from './client.js';

let h: Harness;
let hr: Session;
let employee: Session;
const HOUR = 3_600_000;
const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;

beforeAll(async () => {
  h = await startHarness();
  hr = await sandboxSession(h, await id('lin.xiaowen'));
  employee = await sandboxSession(h, await id('he.jun'));
});
afterAll(async () => h?.stop());

async function answer(waveId: number, employeeId: number) {
  const db = h.app.db;
  const template = (await getTemplate(db, (await getWave(db, waveId))!.templateId))!;
  const values = Object.fromEntries(template.items.map((i) => [`i${i.id}`, String(i.kind === 'enps' ? 9 : 4)]));
  const r = await inTransaction(
    db,
    async () => await submitAnswers(db, surveySealKey(h.app.config), { waveId, employeeId, values, now: new Date() }),
  );
  if (!r.ok) throw new Error(r.code);
}

describe('anonymity threshold from the settings API', () => {
  it('K = 50 is refused at its field and changes nothing', async () => {
    const r = await call(h, 'PUT', '/api/hr/settings/anonymity', { session: hr, body: { k: 50 } });
    expect(r.status).toBe(400);
    expect(r.body.fields).toEqual({ k: expect.stringContaining('10') });
    expect((await call(h, 'GET', '/api/hr/settings', { session: hr })).body).toMatchObject({
      anonymityThreshold: 5,
      maximum: 10,
    });
    expect(await h.sql.row("select count(*) as n from settings where key = 'anonymity.k'")).toEqual({ n: 0 });
  });
});

describe('the wave page', () => {
  let waveId: number;
  let unitId: number;

  it('a 2-day wave launched from the app states its planned reminders', async () => {
    unitId = ((await h.sql.row("select id from org_units where name = '产品研发部'")) as { id: number }).id;
    const templateId = (
      (await call(h, 'GET', '/api/hr/launch-options', { session: hr })).body.templates as { id: number }[]
    )[0]!.id;
    const r = await call(h, 'POST', '/api/hr/waves', {
      session: hr,
      body: { templateId, audienceUnitId: unitId, days: 2 },
    });
    expect(r.status).toBe(200);
    waveId = r.body.waveId as number;
    const opened = (await getWave(h.app.db, waveId))!.openedAt.getTime();
    const reminders = r.body.reminders as { at: string; label: string }[];
    expect(reminders.map((x) => (Date.parse(x.at) - opened) / HOUR)).toEqual([24, 36]);
    expect(reminders.every((x) => x.label.length > 0)).toBe(true);
  });

  it('shows the state, participation overall and by unit (counts only), and the planned reminders', async () => {
    for (const u of ['li.ming', 'zhang.wei', 'liu.yang']) await answer(waveId, await id(u));
    const r = await call(h, 'GET', `/api/hr/waves/${waveId}`, { session: hr });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      id: waveId,
      state: 'open',
      closedAt: null,
      k: 5,
      participation: { asked: 8, answered: 3, rate: 0.38 },
    });
    const units = r.body.units as { name: string; asked: number; answered: number; belowK: boolean }[];
    expect(units.map((u) => [u.name, u.asked, u.answered])).toContainEqual(['产品研发部', 8, 3]);
    // Counts only: nothing about any answer, and no person.
    expect(JSON.stringify(r.body)).not.toMatch(/avg|dimension|comment|li\.ming|李明/);
    expect((r.body.reminders as { planned: unknown[]; canRemind: boolean }).planned).toHaveLength(2);
    expect(r.body.reminders).toMatchObject({ canRemind: true, lastManual: null, nextManual: null });
    // The launch page's list says the state too.
    const list = (await call(h, 'GET', '/api/hr/waves', { session: hr })).body.waves as { id: number; state: string }[];
    expect(list.find((w) => w.id === waveId)?.state).toBe('open');
  });

  it('remind now: sent to the 5 who have not answered; a second press the same day is refused and says when', async () => {
    const before = (await h.outbox()).filter((o) => o.cardKey === `survey:${waveId}`).length;
    const r = await call(h, 'POST', `/api/hr/waves/${waveId}/remind`, { session: hr, body: {} });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ waveId, sent: 5 });
    const sentTo = (await h.outbox())
      .filter((o) => o.cardKey === `survey:${waveId}`)
      .slice(before)
      .map((o) => Number((JSON.parse(o.recipient) as { platformUserId: string }).platformUserId))
      .sort((a, b) => a - b);
    expect(sentTo).toEqual(
      (await Promise.all(['chen.jing', 'yang.fan', 'emily.carter', 'david.kim', 'wu.hao'].map(id))).sort(
        (a, b) => a - b,
      ),
    );

    const again = await call(h, 'POST', `/api/hr/waves/${waveId}/remind`, { session: hr, body: {} });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'already_today', error: expect.stringContaining('今天已经手动提醒过了') });
    expect((await h.outbox()).filter((o) => o.cardKey === `survey:${waveId}`).length).toBe(before + 5);
    const page = (await call(h, 'GET', `/api/hr/waves/${waveId}`, { session: hr })).body;
    expect(page.reminders).toMatchObject({
      canRemind: false,
      lastManual: { recipients: 5 },
      nextManual: { at: expect.any(String) },
    });
    // Audited, and HR reads the entry as a sentence.
    const audit = (await call(h, 'GET', '/api/hr/audit?action=survey.remind', { session: hr })).body.rows as {
      text: { summary: string; fields: { label: string; value: string }[] };
    }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]!.text.summary).toBe(`提醒了第 ${waveId} 期调查中尚未作答的人`);
    expect(audit[0]!.text.fields).toContainEqual({ label: '提醒人数', value: '5' });
  });

  it('employees may not see the page, remind or close', async () => {
    expect((await call(h, 'GET', `/api/hr/waves/${waveId}`, { session: employee })).status).toBe(403);
    expect((await call(h, 'POST', `/api/hr/waves/${waveId}/remind`, { session: employee, body: {} })).status).toBe(403);
    expect((await call(h, 'POST', `/api/hr/waves/${waveId}/close`, { session: employee, body: {} })).status).toBe(403);
    expect((await call(h, 'GET', '/api/hr/waves/9999', { session: hr })).status).toBe(404);
  });

  it('close now: the wave is published, audited, and no longer takes reminders', async () => {
    for (const u of ['chen.jing', 'yang.fan']) await answer(waveId, await id(u));
    expect((await call(h, 'POST', `/api/hr/waves/${waveId}/close`, { session: hr, body: {} })).status).toBe(200);
    const page = (await call(h, 'GET', `/api/hr/waves/${waveId}`, { session: hr })).body;
    expect(page).toMatchObject({
      state: 'published',
      closedAt: expect.any(String),
      participation: { asked: 8, answered: 5 },
    });
    expect(page.reminders).toMatchObject({ canRemind: false });
    const remind = await call(h, 'POST', `/api/hr/waves/${waveId}/remind`, { session: hr, body: {} });
    expect(remind.status).toBe(409);
    expect(remind.body.code).toBe('closed');
    expect(
      await h.sql.row(
        "select count(*) as n from audit_log where action = 'survey.close' and subject = ?",
        String(waveId),
      ),
    ).toEqual({ n: 1 });
  });

  it('the CSV headers are in the requester’s language (zh-CN), with the keys as a second header row', async () => {
    const res = await fetch(`${h.url}/api/hr/waves/${waveId}/csv`, { headers: { cookie: hr.cookie } });
    expect(res.status).toBe(200);
    const lines = (await res.text())
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\n');
    const template = (await getTemplate(h.app.db, (await getWave(h.app.db, waveId))!.templateId))!;
    const scale = template.items.filter((i) => i.kind === 'scale');
    expect(lines[0]!.split(',')).toEqual([
      '组织',
      '回答人数',
      ...template.dimensions.map((d) => d.name['zh-CN']),
      ...scale.map((i) => i.text['zh-CN']),
    ]);
    expect(lines[0]).toContain('工作态度');
    expect(lines[0]).not.toContain('attitude');
    expect(lines[1]!.split(',')).toEqual([
      'unit',
      'responses',
      ...template.dimensions.map((d) => d.key),
      ...scale.map((i) => i.key),
    ]);
    expect(lines[1]).toContain('attitude.initiative');
    // R&D (5 responses, K = 5) is published: its row follows the two header rows.
    expect(lines.slice(2).some((l) => l.includes('产品研发部') && l.split(',')[1] === '5')).toBe(true);
  });
});
