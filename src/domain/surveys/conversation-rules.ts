// Pure rules of the anonymous conversation on a comment (conversations.ts holds the I/O).
//
// The author of a comment is never stored with it: at submission they get a reply key (a capability) and only
// its hash travels, sealed, to the published comment. Every message, both ways, becomes visible to the other
// side only at fixed batch times, so the time a reply appears says nothing of when its author wrote it.
import { createHash, randomBytes } from 'node:crypto';
import { zonedHour } from './calendar-day.js';
import { localClock } from './delivery-time.js';

/** The default batch hours, local to the company's time zone. */
export const RELEASE_HOURS: readonly number[] = [10, 16];
/** Longest message body, after trimming. */
export const MESSAGE_MAX = 1000;

/** A new reply key: 24 random bytes as base64url (32 characters). Given only to the comment's author. */
export function newReplyKey(): string {
  return randomBytes(24).toString('base64url');
}

/** What the database holds in place of the key: sha256 of it, hex. */
export function replyKeyHash(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The first batch time strictly after `now`: one of `hours` (0–23, wall clock) in the time zone. */
export function nextRelease(now: Date, timeZone: string, hours: readonly number[] = RELEASE_HOURS): Date {
  const sorted = [...new Set(hours)].sort((a, b) => a - b);
  if (sorted.length === 0 || sorted.some((h) => !Number.isInteger(h) || h < 0 || h > 23))
    throw new RangeError('release hours must be whole hours 0-23');
  const today = localClock(now, timeZone);
  // Two days ahead is always enough (today's hours may all be past); a third covers a DST-skipped hour.
  for (let day = 0; day < 3; day++)
    for (const h of sorted) {
      const at = zonedHour(today.y, today.m, today.d + day, h, timeZone);
      if (at.getTime() > now.getTime()) return at;
    }
  throw new Error('unreachable: no batch time in three days');
}

/** A message body as stored: trimmed, 1..MESSAGE_MAX characters; undefined when not acceptable. */
export function messageBody(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const body = raw.trim();
  return body.length >= 1 && body.length <= MESSAGE_MAX ? body : undefined;
}
