// Each report's rows as a table in the reader's language (pure). The rows come from the read models
// (reads/*.ts); names HR wrote in two languages (dimensions, items, tags, flows) arrive with both.
import type { Translate } from '../../i18n/index.js';
import { categoryLabel } from '../points/categories.js';
import type { Locale } from '../../vocabulary.js';
import type { Cell, Table } from './table.js';

export type LocalText = Record<Locale, string>;

export interface PulseExportRows {
  waveId: number;
  dimensions: LocalText[];
  items: LocalText[];
  /** Published groups only (K-protected at close): a hidden unit is not a row. */
  units: { path: string; responses: number; dimensions: (number | null)[]; items: (number | null)[] }[];
}

export function pulseTable(r: PulseExportRows, t: Translate, locale: Locale): Table {
  return {
    title: t('export.sheet.pulse', { wave: r.waveId }),
    headers: [
      t('export.col.unit'),
      t('export.col.responses'),
      ...r.dimensions.map((d) => d[locale]),
      ...r.items.map((i) => i[locale]),
    ],
    rows: r.units.map((u) => [u.path, u.responses, ...u.dimensions, ...u.items]),
  };
}

export type LedgerKindName = 'award' | 'hold' | 'release' | 'adjustment';

export interface LedgerExportRow {
  /** ISO instant. */
  at: string;
  /** The calendar day in the company's time zone (YYYY-MM-DD). */
  day: string;
  employeeId: number;
  person: string;
  email: string | null;
  unit: string | null;
  kind: LedgerKindName;
  points: number;
  /** The value tag of a claim's award (and its redemption entries have none). */
  tag: { id: number; name: LocalText; category: string } | null;
  source: string;
  note: string | null;
  /** A claim's award: the value it says it created, in money (¥) and hours saved (the quantities with those units). */
  value?: { cny: number; hours: number };
}

export function ledgerTable(rows: readonly LedgerExportRow[], t: Translate, locale: Locale): Table {
  return {
    title: t('export.sheet.ledger'),
    headers: ['date', 'person', 'email', 'unit', 'kind', 'points', 'tag', 'source', 'note'].map((k) =>
      t(`export.col.${k}` as Parameters<Translate>[0]),
    ),
    rows: rows.map((r) => [
      r.day,
      r.person,
      r.email,
      r.unit,
      t(`export.kind.${r.kind}`),
      r.points,
      r.tag?.name[locale] ?? null,
      r.source,
      r.note,
    ]),
  };
}

/** Points earned (awards and adjustments) and redeemed (holds net of releases) per unit, from ledger rows. */
export function byUnitTable(rows: readonly LedgerExportRow[], t: Translate): Table {
  const units = new Map<string, { people: Set<number>; entries: number; earned: number; spent: number }>();
  for (const r of rows) {
    const key = r.unit ?? '—';
    const u = units.get(key) ?? { people: new Set(), entries: 0, earned: 0, spent: 0 };
    u.people.add(r.employeeId);
    u.entries += 1;
    if (r.kind === 'award' || r.kind === 'adjustment') u.earned += r.points;
    else u.spent -= r.points;
    units.set(key, u);
  }
  return {
    title: t('export.sheet.byUnit'),
    headers: [
      t('export.col.unit'),
      t('export.col.people'),
      t('export.col.entries'),
      t('export.col.earned'),
      t('export.col.spent'),
    ],
    rows: [...units]
      .sort(([a, x], [b, y]) => y.earned - x.earned || a.localeCompare(b))
      .map(([unit, u]): Cell[] => [unit, u.people.size, u.entries, u.earned, u.spent]),
  };
}

/** Awards per value tag (the claim's tag), from ledger rows; entries with no tag are not claims and are left out. */
export function byTagTable(rows: readonly LedgerExportRow[], t: Translate, locale: Locale): Table {
  const tags = new Map<
    number,
    { name: string; category: string; claims: number; points: number; people: Set<number> }
  >();
  for (const r of rows) {
    if (!r.tag || r.kind !== 'award') continue;
    const x = tags.get(r.tag.id) ?? {
      name: r.tag.name[locale],
      category: categoryLabel(r.tag.category, t),
      claims: 0,
      points: 0,
      people: new Set<number>(),
    };
    x.claims += 1;
    x.points += r.points;
    x.people.add(r.employeeId);
    tags.set(r.tag.id, x);
  }
  return {
    title: t('export.sheet.byTag'),
    headers: [
      t('export.col.tag'),
      t('export.col.category'),
      t('export.col.claims'),
      t('export.col.people'),
      t('export.col.earned'),
    ],
    rows: [...tags.values()]
      .sort((a, b) => b.points - a.points || a.name.localeCompare(b.name))
      .map((x): Cell[] => [x.name, x.category, x.claims, x.people.size, x.points]),
  };
}

