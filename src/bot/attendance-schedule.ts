// The hourly attendance sync: each platform with attendance (Feishu, DingTalk) is read for yesterday and today
// once an hour, at minute 17 (clear of the minute tick's survey work on the hour). One instance at a time: the
// job takes its lease first (src/domain/job-leases.ts), as the directory sync does. node-cron only triggers;
// what was read is in the database, so a missed hour is simply read at the next.
import cron from 'node-cron';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Db } from '../domain/unit-of-work.js';
import { syncAttendance, type AttendancePlatform } from './attendance-sync.js';
import type { AttendanceSource } from './port.js';
import { LEASE_TTL_MS, runLeased } from './scheduler.js';

export const ATTENDANCE_CRON = '17 * * * *';

/** One run over every platform: a failing platform is logged and the others still run. */
export async function runAttendanceSync(opts: {
  db: Db;
  config: Config;
  sources: ReadonlyMap<AttendancePlatform, AttendanceSource>;
  logger: Logger;
  now: Date;
}): Promise<void> {
  for (const [platform, source] of opts.sources) {
    try {
      const r = await syncAttendance(
        opts.db,
        platform,
        source,
        { kind: 'system' },
        {
          now: opts.now,
          fallbackTimeZone: opts.config.defaultTimezone,
        },
      );
      opts.logger.info(
        { platform, written: r.written, noData: r.noData.length, skipped: r.skipped.length },
        'scheduler: attendance synced',
      );
    } catch (err) {
      opts.logger.error({ err, platform }, 'scheduler: attendance sync failed');
    }
  }
}

export function startAttendanceSchedule(opts: {
  db: Db;
  config: Config;
  sources: ReadonlyMap<AttendancePlatform, AttendanceSource>;
  logger: Logger;
  owner: string;
}): { stop(): void } {
  if (opts.sources.size === 0) return { stop: () => undefined };
  const task = cron.schedule(
    ATTENDANCE_CRON,
    async () => {
      try {
        const now = new Date();
        await runLeased(opts.db, 'attendance-sync', opts.owner, LEASE_TTL_MS.nightly, now, () =>
          runAttendanceSync({ ...opts, now }),
        );
      } catch (err) {
        opts.logger.error({ err }, 'scheduler: attendance sync failed');
      }
    },
    { timezone: opts.config.defaultTimezone, missedExecutionTolerance: LEASE_TTL_MS.nightly },
  );
  return { stop: () => void task.stop() };
}
