// The ratings API of the mini-app against the real server: scope (own results only; a manager sees their
// subtree, not another unit), HR-only cycle and course admin, CSRF on every write, zod 400s at the field,
// and the rater form's own rules (out of range at the field, not yours → 403, closed cycle → 409).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { call, sandboxSession, type Session } from './client.js';

let h: Harness;
const s: Record<string, Session> = {};
const ids: Record<string, number> = {};
let store: number;
let finance: number;
let cycleId: number;
const count = async (sql: string) => ((await h.sql.row(sql)) as { n: number }).n;
const onlyMessage = (body: Record<string, unknown>) => expect(Object.keys(body).sort()).toEqual(['code', 'error']);

beforeAll(async () => {
  h = await startHarness();
  for (const e of ['sophia.lee', 'tom.harris', 'lin.xiaowen', 'wang.fang', 'he.jun', 'ye.qing']) {
    ids[e] = (await h.employeeByEmail(`${e}@qingyun.example`))!.id;
    s[e] = await sandboxSession(h, ids[e]!);
  }
  store = ((await h.sql.row("select id from org_units where name = '深圳南山店'")) as { id: number }).id;
  finance = ((await h.sql.row("select id from org_units where name = '财务部'")) as { id: number }).id;
});
afterAll(async () => h?.stop());

describe('role, CSRF and bad input', () => {
  it('HR APIs are 403 with only a message for an employee and a manager, and nothing is written', async () => {
    for (const who of ['sophia.lee', 'tom.harris']) {
      for (const path of ['/api/hr/ratings', '/api/hr/courses']) {
        const a = await call(h, 'GET', path, { session: s[who] });
        expect(a.status, `${who} ${path}`).toBe(403);
        onlyMessage(a.body);
      }
      expect(
        (
          await call(h, 'POST', '/api/hr/ratings/cycles', {
            session: s[who],
            body: { scheme: 'team', unitId: store, days: 7 },
          })
        ).status,
      ).toBe(403);
      expect(
        (
          await call(h, 'POST', '/api/hr/courses', {
            session: s[who],
            body: { nameZh: '课', nameEn: 'Course', dimension: 'attitude' },
          })
        ).status,
      ).toBe(403);
    }
    expect(await count('select count(*) as n from rating_cycles')).toBe(0);
  });

  it('an employee asking for the team report gets 403 and no data', async () => {
    const a = await call(h, 'GET', '/api/team/ratings', { session: s['sophia.lee'] });
    expect(a.status).toBe(403);
    onlyMessage(a.body);
  });

  it('refuses writes without the CSRF token', async () => {
    const open = await call(h, 'POST', '/api/hr/ratings/cycles', {
      session: s['lin.xiaowen'],
      csrf: null,
      body: { scheme: 'team', unitId: store, days: 7 },
    });
    expect(open.status).toBe(403);
    expect(open.body).toMatchObject({ code: 'csrf' });
    expect(
      (
        await call(h, 'POST', '/api/hr/courses', {
          session: s['lin.xiaowen'],
          csrf: s['tom.harris']!.csrf,
          body: { nameZh: '课', nameEn: 'Course', dimension: 'attitude' },
        })
      ).status,
    ).toBe(403);
    expect(
      (await call(h, 'POST', '/api/team/ratings/1', { session: s['tom.harris'], csrf: null, body: {} })).body,
    ).toMatchObject({ code: 'csrf' });
    expect(
      (await call(h, 'POST', '/api/ratings/recommendations/1/enrol', { session: s['sophia.lee'], csrf: null })).body,
    ).toMatchObject({ code: 'csrf' });
    expect(await count('select count(*) as n from rating_cycles')).toBe(0);
  });

  it('answers 400 naming the bad fields', async () => {
    const open = await call(h, 'POST', '/api/hr/ratings/cycles', {
      session: s['lin.xiaowen'],
      body: { scheme: '', unitId: 'x', days: 0 },
    });
    expect(open.status).toBe(400);
    expect(Object.keys(open.body.fields as object).sort()).toEqual(['days', 'scheme', 'unitId']);
    const days = await call(h, 'POST', '/api/hr/ratings/cycles', {
      session: s['lin.xiaowen'],
      body: { scheme: 'team', unitId: store, days: 91 },
    });
    expect(days.body.fields).toHaveProperty('days');
    const scheme = await call(h, 'POST', '/api/hr/ratings/cycles', {
      session: s['lin.xiaowen'],
      body: { scheme: 'nope', unitId: store, days: 7 },
    });
    expect(scheme.status).toBe(400);
    expect(scheme.body.fields).toHaveProperty('scheme');
    const course = await call(h, 'POST', '/api/hr/courses', {
      session: s['lin.xiaowen'],
      body: { nameZh: '', nameEn: 'x', dimension: 'Not A Key' },
    });
    expect(course.status).toBe(400);
    expect(Object.keys(course.body.fields as object).sort()).toEqual(['dimension', 'nameZh']);
    expect(
      (await call(h, 'POST', '/api/team/ratings/1', { session: s['tom.harris'], body: { 'drop table': '1' } })).status,
    ).toBe(400);
    expect(
      (await call(h, 'POST', '/api/team/ratings/1', { session: s['tom.harris'], body: ['r_1_attitude'] })).status,
    ).toBe(400);
    expect((await call(h, 'GET', '/api/ratings?employeeId=abc', { session: s['sophia.lee'] })).status).toBe(400);
    expect((await call(h, 'GET', '/api/team/ratings?unitId=-1', { session: s['tom.harris'] })).status).toBe(400);
    expect(await count('select count(*) as n from rating_cycles')).toBe(0);
  });
});

