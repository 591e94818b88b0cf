// Why a colleague cannot be nominated, in the reader's language: one wording for chat and the mini-app.
import type { Translate } from '../../i18n/index.js';
import type { ColleagueLookup } from './nominations.js';

/** Undefined when the colleague can be nominated by `nominatorId`. */
export function nomineeProblem(
  t: Translate,
  ref: string,
  found: ColleagueLookup,
  nominatorId: number,
): string | undefined {
  const shown = ref.trim().replace(/^@/, '');
  if (found.ok) {
    if (found.person.id === nominatorId) return t('nomination.error.self');
    if (!found.person.active) return t('nomination.error.left', { name: found.person.name });
    return undefined;
  }
  if (found.code === 'unknown_person') return t('nomination.error.unknown', { ref: shown });
  return t('nomination.error.ambiguous', {
    ref: shown,
    n: found.matches.length,
    names: found.matches.map((m) => (m.email ? `${m.name} <${m.email}>` : m.name)).join('; '),
  });
}
