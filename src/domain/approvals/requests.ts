// Approval requests: submit, decide, resubmit, cancel — each a pure transition (transitions.ts) applied
// with optimistic concurrency, a decision row, an audit entry and the kind's effects (points land, holds
// are released, a transfer moves the person), all in the caller's transaction. Whenever a step starts or
// escalates, its approvers come from the fallback order (fallback.ts); a step nobody at all can decide
// ends the request (rejected by the system, with the reason), so no request waits on nobody.
import { jsonArrayHas } from '../../db/sql-dialect.js';
import { and, asc, eq, gt, isNull, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { approvalDecisions, approvalFlows, approvalRequests } from '../../db/schema.js';
import { audit } from '../audit.js';
import { appendEntry } from '../points/ledger.js';
import {
  readSimilar,
  recheckSimilar,
  similarEarlierClaim,
  storeSimilar,
  type SimilarClaim,
} from '../points/duplicates.js';
import { MAX_QUANTITIES, QUANTITY_UNITS, quantitySchema } from '../points/claim-value.js';
import { loadOrgFacts, routeApprovers, ruleResult, type RoutingNote } from './approvers.js';
import { DEFAULT_FLOWS } from './default-flows.js';
import { escalationRoute, rerouteSchema, type Reroute, type Why } from './fallback.js';
import { firstApplicable, validateFlow, type Facts, type FlowDefinition } from './flow-schema.js';
import { formFacts, formTargetUnit } from './form-fields.js';
import type { Issue } from '../../i18n/issues.js';
import { completeTransfer, type Rerouted } from './transfer-effects.js';
import {
  advance,
  deciders,
  ENTERS_STEP,
  seatStep,
  type FlowEvent,
  type FlowState,
  type Outcome,
  type RequestStatus,
  type TransitionError,
} from './transitions.js';
import { getPerson } from '../org/employees.js';
import { allUnits } from '../org/units.js';
import { returnedRow, changedRows } from '../../db/rows.js';
import { prepared, slot } from '../../db/prepared.js';

export const payloadSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('point_claim'),
      tagId: z.number().int(),
      description: z.string().min(1).max(1000),
      /** The value created: each quantity with its own unit, as read by parseClaimValue. */
      quantities: z.array(quantitySchema).max(MAX_QUANTITIES).optional(),
      /** Before quantities, a claim had one number and one unit; such stored requests still load. */
      amount: z.number().finite().optional(),
      unit: z.enum(QUANTITY_UNITS).optional(),
      note: z.string().max(500).optional(),
      points: z.number().int().positive(),
      adjustment: z.object({ from: z.number().int(), reason: z.string() }).optional(),
      /** A peer nomination (points/nominations.ts): who nominated the applicant, who is the nominee. */
      nominatorId: z.number().int().optional(),
    })
    .transform(({ quantities, amount, unit, ...claim }) => ({
      ...claim,
      quantities: quantities ?? (amount === undefined ? [] : [{ amount, unit: unit ?? 'other', text: String(amount) }]),
    })),
  z.object({ kind: z.literal('redemption'), rewardId: z.number().int(), cost: z.number().int().positive() }),
  z.object({
    kind: z.literal('transfer'),
    fromUnitId: z.number().int().nullable(),
    toUnitId: z.number().int(),
    reason: z.string().min(1).max(500),
    /** YYYY-MM-DD: the day the move takes effect once approved. Absent (older requests): the day of approval. */
    effectiveDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
  }),
  z.object({ kind: z.literal('training'), courseId: z.number().int(), recommendationId: z.number().int() }),
  /** A request kind HR defined (a flow with form fields): its values by field key, checked by form-fields.ts. */
  z.object({
    kind: z.literal('form'),
    flowKey: z.string().regex(/^[a-z0-9-]{1,32}$/),
    values: z.record(z.string(), z.union([z.string(), z.number()])),
  }),
]);
export type RequestPayload = z.infer<typeof payloadSchema>;

export const FLOW_FOR: Record<Exclude<RequestPayload['kind'], 'form'>, string> = {
  point_claim: 'point-claim',
  redemption: 'redemption',
  transfer: 'transfer',
  training: 'training',
};

/** The flow a request goes through: its kind's, or for an HR-defined form the flow that defines it. */
export const flowKeyOf = (p: RequestPayload): string => (p.kind === 'form' ? p.flowKey : FLOW_FOR[p.kind]);

/** What an action named (approval_decisions.detail). */
export const decisionDetailSchema = z.object({
  /** hand_over: to whom; add_sign: whom, and before or after the actor. */
  person: z.number().int().optional(),
  position: z.enum(['before', 'after']).optional(),
  /** send_back: the step's id. */
  toStep: z.string().optional(),
  /** cc: who was copied. */
  people: z.array(z.number().int()).optional(),
});
export type DecisionDetail = z.infer<typeof decisionDetailSchema>;

/** The current step's seats (approval_requests.seats): see FlowState in transitions.ts. */
const seatsSchema = z.object({
  rounds: z.array(
    z.object({ people: z.array(z.number().int()), mode: z.enum(['all', 'any']), approved: z.array(z.number().int()) }),
  ),
  path: z.array(z.number().int()),
  decided: z.array(z.number().int()),
  cc: z.array(z.number().int()),
  lastUrgeAt: z.string().optional(),
});
export type Seats = z.infer<typeof seatsSchema>;

/**
 * The seats as stored, agreeing with who the request waits on: a row written before seats existed, or one whose
 * approvers a reroute or an escalation replaced, has its current round become those people (any one decides).
 */
