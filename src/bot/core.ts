// The bot core: resolves who acted, records the inbound event (a platform retry of the same id is
// acknowledged and ignored), routes it, and runs the handler in the same SQLite transaction as the event
// record and the outbox rows it writes — so a retry after a crash re-applies cleanly, and nothing is
// half-written.
import type { Logger } from 'pino';
import { actionRefSchema, formValuesSchema } from '../../cards/view.js';
import { errorCard, expiredCard, refusalCard, usageCard } from '../../cards/notice.js';
import type { Config } from '../config.js';
import { audit } from '../domain/audit.js';
import { recordInbound } from '../domain/inbound-events.js';
import { findByEmail, findByIdentity, linkIdentity, type Person } from '../domain/org/employees.js';
import { unitOfWork, type Db, type Tx } from '../domain/unit-of-work.js';
import { t as translate, translator } from '../i18n/index.js';
import type { HandlerContext } from './context.js';
import { suggest } from './fuzzy.js';
import { enqueue, outboxNotifier } from './outbox.js';
import { withPlatformLinks } from './app-links.js';
import type { BotCore, CoreResponse, DirectorySource, InboundEvent, Locale, Platform } from './port.js';
import { allowed, parseCommandText, type Router } from './router.js';
import type { Reach } from './reach.js';

export interface CoreDeps {
  db: Db;
  config: Config;
  router: Router;
  logger: Logger;
  /** Platforms with a running adapter (the outbox writes rows only for these). */
  platforms: ReadonlySet<Platform>;
  /** Called after a transaction that may have written outbox rows. */
  onEnqueued?: () => void;
  directories?: ReadonlyMap<Platform, DirectorySource>;
  now?: () => Date;
  /** Finding people before fan-outs; its sweep gives a person linked on first contact what waited for them. */
  reach?: Reach;
}

/**
 * The sandbox lets anyone act "as" a person: each act is on the record (what, not the arguments). A survey
 * answer is left out — a row tying a person to the moment they answered is exactly what anonymity avoids.
 */
async function auditSandboxAct(tx: Tx, employeeId: number, event: InboundEvent): Promise<void> {
  if (event.type === 'action' && event.action.k === 'survey.answer') return;
  const what =
    event.type === 'command' ? `/${event.name}` : event.type === 'action' ? `action:${event.action.k}` : event.type;
  await audit(tx, { kind: 'employee', employeeId }, 'sandbox.act', what);
}

