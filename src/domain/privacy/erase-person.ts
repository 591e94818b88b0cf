// "Erase a person who has left" (PIPL Art. 47, GDPR Art. 17): HR replaces a leaver's name, e-mail and platform
// identities by a pseudonym everywhere Vitality holds them. The employee id stays, so the points ledger,
// decisions, ratings and reports keep their totals under the pseudonym. Only people who have left: erasing
// someone who still works here would break their sign-in and every flow they are part of.
//
// Where the name or e-mail is copied as text (free text, card payloads, JSON snapshots) the literal string is
// replaced by the pseudonym. Append-only tables (ledger notes, decision comments, audit log) cannot be edited —
// their triggers refuse it, on purpose — so mentions there are counted and returned for HR to see, never
// hidden by dropping a trigger. The audit log itself never holds names: it records employee ids.
import { containsText, execute } from '../../db/sql-dialect.js';
import { strFromU8, unzipSync } from 'fflate';
import { and, eq, getTableName, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { afterCommit, scrubDeletedRows, type Db } from '../../db/connection.js';
import {
  announcements,
  approvalDecisions,
  approvalFlows,
  approvalRequests,
  delegations,
  employees,
  exportFiles,
  followUps,
  ledgerEntries,
  outbox,
  platformIdentities,
  platformLookups,
  unreachedMessages,
  ratingFeedback,
  sharedFeedback,
  sandboxMessages,
  sessions,
  surveyComments,
  commentMessages,
  transfers,
} from '../../db/schema.js';
import { audit, type Actor } from '../audit.js';
import { scrubPool } from '../surveys/conversations.js';
import type { SealKey } from '../surveys/seal.js';

export type EraseResult =
  | { ok: true; pseudonym: string; remaining: RemainingMention[] }
  | { ok: false; code: 'unknown_person' | 'still_active' | 'already_erased'; name?: string };

/** Rows of an append-only table that still mention the erased name or e-mail (they cannot be edited). */
export interface RemainingMention {
  table: string;
  column: string;
  rows: number;
}

/** One neutral form for both languages, so no card or report has to translate a stored name. */
export const erasedName = (id: number): string => `Erased #${id}`;
export const erasedEmail = (id: number): string => `erased-${id}@erased.invalid`;

/** What a delivered message's payload becomes (the same shape retention uses for its blanking). */
const BLANKED = JSON.stringify({ kind: 'erased' });

/**
 * The strings to replace: the full name, the e-mail, and each script's part of a bilingual name
 * ("张伟 Wei Zhang" → "张伟", "Wei Zhang"), since free text usually says only one of them. A single Latin word
 * ("Wei") is left alone: replacing it everywhere would rewrite unrelated words.
 */
export function mentionsOf(name: string, email: string | null): string[] {
  const parts = new Set<string>([name.trim()]);
  if (email) parts.add(email);
  for (const m of name.matchAll(/[\p{Script=Han}]{2,}/gu)) parts.add(m[0]);
  for (const m of name.matchAll(/[A-Za-z][A-Za-z'.-]*(?:\s+[A-Za-z][A-Za-z'.-]*)+/g)) parts.add(m[0].trim());
  // Longest first, so the full name is replaced before its parts.
  return [...parts].filter((p) => p.length >= 2).sort((a, b) => b.length - a.length);
}

/** Free-text and JSON columns that may quote a person's name, in tables that may be edited. */
function scrubbedColumns(): [SQLiteTable, SQLiteColumn][] {
  return [
    [transfers, transfers.reason],
    [followUps, followUps.title],
    [ratingFeedback, ratingFeedback.comment],
    // Feedback shared right away (growth/feedback.ts), the same kind of comment.
    [sharedFeedback, sharedFeedback.comment],
    // An announcement's texts may name someone ("welcome …").
    [announcements, announcements.titleZh],
    [announcements, announcements.titleEn],
    [announcements, announcements.bodyZh],
    [announcements, announcements.bodyEn],
    // Anonymous comments are free text too; replacing a name in place reveals nothing about who wrote it.
    [surveyComments, surveyComments.text],
    // So are the messages of a conversation on a comment (either side may name someone).
    [commentMessages, commentMessages.body],
    [approvalRequests, approvalRequests.payload],
    [approvalRequests, approvalRequests.flowSnapshot],
    [approvalRequests, approvalRequests.routingNote],
    [approvalFlows, approvalFlows.definition],
    // Messages still to be delivered keep their recipient and meaning; only the name in them changes.
    [outbox, outbox.message],
  ];
}

