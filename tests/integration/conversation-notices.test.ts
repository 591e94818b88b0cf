// Notices of comment conversations at batch time (issue 23 item 1), through the real minute tick and outbox: a
// team reply is announced to everyone who answered the wave in the comment's group (the author cannot be
// addressed), at most once per person and wave per tick; an author reply or close to the thread's starter and the
// team members who wrote in it. Nothing before the batch time, nothing twice, and no key or comment in any card.
import { describe, expect, it } from 'vitest';
import { tick } from '../../src/bot/scheduler.js';
import { loadConfig } from '../../src/config.js';
import { inTransaction } from '../../src/db/connection.js';
import { authorClose, authorReply, startThread, teamReply } from '../../src/domain/surveys/conversations.js';
import { replyKeyHash } from '../../src/domain/surveys/conversation-rules.js';
import { getTemplate } from '../../src/domain/surveys/templates.js';
import { closedWaveWithComments, CONV_SEAL, TZ } from '../support/conversation.js';

const at = (s: string) => new Date(s);
// The same secret as the tests' seals: the tick's conversationSealKey(config) is CONV_SEAL.
const config = loadConfig({ SURVEY_SEAL_SECRET: 'test-seal-secret-of-at-least-32-characters' });

interface Sent {
  to: number;
  title: string;
  text: string;
  urls: string[];
  raw: string;
}

describe('conversation notices at batch time', () => {
  it('go to exactly the right people, once, and only from the batch time', async () => {
    // 7 of the 8 answer (each with a comment); the 8th is a non-respondent of the same unit.
    const { db, sql, wave, people, authors, person } = await closedWaveWithComments({ answerers: 7 });
    const hr = await person('lin.xiaowen');
    const head = await person('li.ming');
    const nonRespondent = people[7]!;
    const answered = authors.map((a) => a.employeeId).sort((a, b) => a - b);
    expect(answered).toHaveLength(7);
    expect(answered).not.toContain(nonRespondent);
    expect(answered).not.toContain(hr.id);
    const tx = <T>(fn: () => Promise<T>) => inTransaction(db, fn);
    const platforms = new Set(['sandbox'] as const);
    let seen = 0;
    /** Conversation notices enqueued since the last call. */
    const sentSince = async (): Promise<Sent[]> => {
      const rows = await sql.rows<{ id: number; recipient: string; message: string }>(
        'select id, recipient, message from outbox where id > ? order by id',
        seen,
      );
      if (rows.length) seen = Math.max(...rows.map((r) => Number(r.id)));
      return rows.flatMap((r) => {
        const card = (
          JSON.parse(r.message) as {
            card?: {
              header?: { title: string };
              blocks: { type: string; markdown?: string; buttons?: { url?: string }[] }[];
            };
          }
        ).card;
        const title = card?.header?.title ?? '';
        if (!/conversation|comment|留言/i.test(title)) return [];
        return [
          {
            to: Number((JSON.parse(r.recipient) as { platformUserId: string }).platformUserId),
            title,
            text: card!.blocks.map((b) => b.markdown ?? '').join(' '),
            urls: card!.blocks.flatMap((b) => (b.buttons ?? []).flatMap((x) => (x.url ? [x.url] : []))),
            raw: r.message,
          },
        ];
      });
    };
    const run = async (when: string) => {
      await tick(db, config, platforms, at(when));
      return await sentSince();
    };
    await sentSince();

    // 11:00 in Shanghai: HR answers two comments of the group, the unit's head joins one.
    const now = at('2026-12-02T03:00:00Z');
    const [a, b] = [authors[0]!, authors[1]!];
    const sa = await tx(() =>
      startThread(db, { commentId: a.commentId, body: 'What would help?', viewer: hr, now, timeZone: TZ }),
    );
    const sb = await tx(() =>
      startThread(db, { commentId: b.commentId, body: 'Tell us more', viewer: hr, now, timeZone: TZ }),
    );
    if (!sa.ok || !sb.ok) throw new Error('threads not started');
    await tx(() => teamReply(db, { threadId: sa.threadId, body: 'Agreed', viewer: head, now, timeZone: TZ }));

    // One who answered has left since: they are told nothing.
    const left = authors[6]!.employeeId;
    await sql.run('update employees set active = false where id = ?', left);

    // Before 16:00 nothing is announced.
    expect(await run('2026-12-02T07:59:00Z')).toEqual([]);
    // At 16:00 (08:00Z): every one of the 7 who answered (but the one who left) gets one notice for both comments;
    // nobody else.
    const first = await run('2026-12-02T08:00:30Z');
    expect(first.map((n) => n.to).sort((x, y) => x - y)).toEqual(answered.filter((p) => p !== left));
    for (const n of first) {
      expect(n.urls).toEqual([]);
      expect(n.text).toMatch(/Someone on your team|你们团队有人/);
      expect(n.text).toMatch(/\(2 comments\)|（2 条留言）/);
    }
    // A second tick sends nothing.
    expect(await run('2026-12-02T08:01:30Z')).toEqual([]);

    // 17:00: the first author replies and the second closes; the team hears of it at 10:00 the next day.
    const later = at('2026-12-02T09:00:00Z');
    await tx(() => authorReply(db, CONV_SEAL, { key: a.key, body: 'Fewer late deploys', now: later, timeZone: TZ }));
    await tx(() => authorClose(db, CONV_SEAL, { key: b.key, now: later, timeZone: TZ }));
    expect(await run('2026-12-02T09:01:00Z')).toEqual([]);
    expect(await run('2026-12-03T01:59:00Z')).toEqual([]);
    const second = await run('2026-12-03T02:00:10Z');
    expect(
      second
        .map((n) => [n.to, n.urls])
        .sort((x, y) => Number(x[0]) - Number(y[0]) || String(x[1]).localeCompare(String(y[1]))),
    ).toEqual(
      [
        [hr.id, [`${config.publicBaseUrl}/app/hr/conversations/${sa.threadId}`]],
        [hr.id, [`${config.publicBaseUrl}/app/hr/conversations/${sb.threadId}`]],
        [head.id, [`${config.publicBaseUrl}/app/hr/conversations/${sa.threadId}`]],
      ].sort((x, y) => Number(x[0]) - Number(y[0]) || String(x[1]).localeCompare(String(y[1]))),
    );
    for (const n of second) expect(n.text).toMatch(/A reply to your conversation|有了新回复/);
    expect(await run('2026-12-03T02:01:10Z')).toEqual([]);

    // No notice ever carried a key, a key's hash, a comment or a message.
    const all = await sql.rows<{ message: string }>('select message from outbox');
    for (const { message } of all)
      for (const secret of [a.key, b.key, replyKeyHash(a.key), a.comment, b.comment, 'Fewer late deploys'])
        expect(message).not.toContain(secret);
    // Every notice names the wave (its template's title, in the person's language).
    const template = (await getTemplate(db, wave.templateId))!;
    for (const n of [...first, ...second])
      expect(n.text.includes(template.name.en) || n.text.includes(template.name['zh-CN'])).toBe(true);
  });
});
