// What a scenario step gets and gives back. A step acts as a demo person through the domain functions the chat
// and the mini-app call; a refusal from one of them ends the step (its transaction is rolled back by the
// player), and the demo stops saying which step and why.
import type { Db } from '../../db/connection.js';
import { DEMO_DOMAIN } from '../org/demo-org.js';
import { findByEmail, getPerson, type Person } from '../org/employees.js';
import { allUnits, type UnitNode } from '../org/units.js';
import type { SealKey } from '../surveys/seal.js';
import type { Param } from './runner.js';

export interface StepContext {
  db: Db;
  key: SealKey;
  /** When the step happens on the story clock. */
  at: Date;
  /** The real time of the press (deadlines that must lie ahead, e.g. a rating cycle's close date). */
  now: Date;
  /** Ids earlier steps of this run made. */
  refs: Readonly<Record<string, number>>;
}

export type StepResult =
  | {
      ok: true;
      /** Who acted (null: many people, e.g. everyone answering a wave). */
      actorId: number | null;
      params: Record<string, Param>;
      refs?: Record<string, number>;
      link?: string;
    }
  | { ok: false; reason: string };

export type StepFn = (ctx: StepContext) => Promise<StepResult>;

/** Thrown inside the step's transaction so everything it wrote is rolled back. */
export class StepRefused extends Error {
  constructor(readonly reason: string) {
    super(`demo step refused: ${reason}`);
  }
}

/** The result of a domain call, or the step's refusal with its code. */
export function need<T extends { ok: boolean }>(r: T): Extract<T, { ok: true }> {
  if (!r.ok) {
    const code = 'code' in r && typeof r.code === 'string' ? r.code : 'refused';
    throw new StepRefused(code);
  }
  return r as Extract<T, { ok: true }>;
}

export function refuse(reason: string): never {
  throw new StepRefused(reason);
}

export async function demoPerson(db: Db, user: string): Promise<Person> {
  const p = await findByEmail(db, `${user}@${DEMO_DOMAIN}`);
  if (!p || !p.active) refuse('person_missing');
  return p;
}

export async function personById(db: Db, id: number): Promise<Person> {
  const p = await getPerson(db, id);
  if (!p) refuse('person_missing');
  return p;
}

export async function unitByPath(db: Db, path: string): Promise<UnitNode> {
  const u = (await allUnits(db)).find((x) => x.path === path);
  if (!u) refuse('unit_missing');
  return u;
}

export function ref(ctx: StepContext, name: string): number {
  const v = ctx.refs[name];
  if (v === undefined) refuse('out_of_order');
  return v;
}

export const ymd = (d: Date) => d.toISOString().slice(0, 10);
