// Playing a scenario (the chat's /demo and the mini-app's Guided demos page): start a fresh run, or play the
// step a "Next step" press asks for. Each step runs in one transaction with the run's state and an audit entry
// naming who pressed (the domain functions it calls audit as the demo person they act for); a refused step
// rolls back whole, so the demo stops at that step, says why, and a retry plays it again.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Config } from '../../config.js';
import { anyPlatformConfigured } from '../../config.js';
import { inTransaction, type Db } from '../../db/connection.js';
import { employees, settings } from '../../db/schema.js';
import { audit } from '../audit.js';
import { DEMO_DOMAIN } from '../org/demo-org.js';
import type { Person } from '../org/employees.js';
import type { SealKey } from '../surveys/seal.js';
import {
  demoBlockerOf,
  freshRun,
  moveFor,
  runStateSchema,
  storyTime,
  type DemoBlocker,
  type Played,
  type RunState,
} from './runner.js';
import { SCENARIOS, type ScenarioName } from './scenarios.js';
import { StepRefused, type StepFn } from './step-context.js';
import { COOK_STEPS } from './steps-cook.js';
import { PULSE_STEPS } from './steps-pulse.js';
import { SAVING_STEPS } from './steps-saving.js';

export const STEP_FNS: Record<ScenarioName, Record<string, StepFn>> = {
  cook: COOK_STEPS,
  saving: SAVING_STEPS,
  pulse: PULSE_STEPS,
};

const stateKey = (name: ScenarioName) => `demo.scenario.${name}`;

export async function runState(db: Db, name: ScenarioName): Promise<RunState | undefined> {
  const row = (
    await db
      .select({ value: settings.value })
      .from(settings)
      .where(eq(settings.key, stateKey(name)))
      .limit(1)
  )[0];
  if (!row) return undefined;
  const parsed = runStateSchema.safeParse(JSON.parse(row.value));
  return parsed.success ? parsed.data : undefined;
}

async function saveRunState(db: Db, name: ScenarioName, state: RunState, now: Date): Promise<void> {
  const value = JSON.stringify(state);
  await db
    .insert(settings)
    .values({ key: stateKey(name), value })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: now.toISOString() } });
}

/** Why demos may not run here (see runner.ts demoBlockerOf); undefined where they may. */
export async function demoBlocker(db: Db, config: Config): Promise<DemoBlocker | undefined> {
  const people = await db.select({ email: employees.email }).from(employees);
  return demoBlockerOf({
    platformConfigured: anyPlatformConfigured(config),
    sandbox: config.sandbox.enabled,
    emails: people.map((p) => p.email),
    demoDomain: DEMO_DOMAIN,
  });
}

export interface StepView {
  name: ScenarioName;
  run: number;
  /** 0-based index of the step shown. */
  step: number;
  total: number;
  stepId: string;
  played: Played;
  /** When the step happened in the story. */
  at: string;
  done: boolean;
}

export type PlayAnswer =
  | { ok: true; view: StepView; replayed: boolean }
  | { ok: false; code: 'blocked'; blocker: DemoBlocker }
  | { ok: false; code: 'stale' | 'finished' }
  /** The step's domain call refused: nothing of the step was kept. */
  | { ok: false; code: 'refused'; name: ScenarioName; step: number; total: number; stepId: string; reason: string };

export interface PlayInput {
  name: ScenarioName;
  viewer: Person;
  config: Config;
  key: SealKey;
  now: Date;
}

function viewOf(name: ScenarioName, state: RunState, played: Played): StepView {
  const s = SCENARIOS[name];
  const day = s.steps[played.step]!.day;
  return {
    name,
    run: state.run,
    step: played.step,
    total: s.steps.length,
    stepId: s.steps[played.step]!.id,
    played,
    at: storyTime(state.storyStart, day, played.step, new Date(8.64e15)).toISOString(),
    done: played.step >= s.steps.length - 1,
  };
}

async function playIn(db: Db, input: PlayInput, state: RunState, index: number): Promise<PlayAnswer> {
  const scenario = SCENARIOS[input.name];
  const step = scenario.steps[index]!;
  const fn = STEP_FNS[input.name][step.id]!;
  const at = storyTime(state.storyStart, step.day, index, input.now);
  const r = await fn({ db, key: input.key, at, now: input.now, refs: state.refs });
  if (!r.ok) throw new StepRefused(r.reason);
  const played: Played = { step: index, actorId: r.actorId, params: r.params, ...(r.link ? { link: r.link } : {}) };
  const next: RunState = { ...state, next: index + 1, refs: { ...state.refs, ...r.refs }, last: played };
  await saveRunState(db, input.name, next, input.now);
  await audit(db, { kind: 'employee', employeeId: input.viewer.id }, 'demo.step', `demo:${input.name}:${state.run}`, {
    step: step.id,
    ...(r.actorId !== null ? { as: r.actorId } : {}),
  });
  return { ok: true, view: viewOf(input.name, next, played), replayed: false };
}

async function guarded(
  db: Db,
  input: PlayInput,
  body: () => Promise<PlayAnswer>,
  failing: () => { step: number },
): Promise<PlayAnswer> {
  const blocker = await demoBlocker(db, input.config);
  if (blocker) return { ok: false, code: 'blocked', blocker };
  try {
    return await inTransaction(db, body);
  } catch (err) {
    if (!(err instanceof StepRefused)) throw err;
    const scenario = SCENARIOS[input.name];
    const step = failing().step;
    return {
      ok: false,
      code: 'refused',
      name: input.name,
      step,
      total: scenario.steps.length,
      stepId: scenario.steps[step]!.id,
      reason: err.reason,
    };
  }
}

/** A fresh run of the scenario, its first step played. */
export async function startScenario(db: Db, input: PlayInput): Promise<PlayAnswer> {
  return await guarded(
    db,
    input,
    async () => {
      const state = freshRun(await runState(db, input.name), SCENARIOS[input.name].span, input.now);
      return await playIn(db, input, state, 0);
    },
    () => ({ step: 0 }),
  );
}

export const pressSchema = z.object({ run: z.number().int().min(1), step: z.number().int().min(0) });

/** "Next step" on the card of (run, step): play it, or show it again if it was just played. */
export async function playStep(db: Db, input: PlayInput & { press: z.infer<typeof pressSchema> }): Promise<PlayAnswer> {
  return await guarded(
    db,
    input,
    async () => {
      const state = await runState(db, input.name);
      const move = moveFor(state, SCENARIOS[input.name].steps.length, input.press);
      if (move.kind === 'stale' || move.kind === 'finished') return { ok: false, code: move.kind };
      if (move.kind === 'replay') return { ok: true, view: viewOf(input.name, state!, move.played), replayed: true };
      return await playIn(db, input, state!, move.step);
    },
    () => ({ step: input.press.step }),
  );
}

/** Each scenario's current run, for the list (chat) and the page (mini-app). */
export async function scenarioStates(db: Db): Promise<{ name: ScenarioName; state?: RunState }[]> {
  const out: { name: ScenarioName; state?: RunState }[] = [];
  for (const name of Object.keys(SCENARIOS) as ScenarioName[]) {
    const state = await runState(db, name);
    out.push({ name, ...(state ? { state } : {}) });
  }
  return out;
}
