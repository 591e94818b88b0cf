// The step runner's rules, pure: what a press does given the run's stored state (play the next step, show the
// step already played again for a double press or a platform retry, or refuse a card from another run), when a
// step happens on the story clock, and the state a fresh run starts from.
//
// The story clock: a run's story starts `span` days before the run was started, and each step happens on its
// day (plus a minute per step, so steps keep their order), never after the moment it is played. So a wave
// "closes a week later" and a follow-up is "done ten days on" with real dates, while the server's clock is
// never touched and nothing is dated in the future.
import { z } from 'zod';

const DAY = 24 * 60 * 60 * 1000;
const MINUTE = 60 * 1000;

/** A narration parameter: plain, or a name that differs by language (a dimension, a reward). */
export const paramSchema = z.union([z.string(), z.number(), z.object({ 'zh-CN': z.string(), en: z.string() })]);
export type Param = z.infer<typeof paramSchema>;

export const playedSchema = z.object({
  /** 0-based index of the step played. */
  step: z.number().int().min(0),
  actorId: z.number().int().nullable(),
  params: z.record(z.string(), paramSchema),
  /** The mini-app page showing what the step produced. */
  link: z.string().optional(),
});
export type Played = z.infer<typeof playedSchema>;

export const runStateSchema = z.object({
  run: z.number().int().min(1),
  /** The next step to play (0-based); equal to the step count when the run is finished. */
  next: z.number().int().min(0),
  storyStart: z.string(),
  /** Ids the steps made, for the steps after them (the request, the wave, the follow-up…). */
  refs: z.record(z.string(), z.number().int()),
  last: playedSchema.optional(),
});
export type RunState = z.infer<typeof runStateSchema>;

export type Move =
  | { kind: 'play'; step: number }
  /** The step this press asked for was played already (double press, retry): show it again, change nothing. */
  | { kind: 'replay'; played: Played }
  /** A card of an older run, or a step not reached yet. */
  | { kind: 'stale' }
  | { kind: 'finished' };

/** What pressing "Next step" for (run, step) does. */
export function moveFor(state: RunState | undefined, total: number, press: { run: number; step: number }): Move {
  if (!state || press.run !== state.run) return { kind: 'stale' };
  if (press.step === state.next) return state.next >= total ? { kind: 'finished' } : { kind: 'play', step: state.next };
  if (state.last && press.step === state.last.step) return { kind: 'replay', played: state.last };
  return { kind: 'stale' };
}

/** A fresh run: the next number, nothing played, the story starting `span` days (and an hour) before now. */
export function freshRun(previous: RunState | undefined, span: number, now: Date): RunState {
  return {
    run: (previous?.run ?? 0) + 1,
    next: 0,
    storyStart: new Date(now.getTime() - span * DAY - 60 * MINUTE).toISOString(),
    refs: {},
  };
}

/** When step `index` (on story day `day`) happens: its day in the story, never after `now`. */
export function storyTime(storyStart: string, day: number, index: number, now: Date): Date {
  const at = new Date(Date.parse(storyStart) + day * DAY + index * MINUTE);
  return at > now ? now : at;
}

export type DemoBlocker = 'platform' | 'no_sandbox' | 'not_demo_org';

/**
 * Where demos may run: the sandbox, with no real platform configured, on the demo organisation only (every
 * person in the demo domain — the same rule marker.ts uses before seeding the history). A demo acts as other
 * people, which only the sandbox (where anyone may sign in as anyone) allows.
 */
export function demoBlockerOf(input: {
  platformConfigured: boolean;
  sandbox: boolean;
  emails: readonly (string | null)[];
  demoDomain: string;
}): DemoBlocker | undefined {
  if (input.platformConfigured) return 'platform';
  if (!input.sandbox) return 'no_sandbox';
  if (input.emails.length === 0 || input.emails.some((e) => !e?.endsWith(`@${input.demoDomain}`)))
    return 'not_demo_org';
  return undefined;
}

/** A parameter in the reader's language. */
export function paramIn(p: Param, locale: 'zh-CN' | 'en'): string | number {
  return typeof p === 'object' ? p[locale] : p;
}
