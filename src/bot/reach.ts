// Reach: before a fan-out, find on each running platform the people who never talked to the bot (the
// adapter's findUsers: Slack by e-mail, Feishu and DingTalk by directory id then e-mail), link them, and say
// truthfully who is still not reachable and why. Adapters never touch the database: linking happens here.
//
// Failed lookups are remembered for LOOKUP_MEMORY_MS (platform_lookups) with their reason, so the minute tick
// (people with kept messages) does not re-ask for the same unknown e-mail every minute; a launch HR asks for
// and the link job ask again (force) — nothing is retried for ever, nothing is given up for ever. People who become
// reachable later (a lookup, their first message to the bot, a directory sync) get the cards of the waves
// still open for them and any message kept while nobody could reach them (sweep).
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { audit } from '../domain/audit.js';
import { linkedAmong, linkFoundIdentity, namesAndEmails } from '../domain/org/employees.js';
import {
  clearLookupFailure,
  dropUnreachedOfLeavers,
  lookupFailures,
  lookupIsFresh,
  peopleWithUnreached,
  reachableAmong,
  recordLookupFailure,
  takeUnreached,
} from '../domain/org/reachability.js';
import { inviteNewlyReachable, unreachedInOpenWaves, waveAudience } from '../domain/surveys/waves.js';
import { unitOfWork, type Db } from '../domain/unit-of-work.js';
import { withPlatformLinks } from './app-links.js';
import { surveyMessenger } from './features/surveys.js';
import { outboxNotifier } from './outbox.js';
import type { FoundPerson, NotFoundReason, PersonToFind, Platform, PlatformAdapter } from './port.js';
import type { Translate } from '../i18n/index.js';

/** Why a person is not reachable on one platform: what the lookup said, or 'not_linked' when no lookup could
 *  be made there (the adapter cannot look people up): they are reached once they write to the bot. */
export type UnreachableReason = NotFoundReason | 'not_linked';

export interface UnreachablePerson {
  employeeId: number;
  name: string;
  reasons: { platform: Platform; reason: UnreachableReason; detail?: string }[];
}

export interface ReachResult {
  reachable: number[];
  unreachable: UnreachablePerson[];
}

export interface ReachDeps {
  db: Db;
  config: Config;
  adapters: ReadonlyMap<Platform, PlatformAdapter>;
  logger: Logger;
  now?: () => Date;
  /** Called after a transaction that wrote outbox rows (wakes the worker). */
  onEnqueued?: () => void;
}

export interface Reach {
  /** Platforms with a running adapter. */
  readonly running: ReadonlySet<Platform>;
  /** True when some of these people should be looked up now (no identity; unless `force`, no recent failed lookup). */
  needsLookup(employeeIds: readonly number[], opts?: { force?: boolean }): Promise<boolean>;
  /** How many of these people would be looked up now (on any platform). */
  lookupCount(employeeIds: readonly number[], opts?: { force?: boolean }): Promise<number>;
  /** Look up who needs it, link whoever is found, and say who is reachable. `force`: ignore the memory of
   *  recent failures — a launch HR asks for and the link job try everyone again; the minute tick does not. */
  resolve(employeeIds: readonly number[], opts?: { force?: boolean }): Promise<ReachResult>;
  /** Who is reachable now, from what is stored (no platform call). */
  reachOf(employeeIds: readonly number[]): Promise<ReachResult>;
  /** People who became reachable: their open waves' cards and kept messages. Runs its own transaction. */
  sweep(employeeIds?: readonly number[]): Promise<{ invited: number; delivered: number }>;
  /** The link job: every active person without an identity on a platform, looked up (memory ignored). */
  linkAll(): Promise<{ linked: number; unreachable: number }>;
  /** Look up the people who have messages or open waves waiting for them (memory respected), then sweep. For the
   *  minute tick: a scheduled wave's unreachable people and a kept approval card are retried without HR. */
  resolveUnreached(): Promise<void>;
}

/** People per findUsers call: the adapter batches further as its platform needs. */
const CHUNK = 2000;

