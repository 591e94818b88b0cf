// Guided scenario demos over the mini-app's API (issue 25 §5), on SQLite and PostgreSQL: the list in the
// reader's language, a demo played end to end with its steps' narration and links (the ledger's redemption
// asserted in the table), a run started in chat going on in the app, a stale press refused (409), bad input
// (400), and demos refused (403) outside the demo company.
import { beforeAll, describe, expect, it } from 'vitest';
import { useHarness, type Harness } from '../support/harness.js';
import { sandboxClient, textOf } from '../support/sandbox-client.js';
import { call, sandboxSession, type Session } from './client.js';

let h: Harness;
useHarness((started) => (h = started));
const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;
let session: Session;
beforeAll(async () => {
  // An English reader (her own locale decides the language of what the server writes).
  session = await sandboxSession(h, await id('olivia.brown'));
});

describe('/api/demos', () => {
  it('lists the three demos in the reader’s language, with their step counts', async () => {
    const r = await call(h, 'GET', '/api/demos', { session });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      blocked: null,
      demos: [
        { name: 'cook', title: 'A cook sent to a partner store', summary: expect.any(String), steps: 11 },
        { name: 'saving', title: 'A finance clerk’s cost saving', summary: expect.any(String), steps: 5 },
        { name: 'pulse', title: 'A pulse finds a process problem', summary: expect.any(String), steps: 6 },
      ],
    });
  });

  it('plays the cost saving end to end: narration, links, the award and the approved redemption in the ledger', async () => {
    const clerk = await id('xu.lan');
    let a = await call(h, 'POST', '/api/demos/saving/start', { session });
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ name: 'saving', step: 0, total: 5, status: 'played', done: false });
    expect(a.body.text).toContain('Cost control');
    expect(a.body.link).toMatch(/^\/requests\/\d+$/);
    const texts = [a.body.text];
    while (!a.body.done) {
      a = await call(h, 'POST', '/api/demos/saving/next', {
        session,
        body: { run: a.body.run, step: Number(a.body.step) + 1 },
      });
      expect(a.status).toBe(200);
      texts.push(a.body.text);
    }
    expect(texts).toHaveLength(5);
    expect(texts[2]).toContain('150 points land in');
    expect(a.body).toMatchObject({ step: 4, link: '/rewards', done: true });
    const kinds = await h.sql.rows<{ kind: string }>(
      'select kind from ledger_entries where employee_id = ? order by id',
      clerk,
    );
    // The redemption's points were held at request time; HR's approval keeps the hold as the spend.
    expect(kinds.map((k) => k.kind)).toEqual(['award', 'hold']);
    const redemption = await h.sql.row<{ status: string }>(
      "select status from approval_requests where applicant_id = ? and flow_key = 'redemption'",
      clerk,
    );
    expect(redemption?.status).toBe('approved');
  });

  it('a run started in chat goes on in the app; a press of an older run is refused with 409', async () => {
    const sun = await id('sun.li');
    const sb = sandboxClient(h);
    await sb.send(sun, '/demo pulse');
    expect(textOf((await sb.lastBot(sun)).html)).toContain('第 1/6 步');
    const run = (await h.sql.row<{ value: string }>("select value from settings where key = 'demo.scenario.pulse'"))!;
    const state = JSON.parse(run.value) as { run: number };
    const next = await call(h, 'POST', '/api/demos/pulse/next', { session, body: { run: state.run, step: 1 } });
    expect(next.status).toBe(200);
    expect(next.body).toMatchObject({ step: 1, status: 'played' });
    expect(next.body.text).toContain('The wave closes');
    const stale = await call(h, 'POST', '/api/demos/pulse/next', {
      session,
      body: { run: state.run - 1 || 99, step: 2 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toContain('/demo pulse');
  });

  it('bad input: an unknown demo, a malformed press', async () => {
    expect((await call(h, 'POST', '/api/demos/dance/start', { session })).status).toBe(400);
    expect((await call(h, 'POST', '/api/demos/cook/next', { session, body: { run: 'x', step: 1 } })).status).toBe(400);
    expect((await call(h, 'POST', '/api/demos/cook/next', { session, body: { run: 1, step: -1 } })).status).toBe(400);
  });

  it('refused (403) outside the demo company, nothing played; the page is told why', async () => {
    const other = await id('feng.xue');
    await h.sql.run("update employees set email = 'feng.xue@real-company.example' where id = ?", other);
    try {
      const requests = (await h.sql.rows('select id from approval_requests')).length;
      const r = await call(h, 'POST', '/api/demos/cook/start', { session });
      expect(r.status).toBe(403);
      expect(r.body.error).toContain('only in the demo company');
      expect((await call(h, 'GET', '/api/demos', { session })).body.blocked).toContain('only in the demo company');
      expect((await h.sql.rows('select id from approval_requests')).length).toBe(requests);
    } finally {
      await h.sql.run("update employees set email = 'feng.xue@qingyun.example' where id = ?", other);
    }
  });
});
