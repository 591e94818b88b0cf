// The anonymous conversation on a comment through the mini-app API (issue 23 item 1): the survey answer hands the
// author their key; the report lists each shown comment's id and thread; the team side (HR, a unit's head) starts
// and answers threads, each refusal a clear message that writes nothing; the author side works by key in the POST
// body only and leaves no trace of the caller: no session read or touched, no audit row, no log line.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/connection.js';
import { conversationSealKey, surveySealKey } from '../../src/db/seal-key.js';
import { setCommentThreshold } from '../../src/domain/settings.js';
import { releaseDue } from '../../src/domain/surveys/conversations.js';
import { submitAnswers } from '../../src/domain/surveys/waves.js';
import { startHarness, type Harness } from '../support/harness.js';
import { closeNow, launchTo } from '../support/pulse.js';
import { call, sandboxSession, type Answer, type Session } from './client.js';

const LAUNCH = new Date('2026-12-01T01:00:00Z');
const CLOSED = new Date('2026-12-01T06:00:00Z');
/** 2026-12-02 11:00 in Shanghai (the demo company's zone): the next batch is 16:00 (08:00Z). */
const MORNING = new Date('2026-12-02T03:00:00Z');
const FIRST_BATCH = '2026-12-02T08:00:00.000Z';
/** The batch after it: 2026-12-03 10:00 in Shanghai. */
const SECOND_BATCH = '2026-12-03T02:00:00.000Z';

let clock = LAUNCH;
let h: Harness;
const logs: string[] = [];
let hr: Session;
let outsider: Session; // heads a store, not 产品研发部 (reads English)
let head: Session; // li.ming heads 产品研发部
let plain: Session;
let authorSession: Session;
let authorId: number;
let noCommentId: number;
let noComment: Answer;
/** Another author's key: nobody has answered their comment. */
let otherKey: string | undefined;
let waveId: number;
/** The key the answer route handed the author, and the comment it opens. */
let key: string;
let commentId: string;
let threadId: number;

const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;
const count = async (table: string) =>
  Number((await h.sql.row<{ n: number }>(`select count(*) as n from ${table}`))!.n);
const release = async () =>
  await inTransaction(h.app.db, async () => await releaseDue(h.app.db, conversationSealKey(h.app.config), clock));

beforeAll(async () => {
  h = await startHarness({
    now: () => clock,
    logs,
    logLevel: 'debug',
    env: { SESSION_IDLE_MINUTES: '1440', SESSION_MAX_HOURS: '720' },
  });
  const { wave, people, values } = await launchTo(h.app.db, '产品研发部', LAUNCH);
  waveId = wave.id;
  // One author answers in the app (the route must hand back the key); the others as the chat card would.
  authorId = await id('emily.carter');
  noCommentId = await id('zhang.wei');
  clock = new Date(LAUNCH.getTime() + 60_000);
  const answered = await call(h, 'POST', `/api/surveys/${waveId}/answers`, {
    session: await sandboxSession(h, authorId),
    body: { values: { ...values(4), comment: 'The release train leaves too early on Fridays' } },
  });
  expect(answered.status).toBe(200);
  key = String(answered.body.replyKey);
  expect(key).toMatch(/^[\w-]{32}$/);
  // Another answers in the app without a comment: no key for them.
  noComment = await call(h, 'POST', `/api/surveys/${waveId}/answers`, {
    session: await sandboxSession(h, await id('zhang.wei')),
    body: { values: { ...values(4), comment: '   ' } },
  });
  let n = 0;
  for (const person of people.filter((p) => p !== authorId && p !== noCommentId)) {
    const withComment = n++ < 6;
    const r = await inTransaction(
      h.app.db,
      async () =>
        await submitAnswers(h.app.db, surveySealKey(h.app.config), {
          waveId,
          employeeId: person,
          values: { ...values(3), comment: withComment ? `remark ${n} on planning` : '' },
          now: new Date(LAUNCH.getTime() + (n + 1) * 60_000),
        }),
    );
    expect(r.ok).toBe(true);
    if (r.ok && r.replyKey) otherKey ??= r.replyKey;
  }
  await closeNow(h.app.db, waveId, surveySealKey(h.app.config), CLOSED);
  // Sessions as of the morning after (the clock jumps a day: older ones would have gone idle).
  clock = MORNING;
  hr = await sandboxSession(h, await id('lin.xiaowen'));
  outsider = await sandboxSession(h, await id('tom.harris'));
  head = await sandboxSession(h, await id('li.ming'));
  plain = await sandboxSession(h, await id('zhou.ting'));
  authorSession = await sandboxSession(h, authorId);
});
afterAll(async () => h?.stop());

