// When the people who have not answered a wave are reminded: a pure plan from the wave's open and close
// times, used both to send (sendDueReminders) and to tell HR at launch what will go out when.
// - a short wave (3 days or less): at half time, and when three quarters have passed — on its last day;
// - a longer one: each configured day after opening, and the last day (24 h before closing), without two
//   reminders within half a day of each other.

const DAY = 24 * 60 * 60 * 1000;
/** Up to this length a wave is "short": configured days would fall too late or not at all. */
export const SHORT_WAVE_MS = 3 * DAY;

export interface ReminderPlanInput {
  openedAt: Date;
  closesAt: Date;
  /** Days after opening HR configured (long waves only). */
  reminderDays: readonly number[];
}

export function planReminders(wave: ReminderPlanInput): Date[] {
  const open = wave.openedAt.getTime();
  const close = wave.closesAt.getTime();
  const length = close - open;
  if (length <= 0) return [];
  if (length <= SHORT_WAVE_MS) return [open + length / 2, open + (length * 3) / 4].map((t) => new Date(Math.round(t)));
  const times = [...new Set(wave.reminderDays)]
    .filter((d) => Number.isInteger(d) && d >= 1)
    .map((d) => open + d * DAY)
    .filter((t) => t < close);
  const lastDay = close - DAY;
  if (times.every((t) => Math.abs(t - lastDay) >= DAY / 2)) times.push(lastDay);
  return times.sort((a, b) => a - b).map((t) => new Date(t));
}
