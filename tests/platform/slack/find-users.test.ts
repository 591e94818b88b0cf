// The Slack adapter's findUsers (users.lookupByEmail for a few people, a users.list walk for many) through
// the real Bolt WebClient against the local Web API emulator.
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAdapter } from '../../../adapters/slack/index.js';
import type { PersonToFind, PlatformAdapter } from '../../../src/bot/port.js';
import { loadConfig } from '../../../src/config.js';
import { DEFAULT_SCOPES, startSlackEmulator, type SlackEmulator } from '../../emulators/slack/index.js';
import { slackEnv } from '../../support/platform-harness.js';

let emu: SlackEmulator;
let adapter: PlatformAdapter;

/** 24 ordinary members (U0P01…U0P24, p01@…), plus the odd cases. */
const PEOPLE = Array.from({ length: 24 }, (_, i) => {
  const n = String(i + 1).padStart(2, '0');
  return { id: `U0P${n}`, email: `p${n}@qingyun.example`, name: `Person ${n}` };
});

beforeAll(async () => {
  emu = await startSlackEmulator({ botToken: 'xoxb-find' });
  for (const p of PEOPLE) emu.addUser(p);
  emu.addUser({ id: 'U0GONE', email: 'gone@qingyun.example', name: 'Gone', deleted: true });
  emu.addUser({ id: 'U0TWIN1', email: 'shared@qingyun.example', name: 'Twin One' });
  emu.addUser({ id: 'U0TWIN2', email: 'Shared@Qingyun.example', name: 'Twin Two' });
});
// A fresh adapter per test: each keeps its last complete users.list walk for a few minutes.
beforeEach(() => {
  const config = loadConfig(slackEnv(emu, 'xoxb-find', 'find-secret'));
  adapter = createAdapter({ config, logger: pino({ level: 'silent' }) });
});
afterEach(() => {
  emu.setScopes(DEFAULT_SCOPES);
  emu.usersPageSize = 200;
});
afterAll(() => emu.close());

const person = (employeeId: number, email: string | null): PersonToFind => ({
  employeeId,
  email,
  name: `E${employeeId}`,
});
const find = (people: PersonToFind[]) => adapter.findUsers!(people);
const byEmployee = (answers: Awaited<ReturnType<typeof find>>) => new Map(answers.map((a) => [a.employeeId, a]));
/** 22 people: more than the one-by-one threshold (20), so the adapter walks users.list. */
const many = (): PersonToFind[] => PEOPLE.slice(0, 22).map((p, i) => person(100 + i, p.email));

describe('Slack findUsers, a few people: users.lookupByEmail each', () => {
  it('finds by e-mail (any case); says not_found (a deactivated member too: Slack does not return them) and no_email otherwise', async () => {
    const before = emu.calls.length;
    const answers = byEmployee(
      await find([
        person(1, 'P01@Qingyun.Example'),
        person(2, 'nobody@qingyun.example'),
        person(3, 'gone@qingyun.example'),
        person(4, null),
      ]),
    );
    expect(answers.get(1)).toEqual({ employeeId: 1, found: true, platformUserId: 'U0P01' });
    expect(answers.get(2)).toMatchObject({ found: false, reason: 'not_found' });
    expect(answers.get(3)).toMatchObject({ found: false, reason: 'not_found' });
    expect(answers.get(4)).toMatchObject({ found: false, reason: 'no_email' });
    const calls = emu.calls.slice(before);
    expect(calls.map((c) => c.method)).toEqual(['users.lookupByEmail', 'users.lookupByEmail', 'users.lookupByEmail']);
    expect(calls[0]!.args).toEqual({ email: 'p01@qingyun.example' });
    expect(calls[1]!.error).toBe('users_not_found');
  });

  it('without users:read.email: forbidden naming the scope, after one call', async () => {
    emu.setScopes(['chat:write', 'users:read']);
    const before = emu.callsTo('users.lookupByEmail').length;
    const answers = await find([person(1, 'p01@qingyun.example'), person(2, 'p02@qingyun.example')]);
    expect(answers).toEqual([
      { employeeId: 1, found: false, reason: 'forbidden', detail: 'users:read.email' },
      { employeeId: 2, found: false, reason: 'forbidden', detail: 'users:read.email' },
    ]);
    expect(emu.callsTo('users.lookupByEmail').length).toBe(before + 1);
  });

  it('a 429 is waited out (Retry-After) and the lookup retried', async () => {
    emu.failNext('users.lookupByEmail', { rateLimitedSeconds: 1 });
    const before = emu.callsTo('users.lookupByEmail').length;
    expect(await find([person(1, 'p03@qingyun.example')])).toEqual([
      { employeeId: 1, found: true, platformUserId: 'U0P03' },
    ]);
    const calls = emu.callsTo('users.lookupByEmail').slice(before);
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
  });

  it('a lookup that keeps being throttled ends in error after a bounded number of tries', async () => {
    for (let i = 0; i < 3; i++) emu.failNext('users.lookupByEmail', { rateLimitedSeconds: 1 });
    const before = emu.callsTo('users.lookupByEmail').length;
    const [answer] = await find([person(1, 'p04@qingyun.example')]);
    expect(answer).toMatchObject({ found: false, reason: 'error' });
    expect(emu.callsTo('users.lookupByEmail').length - before).toBe(3);
  });

  it('a Retry-After too long to wait for is not waited for', async () => {
    emu.failNext('users.lookupByEmail', { rateLimitedSeconds: 600 });
    const before = emu.callsTo('users.lookupByEmail').length;
    const [answer] = await find([person(1, 'p05@qingyun.example')]);
    expect(answer).toMatchObject({ found: false, reason: 'error', detail: expect.stringContaining('600') });
    expect(emu.callsTo('users.lookupByEmail').length - before).toBe(1);
  });
});

