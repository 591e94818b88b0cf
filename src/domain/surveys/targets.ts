// Report targets HR sets (from the practice in seed 000: participation ≥ 80%, follow-ups resolved ≥ 70%,
// satisfaction ≥ 4.5 of 5), stored as one setting, validated, audited; and each target's status on a report —
// met, not met, or unknown when the figure is not shown (a hidden unit has no satisfaction to compare).
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { settings } from '../../db/schema.js';
import { audit, type Actor } from '../audit.js';

export const TARGETS_KEY = 'report.targets';

export const targetsSchema = z.strictObject({
  /** Share of those asked who answered, 0..1. */
  participation: z.number().min(0).max(1),
  /** Share of follow-ups resolved, 0..1. */
  followUpsResolved: z.number().min(0).max(1),
  /** Average on the 1–5 scale. */
  satisfaction: z.number().min(1).max(5),
});
export type Targets = z.infer<typeof targetsSchema>;
export type TargetKey = keyof Targets;
export const TARGET_KEYS: readonly TargetKey[] = ['participation', 'followUpsResolved', 'satisfaction'];

export const DEFAULT_TARGETS: Targets = { participation: 0.8, followUpsResolved: 0.7, satisfaction: 4.5 };

export async function getTargets(db: Db): Promise<Targets> {
  const row = (await db.select({ value: settings.value }).from(settings).where(eq(settings.key, TARGETS_KEY)))[0];
  const parsed = row ? targetsSchema.safeParse(JSON.parse(row.value)) : undefined;
  return parsed?.success ? parsed.data : DEFAULT_TARGETS;
}

/** HR/admin only (checked by the caller). Bad input changes nothing and names the fields at fault. */
export async function setTargets(
  db: Db,
  input: unknown,
  actor: Actor,
): Promise<{ ok: true; targets: Targets } | { ok: false; fields: TargetKey[] }> {
  const parsed = targetsSchema.safeParse(input);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0])))].filter((f): f is TargetKey =>
      (TARGET_KEYS as readonly string[]).includes(f),
    );
    return { ok: false, fields: fields.length ? fields : [...TARGET_KEYS] };
  }
  const value = JSON.stringify(parsed.data);
  await db
    .insert(settings)
    .values({ key: TARGETS_KEY, value })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: new Date().toISOString() } });
  await audit(db, actor, 'settings.report_targets', TARGETS_KEY, { ...parsed.data });
  return { ok: true, targets: parsed.data };
}

export interface TargetStatus {
  key: TargetKey;
  target: number;
  /** The figure compared, or null when the report does not show it. */
  actual: number | null;
  met: boolean | null;
}

/** Each target against the report's figures: met when the figure reaches it. */
export function targetStatus(
  targets: Targets,
  figures: { participation: number | null; followUpsResolved: number | null; satisfaction: number | null },
): TargetStatus[] {
  return TARGET_KEYS.map((key) => {
    const actual = figures[key];
    return { key, target: targets[key], actual, met: actual === null ? null : actual >= targets[key] - 1e-9 };
  });
}

/** Satisfaction on a report: the mean of its dimension averages; null when none is shown. */
export function satisfactionOf(dimensions: readonly { avg: number }[]): number | null {
  if (dimensions.length === 0) return null;
  return Math.round((dimensions.reduce((s, d) => s + d.avg, 0) / dimensions.length) * 100) / 100;
}
