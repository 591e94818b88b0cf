// Messages between the press bench's orchestrator and its children (seed, emulators, loader, targets). Each
// child is its own process (`node --import tsx`, via fork for the IPC channel); every message is checked with
// zod on arrival, so a child that answers something unexpected fails the bench loudly.
import { z } from 'zod';

/** One button press as the loader sends it: who, on which message, which button. */
export const press = z.object({
  userId: z.string(),
  channel: z.string(),
  ts: z.string(),
  actionId: z.string(),
  value: z.string(),
});
export type Press = z.infer<typeof press>;

export const claim = z.object({
  id: z.number().int(),
  version: z.number().int(),
  approver: z.number().int(),
  applicant: z.number().int(),
});
export type Claim = z.infer<typeof claim>;

// --- seed child (bench/press/seed.ts): one database, kept open.
export const toSeed = z.discriminatedUnion('type', [
  z.object({ type: z.literal('seed') }),
  z.object({ type: z.literal('claims'), n: z.number().int().positive() }),
  z.object({ type: z.literal('backlog'), n: z.number().int().positive() }),
  z.object({ type: z.literal('check'), lo: z.number().int(), hi: z.number().int() }),
  /** Record each claim's card, posted to a DM (its approver's, its applicant's), as the outbox would have: sent,
   *  with its ref. */
  z.object({
    type: z.literal('cards'),
    cards: z.array(z.object({ id: z.number().int(), userId: z.string(), channel: z.string(), ts: z.string() })),
  }),
  z.object({ type: z.literal('exit') }),
]);
export type ToSeed = z.infer<typeof toSeed>;
export const fromSeed = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({
    type: z.literal('seeded'),
    employees: z.array(z.object({ id: z.number().int(), email: z.string() })),
    waveId: z.number().int(),
    ms: z.number(),
    answers: z.number().int(),
  }),
  z.object({ type: z.literal('claims'), claims: z.array(claim), ms: z.number() }),
  z.object({ type: z.literal('backlog'), ms: z.number(), pending: z.number().int() }),
  z.object({ type: z.literal('cards'), n: z.number().int() }),
  /** Approve decisions per request id in [lo, hi] (ids with none are absent), and the outbox rows not yet sent
   *  (pending or being sent): a press's work is done when its notices have gone out too. */
  z.object({
    type: z.literal('check'),
    approvals: z.record(z.string(), z.number().int()),
    unsent: z.number().int(),
  }),
  z.object({ type: z.literal('error'), message: z.string() }),
]);
export type FromSeed = z.infer<typeof fromSeed>;

// --- emulators child (bench/press/emulators.ts).
export const toEmulators = z.discriminatedUnion('type', [
  /** Slack users with these ids (and emails) exist; a DM message per entry is posted, its ts answered. */
  z.object({ type: z.literal('users'), users: z.array(z.object({ id: z.string(), email: z.string() })) }),
  z.object({
    type: z.literal('messages'),
    channels: z.array(z.string()),
    text: z.string(),
    blocks: z.array(z.unknown()),
  }),
  /** Successful calls to a method since the start (kept as counts: the call log is dropped as it grows). */
  z.object({ type: z.literal('count'), method: z.string() }),
  z.object({ type: z.literal('exit') }),
]);
export type ToEmulators = z.infer<typeof toEmulators>;
export const fromEmulators = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), env: z.record(z.string(), z.string()), slackBase: z.string() }),
  z.object({ type: z.literal('ok') }),
  z.object({ type: z.literal('messages'), ts: z.array(z.string()) }),
  z.object({ type: z.literal('count'), n: z.number().int(), failed: z.number().int() }),
]);
export type FromEmulators = z.infer<typeof fromEmulators>;

// --- loader child (bench/press/loader.ts).
export const toLoader = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('run'),
    url: z.string(),
    secret: z.string(),
    responseBase: z.string(),
    presses: z.array(press),
    /** false: the list may be pressed again from the start when used up (the memory run's stale presses). */
    once: z.boolean(),
    connections: z.number().int().positive(),
    seconds: z.number().positive(),
  }),
  z.object({ type: z.literal('exit') }),
]);
export type ToLoader = z.infer<typeof toLoader>;
export const loadResult = z.object({
  /** Requests handed to the connection (built and signed), answered or not. */
  sent: z.number().int(),
  ok: z.number().int(),
  non2xx: z.number().int(),
  errors: z.number().int(),
  timeouts: z.number().int(),
  seconds: z.number(),
  p50: z.number(),
  p99: z.number(),
  max: z.number(),
  /** The list ran out (once: true) and presses started over: the pool was too small. */
  wrapped: z.boolean(),
});
export type LoadResult = z.infer<typeof loadResult>;
export const fromLoader = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('result'), result: loadResult }),
  z.object({ type: z.literal('error'), message: z.string() }),
]);
export type FromLoader = z.infer<typeof fromLoader>;

// --- bare targets (bench/press/bolt-target.ts, bench/press/hmac-target.ts).
export const fromTarget = z.object({ type: z.literal('listening'), port: z.number().int() });
