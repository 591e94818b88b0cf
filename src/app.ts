// Wiring: database, org, router, adapters, core, outbox worker and HTTP server, in the order they
// depend on each other; and their shutdown in reverse. main.ts and the test harness both use this.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { anyPlatformConfigured, type Config } from './config.js';
import { closeDatabase, openConfiguredDatabase, type Db } from './db/connection.js';
import { seedDemoOrg } from './domain/org/demo-org.js';
import { seedDemoHistory } from './domain/demo/demo-history.js';
import { listActivePeople } from './domain/org/employees.js';
import { registerBasics } from './bot/basics.js';
import { registerSurveys } from './bot/features/surveys.js';
import { registerFollowUps } from './bot/features/follow-ups.js';
import { registerAnnouncements } from './bot/features/announcements.js';
import { registerPaths } from './bot/features/paths.js';
import { registerApprovals } from './bot/features/approvals.js';
import { registerApprovalsMore } from './bot/features/approvals-more.js';
import { registerPoints } from './bot/features/points.js';
import { registerNominations } from './bot/features/nominations.js';
import { registerOrg } from './bot/features/org.js';
import { registerRatings } from './bot/features/ratings.js';
import { registerFlows } from './bot/features/flows.js';
import { registerFormRequests } from './bot/features/form-requests.js';
import { registerPrivacy } from './bot/features/privacy.js';
import { registerGuides } from './bot/features/guides.js';
import { registerPersonStatus } from './bot/features/person-status.js';
import { startAttendanceSchedule } from './bot/attendance-schedule.js';
import { registerAttendance } from './bot/features/attendance.js';
import { attendanceSources } from './bot/attendance-sync.js';
import { registerDemoScenarios } from './bot/features/demo-scenarios.js';
import { ensureDefaultSchemes } from './domain/ratings/cycles.js';
import { ensureDefaultCourses } from './domain/ratings/courses.js';
import { ensureDefaultFlows } from './domain/approvals/requests.js';
import { ensureDefaultCatalogue } from './domain/points/catalogue.js';
import { ensureTaskCompletion } from './domain/indicators/task-completion.js';
import { unitOfWork } from './domain/unit-of-work.js';
import { surveySealKey } from './db/seal-key.js';
import { publishPendingWaves } from './domain/surveys/waves.js';
import { startScheduler } from './bot/scheduler.js';
import { createBotCore } from './bot/core.js';
import { OutboxWorker } from './bot/outbox-worker.js';
import { databaseBucket } from './domain/delivery/rate-buckets.js';
import { databaseSandboxChat } from './domain/delivery/sandbox-chat.js';
import { deliveryAlerter } from './bot/delivery-report.js';
import type { AdapterFactory, DirectorySource, Platform, PlatformAdapter } from './bot/port.js';
import { Router } from './bot/router.js';
import { createReach, type Reach } from './bot/reach.js';
import { buildServer } from './server.js';
import { createSandboxAdapter } from '../adapters/sandbox/index.js';
import { miniApp } from './web/index.js';
import { readSession } from './web/session.js';

export interface App {
  config: Config;
  db: Db;
  logger: Logger;
  core: ReturnType<typeof createBotCore>;
  router: Router;
  worker: OutboxWorker;
  adapters: Map<Platform, PlatformAdapter>;
  server: FastifyInstance;
  /** Finding people on the platforms before fan-outs (issue 17). */
  reach: Reach;
  /** The link job run at start (after the adapters start); settles when it is done (it never rejects). */
  startupLink: Promise<void>;
  /** Stop accepting requests, finish in-flight deliveries, close the database. */
  close(): Promise<void>;
}

/** Platform adapters are loaded only when configured, so their SDKs cost nothing otherwise. */
const PLATFORM_MODULES: Partial<
  Record<'slack' | 'feishu' | 'dingtalk', () => Promise<{ createAdapter: AdapterFactory }>>
> = {
  slack: () => import('../adapters/slack/index.js'),
  feishu: () => import('../adapters/feishu/index.js'),
  dingtalk: () => import('../adapters/dingtalk/index.js'),
};