/** Append-only columns that may quote a name: counted, never edited. */
function appendOnlyColumns(): [string, SQLiteTable, SQLiteColumn][] {
  return [
    ['ledger_entries', ledgerEntries, ledgerEntries.note],
    ['approval_decisions', approvalDecisions, approvalDecisions.comment],
  ];
}

const mentionsAny = (col: SQLiteColumn, words: readonly string[]): SQL =>
  or(...words.map((w) => containsText(col, w)))!;

/** A stored export mentions someone: text as is, a zip (person-data exports of others) after unzipping. */
function exportMentions(body: string, encoding: 'utf8' | 'base64', words: readonly string[]): boolean {
  if (encoding === 'utf8') return words.some((w) => body.includes(w));
  try {
    return Object.values(unzipSync(Buffer.from(body, 'base64'))).some((f) => {
      const text = strFromU8(f);
      return words.some((w) => text.includes(w));
    });
  } catch {
    // Not a readable zip: it cannot be checked, so it cannot be kept.
    return true;
  }
}

export type EraseCheck =
  | { ok: true; person: { id: number; name: string; email: string | null } }
  | { ok: false; code: 'unknown_person' | 'still_active' | 'already_erased'; name?: string };

/** Whether a person may be erased (read only): the confirmation card asks only about someone who may. */
export async function checkErasable(db: Db, employeeId: number): Promise<EraseCheck> {
  const person = (
    await db
      .select({ id: employees.id, name: employees.name, email: employees.email, active: employees.active })
      .from(employees)
      .where(eq(employees.id, employeeId))
      .limit(1)
  )[0];
  if (!person) return { ok: false, code: 'unknown_person' };
  if (person.email === erasedEmail(person.id) && person.name === erasedName(person.id))
    return { ok: false, code: 'already_erased' };
  if (person.active) return { ok: false, code: 'still_active', name: person.name };
  return { ok: true, person: { id: person.id, name: person.name, email: person.email } };
}

/**
 * Erase one person who has left. Call inside a transaction (all or nothing); the refusals change nothing.
 * Audited as privacy.erase with the employee id only — the erased name is exactly what must not be kept.
 */
/** `conversationKey`: the conversation pool's key (conversationSealKey), so that comment authors' replies still
 *  sealed until their batch are scrubbed too; without it they are released as written. */
