// Announcements in the mini-app API (issue 25 §3), both databases: HR composes for the company or any unit, a
// unit head only for their subtree (another unit: 403, nothing written); an empty unit and half-written texts
// are refused at their field (messages in the viewer's language: HR reads Chinese, Tom English); an employee
// sees and acknowledges their notice (twice: same time), which redraws the chat card; the sender sees
// read/unread names and reminds once (a second: 409); nobody else sees names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { sandboxClient, textOf } from '../support/sandbox-client.js';
import { call, sandboxSession, type Session } from './client.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.stop());

const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;
const as = async (user: string): Promise<Session> => await sandboxSession(h, await id(user));
const unitId = async (path: string) =>
  (await h.sql.row<{ id: number }>('select id from org_units where path = ?', path))!.id;
const writes = async () =>
  await h.sql.row<{ a: number; r: number; l: number }>(
    "select (select count(*) from announcements) as a, (select count(*) from announcement_receipts) as r, (select count(*) from audit_log where action like 'announce.%') as l",
  );
const STORE = '青云科技/门店/深圳南山店';

describe('announcements API', () => {
  let annId = 0;

  it('a unit head may address only their subtree: another unit or the company is 403 and writes nothing', async () => {
    const tom = await as('tom.harris');
    const options = await call(h, 'GET', '/api/announcements/options', { session: tom });
    expect(options.status).toBe(200);
    expect(options.body).toEqual({
      company: false,
      units: [{ id: await unitId(STORE), name: '深圳南山店', path: STORE }],
    });
    const before = await writes();
    for (const target of [await unitId('青云科技/门店/上海徐汇店'), null]) {
      const r = await call(h, 'POST', '/api/announcements', {
        session: tom,
        body: { unitId: target, titleEn: 'Hello', bodyEn: 'Not mine to send' },
      });
      expect(r.status).toBe(403);
      expect(r.body.error).toContain('You can only send announcements to the units you head');
    }
    // An employee who heads nothing may not compose at all.
    const yue = await as('pan.yue');
    expect((await call(h, 'GET', '/api/announcements/options', { session: yue })).status).toBe(403);
    expect(
      (
        await call(h, 'POST', '/api/announcements', {
          session: yue,
          body: { unitId: null, titleZh: '你好', bodyZh: '不是我能发的' },
        })
      ).status,
    ).toBe(403);
    expect(await writes()).toEqual(before);
  });

  it('an empty unit, missing or half-written texts are refused at their field, nothing written', async () => {
    const stores = await unitId('青云科技/门店');
    await h.sql.run(
      "insert into org_units (parent_id, name, kind, path, active) values (?, '空店', 'store', '青云科技/门店/空店', ?)",
      stores,
      h.sql.dialect === 'postgres' ? true : 1,
    );
    const hr = await as('lin.xiaowen');
    const before = await writes();
    const cases: [Record<string, unknown>, string, string][] = [
      [
        { unitId: await unitId('青云科技/门店/空店'), titleZh: '开业', bodyZh: '欢迎' },
        'unitId',
        '「空店」没有在职成员',
      ],
      [{ unitId: null }, 'titleZh', '请填写标题和正文'],
      [{ unitId: null, titleEn: 'Only a title' }, 'bodyEn', '英文内容需要同时填写标题和正文'],
      [{ unitId: null, titleZh: '标题', bodyZh: 'x'.repeat(2001) }, 'bodyZh', '正文最多 2000 字'],
    ];
    for (const [body, field, message] of cases) {
      const r = await call(h, 'POST', '/api/announcements', { session: hr, body });
      expect(r.status, JSON.stringify(body).slice(0, 60)).toBe(400);
      expect((r.body.fields as Record<string, string>)[field]).toContain(message);
    }
    expect(await writes()).toEqual(before);
  });

  it('HR sends to a store; a member sees it in their language and acknowledges once; the chat card follows', async () => {
    const hr = await as('lin.xiaowen');
    const sent = await call(h, 'POST', '/api/announcements', {
      session: hr,
      body: {
        unitId: await unitId(STORE),
        titleZh: '排班调整',
        bodyZh: '下周起早班提前半小时',
        titleEn: 'Shift change',
        bodyEn: 'Early shift starts 30 minutes earlier',
      },
    });
    expect(sent.status).toBe(200);
    expect(sent.body).toMatchObject({ recipients: 6, onLeave: 0 });
    annId = Number(sent.body.id);
    await h.drainOutbox();

    const sophia = await as('sophia.lee');
    const mine = await call(h, 'GET', '/api/announcements/mine', { session: sophia });
    expect((mine.body.notices as unknown[])[0]).toMatchObject({
      id: annId,
      title: 'Shift change',
      body: 'Early shift starts 30 minutes earlier',
      audience: '深圳南山店',
      readAt: null,
    });
    const first = await call(h, 'POST', `/api/announcements/${annId}/ack`, { session: sophia });
    expect(first.status).toBe(200);
    expect(first.body.first).toBe(true);
    const again = await call(h, 'POST', `/api/announcements/${annId}/ack`, { session: sophia });
    expect(again.body).toEqual({ readAt: first.body.readAt, first: false });
    await h.drainOutbox();
    // Her chat card (the sandbox) now says when she acknowledged it, without the button.
    const card = (await sandboxClient(h).messages(await id('sophia.lee'))).find((m) =>
      textOf(m.html).includes(`Announcement #${annId}`),
    )!;
    expect(textOf(card.html)).toMatch(/Acknowledged at/);
    expect(card.html).not.toContain('announce.ack');
    // Someone outside the store cannot acknowledge it.
    const outsider = await call(h, 'POST', `/api/announcements/${annId}/ack`, { session: await as('guo.na') });
    expect(outsider.status).toBe(403);
    expect(outsider.body.error).toBe('这条公告不是发给你的。');
  });

  it('the sender sees names and reminds once; a second reminder is 409; others see no names', async () => {
    const hr = await as('lin.xiaowen');
    const receipts = await call(h, 'GET', `/api/announcements/${annId}/receipts`, { session: hr });
    expect(receipts.status).toBe(200);
    expect((receipts.body.read as { name: string }[]).map((p) => p.name)).toEqual(['Sophia Lee']);
    expect((receipts.body.unread as unknown[]).length).toBe(5);
    expect(receipts.body.announcement).toMatchObject({ total: 6, read: 1, canRemind: true });
    const list = await call(h, 'GET', '/api/announcements/sent', { session: hr });
    expect((list.body.announcements as unknown[])[0]).toMatchObject({ id: annId, total: 6, read: 1 });

    const tom = await as('tom.harris');
    const peek = await call(h, 'GET', `/api/announcements/${annId}/receipts`, { session: tom });
    expect(peek.status).toBe(403);
    expect(peek.body).toEqual({
      error: `Only the sender and HR can see who has read announcement #${annId}.`,
      code: 'forbidden',
    });
    expect((await call(h, 'POST', `/api/announcements/${annId}/remind`, { session: tom })).status).toBe(403);

    const reminded = await call(h, 'POST', `/api/announcements/${annId}/remind`, { session: hr });
    expect(reminded.body).toEqual({ reminded: 5, remindedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
    const before = await writes();
    const second = await call(h, 'POST', `/api/announcements/${annId}/remind`, { session: hr });
    expect(second.status).toBe(409);
    expect(second.body.error).toContain('已经提醒过一次，不能再次提醒');
    expect(await writes()).toEqual(before);
    await h.drainOutbox();
    const reminders = await h.sql.rows<{ n: number }>(
      "select count(*) as n from outbox where card_key = ? and op = 'send'",
      `announce:${annId}:remind`,
    );
    expect(Number(reminders[0]!.n)).toBe(5);
  });
});