export function reconcileSeats(stored: Seats | undefined, approvers: number[], stepIndex: number): Seats {
  const base = stored ?? { rounds: [], path: [stepIndex], decided: [], cc: [] };
  const now = base.rounds[0] ? base.rounds[0].people.filter((p) => !base.rounds[0]!.approved.includes(p)) : [];
  const same = now.length === approvers.length && now.every((p) => approvers.includes(p));
  if (same) return base;
  if (approvers.length === 0) return { ...base, rounds: [] };
  return { ...base, rounds: [{ people: approvers, mode: 'any', approved: [] }, ...base.rounds.slice(1)] };
}

export interface Decision {
  stepIndex: number;
  actorId: number | null;
  kind: string;
  comment: string | null;
  detail?: DecisionDetail;
  /** A system decision's structured reason (a reroute, an escalation, a request nobody can approve). */
  reroute?: Reroute;
  at: string;
}

export interface RequestView {
  id: number;
  flow: FlowDefinition;
  applicantId: number;
  payload: RequestPayload;
  status: RequestStatus;
  stepIndex: number;
  approvers: number[];
  asked: number[];
  /** Whose seats the current approvers hold (delegators, or the approvers themselves). */
  principals: number[];
  version: number;
  routingNote: RoutingNote[];
  /** Why the current approvers are not the step rule's people, when they are not. */
  reroute?: Reroute;
  stepStartedAt: Date;
  createdAt: string;
  decisions: Decision[];
  /** Rounds of the current step, the steps passed on this pass, who decided it, who is copied. */
  seats: Seats;
  /** A point claim's duplicate check as stored at submission (`of`: the close earlier claim, as it was then).
   *  Absent: not checked (a request from before the check was stored, or not a point claim). */
  similar?: { of?: SimilarClaim };
}

export async function ensureDefaultFlows(db: Db): Promise<void> {
  for (const f of DEFAULT_FLOWS)
    await db
      .insert(approvalFlows)
      .values({ key: f.key, definition: JSON.stringify(f) })
      .onConflictDoNothing();
}

export async function getFlow(db: Db, key: string): Promise<{ flow: FlowDefinition; version: number } | undefined> {
  const row = (await db.select().from(approvalFlows).where(eq(approvalFlows.key, key)).limit(1))[0];
  return row ? { flow: JSON.parse(row.definition) as FlowDefinition, version: row.version } : undefined;
}

const NOTES = [
  'self_skipped',
  'fallback_hr',
  'delegated',
  'escalated',
  'rerouted',
] as const satisfies readonly RoutingNote[];
/** routing_note: why the current approvers were chosen. Older rows hold only the list of notes. */
const storedRoutingSchema = z.union([
  z.array(z.enum(NOTES)).transform((notes) => ({ notes, for: undefined, reroute: undefined })),
  z.object({ notes: z.array(z.enum(NOTES)), for: z.array(z.number().int()), reroute: rerouteSchema.optional() }),
]);
type StoredRouting = { notes: RoutingNote[]; for: number[]; reroute?: Reroute };

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A system decision's comment holds its reason as JSON; a person's comment is their own words. */
function systemReason(actorId: number | null, comment: string | null): Reroute | undefined {
  if (actorId !== null || comment === null) return undefined;
  const r = rerouteSchema.safeParse(parseJson(comment));
  return r.success ? r.data : undefined;
}

const facts = (p: RequestPayload) =>
  p.kind === 'point_claim' ? { points: p.points } : p.kind === 'redemption' ? { cost: p.cost } : {};
const targetUnit = (p: RequestPayload, flow?: FlowDefinition) =>
  p.kind === 'transfer' ? p.toUnitId : p.kind === 'form' ? formTargetUnit(flow?.fields ?? [], p.values) : undefined;

// A press reads, decides and records a request: those statements are built once (src/db/prepared.ts).
const requestRow = prepared((db) =>
  db
    .select()
    .from(approvalRequests)
    .where(eq(approvalRequests.id, sql.placeholder('id')))
    .limit(1),
);
const decisionRows = prepared((db) =>
  db
    .select()
    .from(approvalDecisions)
    .where(eq(approvalDecisions.requestId, sql.placeholder('id')))
    .orderBy(asc(approvalDecisions.id)),
);

export async function loadRequest(db: Db, id: number): Promise<RequestView | undefined> {
  const r = (await requestRow(db, { id }))[0];
  if (!r) return undefined;
  const decisions = await decisionRows(db, { id });
  const approvers = JSON.parse(r.approvers) as number[];
  const routing = r.routingNote ? storedRoutingSchema.safeParse(parseJson(r.routingNote)) : undefined;
  const stored = routing?.success ? routing.data : undefined;
  return {
    id: r.id,
    flow: JSON.parse(r.flowSnapshot) as FlowDefinition,
    applicantId: r.applicantId,
    payload: payloadSchema.parse(JSON.parse(r.payload)),
    status: r.status,
    stepIndex: r.stepIndex,
    approvers,
    asked: JSON.parse(r.asked) as number[],
    principals: stored?.for ?? approvers,
    version: r.version,
    routingNote: stored?.notes ?? [],
    reroute: stored?.reroute,
    stepStartedAt: new Date(r.stepStartedAt),
    createdAt: r.createdAt,
    decisions: decisions.map((d) => ({
      stepIndex: d.stepIndex,
      actorId: d.actorId,
      kind: d.kind,
      comment: d.comment,
      ...(d.detail ? { detail: parseDetail(d.detail) } : {}),
      reroute: systemReason(d.actorId, d.comment),
      at: d.at,
    })),
    seats: reconcileSeats(
      r.seats ? seatsSchema.safeParse(parseJson(r.seats)).data : undefined,
      r.status === 'pending' ? approvers : [],
      r.stepIndex,
    ),
    ...similarField(r.similar),
  };
}

