// A claim's quantities in words, per locale: "¥100,000 · 15%" on cards and pages, and the field error for a value
// that could not be read exactly — which always says what was understood.
import type { Locale } from '../../vocabulary.js';
import { translator, type Translate } from '../../i18n/index.js';
import { numberFormat } from '../../intl-format.js';
import type { ClaimValueResult, Quantity, QuantityUnit } from './claim-value.js';

/** Exactly the decimals the amount has (no rounding of 0.125, no binary noise for 12345.6789). */
function formatNumber(n: number, locale: Locale): string {
  const shortest = String(Math.abs(n));
  const decimals = shortest.includes('e') ? 20 : (shortest.split('.')[1]?.length ?? 0);
  return numberFormat(locale, {
    minimumFractionDigits: 0,
    maximumFractionDigits: Math.min(decimals, 20),
  }).format(n);
}

export function formatQuantity(
  q: Pick<Quantity, 'amount' | 'unit'>,
  locale: Locale,
  t: Translate = translator(locale),
): string {
  const n = formatNumber(Math.abs(q.amount), locale);
  const sign = q.amount < 0 ? '-' : '';
  const byUnit: Record<QuantityUnit, () => string> = {
    cny: () => `${sign}¥${n}`,
    percent: () => `${sign}${n}%`,
    hours: () => t('claim.hoursValue', { n: sign + n }),
    days: () => t('claim.daysValue', { n: sign + n }),
    other: () => sign + n,
  };
  return byUnit[q.unit]();
}

/** The quantities in the order they were entered, "¥100,000 · 15%"; "—" for none. */
export function formatQuantities(qs: readonly Quantity[], locale: Locale): string {
  return qs.length ? qs.map((q) => formatQuantity(q, locale)).join(' · ') : '—';
}

/** The quantities written back as text the parser reads again (to prefill a returned claim's form). */
export function quantitiesAsInput(qs: readonly Quantity[], locale: Locale): string {
  return qs.map((q) => formatQuantity(q, locale)).join(', ');
}

/** The field error for a value that could not be read: what was understood, what went wrong, how to write it. */
export function claimValueError(
  r: Extract<ClaimValueResult, { ok: false }>,
  locale: Locale,
  t: Translate = translator(locale),
): string {
  const parts: string[] = [];
  if (r.understood.length)
    parts.push(
      t('claim.value.understood', {
        list: new Intl.ListFormat(locale, { type: 'conjunction' }).format(
          r.understood.map((q) => formatQuantity(q, locale, t)),
        ),
      }),
    );
  const p = r.problem;
  parts.push(
    p.code === 'too_many' || p.code === 'too_long'
      ? t(`claim.value.${p.code}`, { max: p.max })
      : t(`claim.value.${p.code}`, { text: p.text }),
  );
  parts.push(t('claim.value.hint'));
  return parts.join(locale === 'en' ? ' ' : '');
}
