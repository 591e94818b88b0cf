// The sandbox adapter: a local web chat at /sandbox. It goes through the same port, core, outbox and
// card views as a real platform; only the transport (this page, and a chat store the wiring provides) differs.
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { hasSecretLinks, withoutSecretLinks } from '../../cards/secret-links.js';
import { actionRefSchema, formValuesSchema, type CardView } from '../../cards/view.js';
import type { BotCore, PlatformAdapter, Recipient, SentRef } from '../../src/bot/port.js';
import { t } from '../../src/i18n/index.js';
import { DeliveryError } from '../../src/bot/port.js';
import { renderCardHtml } from './render.js';
import { ChatStore, type ChatMessage, type SandboxChatStore } from './store.js';
import { sandboxPage } from './page.js';

export interface SandboxPerson {
  id: number;
  name: string;
  unitName: string | null;
  roles: string[];
  locale: 'zh-CN' | 'en' | null;
}

export interface SandboxOptions {
  /** Who can be picked: provided by the server's wiring, since an adapter never reads the database. */
  people: () => SandboxPerson[] | Promise<SandboxPerson[]>;
  defaultLocale: 'zh-CN' | 'en';
  /**
   * The employee the request's session is signed in as, or undefined. The wiring reads the mini-app's
   * signed cookie; the chat API serves and acts for that person only, so a personId alone proves nothing.
   */
  identify: (req: FastifyRequest) => number | undefined | Promise<number | undefined>;
  /** Where the chat lives: the database's in the app (any instance serves any page); in memory when absent. */
  store?: SandboxChatStore;
}

// Room for a command with lines under it (an indicator CSV for a store); the lines are kept as they are.
const sendBody = z.object({
  personId: z.number().int().positive(),
  text: z.string().trim().min(1).max(50_000),
  eventId: z.string().uuid(),
});
const actionBody = z.object({
  personId: z.number().int().positive(),
  messageId: z.string().min(1).max(32),
  action: actionRefSchema,
  values: formValuesSchema.optional(),
  eventId: z.string().uuid(),
});
const pollQuery = z.object({
  personId: z.coerce.number().int().positive(),
  since: z.coerce.number().int().min(0).default(0),
});

function view(m: ChatMessage) {
  return {
    id: m.id,
    from: m.from,
    version: m.version,
    text: m.text,
    html: m.card ? renderCardHtml(m.card) : undefined,
  };
}

