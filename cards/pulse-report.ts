// /report pulse: team-level results in a card — participation, dimension averages with a bar and the
// change since the previous wave, where friction is, the per-unit heatmap and comments, all K-protected.
// An open wave shows participation and when results appear; a hidden unit says why and shows the
// smallest published group around it.
import type { Locale } from '../src/vocabulary.js';
import type { Translate } from '../src/i18n/index.js';
import type { Theme } from '../src/domain/surveys/themes.js';
import { openInApp } from './app-link.js';
import { card, type BlockInput, type CardView } from './view.js';

export interface PulseReportView {
  title: string;
  /** The report's page in the mini-app (HR: the full report; managers: their team page). */
  appUrl?: string;
  unitName: string;
  waveLabel: string;
  k: number;
  commentK: number;
  participation: { asked: number; answered: number; rate: number };
  visible: boolean;
  hidden?: 'open' | 'too_few' | 'protected';
  /** When an open wave's results will appear (formatted). */
  resultsAt?: string;
  /** For an open wave: the latest wave with published results. */
  latestPublished?: number;
  enclosing?: {
    name: string;
    responses: number;
    dimensions: { name: string; avg: number }[];
    comments: string[];
    commentsHidden: boolean;
    themes?: ThemeCount[];
  };
  responses?: number;
  dimensions: { name: string; avg: number; previousAvg?: number }[];
  lowest: { text: string; avg: number }[];
  enps?: { score: number };
  heatmap: { name: string; visible: boolean; values: (number | undefined)[] }[];
  heatmapColumns: string[];
  /** The heatmap's level below the unit, when more than one exists (e.g. "2 / 2"). */
  heatmapLevel?: string;
  /** Per kind of unit at that level (HQ departments, stores), over its shown rows only; values undefined: none shown. */
  heatmapKinds?: { name: string; shown: number; units: number; values?: (number | undefined)[] }[];
  comments: string[];
  commentsHidden: boolean;
  /** Comment themes over the published comments (most frequent first); never shown when commentsHidden. */
  themes?: ThemeCount[];
  followUps: { total: number; done: number };
  scaleMax: number;
  locale: Locale;
}

