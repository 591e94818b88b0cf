// The desks' seeded data (issue 23 item 2), shared by the API and browser tests: two closed waves to the
// whole company (R&D, Operations and the Xuhui store all answered, the Shenzhen store 3 of 6: below K), an open one, point claims waiting
// on Li Ming (R&D) and Tom Harris (Shenzhen), and follow-ups due, overdue, later and done.
import { surveySealKey } from '../../src/db/seal-key.js';
import { getPerson } from '../../src/domain/org/employees.js';
import { createFollowUp } from '../../src/domain/surveys/follow-ups.js';
import type { Harness } from './harness.js';
import { closeNow, launchTo } from './pulse.js';
import { timedClaim } from './timed-claims.js';
import { answerAs } from '../browser/miniapp-support.js';

const DAY = 86_400_000;

export interface DeskSeed {
  closed: [number, number];
  open: number;
  units: { rd: number; shenzhen: number; root: number };
  people: { hr: number; liMing: number; tom: number; employee: number };
  today: string;
}

const dayFrom = (today: string, days: number) =>
  new Date(Date.parse(`${today}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

export async function seedDesk(h: Harness): Promise<DeskSeed> {
  const db = h.app.db;
  const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;
  const unit = async (name: string) =>
    (await h.sql.row<{ id: number }>('select id from org_units where name = ?', name))!.id;
  const inUnit = async (name: string) =>
    (
      await h.sql.rows<{ id: number }>(
        'select e.id from employees e join org_units u on u.id = e.unit_id where u.name = ? order by e.id',
        name,
      )
    ).map((r) => Number(r.id));
  const rd = await inUnit('产品研发部');
  const shenzhen = await inUnit('深圳南山店');
  // Operations and the Xuhui store answer too, so that R&D's figures are not the subtraction of others'.
  const others = [...(await inUnit('运营部')), ...(await inUnit('上海徐汇店'))];
  const now = Date.now();

  // Two closed waves, 20 and 10 days ago: every scale item 3 in the first; 3, 4 or 5 by position in the second.
  const closed: number[] = [];
  for (const [ago, score] of [
    [20, () => 3],
    [10, (p: number) => 3 + (p % 3)],
  ] as const) {
    const at = new Date(now - ago * DAY);
    const { wave } = await launchTo(db, '青云科技', at);
    const items = await h.sql.rows<{ id: number; kind: string }>(
      'select id, kind from survey_items where template_id = ? order by position',
      wave.templateId,
    );
    const values = Object.fromEntries(items.map((i, p) => [`i${i.id}`, i.kind === 'enps' ? '9' : String(score(p))]));
    for (const p of [...rd, ...others, ...shenzhen.slice(0, 3)])
      await answerAs(h, wave.id, p, values, new Date(at.getTime() + 3_600_000));
    await closeNow(db, wave.id, surveySealKey(h.app.config), new Date(at.getTime() + 2 * DAY));
    closed.push(wave.id);
  }

  // Open since an hour ago: 5 of R&D and 2 of Shenzhen have answered.
  const { wave: open } = await launchTo(db, '青云科技', new Date(now - 3_600_000));
  const items = await h.sql.rows<{ id: number; kind: string }>(
    'select id, kind from survey_items where template_id = ? order by position',
    open.templateId,
  );
  const answers = Object.fromEntries(items.map((i) => [`i${i.id}`, i.kind === 'enps' ? '8' : '4']));
  for (const p of [...rd.slice(0, 5), ...shenzhen.slice(0, 2)]) await answerAs(h, open.id, p, answers);

  // Claims: two waiting on Li Ming (one 40 h: overdue after 24 h), one on Tom Harris (30 h: overdue).
  await timedClaim(h, 'zhang.wei', 40);
  await timedClaim(h, 'liu.yang', 2);
  await timedClaim(h, 'ye.qing', 30);

  // Follow-ups: R&D overdue, due in 3 days, due in 30 days, done; Shenzhen due tomorrow.
  const today = new Date(now).toISOString().slice(0, 10);
  const hr = (await getPerson(db, await id('lin.xiaowen')))!;
  const units = { rd: await unit('产品研发部'), shenzhen: await unit('深圳南山店'), root: await unit('青云科技') };
  for (const [title, owner, unitId, due, status] of [
    ['Fix the on-call rota', 'zhang.wei', units.rd, -2, 'open'],
    ['Team lunch with the new hires', 'li.ming', units.rd, 3, 'in_progress'],
    ['Plan the Q3 offsite', 'li.ming', units.rd, 30, 'open'],
    ['Buy a second coffee machine', 'wu.hao', units.rd, -5, 'done'],
    ['Store weekend rota', 'ye.qing', units.shenzhen, 1, 'open'],
  ] as const) {
    const r = await createFollowUp(db, {
      title,
      ownerId: await id(owner),
      dueDate: today,
      waveId: closed[1]!,
      unitId,
      creator: hr,
      today,
    });
    if (!r.ok) throw new Error(r.code);
    await h.sql.run(
      'update follow_ups set due_date = ?, status = ? where id = ?',
      dayFrom(today, due),
      status,
      r.followUp.id,
    );
  }
  return {
    closed: [closed[0]!, closed[1]!],
    open: open.id,
    units,
    people: { hr: hr.id, liMing: await id('li.ming'), tom: await id('tom.harris'), employee: await id('he.jun') },
    today,
  };
}