export function createReach(deps: ReachDeps): Reach {
  const { db, config, adapters, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const running: ReadonlySet<Platform> = new Set(adapters.keys());
  const realRunning = [...running].filter((p) => p !== 'sandbox');
  const finders = realRunning.flatMap((p) => {
    const a = adapters.get(p)!;
    return a.findUsers ? [{ platform: p, find: a.findUsers.bind(a) }] : [];
  });

  /** Per platform that can look people up: the people to ask about now. */
  async function pending(employeeIds: readonly number[], force: boolean): Promise<Map<Platform, PersonToFind[]>> {
    const out = new Map<Platform, PersonToFind[]>();
    if (finders.length === 0 || employeeIds.length === 0) return out;
    const people = await namesAndEmails(db, employeeIds);
    const at = now();
    for (const { platform } of finders) {
      const linked = await linkedAmong(db, [platform], employeeIds);
      const failures = new Map((await lookupFailures(db, [platform], employeeIds)).map((f) => [f.employeeId, f]));
      const ask: PersonToFind[] = [];
      for (const id of new Set(employeeIds)) {
        const p = people.get(id);
        if (!p?.active || linked.has(id)) continue;
        const f = failures.get(id);
        if (!force && f && lookupIsFresh(f, p.email, at)) continue;
        ask.push({ employeeId: id, email: p.email, name: p.name });
      }
      if (ask.length) out.set(platform, ask);
    }
    return out;
  }

  async function ask(
    platform: Platform,
    find: (people: readonly PersonToFind[]) => Promise<FoundPerson[]>,
    people: PersonToFind[],
  ): Promise<FoundPerson[]> {
    const answers: FoundPerson[] = [];
    for (let i = 0; i < people.length; i += CHUNK) {
      const chunk = people.slice(i, i + CHUNK);
      let got: FoundPerson[];
      try {
        got = await find(chunk);
      } catch (err) {
        // The platform failed for the whole chunk: remembered as an error, asked again on the next lookup.
        logger.warn({ err, platform, people: chunk.length }, 'reach: lookup failed');
        got = [];
      }
      const byId = new Map(got.map((a) => [a.employeeId, a]));
      for (const p of chunk)
        answers.push(byId.get(p.employeeId) ?? { employeeId: p.employeeId, found: false, reason: 'error' });
    }
    return answers;
  }

  async function record(platform: Platform, people: PersonToFind[], answers: FoundPerson[]): Promise<number[]> {
    const email = new Map(people.map((p) => [p.employeeId, p.email]));
    const at = now();
    const linked: number[] = [];
    await unitOfWork(db, async (tx) => {
      for (const a of answers) {
        if (a.found) {
          const r = await linkFoundIdentity(tx, platform, a.platformUserId, a.employeeId);
          if (r.ok) {
            await clearLookupFailure(tx, platform, a.employeeId);
            await audit(tx, { kind: 'system' }, 'identity.link', String(a.employeeId), { platform, source: 'lookup' });
            linked.push(a.employeeId);
          } else {
            // The platform account is already someone else's: two of our people behind one account.
            await recordLookupFailure(
              tx,
              {
                platform,
                employeeId: a.employeeId,
                email: email.get(a.employeeId) ?? null,
                reason: 'ambiguous',
                detail: null,
              },
              at,
            );
          }
        } else {
          await recordLookupFailure(
            tx,
            {
              platform,
              employeeId: a.employeeId,
              email: email.get(a.employeeId) ?? null,
              reason: a.reason,
              detail: a.detail ?? null,
            },
            at,
          );
        }
      }
    });
    return linked;
  }

  async function reachOf(employeeIds: readonly number[]): Promise<ReachResult> {
    const ids = [...new Set(employeeIds)];
    const reachable = await reachableAmong(db, running, ids);
    const missing = ids.filter((id) => !reachable.has(id));
    if (missing.length === 0) return { reachable: ids, unreachable: [] };
    const people = await namesAndEmails(db, missing);
    const failures = await lookupFailures(db, realRunning, missing);
    const unreachable = missing.map((id): UnreachablePerson => ({
      employeeId: id,
      name: people.get(id)?.name ?? String(id),
      reasons: realRunning.map((platform) => {
        const f = failures.find((x) => x.employeeId === id && x.platform === platform);
        return f
          ? { platform, reason: f.reason, ...(f.detail ? { detail: f.detail } : {}) }
          : { platform, reason: 'not_linked' as const };
      }),
    }));
    unreachable.sort((a, b) => a.name.localeCompare(b.name) || a.employeeId - b.employeeId);
    return { reachable: ids.filter((id) => reachable.has(id)), unreachable };
  }

  async function sweep(employeeIds?: readonly number[]): Promise<{ invited: number; delivered: number }> {
    const result = await unitOfWork(db, async (tx) => {
      const notify = outboxNotifier({
        db: tx,
        platforms: running,
        defaultLocale: config.defaultLocale,
        forPlatform: (p, c) => withPlatformLinks(config, p, c),
      });
      const invited = (await inviteNewlyReachable(tx, surveyMessenger(tx, notify, config, running), now(), employeeIds))
        .length;
      let delivered = 0;
      await dropUnreachedOfLeavers(tx);
      const waiting = (await peopleWithUnreached(tx)).filter((id) => !employeeIds || employeeIds.includes(id));
      for (const id of await reachableAmong(tx, running, waiting)) {
        for (const m of await takeUnreached(tx, id)) {
          await notify.toEmployee(id, () => m.card, m.cardKey ? { cardKey: m.cardKey } : {});
          delivered++;
        }
      }
      return { invited, delivered };
    });
    if (result.invited || result.delivered) {
      logger.info(result, 'reach: people who became reachable got their waiting cards');
      deps.onEnqueued?.();
    }
    return result;
  }

  async function resolve(employeeIds: readonly number[], opts: { force?: boolean } = {}): Promise<ReachResult> {
    const linked: number[] = [];
    for (const [platform, people] of await pending(employeeIds, opts.force ?? false)) {
      const finder = finders.find((f) => f.platform === platform)!;
      const answers = await ask(platform, finder.find, people);
      linked.push(...(await record(platform, people, answers)));
    }
    if (linked.length) await sweep(linked);
    return await reachOf(employeeIds);
  }

  return {
    running,
    needsLookup: async (ids, opts = {}) => (await pending(ids, opts.force ?? false)).size > 0,
    lookupCount: async (ids, opts = {}) =>
      new Set([...(await pending(ids, opts.force ?? false)).values()].flat().map((p) => p.employeeId)).size,
    resolve,
    reachOf,
    sweep,
    async linkAll() {
      // Everyone active (the audience of a wave to the whole org).
      const ids = ((await waveAudience(db, null)) ?? []).map((p) => p.id);
      const before = (await linkedAmong(db, realRunning, ids)).size;
      const r = await resolve(ids, { force: true });
      // People linked by a directory sync since the last sweep get their waiting cards too.
      await sweep();
      const linked = (await linkedAmong(db, realRunning, ids)).size - before;
      const reasons: Record<string, number> = {};
      for (const u of r.unreachable)
        for (const x of u.reasons)
          reasons[`${x.platform}:${x.reason}`] = (reasons[`${x.platform}:${x.reason}`] ?? 0) + 1;
      logger.info({ people: ids.length, linked, unreachable: r.unreachable.length, reasons }, 'reach: link job done');
      return { linked, unreachable: r.unreachable.length };
    },
    async resolveUnreached() {
      const waiting = [...new Set([...(await peopleWithUnreached(db)), ...(await unreachedInOpenWaves(db, now()))])];
      if (waiting.length) await resolve(waiting);
      await sweep();
    },
  };
}

/** At most this many names in a chat card; the mini-app's launch result lists everyone. */
export const UNREACHABLE_LISTED = 20;

/** One person's reasons in the reader's language, each with what to fix. */
export function reasonsText(u: UnreachablePerson, t: Translate): string {
  return u.reasons
    .map((r) =>
      t(`reach.reason.${r.reason}`, {
        platform: t(`reach.platform.${r.platform}`),
        detail: r.detail ?? t('reach.detail.unknown'),
      }),
    )
    .join('; ');
}

/** The "M not reachable" lines for a chat card: names, reasons and fixes, then how many more. */
export function unreachableLines(list: readonly UnreachablePerson[], t: Translate): string[] {
  const lines = list
    .slice(0, UNREACHABLE_LISTED)
    .map((u) => `- ${t('reach.unreachable.line', { name: u.name, reasons: reasonsText(u, t) })}`);
  if (list.length > UNREACHABLE_LISTED)
    lines.push(t('reach.unreachable.more', { count: list.length - UNREACHABLE_LISTED }));
  return lines;
}
