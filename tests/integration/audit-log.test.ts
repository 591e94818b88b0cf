// The audit log against someone holding the database: UPDATE and DELETE are refused by the database, and an
// edit or a removal made around that (dropping the trigger, as a file holder can) is found by the chain
// check, at the row where it happened. Refused attempts and acts "as" someone in the sandbox are recorded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../src/domain/audit.js';
import { startHarness, type Harness } from '../support/harness.js';
import { sandboxClient } from '../support/sandbox-client.js';
import { call, sandboxSession } from '../web/client.js';

let h: Harness;
let sb: ReturnType<typeof sandboxClient>;
const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;
const rows = async (sql: string, ...args: unknown[]) => await h.sql.rows(sql, ...args);

beforeAll(async () => {
  h = await startHarness();
  sb = sandboxClient(h);
  // Some history: sign-ins, a refused command, an allowed one.
  await sb.send(await id('zhang.wei'), '/survey launch all');
  await sb.send(await id('lin.xiaowen'), '/survey threshold 6');
  await sb.send(await id('lin.xiaowen'), '/survey threshold 5');
  await sb.send(await id('lin.xiaowen'), '/survey launch 上海徐汇店 3');
  // Someone answers through the card in the sandbox.
  const card = await sb.lastBot(await id('guo.na'));
  const form = sb.form(card.html!);
  const r = await sb.act(
    await id('guo.na'),
    card.id,
    form.action,
    Object.fromEntries(form.fields.filter((f) => f !== 'comment').map((f) => [f, '3'])),
  );
  expect(r.body.outcome).toBe('handled');
});
afterAll(async () => h?.stop());

/** What a holder of the files can do: switch the guard off, change history, switch it back on. */
async function behindTheTriggers(sql: string, ...args: unknown[]): Promise<void> {
  if (h.sql.dialect === 'postgres') {
    await h.sql.run('alter table audit_log disable trigger user');
    await h.sql.run(sql, ...args);
    await h.sql.run('alter table audit_log enable trigger user');
    return;
  }
  const triggers = (await h.sql.rows(
    "select name, sql from sqlite_schema where type = 'trigger' and tbl_name = 'audit_log'",
  )) as { name: string; sql: string }[];
  expect(triggers.map((t) => t.name).sort()).toEqual(['audit_log_no_delete', 'audit_log_no_update']);
  for (const t of triggers) h.sqlite.exec(`drop trigger ${t.name}`);
  await h.sql.run(sql, ...args);
  for (const t of triggers) h.sqlite.exec(t.sql);
}

describe('what is recorded', () => {
  it('a refused command, the sandbox acting as someone, sign-ins — never a survey answer', async () => {
    expect(
      await rows(
        "select subject from audit_log where action = 'command.forbidden' and actor_employee_id = ?",
        await id('zhang.wei'),
      ),
    ).toEqual([{ subject: '/survey' }]);
    expect(
      await rows(
        "select subject from audit_log where action = 'sandbox.act' and actor_employee_id = ?",
        await id('lin.xiaowen'),
      ),
    ).toEqual([{ subject: '/survey' }, { subject: '/survey' }, { subject: '/survey' }]);
    expect(
      await rows(
        "select action, subject from audit_log where actor_employee_id = ? and action != 'auth.sign_in'",
        await id('guo.na'),
      ),
    ).toEqual([]);
    expect(
      ((await rows("select count(*) as n from audit_log where action = 'auth.sign_in'")) as { n: number }[])[0]!.n,
    ).toBeGreaterThanOrEqual(2);
  });

  it('a forbidden mini-app request is recorded with who and what', async () => {
    const employee = await sandboxSession(h, await id('zhang.wei'));
    expect((await call(h, 'GET', '/api/hr/audit', { session: employee })).status).toBe(403);
    expect(
      await rows(
        "select subject from audit_log where action = 'access.forbidden' and actor_employee_id = ?",
        await id('zhang.wei'),
      ),
    ).toEqual([{ subject: 'GET /api/hr/audit' }]);
  });
});

describe('append-only and tamper-evident', () => {
  it('the database refuses UPDATE and DELETE on the audit log', async () => {
    await expect(h.sql.run("update audit_log set detail = '{}' where id = 1")).rejects.toThrow(/append-only/);
    await expect(h.sql.run('delete from audit_log where id = 1')).rejects.toThrow(/append-only/);
  });

  it('the chain is intact after real use, and HR can see so', async () => {
    const check = await verifyAuditChain(h.app.db);
    expect(check).toMatchObject({ intact: true });
    expect(check.rows).toBeGreaterThan(5);
    const hr = await sandboxSession(h, await id('lin.xiaowen'));
    expect((await call(h, 'GET', '/api/hr/audit/verify', { session: hr })).body).toMatchObject({ intact: true });
  });

  it('an edited row is found, at that row', async () => {
    const target = (
      (await rows("select id from audit_log where action = 'settings.anonymity_threshold' order by id limit 1")) as {
        id: number;
      }[]
    )[0]!.id;
    await behindTheTriggers('update audit_log set detail = \'{"k":9}\' where id = ?', target);
    expect(await verifyAuditChain(h.app.db)).toMatchObject({ intact: false, brokenAt: target });
    const hr = await sandboxSession(h, await id('lin.xiaowen'));
    expect((await call(h, 'GET', '/api/hr/audit/verify', { session: hr })).body).toMatchObject({
      intact: false,
      brokenAt: target,
    });
  });

  it('a removed row is found at the row after it, even with the edit put back', async () => {
    const target = (
      (await rows("select id from audit_log where action = 'settings.anonymity_threshold' order by id limit 1")) as {
        id: number;
      }[]
    )[0]!.id;
    await behindTheTriggers('update audit_log set detail = \'{"k":6}\' where id = ?', target);
    expect(await verifyAuditChain(h.app.db)).toMatchObject({ intact: true });
    const victim = (
      (await rows("select id from audit_log where action = 'command.forbidden' order by id limit 1")) as {
        id: number;
      }[]
    )[0]!.id;
    await behindTheTriggers('delete from audit_log where id = ?', victim);
    expect(await verifyAuditChain(h.app.db)).toMatchObject({ intact: false, brokenAt: victim + 1 });
  });
});
