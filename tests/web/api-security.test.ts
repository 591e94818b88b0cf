// The mini-app API's guards against the real server: no/expired/forged session → 401, a missing or wrong
// CSRF token → 403 and nothing written, role and scope → 403 with no data, bad input → 400 at the field,
// a stale approval → 409.
import { sign } from '@fastify/cookie';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { call, sandboxSession, type Session } from './client.js';
import { sandboxClient, textOf } from '../support/sandbox-client.js';

const SECRET = 'test-secret-for-the-mini-app-api-0123456789';
let h: Harness;
let sophia: Session;
let tom: Session;
let hr: Session;
const ids: Record<string, number> = {};
const count = async (sql: string) => ((await h.sql.row(sql)) as { n: number }).n;

beforeAll(async () => {
  h = await startHarness({ env: { SESSION_SECRET: SECRET } });
  for (const e of ['sophia.lee', 'tom.harris', 'lin.xiaowen', 'zhang.wei', 'li.ming'])
    ids[e] = (await h.employeeByEmail(`${e}@qingyun.example`))!.id;
  sophia = await sandboxSession(h, ids['sophia.lee']!);
  tom = await sandboxSession(h, ids['tom.harris']!);
  hr = await sandboxSession(h, ids['lin.xiaowen']!);
});
afterAll(async () => h?.stop());

