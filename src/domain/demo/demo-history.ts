// A few months in the life of the demo company, so `npm start` opens on a living organisation: pulse waves
// with published results and follow-ups, claims and a redemption in the ledger, transfers, approvals in every
// state, and closed rating cycles with composites and a training request. Generated from a fixed seed, with
// every date counted back from `now` (injected, so tests get the same company twice), through the domain
// functions a person's actions would call — never raw rows — in one transaction, marked as demo data.
//
// Only into the untouched demo organisation (marker.ts says when); a second call, or a restart, changes
// nothing. The app calls it on the default demo path only (src/app.ts), never in production.
import { inTransaction, type Db } from '../../db/connection.js';
import { ensureDefaultFlows } from '../approvals/requests.js';
import { ensureDefaultCatalogue } from '../points/catalogue.js';
import { ensureDefaultCourses } from '../ratings/courses.js';
import { ensureDefaultSchemes } from '../ratings/cycles.js';
import type { SealKey } from '../surveys/seal.js';
import { ensureDefaultTemplate } from '../surveys/templates.js';
import { seedApprovals } from './approvals.js';
import { seedThisMonthClaims } from './points-month.js';
import { createContext } from './context.js';
import { DEMO_HISTORY_VERSION, demoHistoryBlocker, writeDemoMarker, type DemoHistoryBlocker } from './marker.js';
import { seededRng } from './prng.js';
import { seedRatings } from './ratings.js';
import { seedSurveys } from './surveys.js';
import { seedDemoPaths } from './paths.js';

export { demoMarker, type DemoMarker } from './marker.js';

/** Fixed seeds: change one and the demo company tells a different (but again reproducible) story. */
const SEEDS = { surveys: 20261, ratings: 20262 } as const;

export type DemoHistoryResult =
  { seeded: true; steps: number; anchor: string } | { seeded: false; reason: DemoHistoryBlocker };

export async function seedDemoHistory(db: Db, input: { key: SealKey; now: Date }): Promise<DemoHistoryResult> {
  return await inTransaction(db, async (): Promise<DemoHistoryResult> => {
    const blocker = await demoHistoryBlocker(db);
    if (blocker) return { seeded: false, reason: blocker };
    // What the app ensures at start anyway; the history needs them before the app gets there.
    await ensureDefaultFlows(db);
    await ensureDefaultCatalogue(db);
    await ensureDefaultSchemes(db);
    await ensureDefaultCourses(db);
    await ensureDefaultTemplate(db);
    const { ctx, run } = createContext(db, input.key, input.now);
    seedSurveys(ctx, seededRng(SEEDS.surveys));
    seedApprovals(ctx);
    seedThisMonthClaims(ctx);
    await seedRatings(ctx, seededRng(SEEDS.ratings));
    const steps = await run();
    await seedDemoPaths(db, input.now);
    await writeDemoMarker(db, {
      version: DEMO_HISTORY_VERSION,
      anchor: ctx.base.toISOString(),
      seededAt: input.now.toISOString(),
    });
    return { seeded: true, steps, anchor: ctx.base.toISOString() };
  });
}
