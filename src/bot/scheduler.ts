// The periodic tick. Schedules only enqueue: each minute, in one transaction, launch due survey runs,
// send due reminders and close expired waves; the outbox worker delivers. node-cron keeps nothing across
// restarts — the database does — so the first tick on start catches up on what was missed, once.
// With several instances on one database, every job first takes its lease (src/domain/job-leases.ts): it runs
// on the one instance holding it, and the others skip that run.
import { randomUUID } from 'node:crypto';
import cron from 'node-cron';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { conversationSealKey, surveySealKey } from '../db/seal-key.js';
import { purgeExpiredExports } from '../domain/exports.js';
import { takeLease } from '../domain/job-leases.js';
import { unitOfWork, type Db } from '../domain/unit-of-work.js';
import { pruneByRetention, pruneInbound } from '../domain/retention.js';
import { runDueSchedules } from '../domain/surveys/schedules.js';
import { closeExpiredWaves, remindersDue, sendDueReminders } from '../domain/surveys/waves.js';
import { deliverPending, pruneReminderLog } from '../domain/surveys/delivery-queue.js';
import { releaseDue } from '../domain/surveys/conversations.js';
import { closeCycle, expiredCycles, markReminded, pendingRaters } from '../domain/ratings/cycles.js';
import { announce, askRater } from './features/rating-notices.js';
import { surveyMessenger } from './features/surveys.js';
import { approvalFacts, cardFor, cardKeyOf, publishRequest } from './features/approval-views.js';
import {
  OVERDUE_SLICE_ROWS,
  overdueSlice,
  type OverdueCursor,
  type OverdueItem,
} from '../domain/approvals/requests.js';
import { applyDueTransfers } from '../domain/approvals/transfer-effects.js';
import { sendPathTransferNotices } from './features/paths.js';
import { outboxNotifier } from './outbox.js';
import { sendConversationNotices } from './conversation-notices.js';
import { withPlatformLinks } from './app-links.js';
import type { DirectorySource, Platform } from './port.js';
import { syncDirectory } from './org-sync.js';
import type { Reach } from './reach.js';

export interface TickResult {
  launched: number[];
  reminded: number;
  /** Held survey cards and reminders sent this minute, their delivery time having come. */
  delivered: number;
  closed: number[];
  /** Waves due to close whose sealed answers the current SURVEY_SEAL_SECRET cannot open (they stay open). */
  unreadable: number[];
  pruned: number;
  exportsPurged: number;
  approvalsReminded: number;
  approvalsEscalated: number;
  /** Overdue approvals the tick's time budget left for the next minute (they stay due until done). */
  approvalsLeft: boolean;
  ratingCyclesClosed: number[];
  ratersReminded: number;
  /** Approved transfers whose effective date came (request ids), applied once. */
  transfersApplied: number[];
}

/** When the nightly retention prune runs (company time zone): after the directory sync, before the day. */
const RETENTION_CRON = '30 3 * * *';

/** This process's id as a lease owner: made once per process. */
const PROCESS_OWNER = randomUUID();

/** How long a job's lease holds: a little under its period, so a dead holder's lapses before the next run. */
export const LEASE_TTL_MS = { tick: 50_000, nightly: 10 * 60_000 } as const;

/** How late node-cron may fire a run and still run it. Its default (1 s) skips a minute whose timer fired two
 *  seconds late — a busy event loop, a loaded machine — and a skipped minute's scheduled survey is never sent
 *  (the next tick launches only the latest due run). Late is fine up to a little under the period. */
const LATE_RUN_TOLERANCE_MS = LEASE_TTL_MS;

/**
 * The minute tick's lease at `now`: LEASE_TTL_MS.tick, but lapsing a second before the next minute starts. A tick
 * run off the minute (the one on start) would otherwise hold the lease over the next minute's start, when only
 * this instance could take it: were its timer late or the process gone, that minute would run nowhere.
 */
export function tickLeaseMs(now: Date): number {
  const toNextMinute = 60_000 - (now.getTime() % 60_000);
  return Math.max(0, Math.min(LEASE_TTL_MS.tick, toNextMinute - 1_000));
}

