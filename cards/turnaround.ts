// HR's approval turnaround card: per flow, how many requests, how they ended, what still waits (and how
// much of it is overdue), and how long a decision and each approver's step take.
import type { TurnaroundRow } from '../src/domain/approvals/turnaround.js';
import type { Translate } from '../src/i18n/index.js';
import { openInApp } from './app-link.js';
import { card, type BlockInput, type CardView } from './view.js';

export interface TurnaroundView {
  days: number;
  overdueHours: number;
  flows: Omit<TurnaroundRow, 'flowKey'>[];
  appUrl?: string;
}

/** Hours as people read them: minutes under an hour, hours under two days, then days. */
export function duration(hours: number | undefined, t: Translate): string {
  if (hours === undefined) return '—';
  if (hours < 1) return t('duration.min', { n: Math.max(1, Math.round(hours * 60)) });
  if (hours < 48) return t('duration.h', { n: Math.round(hours * 10) / 10 });
  return t('duration.d', { n: Math.round((hours / 24) * 10) / 10 });
}

export function turnaroundCard(v: TurnaroundView, t: Translate): CardView {
  const blocks: BlockInput[] = v.flows.length
    ? v.flows.map((f) => ({
        type: 'text' as const,
        markdown: [
          `**${f.name}** · ${t('turnaround.submitted', { n: f.submitted })}`,
          t('turnaround.outcomes', {
            approved: f.approved,
            rejected: f.rejected,
            returned: f.returned,
            cancelled: f.cancelled,
            open: f.open,
            overdue: f.overdue,
          }),
          t('turnaround.times', {
            median: duration(f.medianHoursToDecision, t),
            p90: duration(f.p90HoursToDecision, t),
            step: duration(f.medianHoursPerStep, t),
          }),
        ].join('\n'),
      }))
    : [{ type: 'text' as const, markdown: t('turnaround.none') }];
  blocks.push(...openInApp(v.appUrl, t), { type: 'note', text: t('turnaround.note', { hours: v.overdueHours }) });
  return card({ header: { title: t('turnaround.title', { days: v.days }), tone: 'info' }, blocks });
}