const similarField = (text: string | null): Pick<RequestView, 'similar'> => {
  const s = readSimilar(text);
  return s.checked ? { similar: s.similar ? { of: s.similar } : {} } : {};
};

const parseDetail = (text: string) => decisionDetailSchema.safeParse(parseJson(text)).data;

async function record(
  db: Db,
  requestId: number,
  stepIndex: number,
  actorId: number | null,
  kind: typeof approvalDecisions.$inferInsert.kind,
  comment?: string,
  at?: Date,
  detail?: DecisionDetail,
): Promise<void> {
  await insertDecision(db, {
    requestId,
    stepIndex,
    actorId,
    kind,
    comment: comment ?? null,
    at: (at ?? new Date()).toISOString(),
    detail: detail ? JSON.stringify(detail) : null,
  });
}
const insertDecision = prepared((db) =>
  db.insert(approvalDecisions).values({
    requestId: sql.placeholder('requestId'),
    stepIndex: sql.placeholder('stepIndex'),
    actorId: sql.placeholder('actorId'),
    kind: sql.placeholder('kind'),
    comment: sql.placeholder('comment'),
    at: sql.placeholder('at'),
    detail: sql.placeholder('detail'),
  }),
);

/** A decision's write: the new state, only if the row is still at the version the decider saw. A decision that
 *  ends the request (`ended`) also clears who it waits on, in the same statement. */
const decideStatement = (ended: boolean) =>
  prepared((db) =>
    db
      .update(approvalRequests)
      .set({
        status: slot('status'),
        stepIndex: slot('stepIndex'),
        version: slot('version'),
        payload: slot('payload'),
        updatedAt: slot('updatedAt'),
        seats: slot('seats'),
        ...(ended
          ? { approvers: '[]', routingNote: null }
          : { approvers: slot('approvers'), asked: slot('asked'), routingNote: slot('routingNote') }),
      })
      .where(
        and(eq(approvalRequests.id, sql.placeholder('id')), eq(approvalRequests.version, sql.placeholder('expected'))),
      ),
  );
const decideEnded = decideStatement(true);
const decideOngoing = decideStatement(false);

const storeRouting = (r: StoredRouting) => JSON.stringify(r);
export const today = (now: Date) => now.toISOString().slice(0, 10);

/**
 * Move a waiting step to other approvers because the org changed under it (a transfer, a delegation): the
 * step keeps its place and its clock restarts for the new people; the timeline records the system decision
 * with its reason. False when someone decided meanwhile (the version moved on).
 */
export async function moveApprovers(
  db: Db,
  req: RequestView,
  to: { approvers: number[]; principals: number[]; notes: RoutingNote[] },
  reroute: Reroute,
  now: Date,
): Promise<boolean> {
  const won = changedRows(
    await db
      .update(approvalRequests)
      .set({
        approvers: JSON.stringify(to.approvers),
        asked: JSON.stringify([...new Set([...req.asked, ...to.approvers])]),
        routingNote: storeRouting({ notes: to.notes, for: to.principals, reroute }),
        stepStartedAt: now.toISOString(),
        remindedAt: null,
        version: req.version + 1,
        updatedAt: now.toISOString(),
      })
      .where(
        and(
          eq(approvalRequests.id, req.id),
          eq(approvalRequests.version, req.version),
          eq(approvalRequests.status, 'pending'),
        ),
      ),
  );
  if (won !== 1) return false;
  await record(db, req.id, req.stepIndex, null, 'reroute', JSON.stringify(reroute), now);
  await audit(db, { kind: 'system' }, 'approval.reroute', `request:${req.id}`, {
    step: req.flow.steps[req.stepIndex]?.id,
    ...reroute,
  });
  return true;
}

/**
 * Nobody at all can decide this step (not the rule's people, their managers, HR or the admins): the request
 * ends as rejected by the system, with the reason on its timeline and in the audit log. Failing is the only
 * safe outcome — skipping the step would approve without an approver, and waiting would wait for ever.
 */
async function failUnroutable(
  db: Db,
  req: { id: number; version: number },
  flow: FlowDefinition,
  stepIndex: number,
  why: Why,
  now: Date,
): Promise<void> {
  const reroute: Reroute = { ...why, to: [], tier: 'none' };
  await db
    .update(approvalRequests)
    .set({
      status: 'rejected',
      stepIndex,
      approvers: '[]',
      routingNote: storeRouting({ notes: [], for: [], reroute }),
      version: req.version + 1,
      updatedAt: now.toISOString(),
    })
    .where(eq(approvalRequests.id, req.id));
  await record(db, req.id, stepIndex, null, 'reject', JSON.stringify(reroute), now);
  await audit(db, { kind: 'system' }, 'approval.unroutable', `request:${req.id}`, {
    step: flow.steps[stepIndex]?.id,
    ...why,
  });
}

/**
 * Point the request at a step: route its approvers (fallback order included) and remember everyone asked.
 * A reroute is written to the timeline with its reason. False when nobody can decide: the request has ended.
 */
