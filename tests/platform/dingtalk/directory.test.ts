import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DingTalkApi } from '../../../adapters/dingtalk/api-client.js';
import { DingTalkDirectory } from '../../../adapters/dingtalk/directory.js';
import { startDingTalkEmulator, type DingTalkEmulator } from '../../emulators/dingtalk/index.js';

let emu: DingTalkEmulator;
let dir: DingTalkDirectory;

beforeAll(async () => {
  emu = await startDingTalkEmulator();
  emu.api.depts = [
    { dept_id: 1, name: 'Qingyun', managers: ['boss'] },
    { dept_id: 10, name: 'Sales', parent_id: 1, managers: ['wang'] },
    { dept_id: 11, name: 'Store East', parent_id: 10, managers: ['li'] },
    { dept_id: 12, name: 'Store West', parent_id: 10 },
  ];
  emu.api.users = [
    { userid: 'boss', name: 'Zhao', org_email: 'zhao@qingyun.example', dept_id_list: [1] },
    { userid: 'wang', name: 'Wang', email: 'wang@qingyun.example', dept_id_list: [10] },
    { userid: 'li', name: 'Li', email: 'li@qingyun.example', dept_id_list: [11] },
    { userid: 'chen', name: 'Chen', email: 'chen@qingyun.example', dept_id_list: [11] },
    { userid: 'sun', name: 'Sun', email: 'sun@qingyun.example', dept_id_list: [11, 12], manager_userid: 'wang' },
    { userid: 'zhou', name: 'Zhou', dept_id_list: [12] },
  ];
  emu.api.userPageSize = 2; // Store East has 3 people: two pages
  dir = new DingTalkDirectory(
    new DingTalkApi({ apiUrl: emu.url, oapiUrl: emu.url, appKey: emu.clientId, appSecret: emu.clientSecret }),
  );
});
afterAll(async () => emu.close());

describe('dingtalk directory', () => {
  it('fetches departments with their heads and people with managers, paging through user/list', async () => {
    const snap = await dir.fetchSnapshot();
    expect(snap.units).toEqual([
      { externalId: '10', parentExternalId: undefined, name: 'Sales', leaderExternalUserId: 'wang' },
      { externalId: '11', parentExternalId: '10', name: 'Store East', leaderExternalUserId: 'li' },
      { externalId: '12', parentExternalId: '10', name: 'Store West', leaderExternalUserId: undefined },
    ]);
    const byId = Object.fromEntries(snap.users.map((u) => [u.externalUserId, u]));
    expect(Object.keys(byId).sort()).toEqual(['boss', 'chen', 'li', 'sun', 'wang', 'zhou']);
    expect(byId.boss).toEqual({
      externalUserId: 'boss',
      name: 'Zhao',
      email: 'zhao@qingyun.example',
      unitExternalIds: [],
      managerExternalUserId: undefined,
      active: true,
    });
    expect(byId.wang).toMatchObject({ unitExternalIds: ['10'], managerExternalUserId: 'boss' });
    expect(byId.li).toMatchObject({ unitExternalIds: ['11'], managerExternalUserId: 'wang' }); // a head reports up
    expect(byId.chen).toMatchObject({ managerExternalUserId: 'li', email: 'chen@qingyun.example' });
    expect(byId.sun).toMatchObject({ unitExternalIds: ['11', '12'], managerExternalUserId: 'wang' }); // 直属主管 wins
    expect(byId.zhou).toMatchObject({ managerExternalUserId: 'wang', email: undefined }); // headless store → Sales head
    // Store East (3 people) took two user/list pages.
    const pages = emu.callsTo('/topapi/v2/user/list').filter((c) => (c.body as { dept_id: number }).dept_id === 11);
    expect(pages.map((c) => (c.body as { cursor: number }).cursor)).toEqual([0, 2]);
  });

  it('reads approved leave from attendance/getleavestatus as days in the company zone, paging users and results', async () => {
    // 2026-12-07 10:00 Asia/Shanghai.
    const now = Date.parse('2026-12-07T02:00:00Z');
    const at = (iso: string) => Date.parse(iso);
    const extra = Array.from({ length: 130 }, (_, i) => ({ userid: `p${i}`, name: `P${i}`, dept_id_list: [12] }));
    const saved = emu.api.users;
    emu.api.users = [
      ...saved.map((u) =>
        u.userid === 'chen'
          ? // Under way: Mon 09:00 → Wed 18:00 local.
            { ...u, leaves: [{ start: at('2026-12-07T01:00:00Z'), end: at('2026-12-09T10:00:00Z') }] }
          : u.userid === 'sun'
            ? // A past one and the next one, ending at local midnight (its last day is the day before).
              {
                ...u,
                leaves: [
                  { start: at('2026-11-02T01:00:00Z'), end: at('2026-11-03T10:00:00Z') },
                  { start: at('2026-12-20T16:00:00Z'), end: at('2026-12-24T16:00:00Z') },
                ],
              }
            : u,
      ),
      // 130 more people, 25 of them on leave: two userid_list batches, and more than one page of results.
      ...extra.map((u, i) => (i < 25 ? { ...u, leaves: [{ start: now, end: now + 86_400_000 }] } : u)),
    ];
    const zoned = new DingTalkDirectory(
      new DingTalkApi({ apiUrl: emu.url, oapiUrl: emu.url, appKey: emu.clientId, appSecret: emu.clientSecret }),
      { timeZone: 'Asia/Shanghai', now: () => now },
    );
    try {
      const before = emu.callsTo('/topapi/attendance/getleavestatus').length;
      const byId = Object.fromEntries((await zoned.fetchSnapshot()).users.map((u) => [u.externalUserId, u]));
      expect(byId.chen!.leave).toEqual({ from: '2026-12-07', until: '2026-12-09' });
      expect(byId.sun!.leave).toEqual({ from: '2026-12-21', until: '2026-12-24' });
      expect(byId.li).not.toHaveProperty('leave'); // none reported: left as it is
      expect(Object.values(byId).filter((u) => u.leave).length).toBe(27);
      const calls = emu.callsTo('/topapi/attendance/getleavestatus').slice(before);
      const bodies = calls.map((c) => c.body as { userid_list: string; size: number; offset: number });
      expect(Math.max(...bodies.map((b) => b.userid_list.split(',').length))).toBe(100);
      expect(bodies.every((b) => b.size === 20)).toBe(true);
      expect(bodies.some((b) => b.offset === 20)).toBe(true); // the first batch's 26 leaves took two pages

      // Without the attendance permission the sync still works; nobody's leave is touched.
      emu.api.deniedApis.add('/topapi/attendance/getleavestatus');
      const denied = await zoned.fetchSnapshot();
      expect(denied.users).toHaveLength(136);
      expect(denied.users.some((u) => 'leave' in u)).toBe(false);
    } finally {
      emu.api.deniedApis.delete('/topapi/attendance/getleavestatus');
      emu.api.users = saved;
    }
  });

  it('exchanges an H5 micro-app auth code for the user, once', async () => {
    emu.api.authCodes.set('code-1', 'chen');
    expect(await dir.exchangeAuthCode('code-1')).toEqual({
      platformUserId: 'chen',
      displayName: 'Chen',
      email: 'chen@qingyun.example',
    });
    await expect(dir.exchangeAuthCode('code-1')).rejects.toMatchObject({ kind: 'permanent' });
  });
});