export function createSandboxAdapter(opts: SandboxOptions): PlatformAdapter & { store: SandboxChatStore } {
  const store = opts.store ?? new ChatStore();
  let core: BotCore | undefined;
  // Cards with a secret link (a comment author's reply key) are stored without it, and shown with it from this
  // process's memory only: the chat in the database never holds the key (cards/secret-links.ts). After a
  // restart, or on another instance, the card shows without the link.
  const secretCards = new Map<string, CardView>();
  const keep = (id: string, card: CardView) => {
    secretCards.delete(id);
    if (!hasSecretLinks(card)) return;
    secretCards.set(id, card);
    if (secretCards.size > 1000) secretCards.delete(secretCards.keys().next().value!);
  };
  const shown = (m: ChatMessage): ChatMessage => {
    const card = secretCards.get(m.id);
    return card ? { ...m, card } : m;
  };

  const known = async (personId: number) => (await opts.people()).find((p) => p.id === personId);
  const unknownPerson = (id: number, locale: 'zh-CN' | 'en') => ({ error: t(locale, 'sandbox.unknownPerson', { id }) });
  // Refusals in the sandbox's default locale, like unknownPerson: the page shows them as they are.
  const signInRequired = () => ({ error: t(opts.defaultLocale, 'sandbox.signInRequired') });
  const notSignedInAs = (id: number) => ({ error: t(opts.defaultLocale, 'sandbox.notSignedInAs', { id }) });

  const routes: FastifyPluginAsync = async (app) => {
    app.get('/sandbox', async (_req, reply) =>
      reply.type('text/html; charset=utf-8').send(sandboxPage(opts.defaultLocale)),
    );
    app.get('/sandbox/api/people', async () => ({ people: await opts.people() }));

    // A chat is served, and acted in, only for the person the session is signed in as: no session → 401
    // before anything else is looked at; someone else's personId → 403, with nothing read or sent.
    app.get('/sandbox/api/messages', async (req, reply) => {
      const who = await opts.identify(req);
      if (who === undefined) return reply.code(401).send(signInRequired());
      const q = pollQuery.safeParse(req.query);
      if (!q.success) return reply.code(400).send({ error: 'personId and since must be numbers' });
      if (!(await known(q.data.personId)))
        return reply.code(404).send(unknownPerson(q.data.personId, opts.defaultLocale));
      if (q.data.personId !== who) return reply.code(403).send(notSignedInAs(q.data.personId));
      // The version is read first: a message added in between is in `messages` and fetched again next time,
      // never skipped.
      const version = await store.currentVersion();
      return {
        version,
        messages: (await store.since(String(q.data.personId), q.data.since)).map((m) => view(shown(m))),
      };
    });

    app.post('/sandbox/api/send', async (req, reply) => {
      const who = await opts.identify(req);
      if (who === undefined) return reply.code(401).send(signInRequired());
      const body = sendBody.safeParse(req.body);
      if (!body.success)
        return reply.code(400).send({
          error: 'Expected { personId, text, eventId }',
          issues: body.error.issues.map((i) => i.path.join('.')),
        });
      const person = await known(body.data.personId);
      if (!person) return reply.code(404).send(unknownPerson(body.data.personId, opts.defaultLocale));
      if (person.id !== who) return reply.code(403).send(notSignedInAs(person.id));
      const conversation = String(person.id);
      await store.add(conversation, { from: 'user', text: body.data.text }, `in:${body.data.eventId}`);
      const m = /^\s*\/?([^\s/]*)\s*([\s\S]*)$/.exec(body.data.text)!;
      const isCommand = body.data.text.trim().startsWith('/');
      const user = { platformUserId: conversation, displayName: person.name };
      const replyTo: Recipient = { kind: 'user', platformUserId: conversation };
      const res = await core!.handle(
        isCommand
          ? {
              type: 'command',
              platform: 'sandbox',
              eventId: body.data.eventId,
              user,
              replyTo,
              name: m[1]!.toLowerCase(),
              args: m[2]!.trim(),
            }
          : { type: 'message', platform: 'sandbox', eventId: body.data.eventId, user, replyTo, text: body.data.text },
      );
      return { outcome: res.outcome };
    });

    app.post('/sandbox/api/action', async (req, reply) => {
      const who = await opts.identify(req);
      if (who === undefined) return reply.code(401).send(signInRequired());
      const body = actionBody.safeParse(req.body);
      if (!body.success)
        return reply
          .code(400)
          .send({ error: 'Expected { personId, messageId, action: {k, id?, v?}, values?, eventId }' });
      const person = await known(body.data.personId);
      if (!person) return reply.code(404).send(unknownPerson(body.data.personId, opts.defaultLocale));
      if (person.id !== who) return reply.code(403).send(notSignedInAs(person.id));
      const conversation = String(person.id);
      const target = await store.get(body.data.messageId);
      // A card in someone else's conversation is not yours to press.
      if (!target || target.conversation !== conversation)
        return reply.code(404).send({ error: 'No such message in this conversation' });
      const res = await core!.handle({
        type: 'action',
        platform: 'sandbox',
        eventId: body.data.eventId,
        user: { platformUserId: conversation, displayName: person.name },
        replyTo: { kind: 'user', platformUserId: conversation },
        action: body.data.action,
        values: body.data.values,
        cardRef: { messageId: body.data.messageId },
      });
      if (res.card && (await store.replaceCard(body.data.messageId, withoutSecretLinks(res.card))))
        keep(body.data.messageId, res.card);
      const updated = (await store.get(body.data.messageId))?.message ?? target.message;
      return { outcome: res.outcome, toast: res.toast, fieldErrors: res.fieldErrors, message: view(shown(updated)) };
    });
  };

  return {
    platform: 'sandbox',
    // Local: no platform limit to respect, but keep a bucket so a fan-out stays gentle.
    limits: { ratePerSecond: 200, burst: 200 },
    store,
    routes,
    async start(bot) {
      core = bot;
    },
    async stop() {
      core = undefined;
    },
    async send(to, msg, { idempotencyKey }): Promise<SentRef> {
      const conversation = to.kind === 'user' ? to.platformUserId : to.chatId;
      const m = await store.add(
        conversation,
        msg.kind === 'card' ? { from: 'bot', card: withoutSecretLinks(msg.card) } : { from: 'bot', text: msg.text },
        idempotencyKey,
      );
      return { messageId: m.id, chatId: conversation };
    },
    async update(ref, msg) {
      if (msg.kind !== 'card') return;
      secretCards.delete(ref.messageId);
      if (!(await store.replaceCard(ref.messageId, withoutSecretLinks(msg.card))))
        throw new DeliveryError(`no sandbox message ${ref.messageId}`, 'permanent');
    },
  };
}

export const newEventId = (): string => randomUUID();
