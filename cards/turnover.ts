// HR's turnover card: per unit at a level, the people at the end of the period, leavers and the rate (and a
// year's worth of it), moves, and beside it the pulse of the latest closed wave where its report shows it.
import type { Translate } from '../src/i18n/index.js';
import { openInApp } from './app-link.js';
import { card, type BlockInput, type CardView } from './view.js';

export interface TurnoverCardRow {
  unit: string;
  flagged: boolean;
  headcountEnd: number;
  leavers: number;
  movedOut: number;
  movedIn: number;
  joined: number;
  rate: number | null;
  annualRate: number | null;
  /** Dimension averages by name; `hidden` where the report hides the unit; undefined with no wave. */
  pulse?: { responses: number; dims: { name: string; avg: number }[] } | 'hidden';
}

export interface TurnoverCardView {
  days: number;
  unit: string;
  threshold: number;
  waveLabel?: string;
  rows: TurnoverCardRow[];
  total: { headcountEnd: number; leavers: number; annualRate: number | null };
  appUrl?: string;
}

const pct = (r: number | null) => (r === null ? '—' : `${Math.round(r * 1000) / 10}%`);

export function turnoverCard(v: TurnoverCardView, t: Translate): CardView {
  const blocks: BlockInput[] = [
    {
      type: 'text',
      markdown: t('turnover.total', {
        unit: v.unit,
        leavers: v.total.leavers,
        headcount: v.total.headcountEnd,
        annual: pct(v.total.annualRate),
      }),
    },
  ];
  const flagged = v.rows.filter((r) => r.flagged);
  if (flagged.length)
    blocks.push({
      type: 'text',
      markdown: t('turnover.flagged', {
        n: flagged.length,
        threshold: pct(v.threshold),
        units: flagged.map((r) => r.unit).join('、'),
      }),
    });
  if (!v.rows.length) blocks.push({ type: 'text', markdown: t('turnover.none') });
  for (const r of v.rows) {
    const lines = [
      t('turnover.row', {
        flag: r.flagged ? t('turnover.flag') : '',
        unit: r.unit,
        headcount: r.headcountEnd,
        leavers: r.leavers,
        rate: pct(r.rate),
        annual: pct(r.annualRate),
      }),
      t('turnover.moves', { out: r.movedOut, in: r.movedIn, joined: r.joined }),
    ];
    if (r.pulse === 'hidden') lines.push(t('turnover.pulseHidden', { wave: v.waveLabel ?? '' }));
    else if (r.pulse)
      lines.push(
        t('turnover.pulse', {
          wave: v.waveLabel ?? '',
          dims: r.pulse.dims.map((d) => `${d.name} ${d.avg.toFixed(1)}`).join(' · '),
          n: r.pulse.responses,
        }),
      );
    blocks.push({ type: 'text', markdown: lines.join('\n') });
  }
  blocks.push(...openInApp(v.appUrl, t), { type: 'note', text: t('turnover.note') });
  return card({
    header: { title: t('turnover.title', { days: v.days }), tone: flagged.length ? 'warning' : 'info' },
    blocks,
  });
}
