// Inbound events are recorded by platform event id before they are acted on: a platform's retry of the same
// id finds its row and is acknowledged and ignored. The record is written in the handler's unit of work, so a
// handler that fails rolls it back and the retry may try again. Old rows are pruned by retention.ts.
import { sql } from 'drizzle-orm';
import { prepared } from '../db/prepared.js';
import { changedRows } from '../db/rows.js';
import { inboundEvents } from '../db/schema.js';
import type { Platform } from '../vocabulary.js';
import type { Tx } from './unit-of-work.js';

/** Record the event id; false when it was already there (a platform retry). */
export async function recordInbound(tx: Tx, platform: Platform, eventId: string): Promise<boolean> {
  return changedRows(await insertEvent(tx, { platform, eventId })) === 1;
}
// Every event's first write: built once (issue 22). The received time is the column's SQL default, so it is
// read when the statement runs.
const insertEvent = prepared((db) =>
  db
    .insert(inboundEvents)
    .values({ platform: sql.placeholder('platform'), eventId: sql.placeholder('eventId') })
    .onConflictDoNothing(),
);
