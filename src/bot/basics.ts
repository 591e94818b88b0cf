// The commands everyone has from day one: /help, /lang, /whoami, and the App Home card.
import { helpCard } from '../../cards/help.js';
import { confirmationCard, usageCard } from '../../cards/notice.js';
import { homeCard, profileCard } from '../../cards/profile.js';
import { getPerson, setLocale, unitName } from '../domain/org/employees.js';
import { audit } from '../domain/audit.js';
import { parseLocale, translator, type MessageKey } from '../i18n/index.js';
import type { HandlerContext } from './context.js';
import type { CoreResponse, Locale } from './port.js';
import type { Router } from './router.js';
import { appUrl } from './app-links.js';

function help(ctx: HandlerContext, router: Router, locale: Locale = ctx.locale) {
  const t = translator(locale);
  return helpCard(
    {
      name: ctx.person.name,
      locale,
      commands: router.commandsFor(ctx.person.roles).map((c) => ({ name: c.name, summary: t(c.summary) })),
      appUrl: appUrl(ctx.config, '/'),
    },
    t,
  );
}

async function changeLocale(ctx: HandlerContext, locale: Locale): Promise<void> {
  await setLocale(ctx.db, ctx.person.id, locale);
  await audit(ctx.db, { kind: 'employee', employeeId: ctx.person.id }, 'profile.locale', String(ctx.person.id), {
    locale,
  });
}

export function registerBasics(router: Router): Router {
  return router
    .command({
      name: 'help',
      aliases: ['h', '帮助'],
      summary: 'cmd.help.summary',
      run: (ctx) => ctx.reply(help(ctx, router)),
    })
    .command({
      name: 'lang',
      aliases: ['language', '语言'],
      summary: 'cmd.lang.summary',
      async run(ctx, args) {
        const locale = parseLocale(args);
        if (!locale)
          return ctx.reply(
            usageCard(ctx.t('lang.usage'), ctx.t, {
              problem: args.trim() ? ctx.t('usage.unknownSubcommand', { word: args.trim() }) : undefined,
              examples: ['/lang zh-CN', '/lang en'],
            }),
          );
        await changeLocale(ctx, locale);
        const t = translator(locale);
        await ctx.reply(confirmationCard(t('lang.set.title'), t('lang.set.body')));
      },
    })
    .command({
      name: 'whoami',
      aliases: ['me', '我'],
      summary: 'cmd.whoami.summary',
      async run(ctx) {
        const p = ctx.person;
        const manager = p.managerId ? (await getPerson(ctx.db, p.managerId))?.name : undefined;
        await ctx.reply(
          profileCard(
            {
              name: p.name,
              email: p.email,
              unit: await unitName(ctx.db, p.unitId),
              manager,
              roles: p.roles.map((r) => ctx.t(`role.${r}` as MessageKey)),
            },
            ctx.t,
          ),
        );
      },
    })
    .action({
      // The help card's language button: switch and redraw the same card in the new language.
      k: 'lang.set',
      async run(ctx, action): Promise<CoreResponse> {
        const locale = parseLocale(action.v);
        if (!locale) return { outcome: 'invalid', toast: { text: ctx.t('lang.usage'), tone: 'error' } };
        await changeLocale(ctx, locale);
        return {
          outcome: 'handled',
          card: help(ctx, router, locale),
          toast: { text: translator(locale)('lang.toast'), tone: 'success' },
        };
      },
    })
    .action({
      // A button that runs a command as if typed ("My profile" on the help card). The router re-checks roles.
      k: 'cmd',
      async run(ctx, action): Promise<CoreResponse> {
        const def = router.findCommand(action.v ?? '');
        if (!def || (def.roles && !def.roles.some((r) => ctx.person.roles.includes(r)))) {
          return { outcome: 'invalid', toast: { text: ctx.t('error.forbidden'), tone: 'error' } };
        }
        return (await def.run(ctx, '')) ?? { outcome: 'handled' };
      },
    })
    .action({ k: 'home', run: (ctx) => ({ outcome: 'handled', card: homeCard(ctx.person.name, ctx.t) }) });
}
