// Value tags (what earns points) and rewards (what points buy), defined by HR; seeded from common practice.
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { rewards, valueTags } from '../../db/schema.js';
import { audit, type Actor } from '../audit.js';
import { problem, type Issue } from '../../i18n/issues.js';
import { returnedRow, changedRows } from '../../db/rows.js';

export const tagInputSchema = z.object({
  nameZh: z.string().trim().min(1).max(40),
  nameEn: z.string().trim().min(1).max(60),
  descriptionZh: z.string().trim().max(200).default(''),
  descriptionEn: z.string().trim().max(200).default(''),
  category: z.string().trim().min(1).max(40),
  points: z.number().int().min(1).max(10_000),
  minPoints: z.number().int().min(1).optional(),
  maxPoints: z.number().int().max(10_000).optional(),
});
export type TagInput = z.input<typeof tagInputSchema>;

// Defaults from common practice (the issue's list); an approver may adjust within ±50%.
const DEFAULT_TAGS: TagInput[] = [
  {
    nameZh: '流程优化',
    nameEn: 'Process optimisation',
    category: 'efficiency',
    points: 120,
    descriptionZh: '让流程更快、更省、更少出错',
    descriptionEn: 'Made a process faster, cheaper or less error-prone',
  },
  {
    nameZh: '跨部门支持',
    nameEn: 'Cross-department support',
    category: 'collaboration',
    points: 50,
    descriptionZh: '主动支持其他团队完成目标',
    descriptionEn: 'Helped another team reach its goal',
  },
  {
    nameZh: '解决重大问题',
    nameEn: 'Major problem solved',
    category: 'impact',
    points: 200,
    descriptionZh: '解决了影响业务的重大问题',
    descriptionEn: 'Solved a problem that was hurting the business',
  },
  {
    nameZh: '数据驱动决策',
    nameEn: 'Data-driven decision',
    category: 'impact',
    points: 150,
    descriptionZh: '用数据分析推动了更好的决策',
    descriptionEn: 'Analysis that led to a better decision',
  },
  {
    nameZh: '成本控制',
    nameEn: 'Cost control',
    category: 'efficiency',
    points: 100,
    descriptionZh: '降低了成本或避免了浪费',
    descriptionEn: 'Cut costs or avoided waste',
  },
  {
    nameZh: '技术赋能业务',
    nameEn: 'Technology enabling the business',
    category: 'innovation',
    points: 200,
    descriptionZh: '用技术让业务做成了以前做不到的事',
    descriptionEn: 'Technology that let the business do something new',
  },
  {
    nameZh: '招聘效率',
    nameEn: 'Recruiting efficiency',
    category: 'people',
    points: 100,
    descriptionZh: '更快或更好地招到合适的人',
    descriptionEn: 'Hired the right people faster or better',
  },
  {
    nameZh: '人才培养',
    nameEn: 'People development',
    category: 'people',
    points: 120,
    descriptionZh: '带教、分享，让同事成长',
    descriptionEn: 'Coached or taught colleagues so they grew',
  },
];

const DEFAULT_REWARDS = [
  { nameZh: '现金奖励 ¥500', nameEn: 'Cash bonus ¥500', category: 'bonus' as const, cost: 500 },
  { nameZh: '额外带薪假 1 天', nameEn: 'One extra day of paid leave', category: 'leave' as const, cost: 300 },
  { nameZh: '外部培训课程', nameEn: 'External training course', category: 'training' as const, cost: 400 },
];

/** Refused: the problems as issues (codes and params; the edge words them, src/i18n/issues.ts). */
export async function createTag(
  db: Db,
  input: TagInput,
  actor: Actor,
): Promise<{ ok: true; id: number } | { ok: false; issues: Issue[] }> {
  const p = tagInputSchema.safeParse(input);
  if (!p.success) return { ok: false, issues: p.error.issues };
  const t = p.data;
  const min = t.minPoints ?? Math.max(1, Math.round(t.points * 0.5));
  const max = t.maxPoints ?? Math.round(t.points * 1.5);
  if (min > t.points || max < t.points)
    return { ok: false, issues: [problem(['points'], 'points_range', { min, points: t.points, max })] };
  const row = returnedRow(
    await db
      .insert(valueTags)
      .values({ ...t, minPoints: min, maxPoints: max })
      .returning({ id: valueTags.id }),
    'insert valueTags',
  );
  await audit(db, actor, 'points.tag.create', String(row.id), { name: t.nameEn, points: t.points });
  return { ok: true, id: row.id };
}

export async function retireTag(db: Db, id: number, actor: Actor): Promise<boolean> {
  const changed = changedRows(await db.update(valueTags).set({ active: false }).where(eq(valueTags.id, id))) === 1;
  if (changed) await audit(db, actor, 'points.tag.retire', String(id));
  return changed;
}

/** Seed the default tags and rewards into an empty catalogue. */
export async function ensureDefaultCatalogue(db: Db): Promise<void> {
  if (!(await db.select({ id: valueTags.id }).from(valueTags).limit(1))[0])
    for (const t of DEFAULT_TAGS) await createTag(db, t, { kind: 'system' });
  if (!(await db.select({ id: rewards.id }).from(rewards).limit(1))[0])
    await db.insert(rewards).values(DEFAULT_REWARDS);
}

export async function listTags(db: Db, includeRetired = false) {
  const rows = await db.select().from(valueTags).orderBy(asc(valueTags.id));
  return includeRetired ? rows : rows.filter((t) => t.active);
}

export async function getTag(db: Db, id: number) {
  return (await db.select().from(valueTags).where(eq(valueTags.id, id)).limit(1))[0];
}

export async function listRewards(db: Db) {
  return await db.select().from(rewards).where(eq(rewards.active, true)).orderBy(asc(rewards.cost));
}

export async function getReward(db: Db, id: number) {
  return (await db.select().from(rewards).where(eq(rewards.id, id)).limit(1))[0];
}

export const rewardInputSchema = z.object({
  nameZh: z.string().trim().min(1).max(40),
  nameEn: z.string().trim().min(1).max(60),
  category: z.enum(['bonus', 'leave', 'training', 'other']),
  cost: z.number().int().min(1).max(100_000),
});

export async function createReward(
  db: Db,
  input: unknown,
  actor: Actor,
): Promise<{ ok: true; id: number } | { ok: false; issues: Issue[] }> {
  const p = rewardInputSchema.safeParse(input);
  if (!p.success) return { ok: false, issues: p.error.issues };
  const row = returnedRow(await db.insert(rewards).values(p.data).returning({ id: rewards.id }), 'insert rewards');
  await audit(db, actor, 'points.reward.create', String(row.id), { name: p.data.nameEn, cost: p.data.cost });
  return { ok: true, id: row.id };
}

export async function retireReward(db: Db, id: number, actor: Actor): Promise<boolean> {
  const changed = changedRows(await db.update(rewards).set({ active: false }).where(eq(rewards.id, id))) === 1;
  if (changed) await audit(db, actor, 'points.reward.retire', String(id));
  return changed;
}
