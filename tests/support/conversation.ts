// A closed wave with comments whose authors hold reply keys, for the comment-conversation tests (issue 23 item 1):
// the 8 people of 产品研发部 answer, each with a comment (or the first `commenters`), and the wave closes.
import { inTransaction } from '../../src/db/connection.js';
import { seedDemoOrg } from '../../src/domain/org/demo-org.js';
import { getPerson, type Person } from '../../src/domain/org/employees.js';
import { deriveConversationKey } from '../../src/domain/surveys/conversation-pool.js';
import { replyKeyHash } from '../../src/domain/surveys/conversation-rules.js';
import { submitAnswers } from '../../src/domain/surveys/waves.js';
import { freshDb } from './db.js';
import { closeNow, launchTo, TEST_SEAL } from './pulse.js';
import { sqlFor } from './sql.js';

export const TZ = 'Asia/Shanghai';
/** The conversation pool's key in these tests (the server derives it from SURVEY_SEAL_SECRET: conversationSealKey). */
export const CONV_SEAL = deriveConversationKey('test-seal-secret-of-at-least-32-characters');
export const LAUNCH = new Date('2026-12-01T01:00:00Z');
export const CLOSED = new Date('2026-12-01T06:00:00Z');

export interface Author {
  employeeId: number;
  key: string;
  comment: string;
  commentId: string;
  /** When they submitted (the only time the author did anything before the conversation). */
  answeredAt: Date;
}

/** `answerers`: only the first N of the 8 answer (the others stay non-respondents). */
export async function closedWaveWithComments(opts: { commenters?: number; answerers?: number } = {}) {
  const db = await freshDb();
  await seedDemoOrg(db);
  const { wave, people, values } = await launchTo(db, '产品研发部', LAUNCH);
  const commenters = opts.commenters ?? people.length;
  const authors: Omit<Author, 'commentId'>[] = [];
  for (const [i, employeeId] of people.slice(0, opts.answerers ?? people.length).entries()) {
    const answeredAt = new Date(LAUNCH.getTime() + (i + 1) * 60_000);
    const comment = i < commenters ? `comment number ${i} about the release process` : '';
    const r = await inTransaction(
      db,
      async () =>
        await submitAnswers(db, TEST_SEAL, {
          waveId: wave.id,
          employeeId,
          values: { ...values(4), comment },
          now: answeredAt,
        }),
    );
    if (!r.ok) throw new Error(r.code);
    if (comment !== '') {
      if (!r.replyKey) throw new Error('a comment without a reply key');
      authors.push({ employeeId, key: r.replyKey, comment, answeredAt });
    } else if (r.replyKey) throw new Error('a reply key without a comment');
  }
  await closeNow(db, wave.id, TEST_SEAL, CLOSED);
  const sql = sqlFor(db);
  const withIds: Author[] = [];
  for (const a of authors) {
    const row = await sql.row<{ id: string }>(
      'select id from survey_comments where reply_key_hash = ?',
      replyKeyHash(a.key),
    );
    withIds.push({ ...a, commentId: row!.id });
  }
  const person = async (user: string): Promise<Person> => {
    const row = await sql.row<{ id: number }>('select id from employees where email = ?', `${user}@qingyun.example`);
    return (await getPerson(db, Number(row!.id)))!;
  };
  return { db, sql, wave, people, authors: withIds, person };
}