export interface RatingsExportRows {
  cycleId: number;
  dimensions: { key: string; name: LocalText }[];
  people: {
    name: string;
    email: string | null;
    unit: string | null;
    scores: Record<string, number>;
    composite: number | null;
    missing: string[];
  }[];
}

export function ratingsTable(r: RatingsExportRows, t: Translate, locale: Locale): Table {
  const dimName = new Map(r.dimensions.map((d) => [d.key, d.name[locale]]));
  return {
    title: t('export.sheet.ratings', { cycle: r.cycleId }),
    headers: [
      t('export.col.person'),
      t('export.col.email'),
      t('export.col.unit'),
      ...r.dimensions.map((d) => d.name[locale]),
      t('export.col.composite'),
      t('export.col.missing'),
    ],
    rows: r.people.map((p) => [
      p.name,
      p.email,
      p.unit,
      ...r.dimensions.map((d) => p.scores[d.key] ?? null),
      p.composite,
      p.missing.map((k) => dimName.get(k) ?? k).join(t('list.separator')),
    ]),
  };
}

export interface TurnaroundExportRow {
  name: LocalText;
  submitted: number;
  approved: number;
  rejected: number;
  returned: number;
  cancelled: number;
  open: number;
  overdue: number;
  medianHoursToDecision?: number;
  p90HoursToDecision?: number;
  medianHoursPerStep?: number;
}

export function turnaroundTable(rows: readonly TurnaroundExportRow[], t: Translate, locale: Locale): Table {
  return {
    title: t('export.sheet.turnaround'),
    headers: [
      'flow',
      'submitted',
      'approved',
      'rejected',
      'returned',
      'cancelled',
      'open',
      'overdue',
      'medianHours',
      'p90Hours',
      'stepHours',
    ].map((k) => t(`export.col.${k}` as Parameters<Translate>[0])),
    rows: rows.map((f) => [
      f.name[locale],
      f.submitted,
      f.approved,
      f.rejected,
      f.returned,
      f.cancelled,
      f.open,
      f.overdue,
      f.medianHoursToDecision ?? null,
      f.p90HoursToDecision ?? null,
      f.medianHoursPerStep ?? null,
    ]),
  };
}

/**
 * Where value comes from (issue 25 §2): per unit, the points its people's claims earned under each value tag,
 * their total, and the value the claims say they created — money (¥) and hours saved, the hours also in money at
 * HR's hourly cost when one is set. A low figure in one cell ("cross-team support in Finance") is the question
 * to ask. Claims only (awards with a tag); adjustments and redemptions are not value created.
 */
export function valueSourcesTable(
  rows: readonly LedgerExportRow[],
  t: Translate,
  locale: Locale,
  hourlyCost?: number,
): Table {
  const tags = new Map<number, string>();
  const units = new Map<
    string,
    { people: Set<number>; byTag: Map<number, number>; points: number; cny: number; hours: number }
  >();
  for (const r of rows) {
    if (!r.tag || r.kind !== 'award') continue;
    tags.set(r.tag.id, r.tag.name[locale]);
    const key = r.unit ?? '—';
    const u = units.get(key) ?? { people: new Set(), byTag: new Map(), points: 0, cny: 0, hours: 0 };
    u.people.add(r.employeeId);
    u.byTag.set(r.tag.id, (u.byTag.get(r.tag.id) ?? 0) + r.points);
    u.points += r.points;
    u.cny += r.value?.cny ?? 0;
    u.hours += r.value?.hours ?? 0;
    units.set(key, u);
  }
  const tagIds = [...tags].sort(([, a], [, b]) => a.localeCompare(b, locale)).map(([id]) => id);
  const money = (n: number) => Math.round(n * 100) / 100;
  return {
    title: t('export.sheet.valueSources'),
    headers: [
      t('export.col.unit'),
      t('export.col.people'),
      ...tagIds.map((id) => tags.get(id)!),
      t('export.col.earned'),
      t('export.col.valueCny'),
      t('export.col.hoursSaved'),
      ...(hourlyCost !== undefined ? [t('export.col.hoursCny', { rate: hourlyCost })] : []),
    ],
    rows: [...units]
      .sort(([a, x], [b, y]) => y.points - x.points || a.localeCompare(b))
      .map(([unit, u]): Cell[] => [
        unit,
        u.people.size,
        ...tagIds.map((id) => u.byTag.get(id) ?? 0),
        u.points,
        money(u.cny),
        money(u.hours),
        ...(hourlyCost !== undefined ? [money(u.hours * hourlyCost)] : []),
      ]),
  };
}
