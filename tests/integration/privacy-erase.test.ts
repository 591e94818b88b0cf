// Erase a person who has left (PIPL Art. 47 / GDPR erasure), end to end on the demo org: Wei Zhang gets a rich
// history through the real commands (a point claim approved, decisions, a rating whose rater comment names him,
// a follow-up, messages through the outbox, a platform identity, a session, a delegation, a transfer, an
// export, audit rows about him), leaves, and HR erases him from chat. Afterwards his name and e-mail are in no
// column of any table, the ledger sums are unchanged, the audit chain verifies. Refusals change nothing.
import { describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/connection.js';
import { verifyAuditChain } from '../../src/domain/audit.js';
import { getPerson, linkIdentity } from '../../src/domain/org/employees.js';
import { createFollowUp } from '../../src/domain/surveys/follow-ups.js';
import { actionOf, command, lastCard, press, textOfCard } from '../support/cards.js';
import { dumpDatabase, findEverywhere } from '../support/db-search.js';
import { useHarness, type Harness } from '../support/harness.js';
import { sandboxSignIn } from '../support/sandbox-client.js';
import { call, sandboxSession } from '../web/client.js';

let h: Harness;
useHarness((started) => (h = started));

const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;
const NAME = '张伟 Wei Zhang';
const EMAIL = 'zhang.wei@qingyun.example';
const FEISHU_ID = 'ou_erase_test_wei';
/** Everything that identifies him: the full name, each script's part of it, the e-mail, his platform id. */
const TRACES = [NAME, '张伟', 'Wei Zhang', EMAIL, FEISHU_ID];
const ledgerSums = async () =>
  await h.sql.rows(
    'select employee_id as e, sum(points) as p from ledger_entries group by employee_id order by employee_id',
  );
const eraseRows = async () =>
  (await h.sql.rows(
    "select actor_employee_id as actor, subject, detail from audit_log where action = 'privacy.erase'",
  )) as { actor: number; subject: string; detail: string }[];

/** The database apart from what any chat command writes (its reply, the dedupe id, the sandbox.act row, the chat) and
 *  the sessions the sandbox client touches: a refusal must leave all of this exactly as it was. */
async function durableState(): Promise<Record<string, unknown[]>> {
  const {
    outbox: _o,
    inbound_events: _i,
    audit_log: _a,
    sessions: _s,
    // The sandbox chat holds the command and its reply; every delivery takes a token from the rate bucket.
    sandbox_messages: _m,
    rate_buckets: _r,
    ...rest
  } = await dumpDatabase(h.sql);
  return {
    ...rest,
    weiSessions: await h.sql.rows('select id_hash from sessions where employee_id = ? order by id_hash', wei),
  };
}

let wei: number;

describe('erase a person who has left', () => {
  let ming: number;
  let hr: number;
  let requestId: number;

  it('gives Wei Zhang a rich history', async () => {
    wei = await id('zhang.wei');
    ming = await id('li.ming');
    hr = await id('lin.xiaowen');

    // A point claim, approved by his manager: a ledger entry, his submit decision, his manager's approval.
    await command(h, wei, 'claim');
    const tagId = ((await h.sql.row("select id from value_tags where name_zh = '流程优化'")) as { id: number }).id;
    expect(
      (
        await press(h, wei, actionOf(await lastCard(h, wei), 'claim.submit'), {
          tag: String(tagId),
          description: 'Renegotiated the produce contract',
          amount: '15%',
          unit: 'percent',
        })
      ).outcome,
    ).toBe('handled');
    requestId = ((await h.sql.row('select max(id) as id from approval_requests')) as { id: number }).id;
    await press(h, ming, actionOf(await lastCard(h, ming, `approval:${requestId}`), 'approval.approve'));
    expect(await h.sql.row('select status from approval_requests where id = ?', requestId)).toEqual({
      status: 'approved',
    });

    // A rating whose rater comment names him (both scripts), closed so his result is sent to him.
    await command(h, hr, 'rating', 'open team 产品研发部 14');
    const cycleId = ((await h.sql.row('select max(id) as id from rating_cycles')) as { id: number }).id;
    const rate = await press(h, ming, actionOf(await lastCard(h, ming, `rating:${cycleId}:${ming}`), 'rating.submit'), {
      [`r_${wei}_attitude`]: '2',
      [`r_${wei}_collaboration`]: '4',
      [`r_${wei}_expression`]: '3',
      [`c_${wei}`]: `${NAME} owns releases; 张伟 should speak up more (ask Wei Zhang).`,
    });
    expect(rate.outcome).toBe('handled');
    await command(h, hr, 'rating', `close ${cycleId}`);
    // The rest of the team is unrated: closing shows what is missing and HR confirms.
    expect((await press(h, hr, actionOf(await lastCard(h, hr), 'rating.close'))).outcome).toBe('handled');

    await inTransaction(h.app.db, async () => await linkIdentity(h.app.db, 'feishu', FEISHU_ID, wei));
    const creator = (await getPerson(h.app.db, hr))!;
    expect(
      (
        await inTransaction(
          h.app.db,
          async () =>
            await createFollowUp(h.app.db, {
              title: `Check in with ${NAME} about the checklist`,
              ownerId: wei,
              dueDate: '2099-01-31',
              waveId: null,
              unitId: null,
              creator,
              today: '2020-01-01',
            }),
        )
      ).ok,
    ).toBe(true);
    // A transfer whose free-text reason names him, and a delegation from his manager to him.
    await h.sql.run(
      "insert into transfers (employee_id, from_unit_id, to_unit_id, reason, source) select id, unit_id, unit_id, ?, 'test' from employees where id = ?",
      `${NAME} asked to stay`,
      wei,
    );
    await h.sql.run("insert into delegations (from_id, to_id, until) values (?, ?, '2099-01-01')", ming, wei);
    // A session of his own, and an audit row about him.
    await sandboxSignIn(h.url, wei);
    const admin = await sandboxSession(h, await id('zhao.lei'));
    expect((await call(h, 'POST', `/api/admin/people/${wei}/sign-out`, { session: admin })).status).toBe(200);
    await sandboxSignIn(h.url, wei);
    // HR exports his data (a zip that names him).
    await command(h, hr, 'privacy', `export ${EMAIL}`);
    await h.drainOutbox();

    // Every trace exists before, in the places this test cares about, so "nowhere after" can fail.
    const where = async (s: string) => (await findEverywhere(h.sql, s)).map((x) => `${x.table}.${x.column}`);
    expect(await where(NAME)).toEqual(
      expect.arrayContaining([
        'employees.name',
        'rating_feedback.comment',
        'follow_ups.title',
        'transfers.reason',
        'outbox.message',
      ]),
    );
    expect(await where(EMAIL)).toContain('employees.email');
    expect(await where(FEISHU_ID)).toContain('platform_identities.platform_user_id');
    expect(
      (await h.outbox()).some(
        (r) =>
          r.status === 'sent' &&
          r.recipient === JSON.stringify({ kind: 'user', platformUserId: String(wei) }) &&
          r.message.includes(NAME),
      ),
    ).toBe(true);
    expect(await h.sql.row('select count(*) as n from sessions where employee_id = ?', wei)).toEqual({ n: 2 });
    expect(await h.sql.row('select count(*) as n from exports where what = ?', `privacy:employee:${wei}`)).toEqual({
      n: 1,
    });
    expect(await h.sql.row('select count(*) as n from audit_log where subject = ?', `employee:${wei}`)).toEqual({
      n: 2,
    });
  });

  it('refuses while he still works here, in the reader’s language, and changes nothing', async () => {
    const before = await durableState();
    await command(h, hr, 'privacy', `erase ${EMAIL}`);
    expect(textOfCard(await lastCard(h, hr))).toContain('仍在职');
    await command(h, hr, 'privacy', `erase ${EMAIL} confirm`);
    expect(textOfCard(await lastCard(h, hr))).toContain('仍在职');
    // A forged button press for an active person is refused too.
    expect(textOfCard((await press(h, hr, { k: 'privacy.erase', id: String(wei) })).card)).toContain('仍在职');
    const hrSession = await sandboxSession(h, hr);
    const api = await call(h, 'POST', `/api/hr/people/${wei}/erase`, { session: hrSession });
    expect(api.status).toBe(409);
    expect(api.body).toMatchObject({ code: 'still_active' });
    // In HR's own language (her profile says zh-CN).
    expect(JSON.stringify(api.body)).toContain('仍在职');
    expect(await durableState()).toEqual(before);
    expect(await eraseRows()).toEqual([]);
  });

  it('refuses an unknown person', async () => {
    const before = await durableState();
    await command(h, hr, 'privacy', 'erase nobody@qingyun.example');
    expect(textOfCard(await lastCard(h, hr))).toContain('nobody@qingyun.example');
    const api = await call(h, 'POST', '/api/hr/people/99999/erase', { session: await sandboxSession(h, hr) });
    expect(api.status).toBe(404);
    expect(await durableState()).toEqual(before);
    expect(await eraseRows()).toEqual([]);
  });

  it('asks HR to confirm, and only HR or an admin can press', async () => {
    await h.sql.run('update employees set active = false where id = ?', wei);
    const before = await durableState();
    await command(h, hr, 'privacy', `erase ${EMAIL}`);
    const card = await lastCard(h, hr);
    expect(textOfCard(card)).toContain(NAME);
    expect(textOfCard(card)).toContain('无法撤销');
    const confirm = actionOf(card, 'privacy.erase');
    expect(confirm.id).toBe(String(wei));
    // Someone who is not HR presses a forwarded card: refused.
    expect((await press(h, await id('liu.yang'), confirm)).outcome).toBe('invalid');
    // The API refuses non-HR and a missing CSRF token.
    expect(
      (await call(h, 'POST', `/api/hr/people/${wei}/erase`, { session: await sandboxSession(h, await id('liu.yang')) }))
        .status,
    ).toBe(403);
    expect(
      (await call(h, 'POST', `/api/hr/people/${wei}/erase`, { session: await sandboxSession(h, hr), csrf: null }))
        .status,
    ).toBe(403);
    expect(await durableState()).toEqual(before);
    expect(await eraseRows()).toEqual([]);
  });

  it('erases him: no trace in any column of any table, totals unchanged, the audit chain intact', async () => {
    const sums = await ledgerSums();
    const decisionsTaken = await h.sql.row('select count(*) as n from approval_decisions where actor_id = ?', wei);
    const ratings = await h.sql.rows(
      'select dimension, value from ratings where subject_id = ? order by dimension',
      wei,
    );
    const unitAndManager = await h.sql.row('select unit_id, manager_id from employees where id = ?', wei);

    const res = await press(h, hr, { k: 'privacy.erase', id: String(wei) });
    expect(res.outcome).toBe('handled');
    expect(textOfCard(res.card)).toContain(`Erased #${wei}`);
    await h.drainOutbox();

    for (const trace of TRACES) expect(await findEverywhere(h.sql, trace), trace).toEqual([]);
    expect(await h.sql.row('select name, email, title, active from employees where id = ?', wei)).toEqual({
      name: `Erased #${wei}`,
      email: `erased-${wei}@erased.invalid`,
      title: null,
      active: 0,
    });
    expect(await h.sql.row('select unit_id, manager_id from employees where id = ?', wei)).toEqual(unitAndManager);
    for (const table of ['platform_identities', 'sessions'])
      expect(await h.sql.row(`select count(*) as n from ${table} where employee_id = ?`, wei)).toEqual({ n: 0 });
    expect(await h.sql.row('select count(*) as n from delegations where from_id = ? or to_id = ?', wei, wei)).toEqual({
      n: 0,
    });
    expect(await h.sql.row('select count(*) as n from exports where what = ?', `privacy:employee:${wei}`)).toEqual({
      n: 0,
    });
    // The rater's words stay, with the pseudonym where his name was.
    expect(
      ((await h.sql.row('select comment from rating_feedback where subject_id = ?', wei)) as { comment: string })
        .comment,
    ).toBe(`Erased #${wei} owns releases; Erased #${wei} should speak up more (ask Erased #${wei}).`);

    // Totals and history keep their figures under the employee id.
    expect(await ledgerSums()).toEqual(sums);
    expect(await h.sql.row('select count(*) as n from approval_decisions where actor_id = ?', wei)).toEqual(
      decisionsTaken,
    );
    expect(
      await h.sql.rows('select dimension, value from ratings where subject_id = ? order by dimension', wei),
    ).toEqual(ratings);

    expect((await verifyAuditChain(h.app.db)).intact).toBe(true);
    const rows = await eraseRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor: hr, subject: `employee:${wei}` });
  });

  it('refuses an already erased person, and the old address no longer finds anyone', async () => {
    const before = await durableState();
    await command(h, hr, 'privacy', `erase erased-${wei}@erased.invalid`);
    expect(textOfCard(await lastCard(h, hr))).toContain('已被删除过');
    await command(h, hr, 'privacy', `erase ${EMAIL} confirm`);
    expect(textOfCard(await lastCard(h, hr))).toContain(EMAIL.split('@')[0]!);
    const api = await call(h, 'POST', `/api/hr/people/${wei}/erase`, { session: await sandboxSession(h, hr) });
    expect(api.status).toBe(409);
    expect(api.body).toMatchObject({ code: 'already_erased' });
    expect(await durableState()).toEqual(before);
    expect(await eraseRows()).toHaveLength(1);
  });

  it('erases another leaver through the API', async () => {
    const olivia = await id('olivia.brown');
    await h.sql.run('update employees set active = false where id = ?', olivia);
    const api = await call(h, 'POST', `/api/hr/people/${olivia}/erase`, {
      session: await sandboxSession(h, await id('zhao.lei')),
    });
    expect(api.status).toBe(200);
    expect(api.body).toEqual({ pseudonym: `Erased #${olivia}`, remaining: [] });
    for (const trace of ['Olivia Brown', 'olivia.brown@qingyun.example'])
      expect(await findEverywhere(h.sql, trace), trace).toEqual([]);
    expect((await verifyAuditChain(h.app.db)).intact).toBe(true);
    expect((await eraseRows()).map((r) => r.subject)).toEqual([`employee:${wei}`, `employee:${olivia}`]);
  });
});
