// Directory sync end to end: the adapter fetches DingTalk's org from the emulator (oapi topapi calls with
// the real token flow) and the core's applyDirectorySnapshot writes it into the org model.
import { describe, expect, it } from 'vitest';
import { applyDirectorySnapshot } from '../../../src/domain/org/directory-sync.js';
import { managerHistoryOf } from '../../../src/domain/org/transfer-move.js';
import type { Harness } from '../../support/harness.js';
import { dingTalkEnv, useEmulatorAndHarness } from '../../support/platform-harness.js';
import { startDingTalkEmulator, type DingTalkEmulator } from '../../emulators/dingtalk/index.js';

let emu: DingTalkEmulator;
let h: Harness;
type Person = { id: number; name: string; email: string };
let alice: Person;
let bob: Person;

useEmulatorAndHarness(startDingTalkEmulator, dingTalkEnv, async (started) => {
  ({ emu, h } = started);
  const people = (await h.sql.rows(
    'select id, name, email from employees where email is not null order by id',
  )) as Person[];
  [alice, bob] = [people[0]!, people[1]!];
  emu.api.depts = [
    { dept_id: 1, name: 'Qingyun', managers: [] },
    { dept_id: 500, name: 'DingTalk Ops', parent_id: 1, managers: ['ding-alice'] },
    { dept_id: 501, name: 'DingTalk East Store', parent_id: 500, managers: ['ding-bob'] },
  ];
  emu.api.users = [
    { userid: 'ding-alice', name: alice.name, email: alice.email, dept_id_list: [500] },
    { userid: 'ding-bob', name: bob.name, org_email: bob.email, dept_id_list: [501] },
    { userid: 'ding-new', name: 'Xin Ren', email: 'xin.ren@dingtalk-sync.example', dept_id_list: [501] },
    { userid: 'ding-leaver', name: 'Li Kai', email: 'li.kai@dingtalk-sync.example', dept_id_list: [501] },
  ];
});

const sync = async () => {
  const snap = await h.app.adapters.get('dingtalk')!.directory!.fetchSnapshot();
  return applyDirectorySnapshot(h.app.db, 'dingtalk', snap, { kind: 'system' });
};
const unitByName = async (name: string) =>
  (await h.sql.row(
    'select id, parent_id as parentId, head_employee_id as headId from org_units where name = ?',
    name,
  )) as { id: number; parentId: number; headId: number | null } | undefined;

describe('dingtalk directory sync', () => {
  it('imports departments with their heads and people with their managers', async () => {
    const report = await sync();
    expect(report.unitsCreated.some((p) => p.endsWith('/DingTalk Ops'))).toBe(true);
    expect(report.unitsCreated.some((p) => p.endsWith('/DingTalk Ops/DingTalk East Store'))).toBe(true);
    expect(report.peopleCreated.sort()).toEqual(['Li Kai', 'Xin Ren']);

    const ops = (await unitByName('DingTalk Ops'))!;
    const store = (await unitByName('DingTalk East Store'))!;
    expect(store.parentId).toBe(ops.id);
    expect(ops.headId).toBe(alice.id);
    expect(store.headId).toBe(bob.id);

    expect(await h.employeeByEmail(bob.email)).toMatchObject({ unitId: store.id, managerId: alice.id });
    expect(await h.employeeByEmail('xin.ren@dingtalk-sync.example')).toMatchObject({
      unitId: store.id,
      managerId: bob.id,
    });
    expect((await h.employeeByEmail(alice.email))?.unitId).toBe(ops.id);
    // The manager history follows the sync: Bob's open period names Alice, from a sync.
    const bobPeriods = await managerHistoryOf(h.app.db, bob.id);
    expect(bobPeriods.at(-1)).toMatchObject({
      managerId: alice.id,
      unitId: store.id,
      to: null,
      source: 'sync:dingtalk',
    });
    expect(bobPeriods.filter((p) => p.to === null)).toHaveLength(1);
  });

  it("sets a person's leave from DingTalk attendance; a later sync that sees none keeps it", async () => {
    // An approved leave starting in two days, 09:00–18:00 local on three days (ends on the third).
    const day = 86_400_000;
    const start = Date.now() + 2 * day;
    emu.api.users = emu.api.users.map((u) =>
      u.userid === 'ding-new' ? { ...u, leaves: [{ start, end: start + 2 * day + 9 * 3_600_000 }] } : u,
    );
    const report = await sync();
    expect(report.peopleRejected).toEqual([]);
    const row = async () =>
      (await h.sql.row(
        'select leave_from as leaveFrom, leave_until as leaveUntil from employees where email = ?',
        'xin.ren@dingtalk-sync.example',
      )) as { leaveFrom: string | null; leaveUntil: string | null };
    const set = await row();
    // The days of the leave's start and end in the company's zone.
    const dayIn = (ms: number) =>
      new Intl.DateTimeFormat('en-CA', { timeZone: h.app.config.defaultTimezone }).format(ms);
    expect(set).toEqual({ leaveFrom: dayIn(start), leaveUntil: dayIn(start + 2 * day + 9 * 3_600_000) });
    emu.api.users = emu.api.users.map((u) => (u.userid === 'ding-new' ? { ...u, leaves: [] } : u));
    await sync();
    expect(await row()).toEqual(set);
  });

  it('deactivates a leaver on the next sync', async () => {
    emu.api.users = emu.api.users.filter((u) => u.userid !== 'ding-leaver');
    const report = await sync();
    expect(report.peopleDeactivated).toEqual(['Li Kai']);
    const row = (await h.sql.row('select active from employees where email = ?', 'li.kai@dingtalk-sync.example')) as {
      active: number;
    };
    expect(row.active).toBe(0);
    expect(report.peopleCreated).toEqual([]);
  });
});
