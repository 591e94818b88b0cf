// Follow-up resolution across waves, organisation-wide: the share of follow-ups resolved and the median time
// from creation to resolution. Follow-ups carry no answers (a title, an owner, a unit), so this needs no
// anonymity threshold. The rule is a pure function; the read is one statement.
import { followUps } from '../../db/schema.js';
import type { Db } from '../../db/connection.js';

export interface FollowUpTimes {
  status: 'open' | 'in_progress' | 'done';
  createdAt: string;
  resolvedAt: string | null;
}

export interface FollowUpResolution {
  total: number;
  resolved: number;
  /** resolved / total; null when there are none. */
  rate: number | null;
  /** Median days from creation to resolution over the resolved ones that say when; null when none does. */
  medianDays: number | null;
}

const DAY_MS = 86_400_000;

/** The median of a list of numbers (the mean of the middle two for an even count); null for none. */
export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Parses both stored forms of a timestamp (ISO from the app, "YYYY-MM-DD HH:MM:SS" from a database default). */
function ms(at: string): number {
  return Date.parse(/T/.test(at) ? at : `${at.replace(' ', 'T')}Z`);
}

export function followUpResolution(rows: readonly FollowUpTimes[]): FollowUpResolution {
  const done = rows.filter((r) => r.status === 'done');
  // A follow-up marked done before resolved_at existed has no time: counted as resolved, left out of the median.
  const days = done
    .filter((r) => r.resolvedAt !== null)
    .map((r) => Math.max(0, ms(r.resolvedAt!) - ms(r.createdAt)) / DAY_MS)
    .filter((d) => Number.isFinite(d));
  const m = median(days);
  return {
    total: rows.length,
    resolved: done.length,
    rate: rows.length ? done.length / rows.length : null,
    medianDays: m === null ? null : Math.round(m * 10) / 10,
  };
}

/** Every follow-up of every wave (and those recorded without one). */
export async function organisationFollowUps(db: Db): Promise<FollowUpResolution> {
  const rows = await db
    .select({ status: followUps.status, createdAt: followUps.createdAt, resolvedAt: followUps.resolvedAt })
    .from(followUps);
  return followUpResolution(rows);
}
