// The mini-app's person-data export: HR finds a person and exports them; everyone else is refused, an unknown
// person is a 404, CSRF is required, and the link needs an HR session to download.
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { call, sandboxSession, type Session } from './client.js';

let h: Harness;
let hr: Session;
beforeAll(async () => {
  h = await startHarness();
  hr = await sandboxSession(h, await id('lin.xiaowen'));
});
afterAll(async () => h?.stop());

const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;
const exportsCount = async () => ((await h.sql.row('select count(*) as n from exports')) as { n: number }).n;

describe('GET /api/hr/people', () => {
  it('finds people by name or email for HR', async () => {
    const byName = await call(h, 'GET', `/api/hr/people?q=${encodeURIComponent('wei zhang')}`, { session: hr });
    expect(byName.status).toBe(200);
    expect(byName.body.people).toEqual([
      {
        id: await id('zhang.wei'),
        name: '张伟 Wei Zhang',
        email: 'zhang.wei@qingyun.example',
        unit: '产品研发部',
        active: true,
      },
    ]);
    const byEmail = await call(h, 'GET', '/api/hr/people?q=olivia.brown@', { session: hr });
    expect((byEmail.body.people as { id: number }[]).map((p) => p.id)).toEqual([await id('olivia.brown')]);
    // LIKE wildcards are taken literally.
    expect((await call(h, 'GET', '/api/hr/people?q=%25', { session: hr })).body.people).toEqual([]);
  });

  it('is HR-only', async () => {
    const emp = await sandboxSession(h, await id('zhang.wei'));
    expect((await call(h, 'GET', '/api/hr/people?q=a', { session: emp })).status).toBe(403);
  });
});

describe('POST /api/hr/people/:id/export', () => {
  it('refuses employees and managers (403), unknown people (404) and a missing CSRF token, creating nothing', async () => {
    const before = await exportsCount();
    for (const who of ['zhang.wei', 'li.ming']) {
      const s = await sandboxSession(h, await id(who));
      expect((await call(h, 'POST', `/api/hr/people/${await id('zhang.wei')}/export`, { session: s })).status).toBe(
        403,
      );
    }
    const unknown = await call(h, 'POST', '/api/hr/people/999999/export', { session: hr });
    expect(unknown.status).toBe(404);
    // In HR's language (Sharon Lin reads zh-CN).
    expect(unknown.body.error).toBe('没有这个人。');
    expect((await call(h, 'POST', '/api/hr/people/abc/export', { session: hr })).status).toBe(400);
    const noCsrf = await call(h, 'POST', `/api/hr/people/${await id('zhang.wei')}/export`, { session: hr, csrf: null });
    expect(noCsrf.status).toBe(403);
    expect(await exportsCount()).toBe(before);
  });

  it('HR gets a download link that needs an HR session', async () => {
    const wei = await id('zhang.wei');
    const r = await call(h, 'POST', `/api/hr/people/${wei}/export`, { session: hr });
    expect(r.status).toBe(200);
    expect(r.body.filename).toBe(`person-${wei}-export.zip`);
    const url = String(r.body.url);
    expect(url).toMatch(/^\/exports\/[\w-]{20,64}$/);

    const anon = await call(h, 'GET', url);
    expect(anon.status).toBe(302);
    expect(anon.headers.get('location')).toBe(`/app/signin?next=${encodeURIComponent(url)}`);
    const employee = await sandboxSession(h, wei);
    expect((await call(h, 'GET', url, { session: employee })).status).toBe(403);

    const res = await fetch(`${h.url}${url}`, { headers: { cookie: hr.cookie } });
    expect(res.status).toBe(200);
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining([
        'person.json',
        'README.txt',
        'profile.csv',
        'points.csv',
        'audit.csv',
        'survey-participation.csv',
      ]),
    );
    expect((JSON.parse(strFromU8(files['person.json']!)) as { profile: { id: number } }).profile.id).toBe(wei);
    expect(
      await h.sql.rows("select actor_employee_id as actor, subject from audit_log where action = 'privacy.export'"),
    ).toEqual([{ actor: await id('lin.xiaowen'), subject: `employee:${wei}` }]);
  });
});
