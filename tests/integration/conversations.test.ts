// The anonymous conversation on a comment, end to end in the domain (issue 23 item 1): HR answers a published
// comment, the author reads and replies by key only, each side sees the other's messages only from a batch time,
// the author closes; refusals (threshold, visibility, key, body, closed, erased comment) write nothing.
import { describe, expect, it } from 'vitest';
import { inTransaction, type Db } from '../../src/db/connection.js';
import { erasedName, erasePerson } from '../../src/domain/privacy/erase-person.js';
import { setAnonymityThreshold, setCommentThreshold } from '../../src/domain/settings.js';
import {
  authorClose,
  authorReply,
  authorView,
  releaseDue,
  startThread,
  teamReply,
  teamView,
} from '../../src/domain/surveys/conversations.js';
import { deriveConversationKey } from '../../src/domain/surveys/conversation-pool.js';
import { replyKeyHash } from '../../src/domain/surveys/conversation-rules.js';
import { closedWaveWithComments, CONV_SEAL, TZ } from '../support/conversation.js';
import type { Sql } from '../support/sql.js';

const at = (s: string) => new Date(s);
const tx = <T>(db: Db, fn: () => Promise<T>) => inTransaction(db, fn);

/** Row counts of everything a conversation action may write. */
async function footprint(sql: Sql) {
  const n = async (t: string) => Number((await sql.row<{ n: number }>(`select count(*) as n from ${t}`))!.n);
  return {
    threads: await n('comment_threads'),
    messages: await n('comment_messages'),
    audit: await n('audit_log'),
    closed: await n("comment_threads where status = 'closed'"),
  };
}

