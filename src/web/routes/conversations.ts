// The anonymous conversation on a published comment (issue 23 item 1), through the mini-app.
//
// Team side (/conversations…): a signed-in HR person or manager; the domain decides per comment (the report's
// visibility over the wave's tree, the comment threshold as today) and audits each message.
//
// Author side (/conversation/author…): the reply key in the POST body is the only credential. These routes never
// identify the caller: the session guard skips them (so the cookie the browser sends anyway is not read and the
// session's last-seen is not touched), nothing is audited, a refusal is never a 403 (which the error handler would
// audit with the viewer), and the server's request log leaves them out (src/server.ts). Wrong keys are not
// rate-limited: the server has no limiter, and a key is 192 random bits.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { conversationSealKey } from '../../db/seal-key.js';
import { namesAndEmails, unitNames } from '../../domain/org/employees.js';
import { threadsFor } from '../../domain/surveys/comment-refs.js';
import { MESSAGE_MAX, nextRelease } from '../../domain/surveys/conversation-rules.js';
import {
  authorClose,
  authorReply,
  authorView,
  startThread,
  teamReply,
  teamView,
  type ConversationError,
  type ThreadMessage,
  type ThreadView,
} from '../../domain/surveys/conversations.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import { translator, type Translate } from '../../i18n/index.js';
import { requestLocale, requireManager, viewerOf, type WebDeps } from '../context.js';
import { ApiError } from '../errors.js';
import { serve } from '../serve.js';

/** The paths that must not identify their caller (the session guard and the request log skip them). */
export const AUTHOR_PATH = '/api/conversation/author';
export const isAuthorPath = (url: string | undefined): boolean =>
  url !== undefined && (url === AUTHOR_PATH || url.startsWith(`${AUTHOR_PATH}/`) || url.startsWith(`${AUTHOR_PATH}?`));

const STATUS: Record<ConversationError, 400 | 403 | 404 | 409> = {
  invalid: 400,
  forbidden: 403,
  unknown_comment: 404,
  unknown_thread: 404,
  unknown_key: 404,
  below_threshold: 409,
  closed: 409,
  no_reply_key: 409,
  no_thread: 409,
};

/** A domain refusal as the API's error: its status, a message in the reader's language, `body` named when bad. */
export function refusal(t: Translate, code: ConversationError): ApiError {
  if (code === 'invalid')
    return new ApiError(400, t('error.invalidInput'), 'invalid', {
      body: t('conversation.field.body', { max: MESSAGE_MAX }),
    });
  return new ApiError(STATUS[code], t(`conversation.error.${code}`), code);
}

const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

function messageJson(m: ThreadMessage, mine: 'team' | 'author', now: Date, names: Map<number, string> | undefined) {
  return {
    id: m.id,
    side: m.side,
    body: m.body,
    releaseAt: m.releaseAt.toISOString(),
    pending: m.side === mine && m.releaseAt.getTime() > now.getTime(),
    sender: names && m.senderId !== null ? (names.get(m.senderId) ?? null) : null,
  };
}

function threadFields(v: ThreadView, mine: 'team' | 'author', now: Date, tz: string, names?: Map<number, string>) {
  return {
    commentId: v.commentId,
    waveId: v.waveId,
    comment: v.comment,
    status: v.status,
    closedAt: isoOrNull(v.closedAt),
    messages: v.messages.map((m) => messageJson(m, mine, now, names)),
    nextRelease: nextRelease(now, tz).toISOString(),
  };
}