/**
 * Run job if this owner holds (takes or renews) the lease on `name` at `now`; another live instance's lease
 * means this run is skipped: `{ ran: false }`.
 */
export async function runLeased<T>(
  db: Db,
  name: string,
  owner: string,
  ttlMs: number,
  now: Date,
  job: () => T | Promise<T>,
): Promise<{ ran: true; result: T } | { ran: false }> {
  if (!(await takeLease(db, name, owner, now, ttlMs))) return { ran: false };
  return { ran: true, result: await job() };
}

/** How the tick cuts its overdue-approval work: a slice (one unit of work) ends after `sliceRows` requests or
 *  once it has run `sliceMs`, whichever first, and the event loop runs before the next. After `budgetMs` the
 *  tick stops taking slices; what is left is still due next minute, and is done then. */
export interface TickPacing {
  sliceRows: number;
  sliceMs: number;
  budgetMs: number;
}

/**
 * Slices of 5 ms at most: better-sqlite3 is synchronous, so a slice holds the event loop (and the write
 * lock) for all of its length — plus the item it was on when the time ran out and its commit — and the bound is
 * 20 ms (at 10 ms the tick bench's catch-up blocked 24–27 ms at the median, at 5 ms 12–18 ms). The budget stays under the tick's 50 s lease,
 * so one instance's tick has stopped before the next minute's starts (the slices are safe together anyway:
 * each reads what is due inside its own transaction).
 */
export const TICK_PACING: TickPacing = { sliceRows: OVERDUE_SLICE_ROWS, sliceMs: 5, budgetMs: 40_000 };

/** Let the event loop run (I/O, timers, other requests' units of work) before going on. */
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The minute's work. Not one transaction: the surveys' part, then the overdue approvals slice by slice (each
 * its own unit of work, the event loop free between them — a backlog of pending requests must not hold the
 * server), then the rest. Each part is safe to run again after a failure: a part's unit of work commits its
 * work together with the messages it enqueues, or neither.
 */