describe('a conversation on a comment', () => {
  it('runs from HR to the author and back, each side seeing the other only from a batch time', async () => {
    const { db, sql, authors, person } = await closedWaveWithComments();
    const hr = await person('lin.xiaowen');
    const author = authors[3]!;

    // 2026-12-02 11:00 in Shanghai: HR answers; the author sees it from 16:00 (08:00Z).
    const started = await tx(db, () =>
      startThread(db, {
        commentId: author.commentId,
        body: '  Thanks — what would help?  ',
        viewer: hr,
        now: at('2026-12-02T03:00:00Z'),
        timeZone: TZ,
      }),
    );
    expect(started).toMatchObject({
      ok: true,
      created: true,
      message: { side: 'team', body: 'Thanks — what would help?' },
    });
    if (!started.ok) return;
    expect(started.message.releaseAt.toISOString()).toBe('2026-12-02T08:00:00.000Z');
    expect(
      await sql.row(
        'select action, actor_employee_id as actor from audit_log where action like ? order by id desc limit 1',
        'survey.conversation.%',
      ),
    ).toEqual({ action: 'survey.conversation.start', actor: hr.id });

    const before = await authorView(db, CONV_SEAL, { key: author.key, now: at('2026-12-02T07:59:59Z') });
    expect(before).toMatchObject({ ok: true, thread: { comment: author.comment, status: 'open', messages: [] } });
    const after = await authorView(db, CONV_SEAL, { key: author.key, now: at('2026-12-02T08:00:00Z') });
    expect(after.ok && after.thread.messages.map((m) => [m.side, m.body, m.senderId])).toEqual([
      ['team', 'Thanks — what would help?', hr.id],
    ]);
    // Another author's key opens their own comment, with no thread and nothing of this one.
    expect(await authorView(db, CONV_SEAL, { key: authors[0]!.key, now: at('2026-12-02T09:00:00Z') })).toMatchObject({
      ok: true,
      thread: { threadId: null, status: 'none', comment: authors[0]!.comment, messages: [] },
    });
    expect(
      await authorReply(db, CONV_SEAL, {
        key: authors[0]!.key,
        body: 'hi',
        now: at('2026-12-02T09:00:00Z'),
        timeZone: TZ,
      }),
    ).toEqual({
      ok: false,
      code: 'no_thread',
    });

    // 17:30 local: the author replies; the team sees it from 10:00 the next day (2026-12-03T02:00Z).
    const reply = await tx(db, () =>
      authorReply(db, CONV_SEAL, {
        key: author.key,
        body: 'Fewer release-night deploys.',
        now: at('2026-12-02T09:30:00Z'),
        timeZone: TZ,
      }),
    );
    expect(reply).toMatchObject({ ok: true, message: { side: 'author', senderId: null } });
    expect(reply.ok && reply.message.releaseAt.toISOString()).toBe('2026-12-03T02:00:00.000Z');
    // The author sees their own message at once, marked pending: it is sealed in the pool until its batch.
    const own = await authorView(db, CONV_SEAL, { key: author.key, now: at('2026-12-02T09:31:00Z') });
    expect(own.ok && own.thread.messages.map((m) => [m.side, m.pending ?? false])).toEqual([
      ['team', false],
      ['author', true],
    ]);
    expect(own.ok && own.thread.messages[1]!.id).toBe(reply.ok && reply.message.id);
    const teamBefore = await teamView(db, { threadId: started.threadId, viewer: hr, now: at('2026-12-03T01:59:59Z') });
    expect(teamBefore.ok && teamBefore.thread.messages.map((m) => m.side)).toEqual(['team']);
    // Nothing is released before its batch time; the tick at the batch time writes the reply to the thread.
    // (the tick a second before only counts the team's batch of 16:00 the day before)
    const second = await tx(db, () => releaseDue(db, CONV_SEAL, at('2026-12-03T01:59:59Z')));
    expect(second.map((b) => [b.releaseAt.toISOString(), b.authorMessages])).toEqual([['2026-12-02T08:00:00.000Z', 0]]);
    const authorRows = await sql.row<{ n: number }>("select count(*) as n from comment_messages where side = 'author'");
    expect(Number(authorRows!.n)).toBe(0);
    await tx(db, () => releaseDue(db, CONV_SEAL, at('2026-12-03T02:00:00Z')));
    const teamAfter = await teamView(db, { threadId: started.threadId, viewer: hr, now: at('2026-12-03T02:00:00Z') });
    expect(teamAfter.ok && teamAfter.thread.messages.map((m) => [m.side, m.body])).toEqual([
      ['team', 'Thanks — what would help?'],
      ['author', 'Fewer release-night deploys.'],
    ]);
    // Released, the author's message keeps its id and is no longer pending.
    const delivered = await authorView(db, CONV_SEAL, { key: author.key, now: at('2026-12-03T02:00:00Z') });
    expect(delivered.ok && delivered.thread.messages.map((m) => [m.id, m.pending ?? false])[1]).toEqual([
      reply.ok && reply.message.id,
      false,
    ]);

    // The head of the unit joins in; a second start adds to the same thread.
    const head = await person('li.ming');
    const again = await tx(db, () =>
      startThread(db, {
        commentId: author.commentId,
        body: 'Agreed, noted.',
        viewer: head,
        now: at('2026-12-03T02:30:00Z'),
        timeZone: TZ,
      }),
    );
    expect(again).toMatchObject({ ok: true, created: false, threadId: started.threadId });

    // The author closes at 11:00 local: dated 16:00 (08:00Z), the batch that shows it.
    const closed = await tx(db, () =>
      authorClose(db, CONV_SEAL, { key: author.key, now: at('2026-12-03T03:00:00Z'), timeZone: TZ }),
    );
    expect(closed.ok && closed.closedAt.toISOString()).toBe('2026-12-03T08:00:00.000Z');
    expect(
      await authorReply(db, CONV_SEAL, {
        key: author.key,
        body: 'one more',
        now: at('2026-12-03T03:01:00Z'),
        timeZone: TZ,
      }),
    ).toEqual({
      ok: false,
      code: 'closed',
    });
    expect(
      await authorClose(db, CONV_SEAL, { key: author.key, now: at('2026-12-03T03:01:00Z'), timeZone: TZ }),
    ).toEqual({
      ok: false,
      code: 'closed',
    });
    // Before the batch the team cannot tell: the thread reads open and takes a reply (shown to the author too).
    const early = await teamView(db, { threadId: started.threadId, viewer: hr, now: at('2026-12-03T07:59:00Z') });
    expect(early).toMatchObject({ ok: true, thread: { status: 'open', closedAt: null } });
    expect(
      await tx(db, () =>
        teamReply(db, {
          threadId: started.threadId,
          body: 'Last word',
          viewer: hr,
          now: at('2026-12-03T07:59:00Z'),
          timeZone: TZ,
        }),
      ),
    ).toMatchObject({ ok: true });
    // From the batch on it is closed for the team, and a reply is refused without writing anything.
    // The author's view shows the close at once, pending until its batch.
    expect(await authorView(db, CONV_SEAL, { key: author.key, now: at('2026-12-03T07:59:00Z') })).toMatchObject({
      ok: true,
      thread: { status: 'closed', closePending: true },
    });
    await tx(db, () => releaseDue(db, CONV_SEAL, at('2026-12-03T08:00:00Z')));
    const late = await teamView(db, { threadId: started.threadId, viewer: hr, now: at('2026-12-03T08:00:00Z') });
    expect(late.ok && [late.thread.status, late.thread.closedAt?.toISOString()]).toEqual([
      'closed',
      '2026-12-03T08:00:00.000Z',
    ]);
    const was = await footprint(sql);
    expect(
      await tx(db, () =>
        teamReply(db, {
          threadId: started.threadId,
          body: 'Too late',
          viewer: hr,
          now: at('2026-12-03T08:00:00Z'),
          timeZone: TZ,
        }),
      ),
    ).toEqual({ ok: false, code: 'closed' });
    expect(
      await tx(db, () =>
        startThread(db, {
          commentId: author.commentId,
          body: 'Too late',
          viewer: hr,
          now: at('2026-12-03T08:00:00Z'),
          timeZone: TZ,
        }),
      ),
    ).toEqual({ ok: false, code: 'closed' });
    expect(await footprint(sql)).toEqual(was);
    const final = await authorView(db, CONV_SEAL, { key: author.key, now: at('2026-12-03T08:00:00Z') });
    const bodies = final.ok ? final.thread.messages.map((m) => m.body) : [];
    // Batches in order; within one batch the order of writing is not kept (random keys), so compare as a set.
    expect(bodies.slice(0, 2)).toEqual(['Thanks — what would help?', 'Fewer release-night deploys.']);
    expect(bodies.slice(2).sort()).toEqual(['Agreed, noted.', 'Last word']);
  });

  it('releases each batch once, with one audit row of counts', async () => {
    const { db, sql, authors, person } = await closedWaveWithComments();
    const hr = await person('lin.xiaowen');
    const a = authors[0]!;
    const s = await tx(db, () =>
      startThread(db, {
        commentId: a.commentId,
        body: 'Hello',
        viewer: hr,
        now: at('2026-12-02T03:00:00Z'),
        timeZone: TZ,
      }),
    );
    await tx(db, () =>
      authorReply(db, CONV_SEAL, { key: a.key, body: 'Hi', now: at('2026-12-02T04:00:00Z'), timeZone: TZ }),
    );
    await tx(db, () => authorClose(db, CONV_SEAL, { key: a.key, now: at('2026-12-02T09:00:00Z'), timeZone: TZ }));
    // Before 16:00 local nothing is due.
    expect(await tx(db, () => releaseDue(db, CONV_SEAL, at('2026-12-02T07:59:00Z')))).toEqual([]);
    const first = await tx(db, () => releaseDue(db, CONV_SEAL, at('2026-12-02T08:00:30Z')));
    expect(first.map((b) => [b.releaseAt.toISOString(), b.teamMessages, b.authorMessages, b.closed])).toEqual([
      ['2026-12-02T08:00:00.000Z', 1, 1, 0],
    ]);
    expect(first[0]).toMatchObject({ forTeam: [s.ok && s.threadId], forAuthor: [s.ok && s.threadId] });
    expect(await tx(db, () => releaseDue(db, CONV_SEAL, at('2026-12-02T08:01:30Z')))).toEqual([]);
    const second = await tx(db, () => releaseDue(db, CONV_SEAL, at('2026-12-03T02:00:00Z')));
    expect(second.map((b) => [b.releaseAt.toISOString(), b.teamMessages, b.authorMessages, b.closed])).toEqual([
      ['2026-12-03T02:00:00.000Z', 0, 0, 1],
    ]);
    const rows = await sql.rows<{ subject: string; actor: string; detail: string }>(
      "select subject, actor_kind as actor, detail from audit_log where action = 'survey.conversation.release' order by id",
    );
    expect(rows.map((r) => [r.subject, r.actor, JSON.parse(r.detail)])).toEqual([
      ['2026-12-02T08:00:00.000Z', 'system', { teamMessages: 1, authorMessages: 1, closed: 0 }],
      ['2026-12-03T02:00:00.000Z', 'system', { teamMessages: 0, authorMessages: 0, closed: 1 }],
    ]);
  });
});

