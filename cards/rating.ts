// Rating cards: the rater's one card for their people (a form, changeable until close), the person's own
// result, training recommendations, the team report, the list of schemes, the close confirmation (what is
// missing) and the lines of an indicator import's problems.
import type { MessageKey, Translate } from '../src/i18n/index.js';
import { appButton, openInApp } from './app-link.js';
import { bar } from './pulse-report.js';
import { card, type ActionRef, type BlockInput, type CardView, type FormFieldInput } from './view.js';

export interface RaterCardView {
  cycleId: number;
  schemeName: string;
  closesAt: string;
  rated: number;
  total: number;
  reminder: boolean;
  saved?: number;
  people: {
    name: string;
    dims: { field: string; label: string; value?: number }[];
    commentField: string;
    comment?: string;
  }[];
}

export function raterCard(v: RaterCardView, t: Translate): CardView {
  const fields: FormFieldInput[] = [];
  for (const p of v.people) {
    fields.push({ type: 'text', markdown: `**${p.name}**` });
    for (const d of p.dims)
      fields.push({
        type: 'rating',
        id: d.field,
        label: d.label,
        min: 1,
        max: 5,
        value: d.value,
        required: false,
        minLabel: t('rating.scale.low'),
        maxLabel: t('rating.scale.high'),
      });
    fields.push({
      type: 'input',
      id: p.commentField,
      label: t('rating.comment', { name: p.name }),
      value: p.comment,
      maxLength: 500,
      multiline: true,
      required: false,
    });
  }
  const intro = [
    v.reminder ? t('rating.reminder') : '',
    v.saved !== undefined ? t('rating.saved', { n: v.saved }) : '',
    t('rating.intro', { closes: v.closesAt, rated: v.rated, total: v.total }),
  ]
    .filter(Boolean)
    .join('\n');
  return card({
    header: {
      title: `${v.schemeName} · ${t('rating.cycle', { id: v.cycleId })}`,
      subtitle: t('rating.progress', { rated: v.rated, total: v.total }),
      tone: v.rated === v.total ? 'success' : 'info',
    },
    blocks: [
      { type: 'text', markdown: intro },
      {
        type: 'form',
        id: `rating-${v.cycleId}`,
        fields,
        openLabel: t('rating.open'),
        submit: { label: t('rating.save'), action: { k: 'rating.submit', id: String(v.cycleId) } },
      },
    ],
  });
}

export interface ResultView {
  schemeName: string;
  cycleId: number;
  dims: { name: string; weight: number; score?: number }[];
  composite: number | null;
  previous?: number | null;
  missing: string[];
  /** Of the missing, the dimensions nobody may rate for this person. */
  noRater?: string[];
  comments: { rater: string; comment: string }[];
  appUrl?: string;
}

