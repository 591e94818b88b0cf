// Survey templates: the built-in pulse, and templates HR defines (dimensions, items, scale, comment).
import { and, asc, count, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { surveyDimensions, surveyItems, surveyTemplates, surveyWaves } from '../../db/schema.js';
import type { Locale } from '../../vocabulary.js';
import { audit, type Actor } from '../audit.js';
import { ENPS_ITEM, TEAM_PULSE, type TemplateSpec } from './default-template.js';
import { returnedRow } from '../../db/rows.js';
import { prepared } from '../../db/prepared.js';

export interface SurveyItem {
  id: number;
  key: string;
  kind: 'scale' | 'enps';
  dimensionId: number | null;
  text: Record<Locale, string>;
  min: number;
  max: number;
}

export interface SurveyTemplate {
  id: number;
  name: Record<Locale, string>;
  commentEnabled: boolean;
  dimensions: { id: number; key: string; name: Record<Locale, string> }[];
  items: SurveyItem[];
}

export const templateSpecSchema = z.object({
  nameZh: z.string().trim().min(1).max(80),
  nameEn: z.string().trim().min(1).max(80),
  scaleMin: z.number().int().min(0).max(1).default(1),
  scaleMax: z.number().int().min(3).max(10).default(5),
  commentEnabled: z.boolean().default(true),
  enps: z.boolean().default(false),
  dimensions: z
    .array(
      z.object({
        key: z.string().regex(/^[a-z0-9-]{1,32}$/),
        nameZh: z.string().trim().min(1).max(60),
        nameEn: z.string().trim().min(1).max(60),
        items: z
          .array(
            z.object({
              key: z.string().regex(/^[a-z0-9-]{1,32}$/),
              zh: z.string().trim().min(1).max(200),
              en: z.string().trim().min(1).max(200),
            }),
          )
          .min(1)
          .max(10),
      }),
    )
    .min(1)
    .max(6),
});

export async function createTemplate(db: Db, spec: TemplateSpec, actor: Actor): Promise<number> {
  const t = returnedRow(
    await db
      .insert(surveyTemplates)
      .values({
        key: spec.key ?? null,
        nameZh: spec.nameZh,
        nameEn: spec.nameEn,
        scaleMin: spec.scaleMin,
        scaleMax: spec.scaleMax,
        commentEnabled: spec.commentEnabled,
        createdBy: actor.kind === 'employee' ? actor.employeeId : null,
      })
      .returning({ id: surveyTemplates.id }),
    'insert surveyTemplates',
  );
  let position = 0;
  for (const [di, d] of spec.dimensions.entries()) {
    const dim = returnedRow(
      await db
        .insert(surveyDimensions)
        .values({ templateId: t.id, key: d.key, nameZh: d.nameZh, nameEn: d.nameEn, position: di })
        .returning({ id: surveyDimensions.id }),
      'insert surveyDimensions',
    );
    for (const item of d.items) {
      await db.insert(surveyItems).values({
        templateId: t.id,
        dimensionId: dim.id,
        kind: 'scale',
        key: `${d.key}.${item.key}`,
        textZh: item.zh,
        textEn: item.en,
        position: position++,
      });
    }
  }
  if (spec.enps)
    await db.insert(surveyItems).values({
      templateId: t.id,
      dimensionId: null,
      kind: 'enps',
      key: ENPS_ITEM.key,
      textZh: ENPS_ITEM.zh,
      textEn: ENPS_ITEM.en,
      position,
    });
  await audit(db, actor, 'survey.template.create', String(t.id), { name: spec.nameEn });
  return t.id;
}

/** The built-in pulse template, created on first use. */
export async function ensureDefaultTemplate(db: Db): Promise<number> {
  const found = (
    await db
      .select({ id: surveyTemplates.id })
      .from(surveyTemplates)
      .where(eq(surveyTemplates.key, TEAM_PULSE.key!))
      .limit(1)
  )[0];
  return found?.id ?? (await createTemplate(db, TEAM_PULSE, { kind: 'system' }));
}

// Read by every report and trend (156 of them for the bench's /report pulse over all waves): built once (issue 22).
const templateRow = prepared((db) =>
  db
    .select()
    .from(surveyTemplates)
    .where(eq(surveyTemplates.id, sql.placeholder('id')))
    .limit(1),
);
const dimensionRows = prepared((db) =>
  db
    .select()
    .from(surveyDimensions)
    .where(eq(surveyDimensions.templateId, sql.placeholder('id')))
    .orderBy(asc(surveyDimensions.position)),
);
const itemRows = prepared((db) =>
  db
    .select()
    .from(surveyItems)
    .where(eq(surveyItems.templateId, sql.placeholder('id')))
    .orderBy(asc(surveyItems.position)),
);

export async function getTemplate(db: Db, id: number): Promise<SurveyTemplate | undefined> {
  const t = (await templateRow(db, { id }))[0];
  if (!t) return undefined;
  const dims = await dimensionRows(db, { id });
  const items = await itemRows(db, { id });
  return {
    id: t.id,
    name: { 'zh-CN': t.nameZh, en: t.nameEn },
    commentEnabled: t.commentEnabled,
    dimensions: dims.map((d) => ({ id: d.id, key: d.key, name: { 'zh-CN': d.nameZh, en: d.nameEn } })),
    items: items.map((i) => ({
      id: i.id,
      key: i.key,
      kind: i.kind,
      dimensionId: i.dimensionId,
      text: { 'zh-CN': i.textZh, en: i.textEn },
      min: i.kind === 'enps' ? 0 : t.scaleMin,
      max: i.kind === 'enps' ? 10 : t.scaleMax,
    })),
  };
}

export async function listTemplates(db: Db): Promise<{ id: number; name: Record<Locale, string> }[]> {
  return (
    await db
      .select({ id: surveyTemplates.id, nameZh: surveyTemplates.nameZh, nameEn: surveyTemplates.nameEn })
      .from(surveyTemplates)
      .where(and(eq(surveyTemplates.active, true)))
      .orderBy(asc(surveyTemplates.id))
  ).map((t) => ({ id: t.id, name: { 'zh-CN': t.nameZh, en: t.nameEn } }));
}

/** A template as the admin list shows it: what it holds and how often it was sent (a used template is
 *  never edited in place — reports of its waves depend on its items). */
export interface TemplateSummary {
  id: number;
  builtIn: boolean;
  name: Record<Locale, string>;
  dimensions: number;
  items: number;
  waves: number;
  createdBy: number | null;
  createdAt: string;
}

export async function templateSummaries(db: Db): Promise<TemplateSummary[]> {
  const dims = new Map(
    (
      await db
        .select({ id: surveyDimensions.templateId, n: count() })
        .from(surveyDimensions)
        .groupBy(surveyDimensions.templateId)
    ).map((r) => [r.id, r.n]),
  );
  const items = new Map(
    (
      await db
        .select({ id: surveyItems.templateId, n: count() })
        .from(surveyItems)
        .where(eq(surveyItems.kind, 'scale'))
        .groupBy(surveyItems.templateId)
    ).map((r) => [r.id, r.n]),
  );
  const waves = new Map(
    (await db.select({ id: surveyWaves.templateId, n: count() }).from(surveyWaves).groupBy(surveyWaves.templateId)).map(
      (r) => [r.id, r.n],
    ),
  );
  return (
    await db.select().from(surveyTemplates).where(eq(surveyTemplates.active, true)).orderBy(asc(surveyTemplates.id))
  ).map((t) => ({
    id: t.id,
    builtIn: t.key !== null,
    name: { 'zh-CN': t.nameZh, en: t.nameEn },
    dimensions: dims.get(t.id) ?? 0,
    items: items.get(t.id) ?? 0,
    waves: waves.get(t.id) ?? 0,
    createdBy: t.createdBy,
    createdAt: t.createdAt,
  }));
}

/** How many waves were sent with a template. */
export async function templateWaveCount(db: Db, id: number): Promise<number> {
  return (await db.select({ n: count() }).from(surveyWaves).where(eq(surveyWaves.templateId, id)).limit(1))[0]?.n ?? 0;
}

/** A stored template back as a spec (no built-in key), to start a new template from a copy of it. */
export async function templateSpecOf(db: Db, id: number): Promise<TemplateSpec | undefined> {
  const row = (await db.select().from(surveyTemplates).where(eq(surveyTemplates.id, id)).limit(1))[0];
  const t = await getTemplate(db, id);
  if (!row || !t) return undefined;
  return {
    nameZh: row.nameZh,
    nameEn: row.nameEn,
    scaleMin: row.scaleMin,
    scaleMax: row.scaleMax,
    commentEnabled: row.commentEnabled,
    enps: t.items.some((i) => i.kind === 'enps'),
    dimensions: t.dimensions.map((d) => ({
      key: d.key,
      nameZh: d.name['zh-CN'],
      nameEn: d.name.en,
      // Stored item keys are "<dimension>.<item>"; the spec holds the item part.
      items: t.items
        .filter((i) => i.dimensionId === d.id)
        .map((i) => ({
          key: i.key.startsWith(`${d.key}.`) ? i.key.slice(d.key.length + 1) : i.key,
          zh: i.text['zh-CN'],
          en: i.text.en,
        })),
    })),
  };
}

/** Keys repeated inside a spec (two dimensions, or two items of one dimension, with the same key), as
 *  field paths like `dimensions.1.key` — the schema checks each key's shape, not that they are distinct. */
export function duplicateKeys(spec: Pick<TemplateSpec, 'dimensions'>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  spec.dimensions.forEach((d, di) => {
    if (seen.has(d.key)) out.push(`dimensions.${di}.key`);
    seen.add(d.key);
    const items = new Set<string>();
    d.items.forEach((i, ii) => {
      if (items.has(i.key)) out.push(`dimensions.${di}.items.${ii}.key`);
      items.add(i.key);
    });
  });
  return out;
}
