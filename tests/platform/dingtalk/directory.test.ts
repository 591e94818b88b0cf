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
