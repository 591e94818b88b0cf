// The audit page's rows in the reader's language: names for the people and units the rows refer to are
// looked up once per page, then each row is worded by describeAudit (src/domain/audit-describe.ts).
import { inArray } from 'drizzle-orm';
import type { Db } from '../db/connection.js';
import { employees, orgUnits, rewards, surveyTemplates, valueTags } from '../db/schema.js';
import { auditActionLabel, describeAudit, type AuditDescription, type AuditRowText } from '../domain/audit-describe.js';
import type { Locale } from '../bot/port.js';
import type { Translate } from '../i18n/index.js';

/** Every integer in a row's subject and detail: the candidates for a person or unit id. */
function idsIn(rows: readonly AuditRowText[]): number[] {
  const ids = new Set<number>();
  for (const r of rows)
    for (const m of `${r.subject ?? ''} ${r.detail ?? ''}`.matchAll(/\d+/g))
      if (m[0].length < 10) ids.add(Number(m[0]));
  return [...ids];
}

export function describeAuditRows<R extends AuditRowText>(
  db: Db,
  rows: readonly R[],
  t: Translate,
  locale: Locale,
): (R & { text: AuditDescription })[] {
  const ids = idsIn(rows);
  const byId = <T extends { id: number }>(list: T[], name: (x: T) => string) =>
    new Map(list.map((x) => [x.id, name(x)]));
  const local = (x: { nameZh: string; nameEn: string }) => (locale === 'en' ? x.nameEn : x.nameZh);
  const people = byId(
    ids.length
      ? db.select({ id: employees.id, name: employees.name }).from(employees).where(inArray(employees.id, ids)).all()
      : [],
    (e) => e.name,
  );
  const units = byId(
    ids.length
      ? db.select({ id: orgUnits.id, name: orgUnits.name }).from(orgUnits).where(inArray(orgUnits.id, ids)).all()
      : [],
    (u) => u.name,
  );
  const things = {
    tag: byId(
      ids.length
        ? db
            .select({ id: valueTags.id, nameZh: valueTags.nameZh, nameEn: valueTags.nameEn })
            .from(valueTags)
            .where(inArray(valueTags.id, ids))
            .all()
        : [],
      local,
    ),
    reward: byId(
      ids.length
        ? db
            .select({ id: rewards.id, nameZh: rewards.nameZh, nameEn: rewards.nameEn })
            .from(rewards)
            .where(inArray(rewards.id, ids))
            .all()
        : [],
      local,
    ),
    template: byId(
      ids.length
        ? db
            .select({ id: surveyTemplates.id, nameZh: surveyTemplates.nameZh, nameEn: surveyTemplates.nameEn })
            .from(surveyTemplates)
            .where(inArray(surveyTemplates.id, ids))
            .all()
        : [],
      local,
    ),
  };
  const names = {
    person: (id: number) => people.get(id),
    unit: (id: number) => units.get(id),
    named: (kind: keyof typeof things, id: number) => things[kind].get(id),
  };
  return rows.map((r) => ({ ...r, text: describeAudit(r, names, t) }));
}

/** The filter's options: the raw action as the value (URLs keep it), its label in the reader's language. */
export function auditActionOptions(actions: readonly string[], t: Translate): { value: string; label: string }[] {
  return actions
    .map((a) => ({ value: a, label: auditActionLabel(a, t) }))
    .sort((a, b) => a.label.localeCompare(b.label));
}