describe('refusals write nothing', () => {
  it('below the comment threshold: raised by HR after the close, or a group smaller than it', async () => {
    const { db, sql, authors, person } = await closedWaveWithComments();
    const hr = await person('lin.xiaowen');
    const input = {
      commentId: authors[0]!.commentId,
      body: 'Hello',
      viewer: hr,
      now: at('2026-12-02T03:00:00Z'),
      timeZone: TZ,
    };
    // 8 comments in the group: a threshold of 8 still allows it, 9 does not.
    await tx(db, () => setCommentThreshold(db, 9, { kind: 'employee', employeeId: hr.id }));
    const was = await footprint(sql);
    expect(await tx(db, () => startThread(db, input))).toEqual({ ok: false, code: 'below_threshold' });
    expect(await footprint(sql)).toEqual(was);
    await tx(db, () => setCommentThreshold(db, 8, { kind: 'employee', employeeId: hr.id }));
    const s = await tx(db, () => startThread(db, input));
    expect(s.ok).toBe(true);
    // Raising K (which lifts the comment threshold with it) closes the existing thread to the team too.
    await tx(db, () => setAnonymityThreshold(db, 10, { kind: 'employee', employeeId: hr.id }));
    const now = at('2026-12-02T05:00:00Z');
    const still = await footprint(sql);
    if (s.ok) {
      expect(
        await tx(db, () => teamReply(db, { threadId: s.threadId, body: 'x', viewer: hr, now, timeZone: TZ })),
      ).toEqual({
        ok: false,
        code: 'below_threshold',
      });
      expect(await teamView(db, { threadId: s.threadId, viewer: hr, now })).toEqual({
        ok: false,
        code: 'below_threshold',
      });
    }
    expect(await footprint(sql)).toEqual(still);
  });

  it('a group with fewer comments than the threshold', async () => {
    // 5 of 8 comment: published at the default threshold 5; HR then asks 6.
    const { db, sql, authors, person } = await closedWaveWithComments({ commenters: 5 });
    expect(authors).toHaveLength(5);
    const hr = await person('lin.xiaowen');
    await tx(db, () => setCommentThreshold(db, 6, { kind: 'employee', employeeId: hr.id }));
    const was = await footprint(sql);
    expect(
      await tx(db, () =>
        startThread(db, {
          commentId: authors[1]!.commentId,
          body: 'Hi',
          viewer: hr,
          now: at('2026-12-02T03:00:00Z'),
          timeZone: TZ,
        }),
      ),
    ).toEqual({ ok: false, code: 'below_threshold' });
    expect(await footprint(sql)).toEqual(was);
  });

  it('a manager outside the unit, an employee, bad bodies, unknown keys and threads, an erased comment', async () => {
    const { db, sql, authors, person } = await closedWaveWithComments();
    const hr = await person('lin.xiaowen');
    const now = at('2026-12-02T03:00:00Z');
    const commentId = authors[0]!.commentId;
    const was = await footprint(sql);
    const start = (viewer: typeof hr, body: string, id = commentId) =>
      tx(db, () => startThread(db, { commentId: id, body, viewer, now, timeZone: TZ }));
    expect(await start(await person('wang.fang'), 'Hi')).toEqual({ ok: false, code: 'forbidden' });
    expect(await start(await person('zhang.wei'), 'Hi')).toEqual({ ok: false, code: 'forbidden' });
    expect(await start(hr, '   ')).toEqual({ ok: false, code: 'invalid' });
    expect(await start(hr, 'x'.repeat(1001))).toEqual({ ok: false, code: 'invalid' });
    expect(await start(hr, 'Hi', 'no-such-comment')).toEqual({ ok: false, code: 'unknown_comment' });
    expect(await authorView(db, CONV_SEAL, { key: 'not-a-key', now })).toEqual({ ok: false, code: 'unknown_key' });
    expect(await authorView(db, CONV_SEAL, { key: '', now })).toEqual({ ok: false, code: 'unknown_key' });
    expect(await tx(db, () => authorReply(db, CONV_SEAL, { key: 'not-a-key', body: 'x', now, timeZone: TZ }))).toEqual({
      ok: false,
      code: 'unknown_key',
    });
    expect(await tx(db, () => authorClose(db, CONV_SEAL, { key: 'not-a-key', now, timeZone: TZ }))).toEqual({
      ok: false,
      code: 'unknown_key',
    });
    expect(await teamView(db, { threadId: 999, viewer: hr, now })).toEqual({ ok: false, code: 'unknown_thread' });
    expect(await footprint(sql)).toEqual(was);

    // A comment published before conversations existed has no key: no thread on it.
    await sql.run('update survey_comments set reply_key_hash = null where id = ?', authors[1]!.commentId);
    expect(await start(hr, 'Hi', authors[1]!.commentId)).toEqual({ ok: false, code: 'no_reply_key' });

    // A thread, then its comment erased: both sides are refused.
    const s = await start(hr, 'Hi');
    expect(s.ok).toBe(true);
    if (!s.ok) return;
    const a = authors[0]!;
    expect(await tx(db, () => authorReply(db, CONV_SEAL, { key: a.key, body: '   ', now, timeZone: TZ }))).toEqual({
      ok: false,
      code: 'invalid',
    });
    expect(
      await tx(db, () => authorReply(db, CONV_SEAL, { key: a.key, body: 'y'.repeat(1001), now, timeZone: TZ })),
    ).toEqual({
      ok: false,
      code: 'invalid',
    });
    await sql.run('delete from survey_comments where id = ?', commentId);
    const before = await footprint(sql);
    expect(
      await tx(db, () => teamReply(db, { threadId: s.threadId, body: 'x', viewer: hr, now, timeZone: TZ })),
    ).toEqual({
      ok: false,
      code: 'unknown_comment',
    });
    expect(await tx(db, () => authorReply(db, CONV_SEAL, { key: a.key, body: 'x', now, timeZone: TZ }))).toEqual({
      ok: false,
      code: 'unknown_comment',
    });
    expect(await tx(db, () => authorClose(db, CONV_SEAL, { key: a.key, now, timeZone: TZ }))).toEqual({
      ok: false,
      code: 'unknown_comment',
    });
    expect(await footprint(sql)).toEqual(before);
  });
});

