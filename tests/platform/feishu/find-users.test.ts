// The Feishu adapter's findUsers (contact/v3/users/batch_get_id by e-mail, 50 per call) through the real
// @larksuiteoapi/node-sdk client against the local Open API emulator.
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAdapter } from '../../../adapters/feishu/index.js';
import type { FoundPerson, PersonToFind, PlatformAdapter } from '../../../src/bot/port.js';
import { loadConfig } from '../../../src/config.js';
import { type FeishuEmulator, startFeishuEmulator } from '../../emulators/feishu/open-api.js';
import { feishuEnv } from '../../support/platform-harness.js';

let emu: FeishuEmulator;
let adapter: PlatformAdapter;
const BATCH = '/open-apis/contact/v3/users/batch_get_id';

beforeAll(async () => {
  emu = await startFeishuEmulator();
  for (let i = 1; i <= 120; i++)
    emu.users.push({ open_id: `ou_p${i}`, name: `Person ${i}`, email: `p${i}@qingyun.example`, department_ids: ['0'] });
  emu.users.push({
    open_id: 'ou_left',
    name: 'Left',
    email: 'left@qingyun.example',
    department_ids: [],
    status: { is_resigned: true },
  });
  emu.users.push({
    open_id: 'ou_frozen',
    name: 'Frozen',
    email: 'frozen@qingyun.example',
    department_ids: ['0'],
    status: { is_frozen: true },
  });
  const config = loadConfig(feishuEnv(emu));
  adapter = createAdapter({ config, logger: pino({ level: 'silent' }) });
});
afterEach(() => emu.revokedScopes.clear());
afterAll(() => emu.close());

const person = (employeeId: number, email: string | null): PersonToFind => ({
  employeeId,
  email,
  name: `E${employeeId}`,
});
const find = (people: PersonToFind[]) => adapter.findUsers!(people);
const byEmployee = (answers: FoundPerson[]) => new Map(answers.map((a) => [a.employeeId, a]));
const everyone = (): PersonToFind[] =>
  Array.from({ length: 120 }, (_, i) => person(i + 1, `p${i + 1}@qingyun.example`));

describe('Feishu findUsers', () => {
  it('finds by e-mail (any case) as open_id; says not_found, inactive (resigned, frozen) and no_email otherwise', async () => {
    const before = emu.callsTo(BATCH).length;
    const answers = byEmployee(
      await find([
        person(1, 'P1@Qingyun.Example'),
        person(2, 'nobody@qingyun.example'),
        person(3, 'left@qingyun.example'),
        person(4, 'frozen@qingyun.example'),
        person(5, null),
      ]),
    );
    expect(answers.get(1)).toEqual({ employeeId: 1, found: true, platformUserId: 'ou_p1' });
    expect(answers.get(2)).toMatchObject({ found: false, reason: 'not_found' });
    expect(answers.get(3)).toMatchObject({ found: false, reason: 'inactive', detail: 'ou_left' });
    expect(answers.get(4)).toMatchObject({ found: false, reason: 'inactive', detail: 'ou_frozen' });
    expect(answers.get(5)).toMatchObject({ found: false, reason: 'no_email' });
    const calls = emu.callsTo(BATCH).slice(before);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.method).toBe('POST');
    expect(calls[0]!.query).toEqual({ user_id_type: 'open_id' });
    expect(calls[0]!.body).toEqual({
      emails: ['p1@qingyun.example', 'nobody@qingyun.example', 'left@qingyun.example', 'frozen@qingyun.example'],
      include_resigned: true,
    });
  });

  it('asks 50 e-mails per call and answers everyone', async () => {
    const before = emu.callsTo(BATCH).length;
    const answers = await find(everyone());
    expect(answers).toHaveLength(120);
    expect(answers.every((a) => a.found && a.platformUserId === `ou_p${a.employeeId}`)).toBe(true);
    const sizes = emu
      .callsTo(BATCH)
      .slice(before)
      .map((c) => (c.body as { emails: string[] }).emails.length);
    expect(sizes).toEqual([50, 50, 20]);
  });

  it('without contact:user.id:readonly: forbidden naming the scope, after one call', async () => {
    emu.revokedScopes.add('contact:user.id:readonly');
    const before = emu.callsTo(BATCH).length;
    const answers = await find(everyone());
    expect(answers).toHaveLength(120);
    expect(answers.every((a) => !a.found && a.reason === 'forbidden' && a.detail === 'contact:user.id:readonly')).toBe(
      true,
    );
    expect(emu.callsTo(BATCH).length - before).toBe(1);
  });

  it('a throttled call (429 / 99991400) is waited out and the answer is complete', async () => {
    emu.rateLimitNext(/batch_get_id/, 1, 1);
    const before = emu.callsTo(BATCH).length;
    const answers = await find(everyone());
    expect(answers.every((a) => a.found)).toBe(true);
    const bodies = emu
      .callsTo(BATCH)
      .slice(before)
      .map((c) => (c.body as { emails: string[] }).emails.length);
    // The first chunk asked twice (throttled, then answered), then the other two.
    expect(bodies).toEqual([50, 50, 50, 20]);
  });

  it('a call that keeps being throttled ends in error for its people after a bounded number of tries', async () => {
    emu.rateLimitNext(/batch_get_id/, 3, 1);
    const before = emu.callsTo(BATCH).length;
    const [answer] = await find([person(1, 'p1@qingyun.example')]);
    expect(answer).toMatchObject({ found: false, reason: 'error', detail: expect.stringContaining('rate limited') });
    expect(emu.callsTo(BATCH).length - before).toBe(3);
  });

  it('a reset too far away is not waited for; a server error is an error, not "not found"', async () => {
    emu.rateLimitNext(/batch_get_id/, 1, 600);
    const before = emu.callsTo(BATCH).length;
    expect((await find([person(1, 'p1@qingyun.example')]))[0]).toMatchObject({ found: false, reason: 'error' });
    expect(emu.callsTo(BATCH).length - before).toBe(1);
    emu.failNext(/batch_get_id/, 500, 1500, 'internal error');
    expect((await find([person(1, 'p1@qingyun.example')]))[0]).toMatchObject({
      found: false,
      reason: 'error',
      detail: expect.stringContaining('1500'),
    });
  });
});