export async function loadPlatformAdapters(config: Config, logger: Logger): Promise<PlatformAdapter[]> {
  const wanted: ('slack' | 'feishu' | 'dingtalk')[] = [];
  if (config.slack) wanted.push('slack');
  if (config.feishu) wanted.push('feishu');
  if (config.dingtalk) wanted.push('dingtalk');
  const out: PlatformAdapter[] = [];
  for (const p of wanted) {
    const load = PLATFORM_MODULES[p];
    if (!load) throw new Error(`${p} is configured, but this build has no ${p} adapter yet`);
    const mod = await load();
    out.push(mod.createAdapter({ config, logger: logger.child({ platform: p }) }));
  }
  return out;
}

/** `now`: the mini-app's clock, for tests that move time (a batch hour, a deadline); the real one otherwise. */
export async function createApp(config: Config, logger: Logger, opts: { now?: () => Date } = {}): Promise<App> {
  // The database layer logs what it does in the background (a lost idle connection, a failed table rewrite).
  const db = await openConfiguredDatabase(config, logger.child({ component: 'db' }));

  // Never into a production database (config.ts refuses DEMO_SEED=always there): the demo org has admins.
  const seed =
    config.env !== 'production' &&
    (config.demoSeed === 'always' || (config.demoSeed === 'auto' && !anyPlatformConfigured(config)));
  if (seed) {
    const r = await seedDemoOrg(db);
    if ('created' in r) logger.info({ people: r.created }, 'seeded the demo organisation');
    // A few months of history (src/domain/demo) on the default path only — `npm start` with no platform.
    // DEMO_SEED=always (the test harness, a demo org on a real platform) keeps the people without history.
    if (config.demoSeed === 'auto') await seedHistory(db, config, logger);
  }

  // Waves closed before their results were published (an upgrade, or a seal key restored): publish them once.
  const published = await unitOfWork(db, async (tx) => await publishPendingWaves(tx, surveySealKey(config)));
  if (published.length) logger.info({ waves: published }, 'published the results of closed survey waves');

  await unitOfWork(db, async (tx) => {
    await ensureDefaultFlows(tx);
    await ensureDefaultCatalogue(tx);
    await ensureDefaultSchemes(tx);
    await ensureDefaultCourses(tx);
    await ensureTaskCompletion(tx);
  });
  const router = registerAnnouncements(
    registerPrivacy(
      registerFlows(
        registerRatings(
          registerOrg(
            registerApprovalsMore(
              registerApprovals(
                registerNominations(registerPoints(registerFollowUps(registerSurveys(registerBasics(new Router()))))),
              ),
            ),
          ),
        ),
      ),
    ),
  );
  // First-run guides by role (/guide): added to the same router in place.
  registerGuides(router);
  registerPersonStatus(router);
  // Attendance: /today and HR's /attendance import (added in place).
  registerAttendance(router);
  // Development paths (/path): added to the same router in place.
  registerPaths(router);
  registerDemoScenarios(router);
  // Request kinds HR defines as forms (/request): registered on the same router (it adds to it in place).
  registerFormRequests(router);
  let cookieSecret = config.session.secret;
  if (!cookieSecret) {
    // config.ts refuses production without one; elsewhere sessions simply end when the process does.
    cookieSecret = randomBytes(32).toString('hex');
    logger
      .child({ component: 'web' })
      .warn('SESSION_SECRET is not set: using a random secret for this process (mini-app sessions end on restart)');
  }
  const adapters = new Map<Platform, PlatformAdapter>();
  if (config.sandbox.enabled) {
    adapters.set(
      'sandbox',
      createSandboxAdapter({
        defaultLocale: config.defaultLocale,
        // In the database, so any instance serves the chat another one delivered to (issue 21).
        store: databaseSandboxChat(db),
        people: async () => (await listActivePeople(db)).map((p) => ({ ...p, locale: null })),
        // The mini-app's session (POST /api/auth/sandbox when a person is picked) decides whose chat this is.
        identify: async (req) => {
          const s = await readSession(req, db, new Date(), config);
          return s.ok ? s.session.e : undefined;
        },
      }),
    );
  }
  for (const a of await loadPlatformAdapters(config, logger)) adapters.set(a.platform, a);

  // HR hears (at most hourly) when a delivery gives up: src/bot/delivery-report.ts.
  const onDead = deliveryAlerter({ db, platforms: new Set(adapters.keys()), defaultLocale: config.defaultLocale });
  const worker = new OutboxWorker({
    db,
    adapters,
    logger: logger.child({ component: 'outbox' }),
    maxAttempts: config.outbox.maxAttempts,
    pollMs: config.outbox.pollMs,
    leaseMs: config.outbox.leaseMs,
    // Every instance on this database takes from the same bucket per platform (issue 21).
    appBucket: (platform) => databaseBucket(db, platform),
    onDead,
  });
  const directories = new Map<Platform, DirectorySource>();
  for (const a of adapters.values()) if (a.directory) directories.set(a.platform, a.directory);
  const reach = createReach({
    db,
    config,
    adapters,
    logger: logger.child({ component: 'reach' }),
    onEnqueued: () => worker.kick(),
  });
  const core = createBotCore({
    db,
    config,
    router,
    logger: logger.child({ component: 'core' }),
    platforms: new Set(adapters.keys()),
    directories,
    onEnqueued: () => worker.kick(),
    reach,
  });
  const server = await buildServer({ db, config, logger, adapters: [...adapters.values()], cookieSecret });
  await server.register(
    miniApp({ db, config, adapters, worker, logger: logger.child({ component: 'web' }), now: opts.now }),
  );
  for (const a of adapters.values()) await a.start(core);
  await worker.start();
  // Link everyone a platform can find (people who never talked to the bot), so the first fan-out reaches them.
  const lookups = [...adapters.values()].some((a) => a.platform !== 'sandbox' && a.findUsers);
  const startupLink = lookups
    ? reach.linkAll().then(
        () => undefined,
        (err: unknown) => logger.error({ err }, 'reach: link job failed'),
      )
    : Promise.resolve();
  // Attendance from Feishu and DingTalk, hourly (src/bot/attendance-schedule.ts).
  const attendance = config.scheduler.enabled
    ? startAttendanceSchedule({
        db,
        config,
        sources: attendanceSources(adapters.values()),
        logger: logger.child({ component: 'scheduler' }),
        owner: worker.owner,
      })
    : undefined;
  const scheduler = config.scheduler.enabled
    ? await startScheduler({
        db,
        config,
        platforms: new Set(adapters.keys()),
        directories,
        logger: logger.child({ component: 'scheduler' }),
        onEnqueued: () => worker.kick(),
        reach,
        // One id per process for the outbox's claims and the jobs' leases, so logs and rows name the same instance.
        owner: worker.owner,
      })
    : undefined;

  let closing: Promise<void> | undefined;
  return {
    config,
    db,
    logger,
    core,
    router,
    worker,
    adapters,
    server,
    reach,
    startupLink,
    close() {
      closing ??= (async () => {
        scheduler?.stop();
        attendance?.stop();
        await server.close();
        await startupLink;
        for (const a of adapters.values()) await a.stop();
        await worker.stop();
        await closeDatabase(db);
      })();
      return closing;
    },
  };
}

/** Seed the demo history once (it refuses a real or a used org itself); a failure is logged, never fatal. */
async function seedHistory(db: Db, config: Config, logger: Logger): Promise<void> {
  const started = performance.now();
  try {
    const h = await seedDemoHistory(db, { key: surveySealKey(config), now: new Date() });
    if (h.seeded)
      logger.info(
        { steps: h.steps, ms: Math.round(performance.now() - started) },
        'seeded a few months of demo history (marked as demo data)',
      );
  } catch (err) {
    // The seed is one transaction: nothing of it was kept. The org itself is usable.
    logger.error({ err }, 'could not seed the demo history');
  }
}