async function enterStep(
  db: Db,
  req: { id: number; applicantId: number; payload: RequestPayload; asked: number[]; version: number },
  flow: FlowDefinition,
  stepIndex: number,
  now: Date,
  seats: Seats = { rounds: [], path: [stepIndex], decided: [], cc: [] },
): Promise<{ ok: true; asked: number[]; copied: number[] } | { ok: false }> {
  const step = flow.steps[stepIndex]!;
  const ctx = { applicantId: req.applicantId, targetUnitId: targetUnit(req.payload, flow), today: today(now) };
  const r = await routeApprovers(db, step.approver, ctx);
  if (r.tier === 'none') {
    await failUnroutable(db, req, flow, stepIndex, r.why, now);
    return { ok: false };
  }
  // The step's CC people: each rule's people, as they are today (someone who left is not told).
  const ccPeople: number[] = [];
  for (const rule of step.cc ?? []) {
    const res = await ruleResult(db, rule, ctx);
    if (res.kind === 'people') for (const id of res.people) if ((await getPerson(db, id))?.active) ccPeople.push(id);
  }
  const seated = seatStep(
    { status: 'pending', stepIndex, version: req.version, ...seats, rounds: [], stepEnteredAt: now.toISOString() },
    flow,
    r.approvers,
    { applicantId: req.applicantId, cc: ccPeople, at: now.toISOString() },
  );
  // Routing never seats only the applicant; should it, the step is unroutable like any step nobody can decide.
  if (!seated.ok) {
    await failUnroutable(db, req, flow, stepIndex, { reason: 'no_members' }, now);
    return { ok: false };
  }
  const copied = seated.state.cc.filter((p) => !seats.cc.includes(p));
  const reroute: Reroute | undefined = r.tier === 'rule' ? undefined : { ...r.why, to: r.approvers, tier: r.tier };
  const notes: RoutingNote[] = [
    ...(reroute ? (['rerouted'] as const) : []),
    ...(r.delegated ? (['delegated'] as const) : []),
  ];
  const asked = [...new Set([...req.asked, ...r.approvers])];
  await db
    .update(approvalRequests)
    .set({
      stepIndex,
      approvers: JSON.stringify(r.approvers),
      asked: JSON.stringify(asked),
      routingNote: storeRouting({ notes, for: r.principals, reroute }),
      stepStartedAt: now.toISOString(),
      remindedAt: null,
      seats: JSON.stringify(storedSeats(seated.state)),
    })
    .where(eq(approvalRequests.id, req.id));
  if (reroute) {
    await record(db, req.id, stepIndex, null, 'reroute', JSON.stringify(reroute), now);
    await audit(db, { kind: 'system' }, 'approval.reroute', `request:${req.id}`, { step: step.id, ...reroute });
  }
  return { ok: true, asked: r.approvers, copied };
}

const storedSeats = (s: FlowState): Seats => ({
  rounds: s.rounds,
  path: s.path,
  decided: s.decided,
  cc: s.cc,
  ...(s.lastUrgeAt === undefined ? {} : { lastUrgeAt: s.lastUrgeAt }),
});

/** The request as the state machine sees it. */
const flowState = (req: RequestView): FlowState => ({
  status: req.status,
  stepIndex: req.stepIndex,
  version: req.version,
  ...req.seats,
  stepEnteredAt: req.stepStartedAt.toISOString(),
});

export type SubmitError = 'no_flow' | 'insufficient_balance' | 'no_approvers';

export async function submitRequest(
  db: Db,
  input: { applicantId: number; payload: RequestPayload; now: Date; submittedBy?: number },
): Promise<
  | { ok: true; request: RequestView; asked: number[] }
  | { ok: false; code: SubmitError; step?: FlowDefinition['steps'][number]['name'] }
> {
  await ensureDefaultFlows(db);
  const flowRow = await getFlow(db, flowKeyOf(input.payload));
  if (!flowRow) return { ok: false, code: 'no_flow' };
  const flow = flowRow.flow;
  // A parallel step whose people are nobody is refused now, before anything is written: the fallback order
  // stands in for one missing approver, not for a whole panel.
  for (const step of flow.steps) {
    if (step.mode === undefined) continue;
    const r = await ruleResult(db, step.approver, {
      applicantId: input.applicantId,
      targetUnitId: targetUnit(input.payload, flow),
    });
    if (r.kind === 'nobody' || r.people.every((p) => p === input.applicantId))
      return { ok: false, code: 'no_approvers', step: step.name };
  }
  // The duplicate check runs once, here (before the row exists, every claim on record is earlier).
  const similar =
    input.payload.kind === 'point_claim'
      ? storeSimilar(
          await similarEarlierClaim(db, {
            applicantId: input.applicantId,
            createdAt: input.now.toISOString(),
            flowKey: flow.key,
            payload: input.payload,
          }),
        )
      : null;
  const row = returnedRow(
    await db
      .insert(approvalRequests)
      .values({
        similar,
        flowKey: flow.key,
        flowSnapshot: JSON.stringify(flow),
        applicantId: input.applicantId,
        payload: JSON.stringify(input.payload),
        stepStartedAt: input.now.toISOString(),
        createdAt: input.now.toISOString(),
      })
      .returning({ id: approvalRequests.id }),
    'insert approvalRequests',
  );
  if (input.payload.kind === 'redemption') {
    // Points are held at request time, so the same points cannot be redeemed twice.
    const hold = await appendEntry(db, {
      employeeId: input.applicantId,
      kind: 'hold',
      points: -input.payload.cost,
      source: `request:${row.id}`,
      at: input.now,
    });
    if (!hold.ok) {
      await db.delete(approvalRequests).where(eq(approvalRequests.id, row.id));
      return { ok: false, code: 'insufficient_balance' };
    }
  }
  // Submitted by someone else for the applicant (a nomination): the timeline and the audit name who did it.
  const submitter = input.submittedBy ?? input.applicantId;
  await record(db, row.id, 0, submitter, 'submit', undefined, input.now);
  await audit(db, { kind: 'employee', employeeId: submitter }, 'approval.submit', `request:${row.id}`, {
    flow: flow.key,
  });
  const first = firstApplicable(flow, 0, await factsOf(db, input.payload, flow));
  let asked: number[] = [];
  if (first === undefined) {
    await db.update(approvalRequests).set({ status: 'approved' }).where(eq(approvalRequests.id, row.id));
    await applyEffects(db, (await loadRequest(db, row.id))!, 'approved', input.now);
  } else {
    const entered = await enterStep(
      db,
      { id: row.id, applicantId: input.applicantId, payload: input.payload, asked: [], version: 1 },
      flow,
      first,
      input.now,
    );
    if (entered.ok) asked = entered.asked;
    else await applyEffects(db, (await loadRequest(db, row.id))!, 'rejected', input.now);
  }
  return { ok: true, request: (await loadRequest(db, row.id))!, asked };
}

