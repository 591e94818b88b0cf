// A platform's app-wide token bucket kept in the database (`rate_buckets`), so every instance on it takes from
// the same bucket (issue 21): N instances together send at the platform's rate, not N times it. Each take is
// ONE statement — an upsert that refills the row by the time elapsed, takes a token when there is one and says
// whether it did — so it is atomic on its own: on SQLite it runs under the write lock, on PostgreSQL a
// single-row INSERT … ON CONFLICT DO UPDATE locks the row under READ COMMITTED. It runs on the plain handle,
// never inside a unit of work (a SERIALIZABLE transaction would only add retries to a one-row update).
// Time is the database's clock at the statement (tests may give their own): one clock for every instance, so
// hosts whose clocks differ by a few ms neither refill the bucket early nor stall it, and the token is
// counted when the statement runs, not when the caller began building it.
// The expressions are SQL both dialects accept (CASE rather than min/max vs LEAST/GREATEST; casts by type names
// both understand); only the clock differs.
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { isPostgres, type Db } from '../../db/connection.js';
import { rateBuckets } from '../../db/schema.js';
import { returnedRow } from '../../db/rows.js';
import { prepared } from '../../db/prepared.js';

/** What a bucket refills at: `ratePerSecond` tokens a second, up to `burst`. */
export interface BucketSpec {
  ratePerSecond: number;
  burst: number;
}

/** A take's answer: a token taken (waitMs 0), or how long until one may be there (none taken); and for how
 *  much longer the platform asked every instance to hold off (0: not paused). */
export interface TakeResult {
  waitMs: number;
  pausedMs: number;
}

const int = (v: number): SQL => sql`cast(${Math.round(v)} as bigint)`;
const least = (a: SQLWrapper, b: SQLWrapper): SQL => sql`(case when ${a} < ${b} then ${a} else ${b} end)`;
const greatest = (a: SQLWrapper, b: SQLWrapper): SQL => sql`(case when ${a} > ${b} then ${a} else ${b} end)`;

/** Epoch ms: `at` when given, else the database's clock (the same value throughout the statement). */
function clock(db: Db, at: number | undefined): SQL {
  if (at !== undefined) return int(at);
  return isPostgres(db)
    ? sql`cast(floor(extract(epoch from statement_timestamp()) * 1000) as bigint)`
    : sql`cast((julianday('now') - 2440587.5) * 86400000.0 as integer)`;
}

/** Take one token from bucket `key`, refilling it at `spec` since it was last touched. A clock behind the
 *  row's refills nothing rather than going back. `at`: a test's clock (epoch ms) instead of the database's. */
export async function takeToken(db: Db, key: string, spec: BucketSpec, at?: number): Promise<TakeResult> {
  const values = { key, initial: spec.burst - 1, burst: spec.burst, rate: spec.ratePerSecond };
  const row = returnedRow(
    at === undefined ? await takeOnDbClock(db, values) : await takeAtGivenTime(db, { ...values, at: Math.round(at) }),
    'take a rate token',
  );
  // updated_at is the statement's time now (or later, from a clock ahead of this one).
  const pausedMs = Math.max(0, row.pausedUntil - row.updatedAt);
  if (row.granted === 1) return { waitMs: 0, pausedMs };
  const refill = Math.ceil(((1 - row.tokens) / spec.ratePerSecond) * 1000);
  return { waitMs: Math.max(1, pausedMs, refill), pausedMs };
}

// The take is one statement per message sent, with many parts: built once per clock (src/db/prepared.ts), the
// bucket, its spec and a given time as placeholders.
const takeStatement = (givenTime: boolean) =>
  prepared((db) => {
    const t = rateBuckets;
    const now = givenTime ? sql`cast(${sql.placeholder('at')} as bigint)` : clock(db, undefined);
    const burst = sql`cast(${sql.placeholder('burst')} as double precision)`;
    const rate = sql`cast(${sql.placeholder('rate')} as double precision)`;
    const elapsed = sql`(case when ${now} > ${t.updatedAt} then ${now} - ${t.updatedAt} else 0 end)`;
    const refilled = least(burst, sql`(${t.tokens} + ${elapsed} * ${rate} / 1000.0)`);
    const ok = sql`(${refilled} >= 1 and ${t.pausedUntil} <= ${now})`;
    return db
      .insert(t)
      .values({
        key: sql.placeholder('key'),
        tokens: sql.placeholder('initial'),
        updatedAt: now,
        pausedUntil: 0,
        granted: 1,
      })
      .onConflictDoUpdate({
        target: t.key,
        set: {
          tokens: sql`(case when ${ok} then ${refilled} - 1 else ${refilled} end)`,
          updatedAt: greatest(now, t.updatedAt),
          granted: sql`(case when ${ok} then 1 else 0 end)`,
        },
      })
      .returning({ tokens: t.tokens, updatedAt: t.updatedAt, pausedUntil: t.pausedUntil, granted: t.granted });
  });
const takeOnDbClock = takeStatement(false);
const takeAtGivenTime = takeStatement(true);

/** A throttled answer for every instance: with a Retry-After, no take succeeds for `retryAfterMs`; without
 *  one, the platform's bucket is empty, so this one is emptied too (tokens counted again from now). `at`: a
 *  test's clock instead of the database's. */
export async function throttleBucket(
  db: Db,
  key: string,
  spec: BucketSpec,
  retryAfterMs: number | undefined,
  at?: number,
): Promise<void> {
  const t = rateBuckets;
  const now = clock(db, at);
  const until = sql`(${now} + ${int(retryAfterMs ?? 0)})`;
  await db
    .insert(t)
    .values({ key, tokens: retryAfterMs ? spec.burst : 0, updatedAt: now, pausedUntil: until, granted: 0 })
    .onConflictDoUpdate({
      target: t.key,
      set: retryAfterMs
        ? { pausedUntil: greatest(t.pausedUntil, until) }
        : { tokens: 0, updatedAt: greatest(t.updatedAt, now) },
    });
}

/** Platform `key`'s app-wide bucket in the database, as the outbox worker's pacer takes from it. */
export function databaseBucket(
  db: Db,
  key: string,
): {
  take(spec: BucketSpec): Promise<TakeResult>;
  throttled(spec: BucketSpec, retryAfterMs: number | undefined): Promise<void>;
} {
  return {
    take: async (spec) => await takeToken(db, key, spec),
    throttled: async (spec, retryAfterMs) => await throttleBucket(db, key, spec, retryAfterMs),
  };
}