describe('sessions', () => {
  it('answers 401 without a session, and with the session /api/me says who and hands out the CSRF token', async () => {
    for (const path of ['/api/me', '/api/home', '/api/team/pulse', '/api/hr/audit']) {
      const a = await call(h, 'GET', path);
      expect(a.status, path).toBe(401);
      expect(a.body).toEqual({ error: 'Please sign in.', code: 'session' });
    }
    const me = await call(h, 'GET', '/api/me', { session: sophia });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      id: ids['sophia.lee'],
      name: 'Sophia Lee',
      isManager: false,
      isHr: false,
      csrf: sophia.csrf,
    });
  });

  it('sets the cookie httpOnly, SameSite=Lax and signed', async () => {
    const a = await call(h, 'POST', '/api/auth/sandbox', { body: { employeeId: ids['sophia.lee'] } });
    const set = a.headers.getSetCookie().find((c) => c.startsWith('vitality_session='))!;
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/SameSite=Lax/i);
    expect(set.split(';')[0]).toMatch(/^vitality_session=[\w-]+\.[\w%+/-]+/);
  });

  it('answers 401 "expired" for a session past its absolute or idle lifetime, and 401 for a forged, tampered or unsigned one', async () => {
    const s = await sandboxSession(h, ids['sophia.lee']!);
    expect((await call(h, 'GET', '/api/me', { session: s })).status).toBe(200);
    const idHash = (
      (await h.sql.row(
        'select id_hash as id from sessions where employee_id = ? order by created_at desc limit 1',
        ids['sophia.lee'],
      )) as { id: string }
    ).id;
    await h.sql.run(
      'update sessions set expires_at = ? where id_hash = ?',
      new Date(Date.now() - 1000).toISOString(),
      idHash,
    );
    const expired = await call(h, 'GET', '/api/me', { session: s });
    expect(expired.status).toBe(401);
    expect(expired.body).toEqual({ error: 'Your session has expired. Please sign in again.', code: 'session' });
    const idle = await sandboxSession(h, ids['sophia.lee']!);
    await h.sql.run(
      'update sessions set last_seen_at = ? where id_hash = (select id_hash from sessions where employee_id = ? order by created_at desc limit 1)',
      new Date(Date.now() - 121 * 60_000).toISOString(),
      ids['sophia.lee'],
    );
    expect((await call(h, 'GET', '/api/me', { session: idle })).status).toBe(401);
    // Knowing the signing secret is not enough: a well-signed id that no sign-in created is refused, on the record.
    const refused = await count("select count(*) as n from audit_log where action = 'auth.refused'");
    expect(
      (await call(h, 'GET', '/api/me', { cookie: `vitality_session=${sign('x'.repeat(43), SECRET)}` })).status,
    ).toBe(401);
    expect(await count("select count(*) as n from audit_log where action = 'auth.refused'")).toBe(refused + 1);
    // HR's genuine id with a wrong signature, or with none.
    const hrId = /^vitality_session=([^.]+)\./.exec(hr.cookie)![1]!;
    expect(
      (await call(h, 'GET', '/api/me', { cookie: `vitality_session=${sign(hrId, 'another-secret')}` })).status,
    ).toBe(401);
    expect((await call(h, 'GET', '/api/me', { cookie: `vitality_session=${hrId}` })).status).toBe(401);
    expect((await call(h, 'GET', '/api/me', { session: hr })).status).toBe(200);
  });

  it('signs out on the server: the cookie is cleared, and a copy of it is refused from then on', async () => {
    const s = await sandboxSession(h, ids['zhang.wei']!);
    const out = await call(h, 'DELETE', '/api/session', { session: s });
    expect(out.status).toBe(200);
    expect(out.headers.getSetCookie().find((c) => c.startsWith('vitality_session='))).toMatch(
      /Expires=Thu, 01 Jan 1970|Max-Age=0/i,
    );
    const copied = await call(h, 'GET', '/api/me', { session: s });
    expect(copied.status).toBe(401);
    expect(
      await count(
        `select count(*) as n from audit_log where action = 'auth.sign_out' and actor_employee_id = ${ids['zhang.wei']}`,
      ),
    ).toBe(1);
    expect(
      await count("select count(*) as n from audit_log where action = 'auth.refused' and detail like '%revoked%'"),
    ).toBeGreaterThanOrEqual(1);
  });

  it('an admin signs a person out everywhere: every session of theirs ends at once; others cannot', async () => {
    const phone = await sandboxSession(h, ids['tom.harris']!);
    const laptop = await sandboxSession(h, ids['tom.harris']!);
    const admin = await sandboxSession(h, (await h.employeeByEmail('zhao.lei@qingyun.example'))!.id);
    expect(
      (await call(h, 'POST', `/api/admin/people/${ids['tom.harris']}/sign-out`, { session: hr, body: {} })).status,
    ).toBe(403);
    expect((await call(h, 'GET', '/api/me', { session: phone })).status).toBe(200);
    const r = await call(h, 'POST', `/api/admin/people/${ids['tom.harris']}/sign-out`, { session: admin, body: {} });
    expect(r.status).toBe(200);
    expect(r.body.ended).toBeGreaterThanOrEqual(2);
    for (const s of [phone, laptop, tom]) expect((await call(h, 'GET', '/api/me', { session: s })).status).toBe(401);
    expect((await call(h, 'POST', '/api/admin/people/99999/sign-out', { session: admin, body: {} })).status).toBe(404);
    expect(await count("select count(*) as n from audit_log where action = 'auth.sign_out_everywhere'")).toBe(1);
    tom = await sandboxSession(h, ids['tom.harris']!);
  });

  it('the same from chat: /org signout <email> for admins only', async () => {
    const sb = sandboxClient(h);
    const s = await sandboxSession(h, ids['li.ming']!);
    await sb.send(ids['lin.xiaowen']!, '/org signout li.ming@qingyun.example');
    expect(textOf((await sb.lastBot(ids['lin.xiaowen']!)).html)).toMatch(/没有权限|permission/);
    expect((await call(h, 'GET', '/api/me', { session: s })).status).toBe(200);
    const admin = (await h.employeeByEmail('zhao.lei@qingyun.example'))!.id;
    await sb.send(admin, '/org signout nobody@qingyun.example');
    expect(textOf((await sb.lastBot(admin)).html)).toContain('找不到邮箱为「nobody@qingyun.example」的人');
    await sb.send(admin, '/org signout li.ming@qingyun.example');
    expect(textOf((await sb.lastBot(admin)).html)).toContain('已在所有设备退出小程序');
    expect((await call(h, 'GET', '/api/me', { session: s })).status).toBe(401);
  });
});