export function resultCard(v: ResultView, t: Translate): CardView {
  const delta =
    v.composite !== null && v.previous != null ? Math.round((v.composite - v.previous) * 100) / 100 : undefined;
  const blocks: BlockInput[] = [
    {
      type: 'fields',
      fields: [
        { label: t('rating.composite'), value: v.composite === null ? '—' : v.composite.toFixed(2) },
        {
          label: t('rating.change'),
          value:
            delta === undefined
              ? t('rating.first')
              : `${delta > 0 ? '▲ +' : delta < 0 ? '▼ ' : '±'}${delta.toFixed(2)}`,
        },
      ],
    },
    {
      type: 'text',
      markdown: v.dims
        .map(
          (d) =>
            `- ${d.name} (${d.weight}%): ${d.score === undefined ? t('rating.notRated') : `\`${bar(d.score, 5)}\` **${d.score.toFixed(2)}**`}`,
        )
        .join('\n'),
    },
  ];
  const unrated = v.missing.filter((m) => !v.noRater?.includes(m));
  if (unrated.length) blocks.push({ type: 'note', text: t('rating.renormalised', { dims: unrated.join(', ') }) });
  if (v.noRater?.length) blocks.push({ type: 'note', text: t('rating.noRater.note', { dims: v.noRater.join(', ') }) });
  if (v.comments.length)
    blocks.push({
      type: 'text',
      markdown: `**${t('rating.feedback')}**\n` + v.comments.map((c) => `- ${c.rater}: “${c.comment}”`).join('\n'),
    });
  blocks.push(...openInApp(v.appUrl, t));
  blocks.push({ type: 'note', text: t('rating.private') });
  return card({
    header: {
      title: t('rating.result.title', { scheme: v.schemeName }),
      subtitle: t('rating.cycle', { id: v.cycleId }),
      tone: 'info',
    },
    blocks,
  });
}

export function recommendationCard(
  v: {
    person: string;
    dimension: string;
    reason: 'low' | 'drop';
    score: number;
    course: string;
    url?: string | null;
    recommendationId: number;
    forManager: boolean;
    requested?: boolean;
    appUrl?: string;
  },
  t: Translate,
): CardView {
  const why = t(v.reason === 'low' ? 'rating.rec.low' : 'rating.rec.drop', {
    dimension: v.dimension,
    score: v.score.toFixed(2),
  });
  const buttons = [];
  if (!v.forManager && !v.requested)
    buttons.push({
      label: t('rating.rec.enrol'),
      style: 'primary' as const,
      action: { k: 'course.enrol', id: String(v.recommendationId) },
    });
  if (v.url) buttons.push({ label: t('rating.rec.open'), url: v.url });
  if (v.appUrl) buttons.push(appButton(v.appUrl, t));
  return card({
    header: {
      title: t(v.forManager ? 'rating.rec.managerTitle' : 'rating.rec.title', { person: v.person }),
      tone: 'info',
    },
    blocks: [
      { type: 'text', markdown: `${why}\n${t('rating.rec.course', { course: v.course })}` },
      ...(v.requested ? [{ type: 'note' as const, text: t('rating.rec.requested') }] : []),
      ...(buttons.length ? [{ type: 'actions' as const, buttons }] : []),
      { type: 'note', text: t('rating.rec.note') },
    ],
  });
}

export interface RatingsReportView {
  title: string;
  unit: string;
  people: number;
  compositeAvg?: number;
  previousCompositeAvg?: number;
  distribution: number[];
  averages: { name: string; avg?: number; previous?: number }[];
  notRated: { name: string; missing: string }[];
  coverage: { name: string; filled: number; of: number }[];
  /** With `nominate`, the line's person gets a one-click "Nominate" button (a nomination form prefilled). */
  recognise: { name: string; dimension: string; from: number; to: number; nominate?: ActionRef }[];
  appUrl?: string;
}

export function ratingsReportCard(v: RatingsReportView, t: Translate): CardView {
  const trend = (a?: number, p?: number) =>
    a === undefined
      ? '—'
      : `${a.toFixed(2)}${p === undefined ? '' : ` (${a - p >= 0 ? '▲ +' : '▼ '}${(a - p).toFixed(2)})`}`;
  const top = Math.max(1, ...v.distribution);
  const bands = ['1–2', '2–3', '3–4', '4–5'];
  const blocks: BlockInput[] = [
    {
      type: 'fields',
      fields: [
        { label: t('report.pulse.unit'), value: v.unit },
        { label: t('rating.people'), value: String(v.people) },
        { label: t('rating.composite'), value: trend(v.compositeAvg, v.previousCompositeAvg) },
      ],
    },
    {
      type: 'text',
      markdown:
        `**${t('rating.averages')}**\n` +
        v.averages
          .map((a) => `- ${a.name}: ${a.avg === undefined ? '—' : `\`${bar(a.avg, 5)}\``} ${trend(a.avg, a.previous)}`)
          .join('\n'),
    },
    {
      type: 'text',
      markdown:
        `**${t('rating.distribution')}**\n` +
        v.distribution.map((n, i) => `- ${bands[i]}: \`${bar(n, top)}\` ${n}`).join('\n'),
    },
    {
      type: 'text',
      markdown:
        `**${t('rating.notRatedList')}**\n` +
        (v.notRated.length ? v.notRated.map((n) => `- ${n.name} (${n.missing})`).join('\n') : t('rating.allRated')),
    },
    {
      type: 'text',
      markdown:
        `**${t('rating.coverage')}**\n` +
        v.coverage
          .map(
            (c) =>
              `- ${c.filled < c.of ? '⚠️ ' : ''}${t('rating.coverage.line', { dimension: c.name, filled: c.filled, of: c.of })}`,
          )
          .join('\n'),
    },
  ];
  if (v.coverage.some((c) => c.filled < c.of)) blocks.push({ type: 'note', text: t('rating.coverage.note') });
  if (v.recognise.length)
    blocks.push({
      type: 'text',
      markdown:
        `**${t('rating.recognise')}**\n` +
        v.recognise.map((r) => `- ${r.name}: ${r.dimension} ${r.from.toFixed(1)} → ${r.to.toFixed(1)}`).join('\n'),
    });
  // One button per person (a person may rise on two dimensions), a handful at most.
  const nominate = [...new Map(v.recognise.flatMap((r) => (r.nominate ? [[r.nominate.id, r] as const] : []))).values()];
  if (nominate.length)
    blocks.push({
      type: 'actions',
      buttons: nominate
        .slice(0, 5)
        .map((r) => ({ label: t('nomination.suggest', { name: r.name }), action: r.nominate })),
    });
  blocks.push(...openInApp(v.appUrl, t));
  return card({ header: { title: v.title, tone: 'info' }, blocks });
}

