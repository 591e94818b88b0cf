// The comment author's reply key in chat (issue 23 item 1), played end to end in the sandbox over HTTP: answering
// with a comment, the confirmation card carries a private link to the conversation page with the key in its
// fragment; answering without one, no link. The key reaches the author's own chat only: it is in no database row
// (not the stored sandbox chat, not the outbox) and in no log line written during the run — and it is a real key:
// once the wave is closed it opens the author's comment.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conversationSealKey, surveySealKey } from '../../src/db/seal-key.js';
import { authorView } from '../../src/domain/surveys/conversations.js';
import { startHarness, type Harness } from '../support/harness.js';
import { closeNow } from '../support/pulse.js';
import { ANSWERS, COMMENTS } from '../support/rnd-pulse.js';
import { sandboxClient, textOf } from '../support/sandbox-client.js';
import type { Sql } from '../support/sql.js';

let h: Harness;
let sb: ReturnType<typeof sandboxClient>;
const logs: string[] = [];
beforeAll(async () => {
  h = await startHarness({ logs });
  sb = sandboxClient(h);
});
afterAll(async () => h?.stop());

const id = async (user: string) => (await h.employeeByEmail(`${user}@qingyun.example`))!.id;
const LINK = /\/app\/conversation#k=([A-Za-z0-9_-]+)/;

/** Every cell of every table as text (blobs as their bytes), to look for a key anywhere. */
async function everyCell(sql: Sql): Promise<{ table: string; text: string }[]> {
  const tables = (
    sql.dialect === 'sqlite'
      ? await sql.rows<{ name: string }>(
          "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'",
        )
      : await sql.rows<{ name: string }>(
          "select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'",
        )
  ).map((r) => r.name);
  const out: { table: string; text: string }[] = [];
  for (const table of tables)
    for (const row of await sql.rows(`select * from "${table}"`))
      for (const v of Object.values(row))
        if (v !== null && v !== undefined)
          out.push({
            table,
            text: v instanceof Uint8Array ? Buffer.from(v).toString('latin1') : String(v),
          });
  return out;
}

describe('the reply key in chat', () => {
  const keys = new Map<string, { key: string; comment: string }>();
  let waveId: number;

  it('is on the confirmation of an answer with a comment, as a link with the key in its fragment', async () => {
    logs.length = 0;
    const hr = await id('lin.xiaowen');
    expect((await sb.send(hr, '/survey launch 产品研发部 7')).status).toBe(200);
    waveId = Number((await h.sql.row<{ id: number }>('select max(id) as id from survey_waves'))!.id);
    let n = 0;
    for (const [user, values] of Object.entries(ANSWERS)) {
      const person = await id(user);
      const card = await sb.lastBot(person);
      const form = sb.form(card.html!);
      const submitted: Record<string, string> = Object.fromEntries(
        form.fields.filter((f) => f !== 'comment').map((f, i) => [f, String(values[i])]),
      );
      const comment = COMMENTS[n];
      if (comment) submitted.comment = comment;
      const r = await sb.act(person, card.id, form.action, submitted);
      expect(r.body.outcome).toBe('handled');
      const html = (r.body.message as { html: string }).html;
      const link = LINK.exec(html);
      if (comment) {
        expect(link, user).not.toBeNull();
        expect(textOf(html)).toMatch(
          /you can answer anonymously\. Replies arrive at 10:00 and 16:00|你可以匿名作答。回复在 10:00和16:00 送达/,
        );
        keys.set(user, { key: link![1]!, comment });
        // The chat, as the page polls it, shows the same link (kept in the server's memory, not in the database).
        expect(LINK.exec((await sb.lastBot(person)).html!)?.[1]).toBe(link![1]);
      } else expect(link, user).toBeNull();
      n++;
    }
    expect(keys.size).toBe(COMMENTS.length);
    expect(new Set([...keys.values()].map((k) => k.key)).size).toBe(COMMENTS.length);
  });

  it('is in no database row and in no log line', async () => {
    expect(logs.length).toBeGreaterThan(0);
    const cells = await everyCell(h.sql);
    // The scan does read the stored chat: the confirmation cards are there, without the link.
    expect(
      cells.some((c) => c.table === 'sandbox_messages' && c.text.includes('Replies arrive')) ||
        cells.some((c) => c.table === 'sandbox_messages' && c.text.includes('回复在')),
    ).toBe(true);
    for (const { key } of keys.values()) {
      const bytes = Buffer.from(key, 'base64url').toString('latin1');
      expect(cells.filter((c) => c.text.includes(key) || c.text.includes(bytes))).toEqual([]);
      expect(logs.filter((l) => l.includes(key))).toEqual([]);
    }
    expect(cells.filter((c) => c.text.includes('/app/conversation#k='))).toEqual([]);
  });

  it('opens its own comment once the wave is closed', async () => {
    await closeNow(h.app.db, waveId, surveySealKey(h.app.config));
    for (const { key, comment } of keys.values()) {
      const v = await authorView(h.app.db, conversationSealKey(h.app.config), { key, now: new Date() });
      expect(v).toMatchObject({ ok: true, thread: { comment, status: 'none' } });
    }
  });
});