export interface ThemeCount {
  theme: Theme;
  count: number;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

/** A ten-step bar: charts in chat should read at a glance on a phone. */
export function bar(value: number, max: number): string {
  const filled = Math.round((value / max) * 10);
  return '█'.repeat(filled) + '░'.repeat(10 - filled);
}

function delta(avg: number, prev: number | undefined): string {
  if (prev === undefined) return '';
  const d = Math.round((avg - prev) * 100) / 100;
  return d === 0 ? ' (±0)' : d > 0 ? ` (▲ +${d.toFixed(2)})` : ` (▼ ${d.toFixed(2)})`;
}

/** One line per dimension: a bar, the average, and the change since the previous wave where known. */
function dimensionLines(
  dims: readonly { name: string; avg: number; previousAvg?: number }[],
  scaleMax: number,
): string {
  return dims
    .map((d) => `- ${d.name}: \`${bar(d.avg, scaleMax)}\` **${d.avg.toFixed(2)}**${delta(d.avg, d.previousAvg)}`)
    .join('\n');
}

/** The comment list with its themes line, or why it is hidden (then no themes either: they count the list). */
function commentsText(
  comments: readonly string[],
  themes: readonly ThemeCount[] | undefined,
  hidden: boolean,
  commentK: number,
  t: Translate,
): string {
  if (hidden) return t('report.pulse.commentsHidden', { k: commentK });
  // In the comments' own block: a separate block would cost one more element against Feishu's cap.
  const themeLine = themes?.length
    ? `${t('report.themes')}: ${themes.map((x) => `${t(`report.theme.${x.theme}`)} ${x.count}`).join(' · ')}\n`
    : '';
  return (
    `**${t('report.pulse.comments')}**\n` +
    themeLine +
    comments
      .slice(0, 10)
      .map((c) => `- “${c}”`)
      .join('\n')
  );
}

export function pulseReportCard(v: PulseReportView, t: Translate): CardView {
  const blocks: BlockInput[] = [
    {
      type: 'fields',
      fields: [
        { label: t('report.pulse.unit'), value: v.unitName },
        { label: t('report.pulse.wave'), value: v.waveLabel },
        {
          label: t('report.pulse.participation'),
          value: `${pct(v.participation.rate)} (${v.participation.answered}/${v.participation.asked})`,
        },
        ...(v.enps ? [{ label: 'eNPS', value: String(v.enps.score) }] : []),
      ],
    },
  ];
  if (v.hidden === 'open') {
    blocks.push({ type: 'text', markdown: t('report.pulse.open', { date: v.resultsAt ?? '' }) });
    if (v.latestPublished !== undefined)
      blocks.push({ type: 'note', text: t('report.pulse.latestPublished', { wave: v.latestPublished }) });
  } else if (!v.visible) {
    blocks.push({
      type: 'text',
      markdown:
        v.hidden === 'protected' && v.enclosing
          ? t('report.pulse.protected', { unit: v.enclosing.name })
          : t('report.pulse.notEnough', { k: v.k }),
    });
    if (v.enclosing) {
      const e = v.enclosing;
      blocks.push({
        type: 'text',
        markdown:
          `**${t('report.pulse.enclosing', { unit: e.name, n: e.responses })}**\n` +
          dimensionLines(e.dimensions, v.scaleMax),
      });
      blocks.push({ type: 'text', markdown: commentsText(e.comments, e.themes, e.commentsHidden, v.commentK, t) });
    }
  } else {
    blocks.push({
      type: 'text',
      markdown: `**${t('report.pulse.dimensions')}**\n` + dimensionLines(v.dimensions, v.scaleMax),
    });
    if (v.lowest.length)
      blocks.push({
        type: 'text',
        markdown:
          `**${t('report.pulse.friction')}**\n` +
          v.lowest.map((i) => `- ${i.text} — **${i.avg.toFixed(2)}**`).join('\n'),
      });
  }
  if (v.heatmap.length && v.hidden !== 'open') {
    const rows = v.heatmap.map(
      (h) =>
        `- ${h.name}: ${h.visible ? h.values.map((x, i) => `${v.heatmapColumns[i]} ${x === undefined ? '—' : x.toFixed(1)}`).join(' · ') : t('report.pulse.hidden')}`,
    );
    const level = v.heatmapLevel ? ` · ${t('reports.heatmap.level', { level: v.heatmapLevel })}` : '';
    blocks.push({ type: 'text', markdown: `**${t('report.pulse.heatmap')}${level}**\n${rows.join('\n')}` });
    if (v.heatmapKinds && v.heatmapKinds.length > 1)
      blocks.push({
        type: 'text',
        markdown:
          `**${t('reports.heatmap.byKind')}**\n` +
          v.heatmapKinds
            .map(
              (k) =>
                `- ${k.name} (${k.shown}/${k.units}): ${k.values ? k.values.map((x, i) => `${v.heatmapColumns[i]} ${x === undefined ? '—' : x.toFixed(1)}`).join(' · ') : t('report.pulse.hidden')}`,
            )
            .join('\n'),
      });
  }
  if (v.visible) {
    blocks.push({ type: 'text', markdown: commentsText(v.comments, v.themes, v.commentsHidden, v.commentK, t) });
  }
  if (v.followUps.total > 0)
    blocks.push({
      type: 'note',
      text: t('report.pulse.followUps', { done: v.followUps.done, total: v.followUps.total }),
    });
  blocks.push(...openInApp(v.appUrl, t));
  blocks.push({ type: 'note', text: t('report.pulse.kNote', { k: v.k }) });
  return card({ header: { title: v.title, tone: 'info' }, blocks });
}