describe('the pool at release', () => {
  it('drops an author action whose comment was erased before its batch, and writes nothing for it', async () => {
    const { db, sql, authors, person } = await closedWaveWithComments();
    const hr = await person('lin.xiaowen');
    const now = at('2026-12-02T03:00:00Z');
    const [a, b] = [authors[0]!, authors[1]!];
    for (const x of [a, b])
      await tx(db, () => startThread(db, { commentId: x.commentId, body: 'Hi', viewer: hr, now, timeZone: TZ }));
    await tx(db, () => authorReply(db, CONV_SEAL, { key: a.key, body: 'Gone soon', now, timeZone: TZ }));
    await tx(db, () => authorReply(db, CONV_SEAL, { key: b.key, body: 'Still here', now, timeZone: TZ }));
    await tx(db, () => authorClose(db, CONV_SEAL, { key: a.key, now, timeZone: TZ }));
    const pooled = async () => Number((await sql.row<{ n: number }>('select count(*) as n from conversation_pool'))!.n);
    expect(await pooled()).toBe(3);
    await sql.run('delete from survey_comments where id = ?', a.commentId);
    const [batch] = await tx(db, () => releaseDue(db, CONV_SEAL, at('2026-12-02T08:00:00Z')));
    expect(await pooled()).toBe(0);
    expect(batch).toMatchObject({ authorMessages: 1, closed: 0 });
    expect(await sql.rows("select body from comment_messages where side = 'author'")).toEqual([{ body: 'Still here' }]);
    expect(await sql.rows('select status from comment_threads where key_hash = ?', replyKeyHash(a.key))).toEqual([
      { status: 'open' },
    ]);
  });

  it('leaves a row sealed with another key in place, and releases the readable ones', async () => {
    const { db, sql, authors, person } = await closedWaveWithComments();
    const hr = await person('lin.xiaowen');
    const now = at('2026-12-02T03:00:00Z');
    const a = authors[0]!;
    await tx(db, () => startThread(db, { commentId: a.commentId, body: 'Hi', viewer: hr, now, timeZone: TZ }));
    await tx(db, () => authorReply(db, CONV_SEAL, { key: a.key, body: 'Old key', now, timeZone: TZ }));
    await tx(db, () =>
      authorReply(db, deriveConversationKey('another secret'), { key: a.key, body: 'x', now, timeZone: TZ }),
    );
    await tx(db, () => releaseDue(db, CONV_SEAL, at('2026-12-02T08:00:00Z')));
    expect(await sql.rows("select body from comment_messages where side = 'author'")).toEqual([{ body: 'Old key' }]);
    expect(Number((await sql.row<{ n: number }>('select count(*) as n from conversation_pool'))!.n)).toBe(1);
  });
});

