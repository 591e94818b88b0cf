// Guided scenario demos (issue 25 §5) played end to end through the sandbox chat on a fresh demo company, on
// SQLite and PostgreSQL: /demo lists the three, /demo <name> starts a run and each "Next step" plays the next
// step through the real domain functions. The records are asserted in the tables — the transfer applied (unit
// and manager changed), the course completed, the ledger's award and redemption, the follow-up done and the
// next wave's figure up — and each scenario runs a second time. A refused step stops the demo whole, and a
// non-demo organisation is refused.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { act, loadRequest } from '../../src/domain/approvals/requests.js';
import { surveySealKey } from '../../src/db/seal-key.js';
import { closeExpiredWaves } from '../../src/domain/surveys/waves.js';
import { findByEmail } from '../../src/domain/org/employees.js';
import { buildPulseReport } from '../../src/domain/surveys/report.js';
import { useHarness, type Harness } from '../support/harness.js';
import { sandboxClient, textOf, type SandboxMessage } from '../support/sandbox-client.js';

let h: Harness;
useHarness((started) => (h = started));
let sb: ReturnType<typeof sandboxClient>;
beforeAll(() => {
  sb = sandboxClient(h);
});
const SLOW = 120_000;

const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;
const actions = (m: SandboxMessage) =>
  [...(m.html ?? '').matchAll(/data-action="([^"]+)"/g)].map(
    (x) => JSON.parse(x[1]!.replace(/&quot;/g, '"')) as { k: string; id?: string },
  );
const num = (v: unknown) => Number(v);

/** Start a demo with /demo <name> and press Next until the last step; the text of every step card. */
async function play(who: number, name: string): Promise<string[]> {
  await sb.send(who, `/demo ${name}`);
  const texts: string[] = [];
  for (let i = 0; i < 20; i++) {
    const card = await sb.lastBot(who);
    const text = textOf(card.html);
    texts.push(text);
    const next = actions(card).find((a) => a.k === 'demo.next');
    if (!next) break;
    const r = await sb.act(who, card.id, next, undefined, randomUUID());
    expect(r.status).toBe(200);
  }
  return texts;
}

