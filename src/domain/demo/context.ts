// What every part of the demo history shares: the database, the clock of the story, the people by their
// user name, and a timeline that runs every step in the order it happened (so ids, balances and the org
// chart at each step are what they would have been had people done it on those days).
import type { Db } from '../../db/connection.js';
import { DEMO_DOMAIN } from '../org/demo-org.js';
import { findByEmail, type Person } from '../org/employees.js';
import { allUnits } from '../org/units.js';
import type { SealKey } from '../surveys/seal.js';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

export interface DemoContext {
  db: Db;
  key: SealKey;
  now: Date;
  /** 10:00 in Shanghai (02:00 UTC) on the latest day that is not after `now`: the story's working morning. */
  base: Date;
  /** `days` before base, `hours` later in that day (negative: earlier). */
  ago(days: number, hours?: number): Date;
  /** `hours` before now (for steps still waiting, so no reminder or escalation is already overdue at start). */
  hoursAgo(hours: number): Date;
  person(user: string): Promise<Person>;
  unitId(path: string): Promise<number>;
  /** Plan a step; steps run one at a time, each awaited before the next starts. */
  at(when: Date, what: string, step: () => Promise<void> | void): void;
}

/** A refused domain call in the seed is a bug in the story: fail the whole (rolled-back) seed, naming the step. */
export function must<T extends { ok: boolean }>(r: T, what: string): Extract<T, { ok: true }> {
  if (!r.ok) throw new Error(`demo history: ${what} was refused: ${JSON.stringify(r)}`);
  return r as Extract<T, { ok: true }>;
}

export function ymd(d: Date): string {
  return d.toISOString().slice(0, 10);
}

export function createContext(db: Db, key: SealKey, now: Date): { ctx: DemoContext; run(): Promise<number> } {
  let base = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), 2));
  if (base > now) base = new Date(base.getTime() - DAY);
  let seq = 0;
  const steps: { when: number; seq: number; what: string; step: () => Promise<void> | void }[] = [];
  const ctx: DemoContext = {
    db,
    key,
    now,
    base,
    ago: (days, hours = 0) => new Date(base.getTime() - days * DAY + hours * HOUR),
    hoursAgo: (hours) => new Date(now.getTime() - hours * HOUR),
    async person(user) {
      // Read fresh each time a step asks: a transfer changes a person's unit and manager mid-story.
      const p = await findByEmail(db, `${user}@${DEMO_DOMAIN}`);
      if (!p) throw new Error(`demo history: nobody called ${user} in the demo organisation`);
      return p;
    },
    async unitId(path) {
      const u = (await allUnits(db)).find((x) => x.path === path);
      if (!u) throw new Error(`demo history: no unit ${path}`);
      return u.id;
    },
    at(when, what, step) {
      if (when > now) throw new Error(`demo history: ${what} would happen after now`);
      steps.push({ when: when.getTime(), seq: seq++, what, step });
    },
  };
  return {
    ctx,
    // A step may plan later steps (a launched wave plans its answers): always run the earliest one left.
    async run() {
      let ran = 0;
      while (steps.length > 0) {
        let first = 0;
        for (let i = 1; i < steps.length; i++)
          if (
            steps[i]!.when < steps[first]!.when ||
            (steps[i]!.when === steps[first]!.when && steps[i]!.seq < steps[first]!.seq)
          )
            first = i;
        const [s] = steps.splice(first, 1);
        await s!.step();
        ran++;
      }
      return ran;
    },
  };
}