/** The kind's effects of an outcome; returns the other requests a completed transfer moved to new approvers. */
async function applyEffects(db: Db, req: RequestView, outcome: Outcome, now: Date): Promise<Rerouted[]> {
  const p = req.payload;
  let rerouted: Rerouted[] = [];
  if (outcome === 'approved') {
    if (p.kind === 'point_claim')
      await appendEntry(db, {
        employeeId: req.applicantId,
        kind: 'award',
        points: p.points,
        source: `request:${req.id}`,
        note: p.description.slice(0, 120),
        // Dated when approved (the demo history's approvals happen on their own days): calendar leaderboards.
        at: now,
      });
    // The org changes only when the whole flow has approved — and not before the effective date (the
    // scheduler's tick applies a future one on the day: applyDueTransfers).
    if (p.kind === 'transfer' && (p.effectiveDate ?? today(now)) <= today(now))
      rerouted = await completeTransfer(db, req, now);
  }
  if ((outcome === 'rejected' || outcome === 'cancelled') && p.kind === 'redemption') {
    await appendEntry(db, {
      employeeId: req.applicantId,
      kind: 'release',
      points: p.cost,
      source: `request:${req.id}`,
      at: now,
    });
  }
  return rerouted;
}

export type ActError = TransitionError | 'not_found' | 'bad_adjustment' | 'unknown_person';

export interface ActInput {
  requestId: number;
  event: FlowEvent;
  expectedVersion?: number;
  /** An approver's adjustment of a point claim, within the tag's range, with a reason. */
  adjust?: { points: number; reason: string; min: number; max: number };
  /** A resubmission's edited payload. */
  payload?: RequestPayload;
  /** The request as this unit of work already read it (a handler that checked it first): not read again. */
  request?: RequestView;
  now: Date;
}

const resubmittedWithEdits = (input: ActInput) => input.event.type === 'resubmit' && input.payload !== undefined;

/** The people an action names (hand over, add-sign, CC): they must exist; whether they left is the machine's rule. */
const namedPeople = (e: FlowEvent): number[] =>
  e.type === 'hand_over' ? [e.to] : e.type === 'add_sign' ? [e.person] : e.type === 'cc' ? e.people : [];

/** What the timeline keeps of an action beyond its words. */
function detailOf(e: FlowEvent): DecisionDetail | undefined {
  if (e.type === 'hand_over') return { person: e.to };
  if (e.type === 'add_sign') return { person: e.person, position: e.position };
  if (e.type === 'send_back') return { toStep: e.toStep };
  if (e.type === 'cc') return { people: [...new Set(e.people)] };
  return undefined;
}

/** The form values conditions and branches read; a transfer's target unit kind needs the org. */
async function factsOf(db: Db, p: RequestPayload, flow: FlowDefinition): Promise<Facts> {
  if (p.kind === 'form') return { form: formFacts(flow.fields ?? [], p.values) };
  if (p.kind !== 'transfer') return facts(p);
  const unit = (await allUnits(db)).find((u) => u.id === p.toUnitId);
  return unit ? { unitKind: unit.kind } : {};
}

/**
 * `unroutable`: the decision moved the request to a step nobody can decide, so it ended (outcome `rejected`).
 * `rerouted`: other requests the decision moved to new approvers (a completed transfer's).
 * `asked`: people newly waited on (cards to send); `copied`: people newly copied (information cards).
 */
export async function act(
  db: Db,
  input: ActInput,
): Promise<
  | {
      ok: true;
      request: RequestView;
      outcome: Outcome;
      asked: number[];
      copied: number[];
      unroutable: boolean;
      rerouted: Rerouted[];
    }
  | { ok: false; code: ActError; request?: RequestView }
