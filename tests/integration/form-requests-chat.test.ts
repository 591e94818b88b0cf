// HR-defined request kinds in chat (issue 24) on the sandbox: /request lists the kinds, a kind's form is a card
// form; people and units are typed as names (an ambiguous one is answered at its field), bad values are answered
// per field in the reader's language and nothing is written. Feedback to HQ (seed 004): a store employee raises
// an issue to an HQ department — its head is asked, the store head is copied; the head resolves it with a
// comment; a department with no head refuses the submission with the "nobody can approve" message.
import { describe, expect, it } from 'vitest';
import { DEFAULT_FLOWS } from '../../src/domain/approvals/default-flows.js';
import { useHarness, type Harness } from '../support/harness.js';
import { actionOf, command, lastCard, press, textOfCard } from '../support/cards.js';

let h: Harness;
useHarness((started) => (h = started));

const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;
const count = async () => ((await h.sql.row('select count(*) as n from approval_requests')) as { n: number }).n;
const lastRequest = async () =>
  (await h.sql.row(
    'select id, flow_key as flowKey, approvers, seats, status from approval_requests order by id desc limit 1',
  )) as {
    id: number;
    flowKey: string;
    approvers: string;
    seats: string;
    status: string;
  };

describe('/request', () => {
  it('lists the kinds (feedback to HQ is built in) and opens a kind as a card form', async () => {
    const sophia = await id('sophia.lee');
    await command(h, sophia, 'request');
    const list = await lastCard(h, sophia);
    expect(list.header?.title).toBe('Other requests');
    const open = actionOf(list, 'form.open');
    expect(open.id).toBe('hq-feedback');
    // The list card becomes the kind's form.
    const form = (await press(h, sophia, open)).card;
    expect(form?.header?.title).toBe('Feedback to HQ');
    expect(textOfCard(form)).toContain('HQ department');
    // By name, in Chinese too.
    await command(h, sophia, 'request', '向总部反馈');
    expect((await lastCard(h, sophia)).header?.title).toBe('Feedback to HQ');
  });

  it('answers a missing field, a store where a department is asked, an ambiguous or unknown unit — nothing written', async () => {
    const sophia = await id('sophia.lee');
    const before = await count();
    const submit = { k: 'form.submit', id: 'hq-feedback' };
    const a = await press(h, sophia, submit, { department: '财务部', issue: '' });
    expect(a.outcome).toBe('invalid');
    expect(a.fieldErrors).toEqual({ issue: '"Issue" is required.' });
    const store = await press(h, sophia, submit, { department: '深圳南山店', issue: 'x' });
    expect(store.fieldErrors).toEqual({ department: '"HQ department": no such unit.' });
    // "部" is in several department names.
    const vague = await press(h, sophia, submit, { department: '部', issue: 'x' });
    expect(vague.fieldErrors?.department).toMatch(/^"HQ department": "部" matches several — /);
    expect(await count()).toBe(before);
  });

  it('routes feedback to the department head, copies the store head; the head resolves it with a comment', async () => {
    const [sophia, tom, fiona] = [await id('sophia.lee'), await id('tom.harris'), await id('wang.fang')];
    const r = await press(
      h,
      sophia,
      { k: 'form.submit', id: 'hq-feedback' },
      { department: '财务部', issue: 'Receipts printer paper runs out every Friday', details: '' },
    );
    expect(r.outcome).toBe('handled');
    const req = await lastRequest();
    expect(req).toMatchObject({ flowKey: 'hq-feedback', status: 'pending', approvers: JSON.stringify([fiona]) });
    expect((JSON.parse(req.seats) as { cc: number[] }).cc).toEqual([tom]);
    // The department head is asked (a card with the labelled values); the store head sees it (no buttons).
    const asked = await lastCard(h, fiona, `approval:${req.id}`);
    expect(textOfCard(asked)).toContain('Receipts printer paper runs out every Friday');
    expect(textOfCard(asked)).toContain('财务部');
    const copied = await lastCard(h, tom, `approval:${req.id}`);
    expect(textOfCard(copied)).toContain('Receipts printer paper runs out every Friday');
    expect(() => actionOf(copied, 'approval.approve')).toThrow();
    // Resolved with a comment (approve with a comment) — tracked like any request.
    const commentForm = (await press(h, fiona, actionOf(asked, 'approval.comment'))).card!;
    await press(h, fiona, actionOf(commentForm, 'approval.approve'), {
      comment: 'A bulk supply is ordered for every store',
    });
    expect((await lastRequest()).status).toBe('approved');
    expect(
      await h.sql.row(
        "select actor_id as actor, comment from approval_decisions where request_id = ? and kind = 'approve'",
        req.id,
      ),
    ).toEqual({ actor: fiona, comment: 'A bulk supply is ordered for every store' });
  });

  it('/flow show lists the request form of a flow, in HR’s language', async () => {
    const sharon = await id('lin.xiaowen');
    await command(h, sharon, 'flow', 'show hq-feedback');
    const text = textOfCard(await lastCard(h, sharon));
    expect(text).toContain('申请表单');
    expect(text).toContain('总部部门 — 部门或门店、必填');
    expect(text).toContain('详细说明 — 文字');
    // A built-in kind keeps its own form: /flow set with fields on it is refused, nothing saved.
    const claim = DEFAULT_FLOWS.find((f) => f.key === 'point-claim')!;
    const hq = DEFAULT_FLOWS.find((f) => f.key === 'hq-feedback')!;
    await command(h, sharon, 'flow', `set point-claim 1 ${JSON.stringify({ ...claim, fields: hq.fields })}`);
    expect(textOfCard(await lastCard(h, sharon))).toContain('这是自带表单的内置申请类型');
    expect(await h.sql.row("select version from approval_flows where key = 'point-claim'")).toEqual({ version: 1 });
  });

  it('refuses feedback to a department with no head: nobody can approve, nothing written', async () => {
    const sophia = await id('sophia.lee');
    await h.sql.run("update org_units set head_employee_id = null where name = '信息技术部'");
    const before = await count();
    const r = await press(
      h,
      sophia,
      { k: 'form.submit', id: 'hq-feedback' },
      { department: '信息技术部', issue: 'VPN' },
    );
    expect(r.outcome).toBe('invalid');
    expect(r.toast?.text).toBe(
      'Nobody can approve step "Department head resolves": a step with several approvers needs at least one.',
    );
    expect(await count()).toBe(before);
  });
});