describe('erasing a person', () => {
  it('replaces their name in conversation messages too, as in comments', async () => {
    const { db, sql, authors, person } = await closedWaveWithComments();
    const hr = await person('lin.xiaowen');
    const he = await person('he.jun');
    const a = authors[0]!;
    const now = at('2026-12-02T03:00:00Z');
    await tx(db, () =>
      startThread(db, { commentId: a.commentId, body: 'Is this about 何俊?', viewer: hr, now, timeZone: TZ }),
    );
    await tx(db, () =>
      authorReply(db, CONV_SEAL, { key: a.key, body: 'Yes, Jun He and the deploys.', now, timeZone: TZ }),
    );
    await sql.run('update employees set active = false where id = ?', he.id);
    // The author's reply is still sealed in the pool: erasure rewrites it there, and it is released scrubbed.
    const erased = await tx(db, () =>
      erasePerson(db, he.id, { kind: 'employee', employeeId: hr.id }, now, { conversationKey: CONV_SEAL }),
    );
    expect(erased.ok).toBe(true);
    await tx(db, () => releaseDue(db, CONV_SEAL, at('2026-12-02T08:00:00Z')));
    const bodies = (await sql.rows<{ b: string }>('select body as b from comment_messages')).map((r) => r.b);
    expect(bodies).toContain(`Yes, ${erasedName(he.id)} and the deploys.`);
    expect(bodies).toHaveLength(2);
    for (const b of bodies) expect(b).not.toMatch(/何俊|Jun He/);
  });
});
