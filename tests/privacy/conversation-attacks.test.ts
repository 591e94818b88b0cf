// Attacks on the anonymity of a comment through its conversation (issue 23 item 1), played by HR and by whoever
// holds the database: the schema links no person to a comment or to the author's side of its thread; after a
// whole conversation no row anywhere holds the reply key, the author's id, or the time the author acted; until its
// batch an author's action is a sealed pool row that names no thread; and HR,
// reading every view the domain offers the team, learns nothing beyond the published comment list.
import { describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/db/connection.js';
import { DIALECT } from '../../src/db/dialect.js';
import { replyKeyHash } from '../../src/domain/surveys/conversation-rules.js';
import {
  authorClose,
  authorReply,
  authorView,
  releaseDue,
  startThread,
  teamReply,
  teamView,
} from '../../src/domain/surveys/conversations.js';
import { buildPulseReport } from '../../src/domain/surveys/report.js';
import { closedWaveWithComments, CONV_SEAL, TZ } from '../support/conversation.js';
import type { Sql } from '../support/sql.js';

const at = (s: string) => new Date(s);
const TABLES = ['survey_comments', 'comment_threads', 'comment_messages'];

async function foreignKeys(sql: Sql, table: string): Promise<string[]> {
  const rows =
    sql.dialect === 'sqlite'
      ? await sql.rows<{ from: string; table: string }>(`pragma foreign_key_list(${table})`)
      : await sql.rows<{ from: string; table: string }>(
          `select a.attname as "from", c.confrelid::regclass::text as "table" from pg_constraint c
             join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
            where c.contype = 'f' and c.conrelid = ?::regclass`,
          table,
        );
  return rows.map((r) => `${r.from}->${r.table}`).sort();
}

async function columnsOf(sql: Sql, table: string): Promise<string[]> {
  return (
    sql.dialect === 'sqlite'
      ? await sql.rows<{ name: string }>(`pragma table_info(${table})`)
      : await sql.rows<{ name: string }>(
          'select column_name as name from information_schema.columns where table_name = ? order by ordinal_position',
          table,
        )
  ).map((c) => c.name);
}

async function allTables(sql: Sql): Promise<string[]> {
  const rows =
    sql.dialect === 'sqlite'
      ? await sql.rows<{ name: string }>(
          "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'",
        )
      : await sql.rows<{ name: string }>(
          "select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'",
        );
  return rows.map((r) => r.name);
}

/** Every cell of every table, as text (blobs as their bytes decoded, so a key inside one shows too). */
async function everyCell(sql: Sql): Promise<{ table: string; column: string; text: string }[]> {
  const out: { table: string; column: string; text: string }[] = [];
  for (const table of await allTables(sql))
    for (const row of await sql.rows(`select * from "${table}"`))
      for (const [column, v] of Object.entries(row))
        if (v !== null && v !== undefined)
          out.push({
            table,
            column,
            text: Buffer.isBuffer(v)
              ? v.toString('latin1')
              : v instanceof Uint8Array
                ? Buffer.from(v).toString('latin1')
                : String(v),
          });
  return out;
}

describe('the schema', () => {
  it('references people only on the team side: started_by and a team message sender', async () => {
    const { sql } = await closedWaveWithComments({ commenters: 5 });
    expect(await foreignKeys(sql, 'survey_comments')).toEqual(['unit_id->org_units', 'wave_id->survey_waves']);
    expect(await foreignKeys(sql, 'comment_threads')).toEqual([
      'started_by->employees',
      'unit_id->org_units',
      'wave_id->survey_waves',
    ]);
    expect(await foreignKeys(sql, 'comment_messages')).toEqual(['sender_id->employees', 'thread_id->comment_threads']);
    // And no column that could hold a person or an action time without a foreign key either.
    const columns = async (t: string) =>
      (sql.dialect === 'sqlite'
        ? await sql.rows<{ name: string }>(`pragma table_info(${t})`)
        : await sql.rows<{ name: string }>(
            'select column_name as name from information_schema.columns where table_name = ? order by ordinal_position',
            t,
          )
      ).map((c) => c.name);
    expect(await columns('comment_messages')).toEqual([
      'id',
      'thread_id',
      'side',
      'sender_id',
      'body',
      'release_at',
      'released',
    ]);
    expect(await columns('comment_threads')).toEqual([
      'id',
      'comment_id',
      'wave_id',
      'unit_id',
      'key_hash',
      'status',
      'started_by',
      'created_at',
      'closed_at',
      'close_released',
    ]);
  });

  // SQLite's storage order follows the rowid unless the table has none: messages are stored in random-key order.
  if (DIALECT === 'sqlite')
    it('keeps no order of writing for messages and pooled author actions on SQLite (WITHOUT ROWID)', async () => {
      const { sql } = await closedWaveWithComments({ commenters: 5 });
      await expect(sql.row('select rowid from comment_messages')).rejects.toThrow(/no such column: rowid/);
      await expect(sql.row('select rowid from conversation_pool')).rejects.toThrow(/no such column: rowid/);
      // The check can fail: a table with a rowid answers.
      await expect(sql.row('select rowid from comment_threads')).resolves.toBeUndefined();
    });
});

describe('after a whole conversation', () => {
  it('no row holds the key, the author, or the time the author acted; HR learns only the published list', async () => {
    const { db, sql, wave, authors, person } = await closedWaveWithComments();
    const hr = await person('lin.xiaowen');
    const head = await person('li.ming');
    const author = authors.find((a) => a.employeeId !== head.id)!;
    const tx = <T>(fn: () => Promise<T>) => inTransaction(db, fn);
    const auditRows = async () => Number((await sql.row<{ n: number }>('select count(*) as n from audit_log'))!.n);

    const s = await tx(() =>
      startThread(db, {
        commentId: author.commentId,
        body: 'What would help?',
        viewer: hr,
        now: at('2026-12-02T03:00:00Z'),
        timeZone: TZ,
      }),
    );
    if (!s.ok) throw new Error(s.code);
    await tx(() =>
      teamReply(db, {
        threadId: s.threadId,
        body: 'We read every comment.',
        viewer: head,
        now: at('2026-12-02T03:10:00Z'),
        timeZone: TZ,
      }),
    );
    // The author acts at odd minutes; none of these instants may be stored, nor leave an audit row.
    const acted = [at('2026-12-02T08:17:23Z'), at('2026-12-02T08:41:09Z'), at('2026-12-03T01:13:37Z')];
    const audited = await auditRows();
    expect(
      (
        await tx(() =>
          authorReply(db, CONV_SEAL, { key: author.key, body: 'Fewer late deploys.', now: acted[0]!, timeZone: TZ }),
        )
      ).ok,
    ).toBe(true);
    expect(await auditRows()).toBe(audited);
    // Until its batch the reply is only a sealed pool row: a random id and a blob of fixed size, nothing else.
    // The key's hash is in the clear only where it was before the author acted (the comment and its thread).
    const hash = replyKeyHash(author.key);
    const pending = await everyCell(sql);
    expect(
      [...new Set(pending.filter((c) => c.text.includes(hash)).map((c) => `${c.table}.${c.column}`))].sort(),
    ).toEqual(['comment_threads.key_hash', 'survey_comments.reply_key_hash']);
    expect(pending.filter((c) => c.text.includes('Fewer late deploys.'))).toEqual([]);
    expect(await columnsOf(sql, 'conversation_pool')).toEqual(['id', 'sealed']);
    expect(await foreignKeys(sql, 'conversation_pool')).toEqual([]);
    const pooled = await sql.rows<{ id: string; sealed: Uint8Array }>('select id, sealed from conversation_pool');
    expect(pooled.map((r) => [/^[0-9a-f]{32}$/.test(r.id), Buffer.from(r.sealed).length])).toEqual([
      [true, 12 + 16 + 8192],
    ]);
    expect(
      Number((await sql.row<{ n: number }>("select count(*) as n from comment_messages where side = 'author'"))!.n),
    ).toBe(0);
    expect(
      (
        await tx(() =>
          authorReply(db, CONV_SEAL, { key: author.key, body: 'And a calmer on-call.', now: acted[1]!, timeZone: TZ }),
        )
      ).ok,
    ).toBe(true);
    expect(await auditRows()).toBe(audited);
    expect((await tx(() => authorClose(db, CONV_SEAL, { key: author.key, now: acted[2]!, timeZone: TZ }))).ok).toBe(
      true,
    );
    expect(await auditRows()).toBe(audited);
    // The batches are logged by the tick, as batches.
    await tx(() => releaseDue(db, CONV_SEAL, at('2026-12-03T02:00:00Z')));
    // The tick emptied the pool into the thread.
    expect(await sql.rows('select id from conversation_pool')).toEqual([]);
    // A later tick finds nothing new: no further row.
    await tx(() => releaseDue(db, CONV_SEAL, at('2026-12-03T08:00:00Z')));

    const cells = await everyCell(sql);
    // The scan does read the data: the comment and the author's reply are there.
    expect(cells.some((c) => c.table === 'survey_comments' && c.text === author.comment)).toBe(true);
    expect(cells.some((c) => c.table === 'comment_messages' && c.text === 'Fewer late deploys.')).toBe(true);
    // (b) The key is nowhere, in any table, in any encoding the server knows it in.
    const keyBytes = Buffer.from(author.key, 'base64url').toString('latin1');
    expect(cells.filter((c) => c.text.includes(author.key) || c.text.includes(keyBytes))).toEqual([]);
    // Nor any instant the author acted at (to the second, in the stored ISO format).
    for (const t of acted) expect(cells.filter((c) => c.text.includes(t.toISOString().slice(0, 19)))).toEqual([]);

    // The three tables hold no integer that is the author's: every integer is a known structural value.
    const group = Number(
      (await sql.row<{ u: number }>('select unit_id as u from survey_comments where id = ?', author.commentId))!.u,
    );
    const structural = new Set([wave.id, group, s.threadId, 0, 1]);
    for (const table of TABLES)
      for (const row of await sql.rows(`select * from ${table}`))
        for (const [column, v] of Object.entries(row)) {
          if (column === 'started_by' || column === 'sender_id')
            expect([hr.id, head.id, null]).toContain(v === null ? null : Number(v));
          else if (typeof v === 'number')
            expect({ table, column, known: structural.has(v) }).toEqual({ table, column, known: true });
        }
    // The author's messages and the close carry batch times (10:00 / 16:00 in Shanghai), never an action time.
    const authorTimes = await sql.rows<{ t: string }>(
      "select release_at as t from comment_messages where side = 'author'",
    );
    const close = await sql.row<{ t: string }>('select closed_at as t from comment_threads where id = ?', s.threadId);
    expect(authorTimes.map((r) => r.t).sort()).toEqual(['2026-12-03T02:00:00.000Z', '2026-12-03T02:00:00.000Z']);
    expect(close!.t).toBe('2026-12-03T02:00:00.000Z');
    expect(
      await sql.rows("select sender_id from comment_messages where side = 'author' and sender_id is not null"),
    ).toEqual([]);
    // The audit log's conversation rows: the team's, by name, and the batches' counts; none by the author.
    const convAudit = await sql.rows<{ action: string; actor: number | null }>(
      "select action, actor_employee_id as actor from audit_log where action like 'survey.conversation.%' order by id",
    );
    expect(convAudit.map((r) => [r.action, r.actor === null ? null : Number(r.actor)])).toEqual([
      ['survey.conversation.start', hr.id],
      ['survey.conversation.reply', head.id],
      ['survey.conversation.release', null],
      ['survey.conversation.release', null],
    ]);
    expect(convAudit.some((r) => r.actor === author.employeeId)).toBe(false);

    // (c) HR reads everything the team side offers: the comment text (already in the published list), the
    // messages, the team's names. No key, no hash, no author.
    const report = await buildPulseReport(db, { viewer: hr, waveId: wave.id, unitId: group });
    expect(report.ok).toBe(true);
    const published = report.ok ? report.report.comments : [];
    expect(published).toHaveLength(8);
    const seen = await teamView(db, { threadId: s.threadId, viewer: hr, now: at('2026-12-04T00:00:00Z') });
    if (!seen.ok) throw new Error(seen.code);
    expect(published).toContain(seen.thread.comment);
    const json = JSON.stringify(seen);
    expect(json).not.toContain(author.key);
    expect(json).not.toContain(replyKeyHash(author.key));
    for (const m of seen.thread.messages)
      if (m.side === 'author')
        expect([m.senderId, m.releaseAt.toISOString()]).toEqual([null, '2026-12-03T02:00:00.000Z']);
      else expect([hr.id, head.id]).toContain(m.senderId);
    expect(Object.keys(seen.thread).sort()).toEqual(
      ['closedAt', 'comment', 'commentId', 'messages', 'startedBy', 'status', 'threadId', 'unitId', 'waveId'].sort(),
    );
    // The hash in the database is no key: using it as one opens nothing.
    const stored = await sql.row<{ h: string }>('select key_hash as h from comment_threads where id = ?', s.threadId);
    expect(await authorView(db, CONV_SEAL, { key: stored!.h, now: at('2026-12-04T00:00:00Z') })).toEqual({
      ok: false,
      code: 'unknown_key',
    });
    // Every comment of the group has a hash and none of them is the author's employee id in any form.
    const hashes = await sql.rows<{ h: string | null }>(
      'select reply_key_hash as h from survey_comments where wave_id = ?',
      wave.id,
    );
    expect(hashes.every((r) => typeof r.h === 'string' && /^[0-9a-f]{64}$/.test(r.h))).toBe(true);
    expect(new Set(hashes.map((r) => r.h)).size).toBe(8);
  });
});
