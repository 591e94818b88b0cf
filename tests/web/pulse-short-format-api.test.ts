// The short weekly format from HR's two doors, against the real server: the mini-app's schedule form
// (POST /api/hr/schedules with shortSize, the list shows size and cycle) and the chat command
// (`/survey schedule … short=4` in the sandbox chat), each refusing a size outside 3–5 with nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/connection.js';
import { ensureDefaultTemplate } from '../../src/domain/surveys/templates.js';
import { startHarness, type Harness } from '../support/harness.js';
import { sandboxClient, textOf } from '../support/sandbox-client.js';
import { call, sandboxSession, type Session } from './client.js';

let h: Harness;
let hr: Session;
let hrId: number;
let templateId: number;
const schedules = async () => Number((await h.sql.row<{ n: number }>('select count(*) as n from survey_schedules'))!.n);

beforeAll(async () => {
  h = await startHarness();
  hrId = (await h.employeeByEmail('lin.xiaowen@qingyun.example'))!.id;
  hr = await sandboxSession(h, hrId);
  await call(h, 'PUT', '/api/me/locale', { session: hr, body: { locale: 'en' } });
  templateId = await inTransaction(h.app.db, async () => await ensureDefaultTemplate(h.app.db));
});
afterAll(async () => h?.stop());

const base = () => ({ templateId, cron: '0 10 * * 1', audienceUnitId: null, durationDays: 5, reminderDays: [3] });

describe('short format schedules', () => {
  it('the mini-app creates one and lists its size and cycle; a whole-survey schedule has none', async () => {
    for (const shortSize of [2, 6, 3.5]) {
      const bad = await call(h, 'POST', '/api/hr/schedules', { session: hr, body: { ...base(), shortSize } });
      expect(bad.status).toBe(400);
      expect(Object.keys(bad.body.fields as object)).toEqual(['shortSize']);
    }
    expect(await schedules()).toBe(0);
    const short = await call(h, 'POST', '/api/hr/schedules', { session: hr, body: { ...base(), shortSize: 4 } });
    expect(short.status).toBe(200);
    const whole = await call(h, 'POST', '/api/hr/schedules', { session: hr, body: base() });
    expect(whole.status).toBe(200);
    const list = (await call(h, 'GET', '/api/hr/schedules', { session: hr })).body.schedules as {
      id: number;
      short: unknown;
    }[];
    // The built-in template has 10 items: 4, 3 and 3 over three waves.
    expect(list.find((s) => s.id === short.body.id)!.short).toEqual({ size: 4, cycle: 3, items: 10 });
    expect(list.find((s) => s.id === whole.body.id)!.short).toBeNull();
    expect(await h.sql.rows('select short_size as s from survey_schedules order by id')).toEqual([
      { s: 4 },
      { s: null },
    ]);
  });

  it('the chat command takes short=N and refuses a size outside 3–5', async () => {
    const sb = sandboxClient(h);
    const before = await schedules();
    await sb.send(hrId, '/survey schedule 0 10 * * 1 short=7');
    expect(textOf((await sb.lastBot(hrId)).html)).toContain('A short survey asks 3, 4 or 5 questions a time');
    expect(await schedules()).toBe(before);
    await sb.send(hrId, '/survey schedule 0 10 * * 1 all 5 short=5');
    expect(textOf((await sb.lastBot(hrId)).html)).toContain('Short format: 5 questions each time');
    expect(await schedules()).toBe(before + 1);
    expect(
      await h.sql.row('select short_size as s, duration_days as d from survey_schedules order by id desc'),
    ).toEqual({
      s: 5,
      d: 5,
    });
  });
});
