// What an adapter's attendance source hands the domain: per person and day, the platform's verdict on each
// punch in the port's words (classify.ts). Defined here, as DirectorySnapshot is, so the domain never points
// up at the port; src/bot/port.ts re-exports it.
import type { PunchResult } from './classify.js';

export interface PlatformAttendanceDay {
  /** The person's id on the platform (Feishu open_id, DingTalk userid): the identity the directory linked. */
  externalUserId: string;
  /** YYYY-MM-DD, the platform's work date (the company's calendar). */
  day: string;
  in?: PunchResult;
  out?: PunchResult;
  /** Minutes after the shift's start of a late clock-in. */
  lateMinutes?: number | null;
}

export interface AttendanceSource {
  /**
   * Every day from fromDay to toDay (YYYY-MM-DD, inclusive) the platform has a result for, for these people.
   * A person the platform has no records for simply has no days (never invented "absent" days). Throttled
   * calls are waited out and retried inside; anything else throws.
   */
  fetchDays(
    people: readonly { externalUserId: string }[],
    fromDay: string,
    toDay: string,
  ): Promise<PlatformAttendanceDay[]>;
}