export function createBotCore(deps: CoreDeps): BotCore & { whenIdle(): Promise<void> } {
  const { db, config, router, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const running = new Set<Promise<void>>();

  async function resolvePerson(event: InboundEvent): Promise<Person | undefined> {
    const linked = await findByIdentity(db, event.platform, event.user.platformUserId);
    if (linked?.active && !linked.locale && !event.user.locale && event.user.lookupProfile) {
      // Someone whose record names no language is answered in their platform's: asked only then (on Slack a
      // users.info call, cached an hour by the adapter), not on every press of everyone (issue 22).
      try {
        event.user.locale = (await event.user.lookupProfile()).locale;
      } catch (err) {
        logger.warn({ err, platform: event.platform }, 'core: profile lookup failed');
      }
    }
    if (linked || event.platform === 'sandbox') return linked?.active ? linked : undefined;
    let email = event.user.email;
    if (!email && event.user.lookupProfile) {
      try {
        const profile = await event.user.lookupProfile();
        email = profile.email;
        // A stranger is answered in the language their platform reports.
        if (!event.user.locale && profile.locale) event.user.locale = profile.locale;
      } catch (err) {
        logger.warn({ err, platform: event.platform }, 'core: profile lookup failed');
      }
    }
    const person = email ? await findByEmail(db, email) : undefined;
    if (!person?.active) return undefined;
    await unitOfWork(db, async (tx) => await linkIdentity(tx, event.platform, event.user.platformUserId, person.id));
    logger.info({ platform: event.platform, employeeId: person.id }, 'core: linked platform user by email');
    // Reachable now: the cards of the waves still open for them, and messages kept while nobody could reach them.
    await deps.reach?.sweep([person.id]);
    return person;
  }

  /** The handler's context inside the unit of work tx, which also records the inbound event. */
  function context(tx: Tx, person: Person, event: InboundEvent, deferred: (() => Promise<void>)[]): HandlerContext {
    const locale: Locale = person.locale ?? event.user.locale ?? config.defaultLocale;
    const notify = outboxNotifier({
      db: tx,
      platforms: deps.platforms,
      defaultLocale: config.defaultLocale,
      forPlatform: (p, c) => withPlatformLinks(config, p, c),
    });
    return {
      db: tx,
      config,
      person,
      locale,
      t: translator(locale),
      event,
      notify,
      now: now(),
      directories: deps.directories ?? new Map(),
      defer: (task) => void deferred.push(task),
      reach: deps.reach,
      async reply(card, opts = {}) {
        await enqueue(tx, {
          platform: event.platform,
          op: 'send',
          recipient: event.replyTo,
          message: { kind: 'card', card: withPlatformLinks(config, event.platform, card) },
          cardKey: opts.cardKey,
        });
      },
    };
  }

  async function runCommand(ctx: HandlerContext, name: string, args: string): Promise<CoreResponse> {
    const def = router.findCommand(name || 'help');
    if (!def || !allowed(def, ctx.person.roles)) {
      const names = router.commandsFor(ctx.person.roles).flatMap((c) => [c.name, ...(c.aliases ?? [])]);
      const guess = suggest(name, names);
      // A command this person's role does not allow is a refused attempt: on the record.
      if (def)
        await audit(ctx.db, { kind: 'employee', employeeId: ctx.person.id }, 'command.forbidden', `/${def.name}`, {
          platform: ctx.event.platform,
        });
      // A command the role does not allow is refused (with where to look instead); an unknown one is a usage
      // hint listing the commands this person can use.
      if (def) await ctx.reply(refusalCard(ctx.t('error.forbiddenCommand', { command: def.name }), ctx.t));
      else {
        const problem = guess
          ? ctx.t('error.unknownCommand', { command: name, suggestion: guess })
          : ctx.t('error.unknownCommandNoSuggestion', { command: name });
        await ctx.reply(
          usageCard(
            router.commandsFor(ctx.person.roles).map((c) => `**/${c.name}** — ${ctx.t(c.summary)}`),
            ctx.t,
            { problem, examples: guess ? [`/${guess}`] : undefined },
          ),
        );
      }
      return { outcome: 'handled' };
    }
    return (await def.run(ctx, args)) ?? { outcome: 'handled' };
  }

  async function dispatch(ctx: HandlerContext, event: InboundEvent): Promise<CoreResponse> {
    switch (event.type) {
      case 'command':
        return await runCommand(ctx, event.name, event.args);
      case 'message': {
        const parsed = parseCommandText(event.text);
        return await runCommand(ctx, parsed?.name ?? 'help', parsed?.args ?? '');
      }
      case 'appHome': {
        const def = router.findAction('home');
        return def ? await def.run(ctx, { k: 'home' }, undefined) : { outcome: 'handled' };
      }
      case 'action': {
        const action = actionRefSchema.safeParse(event.action);
        const values = formValuesSchema.optional().safeParse(event.values);
        if (!action.success || !values.success) {
          return {
            outcome: 'invalid',
            toast: { text: ctx.t('error.cardExpired.toast'), tone: 'error' },
            card: expiredCard(ctx.t),
          };
        }
        const def = router.findAction(action.data.k);
        if (!def)
          return {
            outcome: 'handled',
            card: expiredCard(ctx.t),
            toast: { text: ctx.t('error.cardExpired.toast'), tone: 'warning' },
          };
        const refusal = await def.refuse?.(ctx, action.data);
        if (refusal) return refusal;
        if (event.openForm) {
          const form = await def.form?.(ctx, action.data);
          return form
            ? { outcome: 'handled', form }
            : {
                outcome: 'handled',
                card: expiredCard(ctx.t),
                toast: { text: ctx.t('error.cardExpired.toast'), tone: 'warning' },
              };
        }
        return await def.run(ctx, action.data, values.data);
      }
    }
  }

  return {
    async handle(event: InboundEvent): Promise<CoreResponse> {
      const person = await resolvePerson(event);
      if (!person) {
        const fresh = await unitOfWork(db, async (tx) => await recordInbound(tx, event.platform, event.eventId));
        if (!fresh) return { outcome: 'duplicate' };
        logger.info({ platform: event.platform }, 'core: event from a user who is not in the org');
        return {
          outcome: 'unknown_user',
          text: translate(event.user.locale ?? config.defaultLocale, 'error.notInOrg'),
        };
      }
      // Work to start once this event's change is committed; per event, as events are handled concurrently.
      // Filled afresh on each attempt of the unit of work (PostgreSQL may retry it).
      let deferred: (() => Promise<void>)[] = [];
      try {
        const raw = await unitOfWork(db, async (tx) => {
          deferred = [];
          if (!(await recordInbound(tx, event.platform, event.eventId)))
            return { outcome: 'duplicate' } as CoreResponse;
          if (event.platform === 'sandbox') await auditSandboxAct(tx, person.id, event);
          return await dispatch(context(tx, person, event, deferred), event);
        });
        const response: CoreResponse = {
          ...raw,
          locale: person.locale ?? event.user.locale ?? config.defaultLocale,
          ...(raw.card ? { card: withPlatformLinks(config, event.platform, raw.card) } : {}),
          ...(raw.form ? { form: withPlatformLinks(config, event.platform, raw.form) } : {}),
        };
        // Deferred work starts only once the change that asked for it is committed.
        for (const task of deferred) {
          const p: Promise<void> = task()
            .catch((err: unknown) => logger.error({ err }, 'core: deferred work failed'))
            .finally(() => {
              running.delete(p);
              deps.onEnqueued?.();
            });
          running.add(p);
        }
        return response;
      } catch (err) {
        // The transaction rolled back (event record included), so a platform retry may try again.
        logger.error({ err, platform: event.platform, type: event.type }, 'core: handler failed');
        const t = translator(person.locale ?? config.defaultLocale);
        if (event.type === 'command' || event.type === 'message') {
          await unitOfWork(
            db,
            async (tx) =>
              await enqueue(tx, {
                platform: event.platform,
                op: 'send',
                recipient: event.replyTo,
                message: { kind: 'card', card: errorCard(t('error.internal'), t) },
              }),
          );
        }
        return { outcome: 'handled', toast: { text: t('error.internal'), tone: 'error' } };
      } finally {
        deps.onEnqueued?.();
      }
    },
    async whenIdle() {
      while (running.size) await Promise.all([...running]);
    },
  };
}