describe('Slack findUsers, many people: one users.list walk', () => {
  it('pages with the cursor and answers everyone: found, ambiguous, inactive, not found', async () => {
    emu.usersPageSize = 10;
    const before = emu.calls.length;
    const people = [
      ...many(),
      person(1, 'shared@qingyun.example'),
      person(2, 'gone@qingyun.example'),
      person(3, 'nobody@qingyun.example'),
      person(4, null),
    ];
    const answers = byEmployee(await find(people));
    for (const [i, p] of PEOPLE.slice(0, 22).entries())
      expect(answers.get(100 + i)).toEqual({ employeeId: 100 + i, found: true, platformUserId: p.id });
    expect(answers.get(1)).toMatchObject({
      found: false,
      reason: 'ambiguous',
      detail: expect.stringContaining('U0TWIN2'),
    });
    expect(answers.get(2)).toMatchObject({ found: false, reason: 'inactive' });
    expect(answers.get(3)).toMatchObject({ found: false, reason: 'not_found' });
    expect(answers.get(4)).toMatchObject({ found: false, reason: 'no_email' });
    const calls = emu.calls.slice(before);
    // 2 built-in members + 27 added = 29 members: three pages of ten.
    expect(calls.map((c) => c.method)).toEqual(['users.list', 'users.list', 'users.list']);
    expect(calls[0]!.args).toEqual({ limit: '200' }); // form-encoded
    expect(calls[1]!.args).toEqual({
      limit: '200',
      cursor: (calls[0]!.response!.response_metadata as { next_cursor: string }).next_cursor,
    });
    expect(answers.size).toBe(people.length);
  });

  it('the core asking in chunks costs one walk: a second call soon after reuses the member list', async () => {
    const before = emu.callsTo('users.list').length;
    const first = await find(many());
    const second = await find(PEOPLE.slice(2, 24).map((p, i) => person(200 + i, p.email)));
    expect(emu.callsTo('users.list').length - before).toBe(1);
    expect(first.every((a) => a.found)).toBe(true);
    expect(second.every((a) => a.found)).toBe(true);
  });

  it('someone the last walk did not find means a fresh walk: they may have joined since', async () => {
    const before = emu.callsTo('users.list').length;
    const late = person(300, 'late@qingyun.example');
    expect((await find([...many(), late])).find((a) => a.employeeId === 300)).toMatchObject({
      found: false,
      reason: 'not_found',
    });
    emu.addUser({ id: 'U0LATE', email: 'late@qingyun.example', name: 'Late' });
    expect((await find([...many(), late])).find((a) => a.employeeId === 300)).toEqual({
      employeeId: 300,
      found: true,
      platformUserId: 'U0LATE',
    });
    expect(emu.callsTo('users.list').length - before).toBe(2);
  });

  it('a 429 in the middle of the walk is waited out and the answer is complete', async () => {
    emu.usersPageSize = 10;
    const before = emu.callsTo('users.list').length;
    // The first page passes; the second is throttled once.
    emu.failNext('users.list', { rateLimitedSeconds: 1 }, 1);
    const answers = await find(many());
    expect(answers).toHaveLength(22);
    expect(answers.every((a) => a.found)).toBe(true);
    const calls = emu.callsTo('users.list').slice(before);
    expect(calls.map((c) => c.status)).toEqual([200, 429, 200, 200]);
    // The retry asks for the same page again.
    expect(calls[2]!.args).toEqual(calls[1]!.args);
  });

  it('a walk cut short reports whom it found and error (not not_found) for the rest', async () => {
    emu.usersPageSize = 10;
    emu.failNext('users.list', { error: 'internal_error' }, 1);
    const answers = byEmployee(await find(many()));
    // Page one: Slackbot, the bot user and p01…p08.
    for (let i = 0; i < 8; i++)
      expect(answers.get(100 + i)).toMatchObject({ found: true, platformUserId: PEOPLE[i]!.id });
    for (let i = 8; i < 22; i++)
      expect(answers.get(100 + i)).toMatchObject({ found: false, reason: 'error', detail: 'internal_error' });
  });

  it('without users:read.email the members come without e-mails: forbidden naming the scope', async () => {
    emu.setScopes(['chat:write', 'users:read']);
    const answers = await find(many());
    expect(new Set(answers.map((a) => JSON.stringify({ ...a, employeeId: 0 })))).toEqual(
      new Set([JSON.stringify({ employeeId: 0, found: false, reason: 'forbidden', detail: 'users:read.email' })]),
    );
  });

  it('without users:read: forbidden naming that scope', async () => {
    emu.setScopes(['chat:write']);
    const answers = await find(many());
    expect(answers[0]).toMatchObject({ found: false, reason: 'forbidden', detail: 'users:read' });
  });

  it('a walk that keeps being throttled ends in error for everyone, after a bounded number of tries', async () => {
    for (let i = 0; i < 3; i++) emu.failNext('users.list', { rateLimitedSeconds: 1 });
    const before = emu.callsTo('users.list').length;
    const answers = await find(many());
    expect(answers).toHaveLength(22);
    expect(answers.every((a) => !a.found && a.reason === 'error')).toBe(true);
    expect(emu.callsTo('users.list').length - before).toBe(3);
  });
});