describe('CSRF', () => {
  const claim = {
    tag: '1',
    description: 'Cut the night-shift food waste by 20%',
    amount: '20%',
    unit: 'percent',
    note: '',
  };

  it('refuses a mutating request without the token or with a wrong one, and writes nothing', async () => {
    const before = await count('select count(*) as n from approval_requests');
    const none = await call(h, 'POST', '/api/claims', { session: sophia, csrf: null, body: claim });
    expect(none.status).toBe(403);
    expect(none.body).toMatchObject({ code: 'csrf' });
    const wrong = await call(h, 'POST', '/api/claims', {
      session: sophia,
      csrf: 'x'.repeat(sophia.csrf.length),
      body: claim,
    });
    expect(wrong.status).toBe(403);
    // Another person's valid token does not work with this session either.
    expect((await call(h, 'POST', '/api/claims', { session: sophia, csrf: tom.csrf, body: claim })).status).toBe(403);
    expect(
      (await call(h, 'PUT', '/api/me/locale', { session: sophia, csrf: null, body: { locale: 'zh-CN' } })).status,
    ).toBe(403);
    expect(await count('select count(*) as n from approval_requests')).toBe(before);
    const ok = await call(h, 'POST', '/api/claims', { session: sophia, body: claim });
    expect(ok.status).toBe(200);
    expect(await count('select count(*) as n from approval_requests')).toBe(before + 1);
  });
});

describe('role and scope', () => {
  it('an employee gets 403 with only a message from manager and HR APIs', async () => {
    for (const path of [
      '/api/team/pulse',
      '/api/team/points',
      '/api/hr/report',
      '/api/hr/waves',
      '/api/hr/audit',
      '/api/hr/launch-options',
      '/api/hr/waves/1/csv',
      '/api/hr/settings',
    ]) {
      const a = await call(h, 'GET', path, { session: sophia });
      expect(a.status, path).toBe(403);
      expect(Object.keys(a.body).sort(), path).toEqual(['code', 'error']);
      expect(a.body.error).toBe("You don't have permission to do that.");
    }
    const launch = await call(h, 'POST', '/api/hr/waves', {
      session: sophia,
      body: { templateId: 1, audienceUnitId: null, days: 5 },
    });
    expect(launch.status).toBe(403);
    expect(await count('select count(*) as n from survey_waves')).toBe(0);
  });

  it('a manager sees their own team only; another unit is 403', async () => {
    const own = await call(h, 'GET', '/api/team/points', { session: tom });
    expect(own.status).toBe(200);
    expect(own.body.units).toEqual([expect.objectContaining({ name: '深圳南山店' })]);
    const finance = (await h.sql.row("select id from org_units where name = '财务部'")) as { id: number };
    const other = await call(h, 'GET', `/api/team/points?unitId=${finance.id}`, { session: tom });
    expect(other.status).toBe(403);
    expect(other.body).toEqual({ error: 'You can only see results for the teams you lead.', code: 'forbidden' });
    expect((await call(h, 'GET', '/api/hr/audit', { session: tom })).status).toBe(403);
  });

  it("someone else's request is 403 without its content; the applicant and the approver see it", async () => {
    const mine = await call(h, 'POST', '/api/claims', {
      session: sophia,
      body: {
        tag: '2',
        description: 'Covered two extra shifts for the Xuhui store',
        amount: '',
        unit: 'other',
        note: '',
      },
    });
    const id = Number(mine.body.id);
    const stranger = await sandboxSession(h, ids['zhang.wei']!);
    const a = await call(h, 'GET', `/api/requests/${id}`, { session: stranger });
    expect(a.status).toBe(403);
    expect(JSON.stringify(a.body)).not.toContain('Xuhui');
    expect((await call(h, 'GET', `/api/requests/${id}`, { session: sophia })).status).toBe(200);
    expect((await call(h, 'GET', `/api/requests/${id}`, { session: tom })).status).toBe(200);
    // Not the approver: the decision is refused and nothing changes.
    const version = Number(
      ((await call(h, 'GET', `/api/requests/${id}`, { session: tom })).body.request as { version: number }).version,
    );
    const decide = await call(h, 'POST', `/api/approvals/${id}/decision`, {
      session: stranger,
      body: { decision: 'approve', version },
    });
    expect(decide.status).toBe(403);
    expect(await h.sql.row('select status from approval_requests where id = ?', id)).toEqual({
      status: 'pending',
    });
  });
});