> {
  const req = input.request?.id === input.requestId ? input.request : await loadRequest(db, input.requestId);
  if (!req) return { ok: false, code: 'not_found' };
  let payload = input.payload ?? req.payload;
  if (input.adjust && payload.kind === 'point_claim' && input.adjust.points !== payload.points) {
    if (
      !Number.isInteger(input.adjust.points) ||
      input.adjust.points < input.adjust.min ||
      input.adjust.points > input.adjust.max ||
      !input.adjust.reason.trim()
    )
      return { ok: false, code: 'bad_adjustment', request: req };
    payload = {
      ...payload,
      points: input.adjust.points,
      adjustment: { from: payload.points, reason: input.adjust.reason.trim() },
    };
  }
  const active = new Map<number, boolean>();
  for (const id of namedPeople(input.event)) {
    const person = await getPerson(db, id);
    if (!person) return { ok: false, code: 'unknown_person', request: req };
    active.set(id, person.active);
  }
  const t = advance(flowState(req), input.event, {
    flow: req.flow,
    facts: await factsOf(db, payload, req.flow),
    applicantId: req.applicantId,
    isActive: (id) => active.get(id) ?? true,
    expectedVersion: input.expectedVersion,
  });
  if (!t.ok) return { ok: false, code: t.error, request: req };

  // Optimistic concurrency: only the writer that still sees the version it read wins.
  // Still pending: the row is rewritten with who it waits on; otherwise (ended, or back with the applicant) cleared.
  const continues = t.state.status === 'pending';
  const enters = ENTERS_STEP.includes(t.outcome) && continues;
  const payloadJson = JSON.stringify(payload);
  const waitingOn = deciders(t.state);
  const before = deciders(flowState(req));
  const sameSeats = waitingOn.length === before.length && waitingOn.every((p) => before.includes(p));
  const routing = sameSeats
    ? storeRouting({ notes: req.routingNote, for: req.principals, reroute: req.reroute })
    : storeRouting({ notes: [], for: waitingOn });
  const won = changedRows(
    await (continues ? decideOngoing : decideEnded)(db, {
      status: t.state.status,
      stepIndex: t.state.stepIndex,
      version: t.state.version,
      payload: payloadJson,
      updatedAt: input.now.toISOString(),
      seats: JSON.stringify(storedSeats(t.state)),
      ...(continues
        ? {
            approvers: JSON.stringify(waitingOn),
            asked: JSON.stringify([...new Set([...req.asked, ...waitingOn])]),
            routingNote: routing,
          }
        : {}),
      id: req.id,
      expected: req.version,
    }),
  );
  if (won !== 1) return { ok: false, code: 'stale', request: req };
  // A claim resubmitted with edits is checked again for duplicates, as at submission.
  if (resubmittedWithEdits(input) && payload.kind === 'point_claim')
    await recheckSimilar(db, { ...req, flowKey: req.flow.key, payload });

  const e = input.event;
  const kind = e.type;
  const comment =
    e.type === 'reject' ||
    e.type === 'return' ||
    e.type === 'hand_over' ||
    e.type === 'add_sign' ||
    e.type === 'send_back'
      ? e.reason.trim()
      : e.type === 'approve' && payload.kind === 'point_claim' && payload.adjustment && input.adjust
        ? `${payload.adjustment.from} → ${payload.points}: ${payload.adjustment.reason}`
        : e.type === 'approve' && e.comment?.trim()
          ? e.comment.trim()
          : e.type === 'cc' && e.reason?.trim()
            ? e.reason.trim()
            : undefined;
  await record(db, req.id, req.stepIndex, e.actorId, kind, comment, input.now, detailOf(e));
  await audit(db, { kind: 'employee', employeeId: e.actorId }, `approval.${kind}`, `request:${req.id}`, {
    step: req.flow.steps[req.stepIndex]?.id,
    outcome: t.outcome,
    ...detailOf(e),
  });

  let asked: number[] = sameSeats ? [] : waitingOn.filter((p) => !before.includes(p));
  let copied: number[] = e.type === 'cc' ? t.state.cc.filter((p) => !req.seats.cc.includes(p)) : [];
  let outcome = t.outcome;
  let decided: RequestView;
  if (continues) {
    if (enters) {
      const entered = await enterStep(
        db,
        { ...req, payload, version: t.state.version },
        req.flow,
        t.state.stepIndex,
        input.now,
        storedSeats(t.state),
      );
      if (entered.ok) {
        asked = entered.asked;
        copied = entered.copied;
      } else outcome = 'rejected';
    }
    // Read once: the effects write the ledger, the org and other requests, never this request's row.
    decided = (await loadRequest(db, req.id))!;
  } else {
    // Ended (its approvers cleared above): the row is what was read plus what this unit wrote, so it is not read
    // again. As loadRequest would give it: the stored payload, nobody waiting, the decision last.
    const at = input.now.toISOString();
    decided = {
      ...req,
      payload: payloadSchema.parse(JSON.parse(payloadJson)),
      status: t.state.status,
      stepIndex: t.state.stepIndex,
      version: t.state.version,
      approvers: [],
      principals: [],
      routingNote: [],
      reroute: undefined,
      seats: storedSeats(t.state),
      decisions: [
        ...req.decisions,
        {
          stepIndex: req.stepIndex,
          actorId: e.actorId,
          kind,
          comment: comment ?? null,
          reroute: systemReason(e.actorId, comment ?? null),
          at,
        },
      ],
    };
  }
  const rerouted = await applyEffects(db, decided, outcome, input.now);
  return {
    ok: true,
    request: decided,
    outcome,
    asked,
    copied,
    unroutable: enters && outcome !== t.outcome,
    rerouted,
  };
}

/** Requests waiting on a person, and those they applied for. */
export async function requestsFor(
  db: Db,
  employeeId: number,
): Promise<{ waiting: RequestView[]; mine: RequestView[] }> {
  const waitingIds = await db
    .select({ id: approvalRequests.id })
    .from(approvalRequests)
    .where(and(eq(approvalRequests.status, 'pending'), jsonArrayHas(approvalRequests.approvers, employeeId)));
  const mineIds = await db
    .select({ id: approvalRequests.id })
    .from(approvalRequests)
    .where(eq(approvalRequests.applicantId, employeeId));
  return {
    waiting: await Promise.all(waitingIds.map(async (r) => (await loadRequest(db, r.id))!)),
    mine: await Promise.all(mineIds.map(async (r) => (await loadRequest(db, r.id))!)),
  };
}

/** Where an overdue pass stands: first the requests waiting past the escalation age, in (step_started_at, id)
 *  order after `after`; then those past the reminder age but not the escalation age. */
export type OverdueCursor = { phase: 'escalate'; after?: { startedAt: string; id: number } } | { phase: 'remind' };

export type OverdueItem =
  { kind: 'remind'; request: RequestView } | { kind: 'escalated'; request: RequestView; asked: number[] };