export async function tick(
  db: Db,
  config: Config,
  platforms: ReadonlySet<Platform>,
  now: Date,
  pacing: TickPacing = TICK_PACING,
): Promise<TickResult> {
  const started = performance.now();
  const notifier = (tx: Db) =>
    outboxNotifier({
      db: tx,
      platforms,
      defaultLocale: config.defaultLocale,
      forPlatform: (p, c) => withPlatformLinks(config, p, c),
    });
  const surveys = await unitOfWork(db, async (tx) => {
    // With the running platforms: a scheduled wave places the people none of them reaches as not reachable (issue 17).
    const messenger = surveyMessenger(tx, notifier(tx), config, platforms);
    const { closed, unreadable } = await closeExpiredWaves(tx, surveySealKey(config), now);
    const launched = await runDueSchedules(tx, messenger, now);
    const reminded = await sendDueReminders(tx, messenger, now);
    // Cards and reminders held for people's own delivery time (local hour, quiet hours, weekends, leave) whose
    // time came: a bounded batch through an index (delivery-queue.ts); reminder counts older than the cap's week go.
    const delivered = await deliverPending(tx, messenger, now);
    await pruneReminderLog(tx, now);
    // Comment conversations: messages and closes whose batch time came, one audit row per batch (counts only),
    // and the notices they mean, enqueued in the same commit (so each goes out once, and only from the batch).
    const conversationBatches = await releaseDue(tx, conversationSealKey(config), now);
    await sendConversationNotices(tx, notifier(tx), config, conversationBatches);
    return { closed, unreadable, launched, reminded, delivered };
  });

  const hour = 60 * 60 * 1000;
  const cfg = {
    remindAfterMs: config.approvals.remindAfterHours * hour,
    escalateAfterMs: config.approvals.escalateAfterHours * hour,
  };
  let approvalsReminded = 0;
  let approvalsEscalated = 0;
  let approvalsLeft = false;
  for (let at: OverdueCursor | undefined = { phase: 'escalate' }; at;) {
    if (performance.now() - started >= pacing.budgetMs) {
      approvalsLeft = true;
      break;
    }
    const from: OverdueCursor = at;
    const slice: { items: OverdueItem[]; next: OverdueCursor | undefined } = await unitOfWork(db, async (tx) => {
      const notify = notifier(tx);
      return await overdueSlice(
        tx,
        now,
        cfg,
        from,
        { rows: pacing.sliceRows, until: performance.now() + pacing.sliceMs },
        async (item) => {
          if (item.kind === 'remind') {
            const facts = await approvalFacts(tx, item.request);
            for (const a of item.request.approvers)
              await notify.toEmployee(a, cardFor(facts, config, item.request, a), {
                cardKey: cardKeyOf(item.request.id),
              });
          } else
            await publishRequest(tx, notify, config, item.request, { newlyAsked: item.asked, outcome: 'advanced' });
        },
      );
    });
    for (const item of slice.items)
      if (item.kind === 'remind') approvalsReminded++;
      else approvalsEscalated++;
    at = slice.next;
    if (at) await yieldToLoop();
  }

  const rest = await unitOfWork(db, async (tx) => {
    const notify = notifier(tx);
    // Transfers approved with a future effective date take effect on the day; the person's waiting requests follow.
    const transfersDue = await applyDueTransfers(tx, now);
    for (const r of transfersDue.rerouted)
      await publishRequest(tx, notify, config, r.request, { newlyAsked: r.asked, outcome: 'advanced' });
    // Receiving heads of transfers hear of the person's development path (issue 25 §4).
    await sendPathTransferNotices(tx, notify, config, now);
    const ratingCyclesClosed: number[] = [];
    for (const id of await expiredCycles(tx, now)) {
      const closed = await closeCycle(tx, { cycleId: id, now, actor: { kind: 'system' } });
      if (closed.ok) {
        await announce(tx, notify, closed, config);
        ratingCyclesClosed.push(id);
      }
    }
    let ratersReminded = 0;
    for (const p of await pendingRaters(tx, now)) {
      // The same rhythm as surveys: a few days in, and on the last day.
      const due = remindersDue({ openedAt: p.cycle.openedAt, closesAt: p.cycle.closesAt, reminderDays: [3] }, now);
      if (p.remindersSent >= due) continue;
      await markReminded(tx, p.cycle.id, p.raterId, due);
      await askRater(tx, notify, config, p.cycle, p.raterId, true);
      ratersReminded++;
    }
    // Inbound ids outlive every platform's redelivery window (retention.inboundDays, at least a day).
    const pruned = await pruneInbound(tx, now);
    // Expired exports hold report data nobody may download any more.
    const exportsPurged = await purgeExpiredExports(tx, now);
    return { transfersApplied: transfersDue.applied, ratingCyclesClosed, ratersReminded, pruned, exportsPurged };
  });
  return {
    ...surveys,
    ...rest,
    approvalsReminded,
    approvalsEscalated,
    approvalsLeft,
  };
}