describe('the survey answer and the report', () => {
  it('hands the key to the author only when they wrote a comment', () => {
    expect(key).toMatch(/^[\w-]{32}$/);
    expect(noComment.status).toBe(200);
    expect(noComment.body).toEqual({ ok: true });
  });

  it("lists each shown comment's id and thread for HR and for the unit's head", async () => {
    for (const [s, path] of [
      [hr, '/api/hr/report'],
      [head, '/api/team/pulse'],
    ] as const) {
      const answer = await call(h, 'GET', `${path}?waveId=${waveId}`, { session: s });
      const report = answer.body.report as {
        comments: string[];
        commentItems: { id: string; text: string; replyable: boolean; threadId: number | null; threadStatus: string }[];
      };
      expect(report.commentItems.map((c) => c.text)).toEqual(report.comments);
      expect(report.commentItems).toHaveLength(7);
      expect(report.commentItems.every((c) => c.replyable && c.threadId === null && c.threadStatus === 'none')).toBe(
        true,
      );
    }
    const r = await call(h, 'GET', `/api/hr/report?waveId=${waveId}`, { session: hr });
    const items = (r.body.report as { commentItems: { id: string; text: string }[] }).commentItems;
    commentId = items.find((c) => c.text === 'The release train leaves too early on Fridays')!.id;
    expect(commentId).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('the team side', () => {
  it('refuses, with a clear message and nothing written, whoever may not answer and whatever is wrong', async () => {
    const before = { threads: await count('comment_threads'), messages: await count('comment_messages') };
    const post = (s: Session, body: unknown) => call(h, 'POST', '/api/conversations', { session: s, body });
    const plainTry = await post(plain, { commentId, body: 'hello' });
    expect(plainTry.status).toBe(403);
    expect(plainTry.body.code).toBe('forbidden');
    const outsiderTry = await post(outsider, { commentId, body: 'hello' });
    expect(outsiderTry.status).toBe(403);
    expect(outsiderTry.body.error).toBe('You can answer comments of the units you lead only (HR: of every unit).');
    const empty = await post(hr, { commentId, body: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body.fields).toEqual({ body: '请输入 1 到 1000 个字符。' }); // HR reads zh-CN
    const long = await post(hr, { commentId, body: 'x'.repeat(1001) });
    expect(long.status).toBe(400);
    expect(long.body.fields).toEqual({ body: '请输入 1 到 1000 个字符。' });
    const unknown = await post(hr, { commentId: 'f'.repeat(32), body: 'hello' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('unknown_comment');
    const missing = await call(h, 'GET', '/api/conversations/999999', { session: hr });
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('unknown_thread');
    const employeeList = await call(h, 'GET', '/api/conversations', { session: plain });
    expect(employeeList.status).toBe(403);

    // The comment threshold raised above the group's 7 comments: no conversation may start there any more.
    const raise = async (c: number) =>
      expect(
        await inTransaction(h.app.db, async () => await setCommentThreshold(h.app.db, c, { kind: 'system' })),
      ).toEqual({ ok: true });
    await raise(8);
    const small = await post(hr, { commentId, body: 'hello' });
    expect(small.status).toBe(409);
    expect(small.body.code).toBe('below_threshold');
    expect(small.body.error).toBe('该评论所在分组的评论数低于本轮的评论门槛:开启对话可能暴露作者。');
    await raise(5);
    expect({ threads: await count('comment_threads'), messages: await count('comment_messages') }).toEqual(before);
  });

  it("starts a thread (audited), shows the team's own message as waiting for its batch, lists it", async () => {
    const audits = await count("audit_log where action = 'survey.conversation.start'");
    const r = await call(h, 'POST', '/api/conversations', {
      session: hr,
      body: { commentId, body: '  Thank you — which Friday deadline hurts most?  ' },
    });
    expect(r.status).toBe(200);
    expect(r.body.created).toBe(true);
    expect(r.body.message).toMatchObject({
      side: 'team',
      body: 'Thank you — which Friday deadline hurts most?',
      releaseAt: FIRST_BATCH,
      pending: true,
      sender: '林晓雯 Sharon Lin',
    });
    threadId = Number(r.body.threadId);
    expect(await count("audit_log where action = 'survey.conversation.start'")).toBe(audits + 1);

    const view = await call(h, 'GET', `/api/conversations/${threadId}`, { session: head });
    expect(view.status).toBe(200);
    expect(view.body.thread).toMatchObject({
      threadId,
      commentId,
      unit: '产品研发部',
      comment: 'The release train leaves too early on Fridays',
      status: 'open',
      nextRelease: FIRST_BATCH,
    });
    const outsiderView = await call(h, 'GET', `/api/conversations/${threadId}`, { session: outsider });
    expect(outsiderView.status).toBe(403);

    const list = await call(h, 'GET', `/api/conversations?waveId=${waveId}`, { session: head });
    expect(list.body.threads).toEqual([
      expect.objectContaining({ threadId, status: 'open', messages: 1, awaitingReply: false, unit: '产品研发部' }),
    ]);
    expect((await call(h, 'GET', '/api/conversations', { session: outsider })).body.threads).toEqual([]);
    const report = await call(h, 'GET', `/api/hr/report?waveId=${waveId}`, { session: hr });
    expect(
      (
        report.body.report as { commentItems: { id: string; threadId: number | null; threadStatus: string }[] }
      ).commentItems.find((c) => c.id === commentId),
    ).toMatchObject({ threadId, threadStatus: 'open' });
  });
});

describe('the author side', () => {
  const author = (path: string, body: unknown, cookie?: string) =>
    call(h, 'POST', `/api/conversation/author${path}`, { body, cookie, csrf: null });

  it("sees the team's message only from its batch time, answers, and the team sees it from the next batch", async () => {
    const early = await author('', { key });
    expect(early.status).toBe(200);
    expect(early.body.thread).toMatchObject({ threadId, status: 'open', messages: [], nextRelease: FIRST_BATCH });

    clock = new Date('2026-12-02T08:30:00Z');
    await release();
    const seen = await author('', { key });
    const thread = seen.body.thread as { messages: { side: string; body: string; sender: string | null }[] };
    expect(thread.messages).toEqual([
      expect.objectContaining({ side: 'team', body: 'Thank you — which Friday deadline hurts most?', sender: null }),
    ]);

    const reply = await author('/reply', { key, body: 'The 15:00 code freeze.' });
    expect(reply.status).toBe(200);
    expect(reply.body.message).toMatchObject({ side: 'author', pending: true, releaseAt: SECOND_BATCH, sender: null });
    const own = await author('', { key });
    expect((own.body.thread as { messages: { side: string; pending: boolean }[] }).messages.at(-1)).toMatchObject({
      side: 'author',
      pending: true,
    });
    // Not for the team before the batch.
    const before = await call(h, 'GET', `/api/conversations/${threadId}`, { session: hr });
    expect((before.body.thread as { messages: unknown[] }).messages).toHaveLength(1);

    clock = new Date('2026-12-03T02:01:00Z');
    await release();
    const after = await call(h, 'GET', `/api/conversations/${threadId}`, { session: hr });
    expect((after.body.thread as { messages: { side: string; body: string }[] }).messages.at(-1)).toMatchObject({
      side: 'author',
      body: 'The 15:00 code freeze.',
    });
    const list = await call(h, 'GET', `/api/conversations?waveId=${waveId}`, { session: hr });
    expect(list.body.threads).toEqual([expect.objectContaining({ threadId, messages: 2, awaitingReply: true })]);
  });

  it('refuses a wrong key and a bad body in the reader language, writing nothing', async () => {
    const before = await count('comment_messages');
    const wrong = await author('', { key: 'A'.repeat(32) });
    expect(wrong.status).toBe(404);
    expect(wrong.body).toMatchObject({
      code: 'unknown_key',
      error: 'This conversation link is not valid, or its comment was removed.',
    });
    const zh = await fetch(`${h.url}/api/conversation/author/reply`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': 'zh-CN' },
      body: JSON.stringify({ key, body: '' }),
    });
    expect(zh.status).toBe(400);
    expect(((await zh.json()) as { fields: Record<string, string> }).fields).toEqual({
      body: '请输入 1 到 1000 个字符。',
    });
    const noKey = await author('/close', {});
    expect(noKey.status).toBe(400);
    expect(await count('comment_messages')).toBe(before);
  });

  it('shows a comment nobody has answered yet, and refuses a reply or a close there with the reason', async () => {
    const before = await count('comment_messages');
    const view = await author('', { key: otherKey });
    expect(view.status).toBe(200);
    expect(view.body.thread).toMatchObject({ threadId: null, status: 'none', messages: [] });
    for (const path of ['/reply', '/close']) {
      const r = await author(path, { key: otherKey, body: 'hello?' });
      expect(r.status).toBe(409);
      expect(r.body).toMatchObject({
        code: 'no_thread',
        error: 'Nobody has answered your comment yet: you can write once the team has replied.',
      });
    }
    expect(await count('comment_messages')).toBe(before);
  });

  it('leaves no trace of the caller: no session read or touched, no audit row, no log line', async () => {
    const lastSeen = async () =>
      (await h.sql.row<{ at: string }>('select max(last_seen_at) as at from sessions where employee_id = ?', authorId))!
        .at;
    clock = new Date('2026-12-03T03:00:00Z');
    authorSession = await sandboxSession(h, authorId);
    const seenBefore = await lastSeen();
    const audits = await count('audit_log');
    const linesBefore = logs.length;
    // The browser sends the author's session cookie along: it must not matter.
    for (const r of [
      await author('', { key }, authorSession.cookie),
      await author('/reply', { key, body: 'And the Friday demo.' }, authorSession.cookie),
      await author('', { key: 'wrong-key' }, authorSession.cookie),
      await author('/reply', { key, body: '' }, authorSession.cookie),
    ])
      expect([200, 400, 404]).toContain(r.status);
    // A forged cookie, which the session guard would audit as 'auth.refused', is not even looked at.
    expect((await author('', { key }, 'vitality_session=forged.value')).status).toBe(200);
    expect(await lastSeen()).toBe(seenBefore);
    expect(await count('audit_log')).toBe(audits);
    const authorLines = logs.slice(linesBefore);
    expect(authorLines).toEqual([]);

    // The same checks can fail: a signed-in request does touch the session and is logged at debug.
    clock = new Date('2026-12-03T04:00:00Z');
    await call(h, 'GET', '/api/me', { session: authorSession });
    expect(await lastSeen()).not.toBe(seenBefore);
    expect(logs.slice(linesBefore + authorLines.length).some((l) => l.includes('/api/me'))).toBe(true);
  });

  it('closes the thread: the team sees it from the batch, then neither side can add to it', async () => {
    const closed = await author('/close', { key });
    expect(closed.status).toBe(200);
    expect(closed.body.closedAt).toBe('2026-12-03T08:00:00.000Z');
    // The author sees their own close at once; the team not before its batch, and can still write until then.
    expect((await author('', { key })).body.thread).toMatchObject({ status: 'closed' });
    expect((await call(h, 'GET', `/api/conversations/${threadId}`, { session: hr })).body.thread).toMatchObject({
      status: 'open',
    });
    clock = new Date('2026-12-03T08:00:01Z');
    await release();
    const teamTry = await call(h, 'POST', `/api/conversations/${threadId}/messages`, {
      session: hr,
      body: { body: 'One more thing' },
    });
    expect(teamTry.status).toBe(409);
    expect(teamTry.body).toMatchObject({
      code: 'closed',
      error: '该对话已关闭,不能再添加内容。', // HR reads zh-CN
    });
    const authorTry = await author('/reply', { key, body: 'wait' });
    expect(authorTry.status).toBe(409);
    expect(authorTry.body.code).toBe('closed');
    const again = await call(h, 'POST', '/api/conversations', { session: hr, body: { commentId, body: 'Reopen?' } });
    expect(again.status).toBe(409);
    const report = await call(h, 'GET', `/api/hr/report?waveId=${waveId}`, { session: hr });
    expect(
      (report.body.report as { commentItems: { id: string; threadStatus: string }[] }).commentItems.find(
        (c) => c.id === commentId,
      )!.threadStatus,
    ).toBe('closed');
  });
});
