// Names for the ids audit rows refer to (people, units, value tags, rewards, survey templates), looked up once
// per page of rows and handed to describeAudit (audit-describe.ts) — retired tags and old templates included,
// since a row names what it touched then.
import { inArray } from 'drizzle-orm';
import type { AnySQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import type { Db } from '../db/connection.js';
import { orgUnits, rewards, surveyTemplates, valueTags } from '../db/schema.js';
import type { Locale } from '../vocabulary.js';
import type { AuditNames, AuditRowText } from './audit-describe.js';
import { namesAndEmails } from './org/employees.js';

/** Every integer in a row's subject and detail: the candidates for a person, unit or named thing's id. */
function idsIn(rows: readonly AuditRowText[]): number[] {
  const ids = new Set<number>();
  for (const r of rows)
    for (const m of `${r.subject ?? ''} ${r.detail ?? ''}`.matchAll(/\d+/g))
      if (m[0].length < 10) ids.add(Number(m[0]));
  return [...ids];
}

/** Where each kind of thing keeps its name: its table, id, and name in Chinese and in English (a unit has one). */
const SOURCES = {
  unit: [orgUnits, orgUnits.id, orgUnits.name, orgUnits.name],
  tag: [valueTags, valueTags.id, valueTags.nameZh, valueTags.nameEn],
  reward: [rewards, rewards.id, rewards.nameZh, rewards.nameEn],
  template: [surveyTemplates, surveyTemplates.id, surveyTemplates.nameZh, surveyTemplates.nameEn],
} satisfies Record<string, [SQLiteTable, AnySQLiteColumn, AnySQLiteColumn, AnySQLiteColumn]>;
type Kind = keyof typeof SOURCES;

/** Id → name in the reader's language, for those of `ids` that are rows of one kind. */
async function namesOf(db: Db, kind: Kind, ids: number[], locale: Locale): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const [table, id, zh, en] = SOURCES[kind];
  const rows = (await db.select({ id, zh, en }).from(table).where(inArray(id, ids))) as {
    id: number;
    zh: string;
    en: string;
  }[];
  return new Map(rows.map((r) => [r.id, locale === 'en' ? r.en : r.zh]));
}

/** The names a page of audit rows needs, in the reader's language. */
export async function auditNames(db: Db, rows: readonly AuditRowText[], locale: Locale): Promise<Required<AuditNames>> {
  const ids = idsIn(rows);
  const people = ids.length ? await namesAndEmails(db, ids) : new Map<number, { name: string }>();
  const names = Object.fromEntries(
    await Promise.all(
      (Object.keys(SOURCES) as Kind[]).map(async (kind) => [kind, await namesOf(db, kind, ids, locale)] as const),
    ),
  ) as Record<Kind, Map<number, string>>;
  return {
    person: (id) => people.get(id)?.name,
    unit: (id) => names.unit.get(id),
    named: (kind, id) => names[kind].get(id),
  };
}
