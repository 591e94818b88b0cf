// The states of a training record and who may move it (pure): an approved enrolment goes enrolled → attended
// → completed, one step at a time and never back. The person marks their own; HR marks anyone's.

export const TRAINING_STATES = ['enrolled', 'attended', 'completed'] as const;
export type TrainingState = (typeof TRAINING_STATES)[number];
/** A state someone can mark (enrolled comes from the approved request). */
export type MarkableState = Exclude<TrainingState, 'enrolled'>;

export type TransitionRefusal =
  /** Not the person and not HR (a manager or head only looks). */
  | 'not_yours'
  /** Already there or past it: a record never goes back. */
  | 'backwards'
  /** Completed straight from enrolled: attendance is recorded first. */
  | 'skip';

export function nextTrainingState(
  current: TrainingState,
  to: MarkableState,
  who: { isOwner: boolean; isHr: boolean },
): { ok: true; state: MarkableState } | { ok: false; code: TransitionRefusal } {
  if (!who.isOwner && !who.isHr) return { ok: false, code: 'not_yours' };
  const from = TRAINING_STATES.indexOf(current);
  const target = TRAINING_STATES.indexOf(to);
  if (target <= from) return { ok: false, code: 'backwards' };
  if (target > from + 1) return { ok: false, code: 'skip' };
  return { ok: true, state: to };
}
