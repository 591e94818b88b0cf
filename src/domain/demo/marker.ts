// The demo marker: a setting written in the same transaction as the demo history, so the app can say
// "demo data" wherever it shows the company, and so a restart never seeds the history twice.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import {
  approvalRequests,
  employees,
  followUps,
  ledgerEntries,
  ratingCycles,
  settings,
  surveyWaves,
} from '../../db/schema.js';
import { DEMO_DOMAIN } from '../org/demo-org.js';

export const DEMO_MARKER_KEY = 'demo.history';
/** Bumped when the generated history changes shape; a marker of any version means "seeded, leave alone". */
export const DEMO_HISTORY_VERSION = 1;

const markerSchema = z.object({ version: z.number().int(), anchor: z.string(), seededAt: z.string() });
export type DemoMarker = z.infer<typeof markerSchema>;

/** The marker when this database holds the generated demo history (undefined for a real organisation). */
export async function demoMarker(db: Db): Promise<DemoMarker | undefined> {
  const row = (
    await db.select({ value: settings.value }).from(settings).where(eq(settings.key, DEMO_MARKER_KEY)).limit(1)
  )[0];
  if (!row) return undefined;
  const parsed = markerSchema.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : undefined;
}

export async function writeDemoMarker(db: Db, marker: DemoMarker): Promise<void> {
  await db.insert(settings).values({ key: DEMO_MARKER_KEY, value: JSON.stringify(marker) });
}

/** Why the history may not be seeded here: already seeded, not the demo organisation, or already in use. */
export type DemoHistoryBlocker = 'seeded' | 'not_demo_org' | 'in_use';

export async function demoHistoryBlocker(db: Db): Promise<DemoHistoryBlocker | undefined> {
  if (await demoMarker(db)) return 'seeded';
  // Only the untouched demo organisation: every person in the demo domain (a real org imported into the same
  // file, or added to it, has other addresses) and nothing done yet that generated history would mix with.
  const people = await db.select({ email: employees.email }).from(employees);
  if (people.length === 0 || people.some((p) => !p.email?.endsWith(`@${DEMO_DOMAIN}`))) return 'not_demo_org';
  for (const t of [surveyWaves, approvalRequests, ratingCycles, ledgerEntries, followUps])
    if ((await db.select({ id: t.id }).from(t).limit(1))[0] !== undefined) return 'in_use';
  return undefined;
}
