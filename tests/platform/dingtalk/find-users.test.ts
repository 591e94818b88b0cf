// The DingTalk adapter's findUsers: DingTalk has no look-up by e-mail, so the adapter walks the
// organisation (department/listsub, user/list with email / org_email) — real HTTP against the emulator.
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CONTACT_PERMISSION, EMAIL_PERMISSION } from '../../../adapters/dingtalk/find-users.js';
import { createAdapter } from '../../../adapters/dingtalk/index.js';
import type { FoundPerson, PersonToFind, PlatformAdapter } from '../../../src/bot/port.js';
import { loadConfig } from '../../../src/config.js';
import { startDingTalkEmulator, type DingTalkEmulator } from '../../emulators/dingtalk/index.js';
import { dingTalkEnv } from '../../support/platform-harness.js';

let emu: DingTalkEmulator;
let adapter: PlatformAdapter;
const USER_LIST = '/topapi/v2/user/list';

beforeAll(async () => {
  emu = await startDingTalkEmulator();
  emu.api.depts = [
    { dept_id: 1, name: 'Qingyun' },
    { dept_id: 10, name: 'Sales', parent_id: 1 },
    { dept_id: 11, name: 'Store East', parent_id: 10 },
  ];
  emu.api.users = [
    { userid: 'boss', name: 'Zhao', org_email: 'zhao@qingyun.example', dept_id_list: [1] },
    { userid: 'wang', name: 'Wang', email: 'wang@qingyun.example', dept_id_list: [10] },
    { userid: 'li', name: 'Li', email: 'li@qingyun.example', dept_id_list: [11] },
    { userid: 'chen', name: 'Chen', email: 'chen@qingyun.example', dept_id_list: [11, 10] },
    // Two people who gave the same personal address.
    { userid: 'sun1', name: 'Sun', email: 'family@mail.example', dept_id_list: [11] },
    { userid: 'sun2', name: 'Sun Jr', email: 'family@mail.example', dept_id_list: [11] },
  ];
  emu.api.userPageSize = 2;
});
// A fresh adapter per test: each keeps its last complete walk for a few minutes.
beforeEach(() => {
  const config = loadConfig(dingTalkEnv(emu));
  adapter = createAdapter({ config, logger: pino({ level: 'silent' }) });
});
afterEach(() => {
  emu.api.deniedApis.clear();
  emu.api.emailFieldPermission = true;
});
afterAll(() => emu.close());

const person = (employeeId: number, email: string | null): PersonToFind => ({
  employeeId,
  email,
  name: `E${employeeId}`,
});
const find = (people: PersonToFind[]) => adapter.findUsers!(people);
const byEmployee = (answers: FoundPerson[]) => new Map(answers.map((a) => [a.employeeId, a]));
const three = () => [
  person(1, 'zhao@qingyun.example'),
  person(2, 'li@qingyun.example'),
  person(3, 'chen@qingyun.example'),
];

describe('DingTalk findUsers', () => {
  it('finds people by org_email or email (any case) with one walk; says not_found, ambiguous and no_email otherwise', async () => {
    const before = emu.calls.length;
    const answers = byEmployee(
      await find([
        person(1, 'Zhao@Qingyun.example'),
        person(2, 'wang@qingyun.example'),
        person(3, 'chen@qingyun.example'),
        person(4, 'left@qingyun.example'),
        person(5, 'family@mail.example'),
        person(6, null),
      ]),
    );
    expect(answers.get(1)).toEqual({ employeeId: 1, found: true, platformUserId: 'boss' });
    expect(answers.get(2)).toEqual({ employeeId: 2, found: true, platformUserId: 'wang' });
    expect(answers.get(3)).toEqual({ employeeId: 3, found: true, platformUserId: 'chen' });
    expect(answers.get(4)).toMatchObject({ found: false, reason: 'not_found' });
    expect(answers.get(5)).toMatchObject({ found: false, reason: 'ambiguous', detail: 'sun1, sun2' });
    expect(answers.get(6)).toMatchObject({ found: false, reason: 'no_email' });
    const paths = emu.calls
      .slice(before)
      .map((c) => c.path)
      .filter((p) => p.startsWith('/topapi'));
    // listsub for each department, then user/list per department (Store East: 4 people, pages of 2).
    expect(paths.filter((p) => p === '/topapi/v2/department/listsub')).toHaveLength(3);
    expect(paths.filter((p) => p === USER_LIST)).toHaveLength(1 + 1 + 2);
    expect(paths.some((p) => p === '/topapi/v2/user/get')).toBe(false);
  });

  it('the core asking in chunks costs one walk: a second call soon after reuses it', async () => {
    const before = emu.callsTo(USER_LIST).length;
    expect((await find(three())).every((a) => a.found)).toBe(true);
    const walked = emu.callsTo(USER_LIST).length - before;
    expect(await find([person(9, 'wang@qingyun.example')])).toEqual([
      { employeeId: 9, found: true, platformUserId: 'wang' },
    ]);
    expect(emu.callsTo(USER_LIST).length - before).toBe(walked);
  });

  it('someone the last walk did not find means a fresh walk: they may have joined since', async () => {
    expect(await find([person(1, 'new@qingyun.example')])).toMatchObject([{ found: false, reason: 'not_found' }]);
    emu.api.users.push({ userid: 'newbie', name: 'New', org_email: 'new@qingyun.example', dept_id_list: [10] });
    try {
      expect(await find([person(1, 'new@qingyun.example')])).toEqual([
        { employeeId: 1, found: true, platformUserId: 'newbie' },
      ]);
    } finally {
      emu.api.users.pop();
    }
  });

  it('asks nothing when nobody has an e-mail', async () => {
    const before = emu.calls.length;
    expect(await find([person(1, null), person(2, '  ')])).toEqual([
      { employeeId: 1, found: false, reason: 'no_email' },
      { employeeId: 2, found: false, reason: 'no_email' },
    ]);
    expect(emu.calls.length).toBe(before);
  });

  it('a throttled call in the middle of the walk (errcode 90018) is waited out and the answer is complete', async () => {
    emu.api.throttleNext(USER_LIST, 'errcode90018', 1);
    const answers = await find(three());
    expect(answers.map((a) => a.found && a.platformUserId)).toEqual(['boss', 'li', 'chen']);
  });

  it('a walk that keeps being throttled ends in error for everyone after a bounded number of tries', async () => {
    emu.api.throttleNext(USER_LIST, 'errcode90002', 3);
    const before = emu.callsTo(USER_LIST).length;
    const answers = await find(three());
    expect(answers.every((a) => !a.found && a.reason === 'error')).toBe(true);
    expect(emu.callsTo(USER_LIST).length - before).toBe(3);
  });

  it('without the contact read permission (errcode 88 / 60011): forbidden naming it', async () => {
    emu.api.deniedApis.add(USER_LIST);
    const answers = await find(three());
    expect(answers.every((a) => !a.found && a.reason === 'forbidden' && a.detail === CONTACT_PERMISSION)).toBe(true);
  });

  it('without the e-mail field permission everyone is listed with no e-mail: forbidden naming it', async () => {
    emu.api.emailFieldPermission = false;
    const answers = await find(three());
    expect(answers.every((a) => !a.found && a.reason === 'forbidden' && a.detail === EMAIL_PERMISSION)).toBe(true);
  });
});
