// The anonymous conversation on a published comment (issue 23 item 1), both sides. The team side is a signed-in
// HR person or manager (the domain checks access per comment); the author side is identified by nothing but the
// reply key, which travels in the POST body (never the URL, which logs and histories keep).
import { z } from 'zod';
import type { Endpoints } from './endpoint.js';

const threadStatus = z.enum(['none', 'open', 'closed']);

export const conversationMessageSchema = z.strictObject({
  id: z.string(),
  side: z.enum(['team', 'author']),
  body: z.string(),
  /** The batch time from which the other side sees it. */
  releaseAt: z.string(),
  /** The reader's own message whose batch time has not come yet: the other side does not see it. */
  pending: z.boolean(),
  /** The team member who wrote it — in the team's view only (the author reads "the team"). */
  sender: z.string().nullable(),
});

const threadFields = {
  commentId: z.string(),
  waveId: z.number(),
  comment: z.string(),
  /** 'none': nobody on the team has answered yet (the author's view only). */
  status: threadStatus,
  closedAt: z.string().nullable(),
  messages: z.array(conversationMessageSchema),
  /** The next batch time: what a message written now would show as its delivery. */
  nextRelease: z.string(),
};

export const teamThreadSchema = z.strictObject({
  threadId: z.number(),
  /** The comment's published group and its title (from the wave's tree). */
  unit: z.string().nullable(),
  ...threadFields,
});
export const authorThreadSchema = z.strictObject({ threadId: z.number().nullable(), ...threadFields });

/** A message body as the form sends it; the domain trims it and checks its length (a 400 naming `body`). */
const body = z.string().max(10_000);
/** A reply key as the author holds it (32 characters of base64url); anything else is simply unknown. */
const key = z.string().max(200);

export const conversationEndpoints = {
  'GET /conversations': {
    query: z.object({ waveId: z.coerce.number().int().positive().optional() }),
    response: z.strictObject({
      threads: z.array(
        z.strictObject({
          threadId: z.number(),
          waveId: z.number(),
          unit: z.string().nullable(),
          comment: z.string(),
          status: threadStatus,
          messages: z.number(),
          /** Messages from the author the team has not answered since (released ones only). */
          awaitingReply: z.boolean(),
          lastAt: z.string().nullable(),
        }),
      ),
    }),
  },
  'POST /conversations': {
    body: z.object({ commentId: z.string().max(64), body }),
    response: z.strictObject({ threadId: z.number(), created: z.boolean(), message: conversationMessageSchema }),
  },
  'GET /conversations/:threadId': {
    params: z.object({ threadId: z.coerce.number().int().positive() }),
    response: z.strictObject({ thread: teamThreadSchema }),
  },
  'POST /conversations/:threadId/messages': {
    params: z.object({ threadId: z.coerce.number().int().positive() }),
    body: z.object({ body }),
    response: z.strictObject({ message: conversationMessageSchema }),
  },
  'POST /conversation/author': {
    body: z.object({ key }),
    response: z.strictObject({ thread: authorThreadSchema }),
  },
  'POST /conversation/author/reply': {
    body: z.object({ key, body }),
    response: z.strictObject({ message: conversationMessageSchema }),
  },
  'POST /conversation/author/close': {
    body: z.object({ key }),
    response: z.strictObject({ closedAt: z.string() }),
  },
} satisfies Endpoints;
