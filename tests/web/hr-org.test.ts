// HR's org tools in the mini-app API: CSV import (all or nothing, problems by line, in the HR's language)
// and directory sync from Feishu (the local emulator) with the change report. Employees get 403.
import { describe, expect, it } from 'vitest';
import { startFeishuEmulator, type FeishuEmulator } from '../emulators/feishu/open-api.js';
import type { Harness } from '../support/harness.js';
import { addFeishuDepartment, feishuEnv, useEmulatorAndHarness } from '../support/platform-harness.js';
import { call, sandboxSession, type Session } from './client.js';

let emu: FeishuEmulator;
let h: Harness;
let hr: Session;
let employee: Session;
const people = async () => ((await h.sql.row('select count(*) as n from employees')) as { n: number }).n;
const HEADER = 'email,name,unit,unit_kind,manager_email,roles,locale,timezone,title,is_head';

useEmulatorAndHarness(startFeishuEmulator, feishuEnv, async (started) => {
  ({ emu, h } = started);
  addFeishuDepartment(
    emu,
    { id: 'od-lab', name: 'Test Kitchen' },
    { openId: 'ou_lab_head', name: 'Lab Head', email: 'lab.head@feishu-emu.example' },
    { openId: 'ou_lab_1', name: 'Lab Cook', email: 'lab.cook@feishu-emu.example' },
  );
  hr = await sandboxSession(h, (await h.employeeByEmail('lin.xiaowen@qingyun.example'))!.id);
  employee = await sandboxSession(h, (await h.employeeByEmail('he.jun@qingyun.example'))!.id);
});

describe('org import', () => {
  it('reports every bad row by line and imports nothing', async () => {
    const before = await people();
    const csv = [
      HEADER,
      'new.one@qingyun.example,New One,青云科技/总部/财务部,department,wang.fang@qingyun.example,,en,Asia/Shanghai,Analyst,',
      'not-an-email,Bad,青云科技/总部/财务部,department,,,en,Asia/Shanghai,,',
      ',No Email,青云科技/总部/财务部,department,,,xx,Asia/Shanghai,,',
    ].join('\n');
    const a = await call(h, 'POST', '/api/hr/org/import', { session: hr, body: { csv } });
    expect(a.status).toBe(400);
    expect(a.body.code).toBe('invalid_rows');
    const lines = (a.body.problems as { line: number; message: string }[]).map((p) => p.line);
    expect(lines).toContain(3);
    expect(lines).toContain(4);
    expect(lines).not.toContain(2);
    expect(await people()).toBe(before);
  });

  it('imports a good file and says what changed', async () => {
    const before = await people();
    const csv = `${HEADER}\nnew.one@qingyun.example,New One,青云科技/总部/财务部,department,wang.fang@qingyun.example,,en,Asia/Shanghai,Analyst,\n`;
    const a = await call(h, 'POST', '/api/hr/org/import', { session: hr, body: { csv } });
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ created: 1 });
    expect(await people()).toBe(before + 1);
    expect((await h.employeeByEmail('new.one@qingyun.example'))!.managerId).toBe(
      (await h.employeeByEmail('wang.fang@qingyun.example'))!.id,
    );
  });

  it('is HR-only', async () => {
    const a = await call(h, 'POST', '/api/hr/org/import', { session: employee, body: { csv: `${HEADER}\n` } });
    expect(a.status).toBe(403);
    expect(
      (await call(h, 'POST', '/api/hr/org/sync', { session: employee, body: { platform: 'feishu' } })).status,
    ).toBe(403);
  });
});

describe('directory sync', () => {
  it('offers the configured directories and syncs from Feishu with the change report', async () => {
    expect((await call(h, 'GET', '/api/hr/org', { session: hr })).body).toEqual({ directories: ['feishu'] });
    const a = await call(h, 'POST', '/api/hr/org/sync', { session: hr, body: { platform: 'feishu' } });
    expect(a.status).toBe(200);
    const report = a.body.report as Record<string, string[]>;
    expect(report.peopleCreated).toEqual(['Lab Head', 'Lab Cook']);
    expect(report.unitsCreated).toEqual(expect.arrayContaining([expect.stringContaining('Test Kitchen')]));
    expect((await h.employeeByEmail('lab.cook@feishu-emu.example'))!.managerId).toBe(
      (await h.employeeByEmail('lab.head@feishu-emu.example'))!.id,
    );
    expect((await call(h, 'POST', '/api/hr/org/sync', { session: hr, body: { platform: 'dingtalk' } })).status).toBe(
      404,
    );
    expect((await call(h, 'POST', '/api/hr/org/sync', { session: hr, body: { platform: 'teams' } })).status).toBe(400);
  });
});

