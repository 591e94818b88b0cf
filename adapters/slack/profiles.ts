// Slack events carry only a user id. Email (to link the person) and locale (for people whose employee
// record has none) come from users.info; a short in-memory cache keeps that to one call per person per
// hour (users.info is Tier 4, 100+ per minute: https://docs.slack.dev/reference/methods/users.info).
import type { Locale } from '../../src/bot/port.js';

export interface SlackProfile {
  email?: string;
  locale?: Locale;
  displayName?: string;
}

const TTL_MS = 60 * 60 * 1000;
const MAX_ENTRIES = 10_000;

export class ProfileCache {
  private readonly entries = new Map<string, { at: number; profile: Promise<SlackProfile> }>();
  /** The answers of lookups that succeeded, for peek(); bounded like the entries. */
  private readonly known = new Map<string, SlackProfile>();

  constructor(
    private readonly lookup: (userId: string) => Promise<SlackProfile>,
    private readonly now: () => number = Date.now,
  ) {}

  get(userId: string): Promise<SlackProfile> {
    const hit = this.entries.get(userId);
    if (hit && this.now() - hit.at < TTL_MS) return hit.profile;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    if (this.known.size >= MAX_ENTRIES) this.known.clear();
    const profile = this.lookup(userId);
    this.entries.set(userId, { at: this.now(), profile });
    profile.then((p) => this.known.set(userId, p)).catch(() => {});
    // A failed lookup is not cached: the next event tries again.
    profile.catch(() => this.entries.delete(userId));
    return profile;
  }

  /** What is already known of a person, without asking Slack (undefined when not looked up, or not yet). */
  peek(userId: string): SlackProfile | undefined {
    return this.known.get(userId);
  }
}
