// GET /api/hr/leave, the org page's list of who is on leave (issue 23 item 5): HR only; leave that has ended
// (its last day before today in the company's calendar) is not listed, today's and later leave is, soonest first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calendarDay } from '../../src/domain/surveys/calendar-day.js';
import { startHarness, type Harness } from '../support/harness.js';
import { call, sandboxSession, type Session } from './client.js';

let h: Harness;
let hr: Session;
let employee: Session;
const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;
/** A day `n` days from today in the company's calendar. */
const day = (n: number) => calendarDay(new Date(Date.now() + n * 86_400_000), h.app.config.defaultTimezone);

beforeAll(async () => {
  h = await startHarness();
  hr = await sandboxSession(h, await id('lin.xiaowen'));
  employee = await sandboxSession(h, await id('he.jun'));
});
afterAll(async () => h?.stop());

describe('GET /api/hr/leave', () => {
  it('lists leave that ends today or later, soonest first; ended leave is left out', async () => {
    const set = async (user: string, from: string, until: string) => {
      const r = await call(h, 'PUT', `/api/hr/people/${await id(user)}/leave`, { session: hr, body: { from, until } });
      expect(r.status).toBe(200);
    };
    await set('zhang.wei', day(5), day(9));
    await set('he.jun', day(-3), day(0)); // ends today: still listed
    await set('huang.jing', day(-10), day(-1)); // ended yesterday
    const r = await call(h, 'GET', '/api/hr/leave', { session: hr });
    expect(r.status).toBe(200);
    expect(r.body.today).toBe(day(0));
    const people = r.body.people as { id: number; from: string; until: string }[];
    expect(people.map((p) => [p.id, p.from, p.until])).toEqual([
      [await id('he.jun'), day(-3), day(0)],
      [await id('zhang.wei'), day(5), day(9)],
    ]);
  });

  it('is for HR only', async () => {
    const r = await call(h, 'GET', '/api/hr/leave', { session: employee });
    expect(r.status).toBe(403);
    expect(r.body.people).toBeUndefined();
  });
});
