// Seed 000 "nominate people whose expression improves" (issue 24): the ratings report lists the people whose
// attitude or expression rose, each with a one-click "Nominate" button; the button opens the nomination form with
// the person filled in, and submitting it nominates them (their manager decides). On the demo history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CardView } from '../../cards/view.js';
import { ratingsReport } from '../../src/domain/ratings/report.js';
import { findByEmail, getPerson } from '../../src/domain/org/employees.js';
import { command, lastCard, press, textOfCard } from '../support/cards.js';
import { startHarness, type Harness } from '../support/harness.js';

let h: Harness;
// The demo history (two closed rating cycles) is seeded at start.
beforeAll(async () => {
  h = await startHarness({ env: { DEMO_SEED: 'auto' } });
}, 120_000);
afterAll(async () => h?.stop());

const buttons = (c: CardView) => c.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []));

describe('nominate from the ratings report', () => {
  it('a rising person has a Nominate button that opens the form prefilled; submitting nominates them', async () => {
    const hr = (await findByEmail(h.app.db, 'lin.xiaowen@qingyun.example'))!;
    const report = await ratingsReport(h.app.db, { viewer: hr });
    if (!report.ok) throw new Error(report.code);
    const rising = report.report.recognise;
    expect(rising.length).toBeGreaterThan(0);

    await command(h, hr.id, 'report', 'ratings');
    const card = await lastCard(h, hr.id);
    const nominate = buttons(card).filter((b) => b.action?.k === 'nominate.open');
    // One button per rising person (at most five), each naming them.
    const people = [...new Set(rising.map((r) => r.employeeId))];
    expect(nominate.map((b) => b.action?.id)).toEqual(people.slice(0, 5).map(String));
    const first = (await getPerson(h.app.db, people[0]!))!;
    expect(nominate[0]!.label).toBe(`提名 ${first.name}`);

    const opened = await press(h, hr.id, nominate[0]!.action!);
    expect(opened.outcome).toBe('handled');
    const form = await lastCard(h, hr.id);
    expect(form.header?.title).toBe('提名同事');
    expect(textOfCard(form)).toContain(`"id":"nominee","label":"被提名人"`);
    expect(textOfCard(form)).toContain(`"value":"${first.email}"`);

    const before = Number((await h.sql.row<{ id: number }>('select max(id) as id from approval_requests'))!.id);
    const tag = (await h.sql.row<{ id: number }>("select id from value_tags where name_zh = '人才培养'"))!.id;
    const res = await press(
      h,
      hr.id,
      { k: 'nominate.submit' },
      {
        nominee: first.email!,
        tag: String(tag),
        description: '本季度表达能力明显进步，主动在例会上分享',
        amount: '',
        unit: 'cny',
      },
    );
    expect(res.outcome).toBe('handled');
    const row = (await h.sql.row<{ id: number; applicant_id: number; approvers: string; payload: string }>(
      'select id, applicant_id, approvers, payload from approval_requests where id > ? order by id desc',
      before,
    ))!;
    expect(Number(row.applicant_id)).toBe(first.id);
    expect(JSON.parse(row.payload)).toMatchObject({ kind: 'point_claim', nominatorId: hr.id, tagId: tag });
    // The nominee's manager decides.
    expect(JSON.parse(row.approvers)).toEqual([first.managerId]);
  });
});