describe('value tags', () => {
  it('HR adds a tag (fields checked), employees can claim it, and a retired tag is no longer offered', async () => {
    const bad = await call(h, 'POST', '/api/hr/tags', {
      session: hr,
      body: { nameZh: '', nameEn: 'Food safety', category: 'quality', points: 0 },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields as object).sort()).toEqual(['nameZh', 'points']);
    const ok = await call(h, 'POST', '/api/hr/tags', {
      session: hr,
      body: { nameZh: '食品安全', nameEn: 'Food safety', category: 'quality', points: 80 },
    });
    expect(ok.status).toBe(200);
    const id = Number(ok.body.id);
    const offered = async () =>
      (
        (await call(h, 'GET', '/api/points', { session: employee })).body.tags as {
          id: number;
          name: string;
          points: number;
        }[]
      ).find((t) => t.id === id);
    expect(await offered()).toMatchObject({ points: 80 });
    const listed = (
      (await call(h, 'GET', '/api/hr/tags', { session: hr })).body.tags as {
        id: number;
        minPoints: number;
        maxPoints: number;
      }[]
    ).find((t) => t.id === id);
    expect(listed).toMatchObject({ minPoints: 40, maxPoints: 120 });
    expect((await call(h, 'POST', `/api/hr/tags/${id}/retire`, { session: employee })).status).toBe(403);
    expect((await call(h, 'POST', `/api/hr/tags/${id}/retire`, { session: hr })).status).toBe(200);
    expect(await offered()).toBeUndefined();
    expect(
      await h.sql.row(
        "select count(*) as n from audit_log where action in ('points.tag.create', 'points.tag.retire') and subject = ?",
        String(id),
      ),
    ).toEqual({ n: 2 });
    expect((await call(h, 'POST', '/api/hr/tags/99999/retire', { session: hr })).status).toBe(404);
  });
});

describe('anonymity threshold', () => {
  it('HR sets K (3..10) and the comment threshold (never below K); bad values change nothing; employees cannot', async () => {
    expect((await call(h, 'GET', '/api/hr/settings', { session: hr })).body).toEqual({
      anonymityThreshold: 5,
      commentThreshold: 5,
      minimum: 3,
      maximum: 10,
      commentMaximum: 50,
    });
    for (const k of [2, 11, 4.5]) {
      const bad = await call(h, 'PUT', '/api/hr/settings/anonymity', { session: hr, body: { k } });
      expect(bad.status).toBe(400);
      expect(bad.body.fields).toEqual({ k: expect.stringContaining('3') });
    }
    // A comment threshold below K is refused at its field, and K is not changed either.
    const lowComments = await call(h, 'PUT', '/api/hr/settings/anonymity', {
      session: hr,
      body: { k: 6, commentK: 5 },
    });
    expect(lowComments.status).toBe(400);
    expect(lowComments.body.fields).toEqual({ commentK: expect.stringContaining('6') });
    expect((await call(h, 'GET', '/api/hr/settings', { session: hr })).body).toMatchObject({
      anonymityThreshold: 5,
      commentThreshold: 5,
    });
    expect((await call(h, 'PUT', '/api/hr/settings/anonymity', { session: employee, body: { k: 4 } })).status).toBe(
      403,
    );
    expect(
      (await call(h, 'PUT', '/api/hr/settings/anonymity', { session: hr, body: { k: 4, commentK: 8 } })).status,
    ).toBe(200);
    expect((await call(h, 'GET', '/api/hr/settings', { session: hr })).body).toMatchObject({
      anonymityThreshold: 4,
      commentThreshold: 8,
    });
    // Raising K above the comment threshold carries the comment threshold with it.
    expect((await call(h, 'PUT', '/api/hr/settings/anonymity', { session: hr, body: { k: 9 } })).body).toEqual({
      anonymityThreshold: 9,
      commentThreshold: 9,
    });
    expect(
      await h.sql.row("select count(*) as n from audit_log where action = 'settings.anonymity_threshold'"),
    ).toEqual({ n: 2 });
    expect(await h.sql.row("select count(*) as n from audit_log where action = 'settings.comment_threshold'")).toEqual({
      n: 1,
    });
  });
});

describe('rewards', () => {
  it('HR adds a reward (checked), employees see and can redeem it; a retired one is gone', async () => {
    const bad = await call(h, 'POST', '/api/hr/rewards', {
      session: hr,
      body: { nameZh: '午餐券', nameEn: 'Lunch voucher', category: 'food', cost: -5 },
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.fields as object).sort()).toEqual(['category', 'cost']);
    const ok = await call(h, 'POST', '/api/hr/rewards', {
      session: hr,
      body: { nameZh: '午餐券', nameEn: 'Lunch voucher', category: 'other', cost: 30 },
    });
    expect(ok.status).toBe(200);
    const id = Number(ok.body.id);
    const offered = async () =>
      (
        (await call(h, 'GET', '/api/points', { session: employee })).body.rewards as { id: number; cost: number }[]
      ).find((r) => r.id === id);
    expect(await offered()).toMatchObject({ cost: 30 });
    expect((await call(h, 'GET', '/api/hr/rewards', { session: employee })).status).toBe(403);
    expect((await call(h, 'POST', `/api/hr/rewards/${id}/retire`, { session: hr })).status).toBe(200);
    expect(await offered()).toBeUndefined();
    expect((await call(h, 'POST', '/api/redemptions', { session: employee, body: { rewardId: id } })).status).toBe(404);
  });
});
