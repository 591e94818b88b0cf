// Point claims from rules: a person's value meeting a rule becomes a point claim in their name, in the normal
// point-claim flow (their manager confirms; the ledger moves only when it is approved) — never an award.
// At most one claim per (rule, person, period), whatever the re-pushes or later changes of the value; a value
// that stops meeting the rule leaves an existing claim to its reviewers. HR's claim caps do not apply: they
// stop a person from flooding reviewers, and a rule's claims are not the person's doing.
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { indicatorRuleClaims } from '../../db/schema.js';
import { translator } from '../../i18n/index.js';
import type { Locale } from '../../vocabulary.js';
import { submitRequest, type RequestView, type SubmitError } from '../approvals/requests.js';
import { formatQuantity } from '../points/claim-value-text.js';
import type { Quantity } from '../points/claim-value.js';
import type { Indicator } from './catalogue.js';
import type { Rule } from './rules.js';

export type RuleClaim =
  | { row: number; ruleId: number; personId: number; requestId: number; request: RequestView; asked: number[] }
  | { row: number; ruleId: number; personId: number; refused: SubmitError };

export function indicatorQuantity(value: number, indicator: Pick<Indicator, 'unit'>, locale: Locale): Quantity {
  const q = { amount: value, unit: indicator.unit === 'percent' ? ('percent' as const) : ('other' as const) };
  return { ...q, text: formatQuantity(q, locale) };
}

/** One claim for a rule met by a person's value, unless that rule already made one for them in that period. */
export async function claimFromRule(
  db: Db,
  input: {
    row: number;
    rule: Rule;
    indicator: Indicator;
    system: string;
    person: { id: number; locale: Locale };
    period: string;
    value: number;
    now: Date;
  },
): Promise<RuleClaim | undefined> {
  const { rule, person, indicator } = input;
  const made = await db
    .select({ r: indicatorRuleClaims.requestId })
    .from(indicatorRuleClaims)
    .where(
      and(
        eq(indicatorRuleClaims.ruleId, rule.id),
        eq(indicatorRuleClaims.employeeId, person.id),
        eq(indicatorRuleClaims.period, input.period),
      ),
    )
    .limit(1);
  if (made.length) return undefined;
  const locale = person.locale;
  const t = translator(locale);
  const name = locale === 'en' ? indicator.nameEn : indicator.nameZh;
  const quantity = indicatorQuantity(input.value, indicator, locale);
  const threshold = indicatorQuantity(rule.threshold, indicator, locale).text;
  const r = await submitRequest(db, {
    applicantId: person.id,
    now: input.now,
    payload: {
      kind: 'point_claim',
      tagId: rule.tagId,
      description: t('indicators.claim.description', {
        system: input.system,
        indicator: name,
        value: quantity.text,
        period: input.period,
      }),
      quantities: [quantity],
      note: t('indicators.claim.note', { indicator: name, op: rule.op, threshold }),
      points: rule.points,
    },
  });
  if (!r.ok) return { row: input.row, ruleId: rule.id, personId: person.id, refused: r.code };
  await db
    .insert(indicatorRuleClaims)
    .values({ ruleId: rule.id, employeeId: person.id, period: input.period, requestId: r.request.id });
  return {
    row: input.row,
    ruleId: rule.id,
    personId: person.id,
    requestId: r.request.id,
    request: r.request,
    asked: r.asked,
  };
}