export async function startScheduler(opts: {
  db: Db;
  config: Config;
  platforms: ReadonlySet<Platform>;
  directories: ReadonlyMap<Platform, DirectorySource>;
  logger: Logger;
  onEnqueued: () => void;
  reach?: Reach;
  /** The lease owner id (defaults to this process's). */
  owner?: string;
}): Promise<{ stop(): void }> {
  const owner = opts.owner ?? PROCESS_OWNER;
  /** Take the job's lease, then run it; skipped (debug log) while another instance holds it. */
  const leased = async <T>(
    name: string,
    ttlMs: number | ((now: Date) => number),
    job: () => T,
  ): Promise<{ ran: true; result: T } | { ran: false }> => {
    const now = new Date();
    const r = await runLeased(opts.db, name, owner, typeof ttlMs === 'number' ? ttlMs : ttlMs(now), now, job);
    if (!r.ran) opts.logger.debug({ job: name }, 'scheduler: another instance holds the lease, skipped');
    return r;
  };
  const run = async () => {
    try {
      await leased('tick', tickLeaseMs, async () => await minute());
    } catch (err) {
      opts.logger.error({ err }, 'scheduler: tick failed');
    }
  };
  const minute = async () => {
    // Messages kept for people nobody could reach: look them up (a failed lookup is not repeated for a while), deliver when found.
    void opts.reach
      ?.resolveUnreached()
      .catch((err: unknown) => opts.logger.error({ err }, 'scheduler: reaching people with waiting messages failed'));
    try {
      const r = await tick(opts.db, opts.config, opts.platforms, new Date());
      if (
        r.launched.length ||
        r.reminded ||
        r.delivered ||
        r.closed.length ||
        r.pruned ||
        r.exportsPurged ||
        r.approvalsReminded ||
        r.approvalsEscalated ||
        r.ratingCyclesClosed.length ||
        r.ratersReminded ||
        r.transfersApplied.length
      )
        opts.logger.info(r, 'scheduler: work done');
      if (r.unreadable.length)
        opts.logger.error(
          { waves: r.unreadable },
          'scheduler: cannot close survey waves: their sealed answers do not open with this SURVEY_SEAL_SECRET (restore the one they were answered under)',
        );
      opts.onEnqueued();
    } catch (err) {
      opts.logger.error({ err }, 'scheduler: tick failed');
    }
  };
  await run();
  const task = cron.schedule('* * * * *', run, {
    timezone: opts.config.defaultTimezone,
    missedExecutionTolerance: LATE_RUN_TOLERANCE_MS.tick,
  });
  // The nightly retention prune: outbox payloads, inbound ids, ended sessions, old audit rows and raters' comments.
  const retentionTask = cron.schedule(
    RETENTION_CRON,
    async () => {
      try {
        await leased('retention', LEASE_TTL_MS.nightly, async () => {
          const r = await unitOfWork(opts.db, async (tx) => await pruneByRetention(tx, new Date()));
          opts.logger.info(r, 'scheduler: retention prune');
        });
      } catch (err) {
        opts.logger.error({ err }, 'scheduler: retention prune failed');
      }
    },
    { timezone: opts.config.defaultTimezone, missedExecutionTolerance: LATE_RUN_TOLERANCE_MS.nightly },
  );
  // The nightly directory sync: people who joined, moved or left on the platform.
  const syncAll = async () => {
    for (const [platform, source] of opts.directories) {
      try {
        const report = await syncDirectory(opts.db, platform, source, { kind: 'system' });
        opts.logger.info(
          {
            platform,
            created: report.peopleCreated.length,
            moved: report.peopleMoved.length,
            deactivated: report.peopleDeactivated.length,
          },
          'scheduler: directory synced',
        );
      } catch (err) {
        opts.logger.error({ err, platform }, 'scheduler: directory sync failed');
      }
    }
  };
  const syncTask = opts.directories.size
    ? cron.schedule(
        opts.config.orgSyncCron,
        async () => {
          try {
            const r = await leased('org-sync', LEASE_TTL_MS.nightly, syncAll);
            if (r.ran) await r.result;
          } catch (err) {
            opts.logger.error({ err }, 'scheduler: directory sync failed');
          }
        },
        { timezone: opts.config.defaultTimezone, missedExecutionTolerance: LATE_RUN_TOLERANCE_MS.nightly },
      )
    : undefined;
  // The link job, on the directory sync's schedule: everyone without an identity on a platform, looked up again.
  const reach = opts.reach;
  const linkTask = reach
    ? cron.schedule(
        opts.config.orgSyncCron,
        async () => {
          try {
            const r = await leased('link', LEASE_TTL_MS.nightly, () => reach.linkAll());
            if (r.ran) await r.result;
          } catch (err) {
            opts.logger.error({ err }, 'scheduler: link job failed');
          }
        },
        { timezone: opts.config.defaultTimezone, missedExecutionTolerance: LATE_RUN_TOLERANCE_MS.nightly },
      )
    : undefined;
  return {
    stop: () => {
      void linkTask?.stop();
      void task.stop();
      void retentionTask.stop();
      void syncTask?.stop();
    },
  };
}