/** Why an indicator import could not take a row, in the reader's language. */
export const importProblemText = (p: { code: string; value: string }, t: Translate): string =>
  t(`rating.import.${p.code}` as MessageKey, { value: p.value });

/** One line per row an indicator import could not take ("Line 3: …"). */
export function importProblemLines(
  problems: readonly { line: number; code: string; value: string }[],
  t: Translate,
): string[] {
  return problems.map((p) => t('rating.error.line', { line: p.line, reason: importProblemText(p, t) }));
}

export function schemesCard(
  schemes: { key: string; name: string; dimensions: { name: string; weight: number }[] }[],
  t: Translate,
): CardView {
  const rows = schemes.map(
    (s) => `- **${s.key}** ${s.name}: ${s.dimensions.map((d) => `${d.name} ${d.weight}%`).join(' · ')}`,
  );
  return card({
    header: { title: t('rating.schemes'), tone: 'neutral' },
    blocks: [{ type: 'text', markdown: rows.join('\n') || '—' }],
  });
}

export interface ClosePreviewView {
  cycleId: number;
  schemeName: string;
  /** The dimensions not filled for everyone. */
  missing: { name: string; filled: number; of: number; noRater: number }[];
  fingerprint: string;
  /** The confirmation pressed was for an older summary. */
  stale?: boolean;
}

/** "Close and publish?" with what is missing; its button carries the summary's fingerprint. */
export function closePreviewCard(v: ClosePreviewView, t: Translate): CardView {
  const lines = v.missing.map(
    (m) =>
      `- ${t('rating.close.line', { dimension: m.name, missing: m.of - m.filled, of: m.of })}${m.noRater ? ` (${t('rating.close.noRaterPart', { n: m.noRater })})` : ''}`,
  );
  return card({
    header: { title: t('rating.close.title', { id: v.cycleId }), subtitle: v.schemeName, tone: 'warning' },
    blocks: [
      ...(v.stale ? [{ type: 'note' as const, text: t('rating.error.stale') }] : []),
      { type: 'text', markdown: `${t('rating.close.missing')}\n${lines.join('\n')}` },
      {
        type: 'actions',
        buttons: [
          {
            label: t('rating.close.confirm'),
            style: 'danger',
            action: { k: 'rating.close', id: String(v.cycleId), v: v.fingerprint },
          },
        ],
      },
      { type: 'note', text: t('rating.close.wait') },
    ],
  });
}