export function registerConversationRoutes(api: FastifyInstance, deps: WebDeps): void {
  const { db, config } = deps;
  const now = () => deps.now?.() ?? new Date();
  const tz = config.defaultTimezone;
  /** The author side has no viewer: the browser's language, else the company's. */
  const authorT = (req: FastifyRequest) => translator(requestLocale(req, config.defaultLocale));

  const senderNames = async (messages: readonly ThreadMessage[]) => {
    const ids = [...new Set(messages.flatMap((m) => (m.senderId === null ? [] : [m.senderId])))];
    return new Map([...(await namesAndEmails(db, ids))].map(([id, p]) => [id, p.name]));
  };

  serve(api, 'GET /conversations', async (req, _reply, input) => {
    const v = viewerOf(req);
    await requireManager(db, v);
    const { waveId } = input.query();
    const threads = await threadsFor(db, { viewer: v.person, waveId, now: now() });
    const units = await unitNames(
      db,
      threads.flatMap((x) => (x.unitId === null ? [] : [x.unitId])),
    );
    return {
      threads: threads.map((x) => ({
        threadId: x.threadId,
        waveId: x.waveId,
        unit: x.unitId === null ? null : (units.get(x.unitId) ?? null),
        comment: x.comment,
        status: x.status,
        messages: x.messages,
        awaitingReply: x.awaitingReply,
        lastAt: isoOrNull(x.lastAt),
      })),
    };
  });

  serve(api, 'POST /conversations', async (req, _reply, input) => {
    const v = viewerOf(req);
    const { commentId, body } = input.body();
    const at = now();
    const r = await unitOfWork(
      db,
      async (tx) => await startThread(tx, { commentId, body, viewer: v.person, now: at, timeZone: tz }),
    );
    if (!r.ok) throw refusal(v.t, r.code);
    return {
      threadId: r.threadId,
      created: r.created,
      message: messageJson(r.message, 'team', at, new Map([[v.person.id, v.person.name]])),
    };
  });

  serve(api, 'GET /conversations/:threadId', async (req, _reply, input) => {
    const v = viewerOf(req);
    const { threadId } = input.params();
    const at = now();
    const r = await teamView(db, { threadId, viewer: v.person, now: at });
    if (!r.ok) throw refusal(v.t, r.code);
    const unitId = r.thread.unitId;
    const unit = unitId === null ? null : ((await unitNames(db, [unitId])).get(unitId) ?? null);
    return {
      thread: {
        threadId,
        unit,
        ...threadFields(r.thread, 'team', at, tz, await senderNames(r.thread.messages)),
      },
    };
  });

  serve(api, 'POST /conversations/:threadId/messages', async (req, _reply, input) => {
    const v = viewerOf(req);
    const { threadId } = input.params();
    const { body } = input.body();
    const at = now();
    const r = await unitOfWork(
      db,
      async (tx) => await teamReply(tx, { threadId, body, viewer: v.person, now: at, timeZone: tz }),
    );
    if (!r.ok) throw refusal(v.t, r.code);
    return { message: messageJson(r.message, 'team', at, new Map([[v.person.id, v.person.name]])) };
  });

  // The author's side: no viewerOf, no audit, nothing logged (see the header).
  serve(api, 'POST /conversation/author', async (req, _reply, input) => {
    const { key } = input.body();
    const at = now();
    const r = await authorView(db, conversationSealKey(config), { key, now: at });
    if (!r.ok) throw refusal(authorT(req), r.code);
    return { thread: { threadId: r.thread.threadId, ...threadFields(r.thread, 'author', at, tz) } };
  });

  serve(api, 'POST /conversation/author/reply', async (req, _reply, input) => {
    const { key, body } = input.body();
    const at = now();
    const r = await unitOfWork(
      db,
      async (tx) => await authorReply(tx, conversationSealKey(config), { key, body, now: at, timeZone: tz }),
    );
    if (!r.ok) throw refusal(authorT(req), r.code);
    return { message: messageJson(r.message, 'author', at, undefined) };
  });

  serve(api, 'POST /conversation/author/close', async (req, _reply, input) => {
    const { key } = input.body();
    const at = now();
    const r = await unitOfWork(
      db,
      async (tx) => await authorClose(tx, conversationSealKey(config), { key, now: at, timeZone: tz }),
    );
    if (!r.ok) throw refusal(authorT(req), r.code);
    return { closedAt: r.closedAt.toISOString() };
  });
}
