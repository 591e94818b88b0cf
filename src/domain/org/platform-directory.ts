// What a platform's directory tells us: a full snapshot (fetched through the port's DirectorySource and
// applied by directory-sync.ts) and why a person lookup found no one (kept by reachability.ts). Defined here,
// in the domain that consumes them, so the domain never points up at the bot port.
import type { Locale } from '../../vocabulary.js';

/** A platform's directory, as a full snapshot; src/domain/org applies it and reports the changes. */
export interface DirectorySnapshot {
  units: { externalId: string; parentExternalId?: string; name: string; leaderExternalUserId?: string }[];
  users: {
    externalUserId: string;
    name: string;
    email?: string;
    locale?: Locale;
    unitExternalIds: string[];
    managerExternalUserId?: string;
    active: boolean;
    /** Where the platform has them: an IANA time zone, and leave (first and last day, YYYY-MM-DD; null: none).
     *  Left out: kept as they are. A zone that does not exist or a leave that ends before it starts is not
     *  applied and the person is named in the sync's report (peopleRejected). */
    timezone?: string;
    leave?: { from: string; until: string } | null;
  }[];
}

/** Why a person could not be found on a platform — each says what HR can do about it. */
export const NOT_FOUND_REASONS = [
  'no_email', // we hold no e-mail for them: add it (org CSV, directory sync)
  'not_found', // the platform has no user with that e-mail: invite them, or fix the e-mail
  'ambiguous', // more than one platform user has that e-mail
  'inactive', // the platform user is deactivated / deleted
  'forbidden', // the app lacks a scope or permission for the lookup (detail names it)
  'error', // the platform failed; tried again on the next lookup
] as const;
export type NotFoundReason = (typeof NOT_FOUND_REASONS)[number];