describe('/demo in the sandbox chat', () => {
  it('lists the three demos with a Play button each', async () => {
    const who = await id('sun.li');
    await sb.send(who, '/demo');
    const card = await sb.lastBot(who);
    expect(textOf(card.html)).toContain('引导式演示');
    expect(textOf(card.html)).toContain('厨师调往合作门店');
    expect(
      actions(card)
        .filter((a) => a.k === 'demo.start')
        .map((a) => a.id),
    ).toEqual(['cook', 'saving', 'pulse']);
  });

  it(
    'a cook sent to a partner store: transfer applied, manager changed, course completed, composite report; twice',
    async () => {
      const who = await id('sun.li');
      const cook = await id('deng.hui');
      const before = (await h.employeeByEmail('deng.hui@qingyun.example'))!;
      const texts = await play(who, 'cook');
      expect(texts).toHaveLength(11);
      expect(texts[0]).toContain('第 1/11 步');
      expect(texts[1]).toContain('黄静');
      const after = (await h.employeeByEmail('deng.hui@qingyun.example'))!;
      expect(after.unitId).not.toBe(before.unitId);
      expect(after.managerId).toBe(await id('liu.qiang'));
      expect(texts[3]).toContain('刘强');
      const transfer = await h.sql.row<{ status: string }>(
        "select status from approval_requests where applicant_id = ? and flow_key = 'transfer' order by id desc limit 1",
        cook,
      );
      expect(transfer?.status).toBe('approved');
      const training = await h.sql.row<{ state: string }>(
        'select p.state from training_progress p join recommendations r on r.id = p.recommendation_id where r.employee_id = ? order by p.recommendation_id desc limit 1',
        cook,
      );
      expect(training?.state).toBe('completed');
      const result = await h.sql.row<{ composite: unknown }>(
        'select composite from rating_results where employee_id = ? order by cycle_id desc limit 1',
        cook,
      );
      expect(num(result?.composite)).toBeGreaterThan(0);
      expect(texts[10]).toContain('综合');
      // The second run sends her back: the other way, same steps.
      const again = await play(who, 'cook');
      expect(again).toHaveLength(11);
      const back = (await h.employeeByEmail('deng.hui@qingyun.example'))!;
      expect(back.unitId).toBe(before.unitId);
      expect(back.managerId).toBe(await id('huang.jing'));
    },
    SLOW,
  );

  it(
    "a finance clerk's cost saving: claim, approvals, award in the ledger, redemption; twice",
    async () => {
      const who = await id('wang.fang');
      const clerk = await id('xu.lan');
      for (const run of [1, 2]) {
        const texts = await play(who, 'saving');
        expect(texts).toHaveLength(5);
        expect(texts[4]).toContain('第 5/5 步');
        const ledger = await h.sql.rows<{ kind: string; points: unknown }>(
          'select kind, points from ledger_entries where employee_id = ? order by id',
          clerk,
        );
        expect(ledger.filter((e) => e.kind === 'award').map((e) => num(e.points))).toEqual(Array(run).fill(150));
        expect(ledger.filter((e) => e.kind === 'redeem' || e.kind === 'hold').length).toBeGreaterThanOrEqual(run);
        const balance = ledger.reduce((s, e) => s + num(e.points), 0);
        expect(balance).toBe(run * 50);
      }
    },
    SLOW,
  );

  it(
    'a pulse finds a process problem: report, follow-up done, the next wave up; twice',
    async () => {
      const who = await id('lin.xiaowen');
      for (const run of [1, 2]) {
        const texts = await play(who, 'pulse');
        expect(texts).toHaveLength(6);
        const last = texts[5]!;
        const m = /从 ([\d.]+) 升到 ([\d.]+)/.exec(last);
        expect(m).not.toBeNull();
        expect(Number(m![2])).toBeGreaterThan(Number(m![1]));
        const done = await h.sql.rows<{ status: string }>("select status from follow_ups where status = 'done'");
        expect(done.length).toBe(run);
        // Anonymity holds for the demo's waves as for any: IT (one person) shows no figures of its own.
        const hr = (await findByEmail(h.app.db, 'lin.xiaowen@qingyun.example'))!;
        const it = await h.sql.row<{ id: number }>("select id from org_units where name = '信息技术部'");
        const wave = await h.sql.row<{ id: number }>('select max(id) as id from survey_waves');
        const small = await buildPulseReport(h.app.db, {
          viewer: hr,
          waveId: Number(wave!.id),
          unitId: Number(it!.id),
        });
        expect(small.ok && small.report.visible).toBe(false);
        expect(small.ok && small.report.dimensions).toEqual([]);
      }
    },
    SLOW,
  );

  it('a step refused by the domain stops the demo there, keeps nothing of it, and a later press can go on', async () => {
    const who = await id('wang.fang');
    const clerk = await id('xu.lan');
    await sb.send(who, '/demo saving');
    const first = await sb.lastBot(who);
    const next = actions(first).find((a) => a.k === 'demo.next')!;
    // Someone decides the claim in the meantime, as its approver may (here: rejects it).
    const claimId = (await h.sql.row<{ id: number }>(
      "select id from approval_requests where applicant_id = ? and flow_key = 'point-claim' order by id desc limit 1",
      clerk,
    ))!.id;
    const req = (await loadRequest(h.app.db, claimId))!;
    const r = await act(h.app.db, {
      requestId: claimId,
      event: { type: 'reject', actorId: req.approvers[0]!, reason: '金额需要财务总监确认' },
      now: new Date(),
    });
    expect(r.ok).toBe(true);
    const steps = async () => (await h.sql.rows("select id from audit_log where action = 'demo.step'")).length;
    const ledger = async () => (await h.sql.rows('select id from ledger_entries where employee_id = ?', clerk)).length;
    const [stepsBefore, ledgerBefore] = [await steps(), await ledger()];
    await sb.act(who, first.id, next, undefined, randomUUID());
    const stopped = await sb.lastBot(who);
    expect(textOf(stopped.html)).toContain('演示停在第 2/5 步');
    expect(textOf(stopped.html)).toContain('已经被别人处理了');
    expect(await steps()).toBe(stepsBefore);
    expect(await ledger()).toBe(ledgerBefore);
    // The same card's Next again: still stopped at step 2 (nothing moved on); a new run works.
    await sb.act(who, first.id, next, undefined, randomUUID());
    expect(textOf((await sb.lastBot(who)).html)).toContain('演示停在第 2/5 步');
    expect(await play(who, 'saving')).toHaveLength(5);
  });

  it('a double press of Next shows the same step again; a card of an older run is refused', async () => {
    const who = await id('sun.li');
    await sb.send(who, '/demo pulse');
    const first = await sb.lastBot(who);
    const next = actions(first).find((a) => a.k === 'demo.next')!;
    await sb.act(who, first.id, next, undefined, randomUUID());
    await sb.act(who, first.id, next, undefined, randomUUID());
    const waves = await h.sql.rows('select id from survey_waves');
    const texts = (await sb.messages(who)).slice(-2).map((m) => textOf(m.html));
    expect(texts[0]).toContain('第 2/6 步');
    expect(texts[1]).toContain('第 2/6 步');
    // A fresh run: the old card's next step belongs to a finished run.
    await sb.send(who, '/demo pulse');
    const r = await sb.act(who, first.id, next, undefined, randomUUID());
    expect(r.body).toMatchObject({ outcome: 'invalid', toast: { text: expect.stringContaining('/demo pulse') } });
    expect((await h.sql.rows('select id from survey_waves')).length).toBe(waves.length + 1);
  });

  it('an unknown demo name is answered with the list of names', async () => {
    const who = await id('sun.li');
    await sb.send(who, '/demo dance');
    expect(textOf((await sb.lastBot(who)).html)).toContain('cook、saving、pulse');
  });

  it('refused outside the demo company: one real person in the organisation and nothing is played', async () => {
    const who = await id('sun.li');
    const other = await id('feng.xue');
    await h.sql.run("update employees set email = 'feng.xue@real-company.example' where id = ?", other);
    try {
      const requests = (await h.sql.rows('select id from approval_requests')).length;
      await sb.send(who, '/demo cook');
      expect(textOf((await sb.lastBot(who)).html)).toContain('只能在演示公司中运行');
      expect((await h.sql.rows('select id from approval_requests')).length).toBe(requests);
    } finally {
      await h.sql.run("update employees set email = 'feng.xue@qingyun.example' where id = ?", other);
    }
  });

  it('the scheduler closing the story’s expired wave between two presses changes nothing: the report step reads it', async () => {
    const who = await id('lin.xiaowen');
    await sb.send(who, '/demo pulse');
    const first = await sb.lastBot(who);
    expect(textOf(first.html)).toContain('第 1/6 步');
    // The wave's week lies in the story's past: the scheduler's next tick closes and publishes it.
    const latest = (await h.sql.row<{ id: number }>('select max(id) as id from survey_waves'))!.id;
    const closed = await closeExpiredWaves(h.app.db, surveySealKey(h.app.config), new Date());
    expect(closed.closed).toContain(Number(latest));
    await sb.act(
      who,
      first.id,
      actions(first).find((a) => a.k === 'demo.next')!,
      undefined,
      randomUUID(),
    );
    const report = textOf((await sb.lastBot(who)).html);
    expect(report).toContain('第 2/6 步');
    expect(report).toMatch(/产品研发部的“团队协作”得分 [\d.]+/);
  });

  it('Play all plays the rest of the run, one card per step, to its end', async () => {
    const who = await id('huang.jing');
    const clerk = await id('xu.lan');
    const awards = async () =>
      (await h.sql.rows("select id from ledger_entries where employee_id = ? and kind = 'award'", clerk)).length;
    const before = await awards();
    await sb.send(who, '/demo saving');
    const first = await sb.lastBot(who);
    const all = actions(first).find((a) => a.k === 'demo.all')!;
    expect(all).toBeDefined();
    await sb.act(who, first.id, all, undefined, randomUUID());
    const cards = (await sb.messages(who)).filter((m) => m.html).slice(-4);
    expect(cards.map((m) => /第 (\d)\/5 步/.exec(textOf(m.html))?.[1])).toEqual(['2', '3', '4', '5']);
    expect(actions(cards[3]!).map((a) => a.k)).toEqual(['demo.start']);
    expect(await awards()).toBe(before + 1);
  });
});