/** What the overdue scan reads of each due row: the request itself is loaded only when something is done to it. */
const dueColumns = {
  id: approvalRequests.id,
  applicantId: approvalRequests.applicantId,
  approvers: approvalRequests.approvers,
  routingNote: approvalRequests.routingNote,
  stepStartedAt: approvalRequests.stepStartedAt,
  remindedAt: approvalRequests.remindedAt,
};
type RequestRow = { [K in keyof typeof dueColumns]: (typeof approvalRequests.$inferSelect)[K] };
/** A reminder needs no more, and these three are in the (status, reminded_at, step_started_at) index: the
 *  reminder queries read the index alone (and SQLite's planner picks it for that). */
const reminderColumns = {
  id: approvalRequests.id,
  stepStartedAt: approvalRequests.stepStartedAt,
  remindedAt: approvalRequests.remindedAt,
};

/** The seats a waiting step's row names (as loadRequest reads them), for the escalation check. */
function seatsOf(r: RequestRow): { principals: number[]; approvers: number[]; applicantId: number } {
  const approvers = JSON.parse(r.approvers) as number[];
  const routing = r.routingNote ? storedRoutingSchema.safeParse(parseJson(r.routingNote)) : undefined;
  return {
    principals: (routing?.success ? routing.data.for : undefined) ?? approvers,
    approvers,
    applicantId: r.applicantId,
  };
}

/**
 * The overdue scan's three queries (unexecuted, so a test can read their plans): requests waiting past the
 * escalation age after the cursor, in the (status, step_started_at, id) index's order; and those past the
 * reminder age only, never reminded on this step or not within the period, each in the (status, reminded_at,
 * step_started_at) index's order. Each reads at most `n` (or `m`) rows.
 */
export function overdueQueries(
  db: Db,
  now: Date,
  cfg: { remindAfterMs: number; escalateAfterMs: number },
  after: { startedAt: string; id: number } | undefined,
  n: number,
) {
  const escalateBefore = new Date(now.getTime() - cfg.escalateAfterMs).toISOString();
  const remindBefore = new Date(now.getTime() - cfg.remindAfterMs).toISOString();
  const pending = eq(approvalRequests.status, 'pending');
  const young = and(
    pending,
    gt(approvalRequests.stepStartedAt, escalateBefore),
    lte(approvalRequests.stepStartedAt, remindBefore),
  );
  return {
    escalateBefore,
    remindBefore,
    escalating: db
      .select(dueColumns)
      .from(approvalRequests)
      .where(
        and(
          pending,
          lte(approvalRequests.stepStartedAt, escalateBefore),
          after && sql`(${approvalRequests.stepStartedAt}, ${approvalRequests.id}) > (${after.startedAt}, ${after.id})`,
        ),
      )
      .orderBy(asc(approvalRequests.stepStartedAt), asc(approvalRequests.id))
      .limit(n),
    neverReminded: (m: number) =>
      db
        .select(reminderColumns)
        .from(approvalRequests)
        .where(and(young, isNull(approvalRequests.remindedAt)))
        .orderBy(asc(approvalRequests.stepStartedAt), asc(approvalRequests.id))
        .limit(m),
    reminderLapsed: (m: number) =>
      db
        .select(reminderColumns)
        .from(approvalRequests)
        .where(and(young, lte(approvalRequests.remindedAt, remindBefore)))
        .orderBy(asc(approvalRequests.remindedAt), asc(approvalRequests.stepStartedAt), asc(approvalRequests.id))
        .limit(m),
  };
}

/**
 * One slice of the overdue work (see overdueWork): at most `limit.rows` due requests, read through the
 * approval_requests indexes — never the whole pending backlog — and fewer once `limit.until` (performance.now())
 * has passed. Each request done is handed to `handle` before the next (the scheduler enqueues its cards there,
 * in the same transaction). `next` is where the following slice starts; undefined when nothing due is left.
 * Run each slice in a unit of work: a request done in one is no longer due for the next (escalated: its step
 * restarted; ended; reminded: reminded_at is now), and the one whose escalation found nobody new is passed by
 * the cursor — so concurrent passes (two ticks, two instances) never do a request twice.
 */
