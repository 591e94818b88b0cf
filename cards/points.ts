// Points cards: the claim form, the value tags, a balance with recent entries, the leaderboard, rewards,
// "points landed".
import type { Translate } from '../src/i18n/index.js';
import { appButton, openInApp } from './app-link.js';
import { bar } from './pulse-report.js';
import { card, type CardView } from './view.js';

export interface ClaimFormView {
  tags: { id: number; label: string }[];
  /** The unit select's options: the unit of numbers typed without one. */
  units: readonly ('cny' | 'percent' | 'hours' | 'days' | 'other')[];
  /** Prefilled values when editing a returned claim. */
  values?: { tagId?: number; description?: string; amount?: string; unit?: string; note?: string };
  submit: { k: string; id?: string; v?: string };
}

export function claimFormCard(v: ClaimFormView, t: Translate): CardView {
  const units = v.units.map((u) => ({ value: u, label: t(`claim.unit.${u}`) }));
  return card({
    header: { title: t('claim.title'), tone: 'info' },
    blocks: [
      { type: 'text', markdown: t('claim.intro') },
      {
        type: 'form',
        id: 'claim',
        fields: [
          {
            type: 'choice',
            id: 'tag',
            label: t('claim.tag'),
            options: v.tags.map((x) => ({ value: String(x.id), label: x.label })),
            selected: v.values?.tagId ? [String(v.values.tagId)] : undefined,
            required: true,
          },
          {
            type: 'input',
            id: 'description',
            label: t('claim.description'),
            placeholder: t('claim.descriptionPlaceholder'),
            multiline: true,
            maxLength: 1000,
            required: true,
            value: v.values?.description,
          },
          {
            type: 'input',
            id: 'amount',
            label: t('claim.amount'),
            placeholder: t('claim.value.placeholder'),
            maxLength: 200,
            value: v.values?.amount,
          },
          {
            type: 'choice',
            id: 'unit',
            label: t('claim.unit'),
            options: units,
            selected: [v.values?.unit ?? 'cny'],
            required: true,
          },
          {
            type: 'input',
            id: 'note',
            label: t('claim.note'),
            placeholder: t('claim.notePlaceholder'),
            maxLength: 500,
            value: v.values?.note,
          },
        ],
        openLabel: t('claim.open'),
        submit: { label: t('claim.submit'), action: v.submit },
      },
    ],
  });
}

export interface TagsView {
  /** Names, descriptions and category labels already in the reader's language. */
  tags: { id: number; name: string; points: number; min: number; max: number; description: string; category: string }[];
}

/** The value tags, grouped by category (in the catalogue's order), with a button to claim. */
export function tagsCard(v: TagsView, t: Translate): CardView {
  const groups = new Map<string, TagsView['tags']>();
  for (const tag of v.tags) groups.set(tag.category, [...(groups.get(tag.category) ?? []), tag]);
  const line = (tag: TagsView['tags'][number]) =>
    `- **#${tag.id} ${tag.name}** · ${t('tags.points', { points: tag.points, min: tag.min, max: tag.max })}${tag.description ? ` — ${tag.description}` : ''}`;
  const markdown = [...groups]
    .map(([category, tags]) => [`**${category}**`, ...tags.map(line)].join('\n'))
    .join('\n\n');
  return card({
    header: { title: t('tags.title'), tone: 'neutral' },
    blocks: [
      { type: 'text', markdown: markdown || t('tags.none') },
      { type: 'actions', buttons: [{ label: t('claim.title'), style: 'primary', action: { k: 'claim.open' } }] },
    ],
  });
}

export function balanceCard(
  v: { balance: number; entries: { at: string; what: string; points: number }[]; appUrl?: string },
  t: Translate,
): CardView {
  return card({
    header: { title: t('points.title'), tone: 'info' },
    blocks: [
      { type: 'fields', fields: [{ label: t('points.balance'), value: String(v.balance) }] },
      {
        type: 'text',
        markdown: v.entries.length
          ? v.entries.map((e) => `- ${e.at} · ${e.what} · **${e.points > 0 ? '+' : ''}${e.points}**`).join('\n')
          : t('points.none'),
      },
      {
        type: 'actions',
        buttons: [
          { label: t('claim.title'), style: 'primary', action: { k: 'claim.open' } },
          { label: t('rewards.title'), action: { k: 'rewards.open' } },
          ...(v.appUrl ? [appButton(v.appUrl, t)] : []),
        ],
      },
    ],
  });
}

export function leaderboardCard(
  v: { scope: string; period: string; rows: { name: string; points: number }[] },
  t: Translate,
): CardView {
  const top = v.rows[0]?.points ?? 1;
  return card({
    header: { title: t('points.top.title'), subtitle: `${v.scope} · ${v.period}`, tone: 'info' },
    blocks: [
      {
        type: 'text',
        markdown: v.rows.length
          ? v.rows.map((r, i) => `${i + 1}. ${r.name} \`${bar(r.points, top)}\` **${r.points}**`).join('\n')
          : t('points.none'),
      },
    ],
  });
}

export function rewardsCard(
  v: { balance: number; rewards: { id: number; label: string; cost: number }[]; appUrl?: string },
  t: Translate,
): CardView {
  return card({
    header: { title: t('rewards.title'), subtitle: t('points.balanceIs', { balance: v.balance }), tone: 'info' },
    blocks: [
      { type: 'text', markdown: v.rewards.map((r) => `- ${r.label} — **${r.cost}**`).join('\n') || t('points.none') },
      ...(v.rewards.length
        ? [
            {
              type: 'actions' as const,
              buttons: v.rewards.map((r) => ({
                label: `${t('rewards.redeem')}: ${r.label}`,
                action: { k: 'reward.redeem', id: String(r.id) },
              })),
            },
          ]
        : []),
      ...openInApp(v.appUrl, t),
    ],
  });
}

export function pointsLandedCard(
  v: { who: string; points: number; tag: string; balance?: number; appUrl?: string },
  t: Translate,
): CardView {
  return card({
    header: { title: t('points.landed.title', { points: v.points }), tone: 'success' },
    blocks: [
      { type: 'text', markdown: t('points.landed.body', { who: v.who, points: v.points, tag: v.tag }) },
      ...(v.balance !== undefined
        ? [{ type: 'fields' as const, fields: [{ label: t('points.balance'), value: String(v.balance) }] }]
        : []),
      ...openInApp(v.appUrl, t),
    ],
  });
}
