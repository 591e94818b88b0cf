// The audit page's rows in the reader's language: names for the people and things the rows refer to are
// looked up once per page (auditNames), then each row is worded by describeAudit (src/domain/audit-describe.ts).
import type { Db } from '../domain/unit-of-work.js';
import { auditActionLabel, describeAudit, type AuditDescription, type AuditRowText } from '../domain/audit-describe.js';
import { auditNames } from '../domain/audit-names.js';
import type { Locale } from '../vocabulary.js';
import type { Translate } from '../i18n/index.js';

export async function describeAuditRows<R extends AuditRowText>(
  db: Db,
  rows: readonly R[],
  t: Translate,
  locale: Locale,
): Promise<(R & { text: AuditDescription })[]> {
  const names = await auditNames(db, rows, locale);
  return rows.map((r) => ({ ...r, text: describeAudit(r, names, t) }));
}

/** The filter's options: the raw action as the value (URLs keep it), its label in the reader's language. */
export function auditActionOptions(actions: readonly string[], t: Translate): { value: string; label: string }[] {
  return actions
    .map((a) => ({ value: a, label: auditActionLabel(a, t) }))
    .sort((a, b) => a.label.localeCompare(b.label));
}