describe('validation', () => {
  it('answers 400 naming the bad fields (zod) and the form errors (claim rules)', async () => {
    const wrongType = await call(h, 'POST', '/api/claims', { session: sophia, body: { tag: 5, description: 'x' } });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body).toMatchObject({ code: 'invalid', fields: { tag: expect.any(String) } });
    const rules = await call(h, 'POST', '/api/claims', {
      session: sophia,
      body: { tag: '999', description: '  ', amount: 'lots', unit: 'cny', note: '' },
    });
    expect(rules.status).toBe(400);
    expect(rules.body.fields).toEqual({
      tag: 'Choose a value tag.',
      description: 'Describe what you did.',
      amount:
        'Could not read “lots”. Write each value with its unit, e.g. 15%, ¥100,000 or 2.5 hours, separated by commas.',
    });
    expect((await call(h, 'GET', '/api/hr/audit?from=yesterday', { session: hr })).status).toBe(400);
    expect((await call(h, 'GET', '/api/requests/abc', { session: sophia })).status).toBe(400);
    expect((await call(h, 'POST', '/api/auth/sandbox', { body: { employeeId: 'one' } })).status).toBe(400);
    const launch = await call(h, 'POST', '/api/hr/waves', {
      session: hr,
      body: { templateId: 1, audienceUnitId: null, days: 0 },
    });
    expect(launch.status).toBe(400);
    expect(launch.body.fields).toHaveProperty('days');
    const reject = await call(h, 'POST', '/api/approvals/1/decision', {
      session: tom,
      body: { decision: 'reject', version: 0, reason: ' ' },
    });
    expect(reject.status).toBe(400);
    expect(reject.body.fields).toEqual({ reason: 'Returning or rejecting needs a reason.' });
  });

  it('refuses a form-encoded sign-in (a cross-site form cannot post JSON without a preflight)', async () => {
    const res = await fetch(`${h.url}/api/auth/sandbox`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `employeeId=${ids['lin.xiaowen']}`,
    });
    expect(res.status).toBe(415);
    expect(res.headers.getSetCookie()).toEqual([]);
  });
});

describe('approvals', () => {
  it('a decision on an old version is a 409 conflict, not an overwrite', async () => {
    const c = await call(h, 'POST', '/api/claims', {
      session: sophia,
      body: {
        tag: '3',
        description: 'Fixed the fryer thermostat before the lunch rush',
        amount: '',
        unit: 'other',
        note: '',
      },
    });
    const id = Number(c.body.id);
    const { version } = (await call(h, 'GET', `/api/requests/${id}`, { session: tom })).body.request as {
      version: number;
    };
    const ok = await call(h, 'POST', `/api/approvals/${id}/decision`, {
      session: tom,
      body: { decision: 'approve', version },
    });
    expect(ok.status).toBe(200);
    const before = await h.sql.row('select status, version from approval_requests where id = ?', id);
    const stale = await call(h, 'POST', `/api/approvals/${id}/decision`, {
      session: tom,
      body: { decision: 'reject', version, reason: 'Changed my mind' },
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      code: 'conflict',
      error: 'This has already been decided — the card now shows the current state.',
    });
    expect(await h.sql.row('select status, version from approval_requests where id = ?', id)).toEqual(before);
  });
});
