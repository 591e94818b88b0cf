// Which follow-ups need attention on a desk: not done and due within the next days, the overdue ones
// (due before today) first. Pure: the caller picks the follow-ups in scope and says what day it is.
import type { FollowUp } from './follow-ups.js';

/** A desk's look-ahead: a follow-up due within a week counts as due. */
export const DUE_WITHIN_DAYS = 7;

export interface FollowUpsDue {
  /** Not done (open or in progress). */
  open: number;
  /** Not done and due on or before today + `withinDays` (overdue included). */
  due: number;
  /** Not done and due before today. */
  overdue: number;
  /** The due ones, soonest first (then by id). */
  items: FollowUp[];
}

/** `today` and every due date are calendar days (YYYY-MM-DD), compared as strings. */
export function followUpsDue(
  rows: readonly FollowUp[],
  today: string,
  withinDays: number = DUE_WITHIN_DAYS,
): FollowUpsDue {
  const horizon = new Date(Date.parse(`${today}T00:00:00Z`) + withinDays * 86_400_000).toISOString().slice(0, 10);
  const notDone = rows.filter((f) => f.status !== 'done');
  const items = notDone
    .filter((f) => f.dueDate <= horizon)
    .sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.id - b.id));
  return {
    open: notDone.length,
    due: items.length,
    overdue: items.filter((f) => f.dueDate < today).length,
    items,
  };
}
