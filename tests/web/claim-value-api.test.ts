// The mini-app's claim API reads the value with the same function as chat: "15%, ¥100000" is stored and shown
// as two quantities, an ambiguous value is a field error quoting what was understood, an old claim still shows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { call, sandboxSession, type Session } from './client.js';

let h: Harness;
let sophia: Session;
beforeAll(async () => {
  h = await startHarness();
  sophia = await sandboxSession(h, (await h.employeeByEmail('sophia.lee@qingyun.example'))!.id);
});
afterAll(async () => h?.stop());

const tagId = async (nameZh: string) =>
  String(((await h.sql.row('select id from value_tags where name_zh = ?', nameZh)) as { id: number }).id);
const claim = async (amount: string, unit = 'cny') =>
  call(h, 'POST', '/api/claims', {
    session: sophia,
    body: { tag: await tagId('成本控制'), description: 'Cut purchase costs', amount, unit, note: '' },
  });
const valueShown = async (rid: number) => {
  const r = await call(h, 'GET', `/api/requests/${rid}`, { session: sophia });
  return (r.body.request as { fields: { label: string; value: string }[] }).fields.find(
    (f) => f.label === 'Value created',
  )?.value;
};

describe('POST /api/claims', () => {
  it('stores "15%, ¥100000" as two quantities and shows them as 15% · ¥100,000', async () => {
    const r = await claim('15%, ¥100000');
    expect(r.status).toBe(200);
    const rid = r.body.id as number;
    const stored = JSON.parse(
      ((await h.sql.row('select payload from approval_requests where id = ?', rid)) as { payload: string }).payload,
    ) as unknown;
    expect(stored).toMatchObject({
      quantities: [
        { amount: 15, unit: 'percent', text: '15%' },
        { amount: 100000, unit: 'cny', text: '¥100000' },
      ],
    });
    expect(await valueShown(rid)).toBe('15% · ¥100,000');
  });

  it('answers 400 with a field error that quotes what was understood', async () => {
    const before = await h.sql.row('select count(*) as n from approval_requests');
    const r = await claim('15%, 1,50');
    expect(r.status).toBe(400);
    expect(r.body.fields).toEqual({
      amount:
        'Understood: 15%. “1,50” is ambiguous: a comma inside a number must be followed by exactly three digits (100,000). Use a dot for decimals (1.5), and a comma and a space between two values (15%, 20%). Write each value with its unit, e.g. 15%, ¥100,000 or 2.5 hours, separated by commas.',
    });
    expect(await h.sql.row('select count(*) as n from approval_requests')).toEqual(before);
  });

  it('still shows a claim stored before quantities', async () => {
    const rid = (await claim('1')).body.id as number;
    const row = (await h.sql.row('select payload from approval_requests where id = ?', rid)) as { payload: string };
    const { quantities: _, ...old } = JSON.parse(row.payload) as Record<string, unknown>;
    await h.sql.run(
      'update approval_requests set payload = ? where id = ?',
      JSON.stringify({ ...old, amount: 2.5, unit: 'hours' }),
      rid,
    );
    expect(await valueShown(rid)).toBe('2.5 hours');
  });
});