describe('a cycle through the API', () => {
  it('HR opens a cycle and adds a course; the raters get their chat cards', async () => {
    const a = await call(h, 'POST', '/api/hr/ratings/cycles', {
      session: s['lin.xiaowen'],
      body: { scheme: 'team', unitId: store, days: 7 },
    });
    expect(a.status).toBe(200);
    cycleId = Number(a.body.id);
    expect(a.body.raters).toBe(2); // Tom for his five, sun.li for Tom
    await h.drainOutbox();
    expect(
      (await h.outbox()).filter((r) => r.cardKey === `rating:${cycleId}:${ids['tom.harris']}`).length,
    ).toBeGreaterThan(0);
    const list = await call(h, 'GET', '/api/hr/ratings', { session: s['lin.xiaowen'] });
    expect(list.body.cycles).toEqual([expect.objectContaining({ id: cycleId, unit: '深圳南山店', closedAt: null })]);
    const course = await call(h, 'POST', '/api/hr/courses', {
      session: s['lin.xiaowen'],
      body: { nameZh: '沟通课', nameEn: 'Talking it through', dimension: 'collaboration', url: '' },
    });
    expect(course.status).toBe(200);
    expect((await call(h, 'GET', '/api/hr/courses', { session: s['lin.xiaowen'] })).body.courses).toContainEqual(
      expect.objectContaining({ id: course.body.id, nameEn: 'Talking it through', url: null }),
    );
  });

  it('the manager rates: out of range at the field, someone not theirs is 403, then saved (chat card redrawn)', async () => {
    const forms = await call(h, 'GET', '/api/team/ratings/forms', { session: s['tom.harris'] });
    expect(forms.status).toBe(200);
    const form = (forms.body.forms as { cycleId: number; people: { subjectId: number }[] }[])[0]!;
    expect(form.cycleId).toBe(cycleId);
    expect(form.people.map((p) => p.subjectId)).toContain(ids['sophia.lee']);
    const sophia = ids['sophia.lee']!;
    const bad = await call(h, 'POST', `/api/team/ratings/${cycleId}`, {
      session: s['tom.harris'],
      body: { [`r_${sophia}_attitude`]: '7' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields).toEqual({ [`r_${sophia}_attitude`]: 'Choose 1 to 5.' });
    const notMine = await call(h, 'POST', `/api/team/ratings/${cycleId}`, {
      session: s['tom.harris'],
      body: { [`r_${ids['he.jun']}_attitude`]: '3' },
    });
    expect(notMine.status).toBe(403);
    expect(await count('select count(*) as n from ratings')).toBe(0);
    const ok = await call(h, 'POST', `/api/team/ratings/${cycleId}`, {
      session: s['tom.harris'],
      body: {
        [`r_${sophia}_attitude`]: '2',
        [`r_${sophia}_collaboration`]: '4',
        [`r_${sophia}_expression`]: '',
        [`c_${sophia}`]: 'Great with guests.',
      },
    });
    expect(ok.body).toEqual({ changed: 2 });
    await h.drainOutbox();
    expect(
      (await h.outbox()).some((r) => r.cardKey === `rating:${cycleId}:${ids['tom.harris']}` && r.op === 'update'),
    ).toBe(true);
    const report = await call(h, 'GET', '/api/team/ratings', { session: s['tom.harris'] });
    expect(report.body.report).toMatchObject({ cycleId, unit: '深圳南山店', people: 6 });
  });

  it('a manager outside their subtree gets 403: another unit, another person', async () => {
    const unit = await call(h, 'GET', `/api/team/ratings?unitId=${finance}`, { session: s['tom.harris'] });
    expect(unit.status).toBe(403);
    onlyMessage(unit.body);
    const person = await call(h, 'GET', `/api/ratings?employeeId=${ids['he.jun']}`, { session: s['tom.harris'] });
    expect(person.status).toBe(403);
    onlyMessage(person.body);
    // Finance's head sees nothing of the store either.
    expect(
      (await call(h, 'GET', `/api/ratings?employeeId=${ids['sophia.lee']}`, { session: s['wang.fang'] })).status,
    ).toBe(403);
    expect(
      (await call(h, 'GET', `/api/ratings?employeeId=${ids['sophia.lee']}`, { session: s['tom.harris'] })).status,
    ).toBe(200);
  });

  it('HR closes the cycle; rating after close is a 409 with a clear message', async () => {
    // Not everything is rated: the first call answers what is missing and closes nothing; a confirmation
    // with a made-up fingerprint is refused; the one with the summary's fingerprint closes.
    const first = await call(h, 'POST', `/api/hr/ratings/cycles/${cycleId}/close`, { session: s['lin.xiaowen'] });
    expect(first.status).toBe(409);
    expect(first.body).toMatchObject({
      code: 'needs_confirm',
      missing: expect.arrayContaining([expect.objectContaining({ key: 'expression', name: '情绪表达' })]),
    });
    const fingerprint = first.body.fingerprint as string;
    const wrong = await call(h, 'POST', `/api/hr/ratings/cycles/${cycleId}/close`, {
      session: s['lin.xiaowen'],
      body: { confirm: '0123456789abcdef' },
    });
    expect(wrong).toMatchObject({ status: 409, body: { code: 'stale', fingerprint } });
    expect(await count(`select count(*) as n from rating_cycles where id = ${cycleId} and closed_at is null`)).toBe(1);
    const a = await call(h, 'POST', `/api/hr/ratings/cycles/${cycleId}/close`, {
      session: s['lin.xiaowen'],
      body: { confirm: fingerprint },
    });
    expect(a.status).toBe(200);
    expect(a.body.leftOut).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'expression' })]));
    expect(a.body).toMatchObject({ id: cycleId, people: 6 });
    expect(
      (await call(h, 'POST', `/api/hr/ratings/cycles/${cycleId}/close`, { session: s['lin.xiaowen'] })).status,
    ).toBe(409);
    const late = await call(h, 'POST', `/api/team/ratings/${cycleId}`, {
      session: s['tom.harris'],
      body: { [`r_${ids['sophia.lee']}_attitude`]: '5' },
    });
    expect(late.status).toBe(409);
    expect(late.body).toEqual({ error: 'This rating cycle is closed; ratings can no longer change.', code: 'closed' });
  });

  it('an employee sees only their own results; asking for another person is 403', async () => {
    const own = await call(h, 'GET', '/api/ratings', { session: s['sophia.lee'] });
    expect(own.status).toBe(200);
    const [latest] = own.body.results as {
      cycleId: number;
      composite: number;
      missing: string[];
      comments: { comment: string }[];
    }[];
    // (2·34 + 4·33) / 67: expression was not rated, so the other weights are renormalised.
    expect(latest).toMatchObject({
      cycleId,
      composite: 2.99,
      missing: ['Emotional expression'],
      comments: [{ rater: 'Tom Harris', comment: 'Great with guests.' }],
    });
    const other = await call(h, 'GET', `/api/ratings?employeeId=${ids['ye.qing']}`, { session: s['sophia.lee'] });
    expect(other.status).toBe(403);
    onlyMessage(other.body);
  });

  it('enrolling: once, only in my own recommendation', async () => {
    const recs = (await call(h, 'GET', '/api/ratings', { session: s['sophia.lee'] })).body.recommendations as {
      id: number;
      requestId: number | null;
    }[];
    expect(recs).toEqual([expect.objectContaining({ dimension: 'Work attitude', reason: 'low', requestId: null })]);
    const rec = recs[0]!;
    expect(
      (await call(h, 'POST', `/api/ratings/recommendations/${rec.id}/enrol`, { session: s['ye.qing'] })).status,
    ).toBe(403);
    const a = await call(h, 'POST', `/api/ratings/recommendations/${rec.id}/enrol`, { session: s['sophia.lee'] });
    expect(a.body).toMatchObject({ already: false });
    const again = await call(h, 'POST', `/api/ratings/recommendations/${rec.id}/enrol`, { session: s['sophia.lee'] });
    expect(again.body).toEqual({ requestId: a.body.requestId, already: true });
    expect(await count('select count(*) as n from approval_requests where payload like \'%"training"%\'')).toBe(1);
    await h.drainOutbox();
    expect((await h.outbox()).some((r) => r.cardKey === `recommendation:${rec.id}` && r.op === 'update')).toBe(true);
  });
});