export async function overdueSlice(
  db: Db,
  now: Date,
  cfg: { remindAfterMs: number; escalateAfterMs: number },
  from: OverdueCursor,
  limit: { rows: number; until?: number },
  handle: (item: OverdueItem) => Promise<void> = async () => undefined,
): Promise<{ items: OverdueItem[]; next: OverdueCursor | undefined }> {
  const q = overdueQueries(db, now, cfg, from.phase === 'escalate' ? from.after : undefined, limit.rows);
  const { escalateBefore, remindBefore } = q;
  const items: OverdueItem[] = [];
  const done = async (item: OverdueItem) => {
    items.push(item);
    await handle(item);
  };
  const spent = () => limit.until !== undefined && performance.now() >= limit.until;
  const remindIfDue = async (r: Pick<RequestRow, 'id' | 'stepStartedAt' | 'remindedAt'>) => {
    if (r.stepStartedAt > remindBefore || (r.remindedAt !== null && r.remindedAt > remindBefore)) return;
    await db.update(approvalRequests).set({ remindedAt: now.toISOString() }).where(eq(approvalRequests.id, r.id));
    await done({ kind: 'remind', request: (await loadRequest(db, r.id))! });
  };
  let room = limit.rows;

  if (from.phase === 'escalate') {
    const rows = await q.escalating;
    // The org as escalation sees it, once per slice: nothing below changes people, managers or delegations.
    const org = rows.length ? await loadOrgFacts(db, today(now)) : undefined;
    room -= rows.length;
    for (const [i, r] of rows.entries()) {
      const s = seatsOf(r);
      const e = escalationRoute(s.principals, s.approvers, s.applicantId, org!);
      if (e.kind === 'move') {
        const req = (await loadRequest(db, r.id))!;
        const next = e.routing.approvers;
        const reroute: Reroute = { reason: 'overdue', to: next, tier: e.routing.tier };
        const notes: RoutingNote[] = ['escalated', ...(e.routing.delegated ? (['delegated'] as const) : [])];
        const won = changedRows(
          await db
            .update(approvalRequests)
            .set({
              approvers: JSON.stringify(next),
              asked: JSON.stringify([...new Set([...req.asked, ...next])]),
              stepStartedAt: now.toISOString(),
              remindedAt: null,
              version: req.version + 1,
              routingNote: storeRouting({ notes, for: e.routing.principals, reroute }),
            })
            .where(and(eq(approvalRequests.id, r.id), eq(approvalRequests.version, req.version))),
        );
        if (won === 1) {
          await record(db, r.id, req.stepIndex, null, 'escalate', JSON.stringify(reroute), now);
          await audit(db, { kind: 'system' }, 'approval.escalate', `request:${r.id}`, {
            to: next,
            tier: e.routing.tier,
          });
          await done({ kind: 'escalated', request: (await loadRequest(db, r.id))!, asked: next });
        }
      } else if (e.kind === 'fail') {
        const req = (await loadRequest(db, r.id))!;
        await failUnroutable(db, req, req.flow, req.stepIndex, e.why, now);
        await applyEffects(db, (await loadRequest(db, r.id))!, 'rejected', now);
        await done({ kind: 'escalated', request: (await loadRequest(db, r.id))!, asked: [] });
      } else await remindIfDue(r); // Nobody new above: the step stays, and its approvers are reminded.
      const cursor: OverdueCursor = { phase: 'escalate', after: { startedAt: r.stepStartedAt, id: r.id } };
      if (spent() && i < rows.length - 1) return { items, next: cursor };
      if (i === rows.length - 1 && (rows.length === limit.rows || spent())) return { items, next: cursor };
    }
  }

  // Past the reminder age, not the escalation age: never reminded on this step, or not within the period.
  if (remindBefore <= escalateBefore) return { items, next: undefined };
  const never = await q.neverReminded(room);
  const lapsed = never.length < room ? await q.reminderLapsed(room - never.length) : [];
  for (const r of [...never, ...lapsed]) {
    await remindIfDue(r);
    room--;
    if (spent()) return { items, next: { phase: 'remind' } };
  }
  return { items, next: room <= 0 ? { phase: 'remind' } : undefined };
}

/**
 * Overdue steps: remind the approvers once per period; after longer, escalate above them (the fallback order:
 * their managers — a delegator's, not the delegate's — then HR, then the admins). With nobody new above, the
 * step stays with approvers who can still decide and they keep being reminded; if they cannot (they have
 * left) the request ends with the reason. Ended requests are returned with the escalated ones, so their
 * cards are redrawn the same way. The whole pass, slice after slice on the caller's handle (the scheduler runs
 * the slices itself, each in its own unit of work).
 */
export async function overdueWork(
  db: Db,
  now: Date,
  cfg: { remindAfterMs: number; escalateAfterMs: number },
): Promise<{ remind: RequestView[]; escalated: { request: RequestView; asked: number[] }[] }> {
  const remind: RequestView[] = [];
  const escalated: { request: RequestView; asked: number[] }[] = [];
  for (let at: OverdueCursor | undefined = { phase: 'escalate' }; at;) {
    const slice = await overdueSlice(db, now, cfg, at, { rows: OVERDUE_SLICE_ROWS });
    for (const item of slice.items)
      if (item.kind === 'remind') remind.push(item.request);
      else escalated.push({ request: item.request, asked: item.asked });
    at = slice.next;
  }
  return { remind, escalated };
}

/** How many due requests one slice takes at most. */
export const OVERDUE_SLICE_ROWS = 200;

/** HR replaces a flow definition; refused when based on an older version (someone changed it meanwhile). */
export async function saveFlow(
  db: Db,
  input: unknown,
  expectedVersion: number,
  actorId: number,
  resolvable: (f: FlowDefinition) => Promise<string | undefined>,
): Promise<
  | { ok: true; version: number }
  | {
      ok: false;
      code: 'invalid' | 'loop' | 'stale' | 'unresolvable' | 'unknown_flow';
      detail?: string;
      issues?: Issue[];
    }
> {
  const v = validateFlow(input);
  if (!v.ok)
    return {
      ok: false,
      code: v.problem.code === 'loop' ? 'loop' : 'invalid',
      ...('issues' in v.problem
        ? { issues: v.problem.issues }
        : { detail: 'step' in v.problem ? v.problem.step : v.problem.field }),
    };
  const current = await getFlow(db, v.flow.key);
  if (!current) return { ok: false, code: 'unknown_flow' };
  if (current.version !== expectedVersion) return { ok: false, code: 'stale' };
  const bad = await resolvable(v.flow);
  if (bad) return { ok: false, code: 'unresolvable', detail: bad };
  await db
    .update(approvalFlows)
    .set({
      definition: JSON.stringify(v.flow),
      version: current.version + 1,
      updatedBy: actorId,
      updatedAt: new Date().toISOString(),
    })
    .where(and(eq(approvalFlows.key, v.flow.key), eq(approvalFlows.version, expectedVersion)));
  await audit(db, { kind: 'employee', employeeId: actorId }, 'approval.flow.update', v.flow.key, {
    version: current.version + 1,
  });
  return { ok: true, version: current.version + 1 };
}