export async function erasePerson(
  db: Db,
  employeeId: number,
  actor: Actor,
  now: Date,
  opts: { conversationKey?: SealKey } = {},
): Promise<EraseResult> {
  const check = await checkErasable(db, employeeId);
  if (!check.ok) return check;
  const { person } = check;

  const pseudonym = erasedName(person.id);
  const words = mentionsOf(person.name, person.email);
  const identities = await db
    .select({ platform: platformIdentities.platform, platformUserId: platformIdentities.platformUserId })
    .from(platformIdentities)
    .where(eq(platformIdentities.employeeId, person.id));

  // Their own messages: delivered or dead ones are blanked and addressed to the pseudonym (the platform user
  // id is personal data too); ones still waiting would reach someone who has left, so they are not sent.
  const ownRecipients = [...identities.map((i) => i.platformUserId), String(person.id)].map((u) =>
    JSON.stringify({ kind: 'user', platformUserId: u }),
  );
  const erasedRecipient = JSON.stringify({ kind: 'user', platformUserId: `erased-${person.id}` });
  await db
    .update(outbox)
    .set({ message: BLANKED, recipient: erasedRecipient, status: 'dead', lastError: 'recipient erased' })
    .where(and(inArray(outbox.recipient, ownRecipients), eq(outbox.status, 'pending')));
  await db
    .update(outbox)
    .set({ message: BLANKED, recipient: erasedRecipient })
    .where(and(inArray(outbox.recipient, ownRecipients), inArray(outbox.status, ['sent', 'dead'])));
  // Others' delivered or dead copies that name them: the payload is history nobody resends — blank it.
  await db
    .update(outbox)
    .set({ message: BLANKED })
    .where(and(inArray(outbox.status, ['sent', 'dead']), mentionsAny(outbox.message, words)));

  // The sandbox chat (demo data, kept in the database since issue 21): their conversation, and any message
  // elsewhere that names them, are deleted.
  await db
    .delete(sandboxMessages)
    .where(
      or(
        eq(sandboxMessages.conversation, String(person.id)),
        mentionsAny(sandboxMessages.text, words),
        mentionsAny(sandboxMessages.card, words),
      ),
    );

  // Exports by or about them, and any other whose file names them (a CSV report, another person's zip).
  await db
    .delete(exportFiles)
    .where(or(eq(exportFiles.createdBy, person.id), eq(exportFiles.what, `privacy:employee:${person.id}`)));
  const doomed = (
    await db
      .select({ token: exportFiles.token, body: exportFiles.body, encoding: exportFiles.encoding })
      .from(exportFiles)
  )
    .filter((e) => exportMentions(e.body, e.encoding, words))
    .map((e) => e.token);
  if (doomed.length) await db.delete(exportFiles).where(inArray(exportFiles.token, doomed));

  await db.delete(platformIdentities).where(eq(platformIdentities.employeeId, person.id));
  // What reach remembered (their e-mail looked up, cards kept for them) goes with the identities.
  await db.delete(platformLookups).where(eq(platformLookups.employeeId, person.id));
  await db.delete(unreachedMessages).where(eq(unreachedMessages.employeeId, person.id));
  await db.delete(sessions).where(eq(sessions.employeeId, person.id));
  await db.delete(delegations).where(or(eq(delegations.fromId, person.id), eq(delegations.toId, person.id)));

  for (const [table, col] of scrubbedColumns()) {
    let value: SQL = sql`${col}`;
    for (const w of words) value = sql`replace(${value}, ${w}, ${pseudonym})`;
    await execute(db, sql`update ${table} set ${sql.identifier(col.name)} = ${value} where ${mentionsAny(col, words)}`);
  }

  if (opts.conversationKey) await scrubPool(db, opts.conversationKey, words, pseudonym);

  // Unit and manager links stay: reports and totals still add up, under the pseudonym.
  await db
    .update(employees)
    .set({
      name: pseudonym,
      email: erasedEmail(person.id),
      title: null,
      leaveFrom: null,
      leaveUntil: null,
      updatedAt: now.toISOString(),
    })
    .where(eq(employees.id, person.id));

  const remaining: RemainingMention[] = [];
  for (const [name, table, col] of appendOnlyColumns()) {
    const rows =
      (
        await db
          .select({ n: sql<number>`count(*)` })
          .from(table)
          .where(mentionsAny(col, words))
          .limit(1)
      )[0]?.n ?? 0;
    if (rows) remaining.push({ table: name, column: col.name, rows });
  }

  await audit(db, actor, 'privacy.erase', `employee:${person.id}`, {
    identities: identities.length,
    appendOnlyMentions: remaining.reduce((n, r) => n + r.rows, 0),
  });
  // The old versions of what was erased: zeroed pages and an emptied WAL on SQLite, rewritten tables on
  // PostgreSQL (scrubDeletedRows).
  const touched = [
    exportFiles,
    platformIdentities,
    platformLookups,
    unreachedMessages,
    sessions,
    delegations,
    employees,
    sandboxMessages,
  ];
  const tables = new Set([...touched, ...scrubbedColumns().map(([table]) => table)].map((t) => getTableName(t)));
  afterCommit(db, () => scrubDeletedRows(db, [...tables]));
  return { ok: true, pseudonym, remaining };
}
