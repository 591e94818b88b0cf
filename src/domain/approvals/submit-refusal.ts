// Why a request could not be submitted, in the applicant's words — one wording for chat and the mini-app, for
// every request kind (a redemption's balance has its own message, which names the figures).
import type { Translate } from '../../i18n/index.js';
import type { Locale } from '../../vocabulary.js';
import type { SubmitError } from './requests.js';

export function submitRefusalText(
  t: Translate,
  locale: Locale,
  r: { code: SubmitError; step?: Record<Locale, string> },
): string {
  return r.code === 'no_approvers'
    ? t('approval.error.no_approvers', { step: r.step?.[locale] ?? '' })
    : t('approval.error.not_found');
}
