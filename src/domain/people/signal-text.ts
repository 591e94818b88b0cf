// A status signal in words (pure): the rule's sentence with exactly the facts that fired it, in the reader's
// language — the scores, the weekly late counts and weeks, the monthly task completion.
import type { Translate } from '../../i18n/index.js';
import type { Signal } from './status-signals.js';

const arrow = (xs: readonly string[]) => xs.join(' → ');
const one = (x: number) => x.toFixed(1);

export function signalText(s: Signal, dimension: string, t: Translate): string {
  const percent = (x: number) => `${Number.isInteger(x) ? x : x.toFixed(1)}%`;
  const scores = arrow(s.scores.map(one));
  if (s.rule === 'rating_and_late')
    return t('status.signal.rating_and_late', {
      dimension,
      scores,
      late: arrow(s.late.map(String)),
      from: s.weeks[0] ?? '',
      to: s.weeks[s.weeks.length - 1] ?? '',
    });
  return t('status.signal.rating_and_tasks', {
    dimension,
    scores,
    values: arrow(s.values.map(percent)),
    from: s.months[0] ?? '',
    to: s.months[s.months.length - 1] ?? '',
  });
}
