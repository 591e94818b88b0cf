// /report trend [unit]: the last waves of a unit in chat — a sparkline per dimension and for participation,
// the latest average and its change. The figures come K-protected from the trend read model (a hidden wave
// is a gap, never a number), as in the mini-app's trend.
import type { Translate } from '../src/i18n/index.js';
import { GAP, lastAndChange, sparkline } from './trend-text.js';
import { openInApp } from './app-link.js';
import { card, type BlockInput, type CardView } from './view.js';

export interface PulseTrendView {
  title: string;
  unitName: string;
  k: number;
  scale: { min: number; max: number };
  /** Oldest first: a label per wave (e.g. "#3 12/01"). */
  waves: { label: string; rate: number }[];
  dimensions: { name: string; values: (number | null)[] }[];
  appUrl?: string;
}

function change(c: number | undefined): string {
  if (c === undefined) return '';
  return c === 0 ? ' (±0)' : c > 0 ? ` (▲ +${c.toFixed(2)})` : ` (▼ ${c.toFixed(2)})`;
}

export function pulseTrendCard(v: PulseTrendView, t: Translate): CardView {
  const blocks: BlockInput[] = [
    {
      type: 'fields',
      fields: [
        { label: t('reports.trend.unit'), value: v.unitName },
        {
          label: t('reports.trend.waves'),
          value: v.waves.length ? `${v.waves[0]!.label} → ${v.waves.at(-1)!.label}` : '—',
        },
      ],
    },
  ];
  if (v.waves.length === 0) {
    blocks.push({ type: 'text', markdown: t('reports.trend.none') });
  } else {
    const rates = v.waves.map((w) => w.rate);
    const lines = v.dimensions.map((d) => {
      const { last, change: c } = lastAndChange(d.values);
      const tail = last === undefined ? t('reports.trend.noneShown') : `**${last.toFixed(2)}**${change(c)}`;
      return `- ${d.name}: \`${sparkline(d.values, v.scale.min, v.scale.max)}\` ${tail}`;
    });
    const lastRate = rates.at(-1)!;
    lines.push(
      `- ${t('reports.trend.participation')}: \`${sparkline(rates, 0, 1)}\` **${Math.round(lastRate * 100)}%**`,
    );
    blocks.push({ type: 'text', markdown: lines.join('\n') });
    blocks.push({ type: 'note', text: t('reports.trend.legend', { gap: GAP, k: v.k, n: v.waves.length }) });
  }
  blocks.push(...openInApp(v.appUrl, t));
  return card({ header: { title: v.title, tone: 'info' }, blocks });
}
