// /status <name>: the link to a colleague's status page, for HR and the managers above them (the page's own
// rule, status-access.ts); anyone else gets the page's refusal. The name is read as /nominate reads it: a
// work e-mail, a whole name, or an unambiguous part of one.
import { statusLinkCard } from '../../../cards/person-status.js';
import { errorCard, refusalCard, usageCard } from '../../../cards/notice.js';
import { unitName } from '../../domain/org/employees.js';
import { mayViewStatus } from '../../domain/people/status-access.js';
import { statusAccessFor } from '../../domain/people/status-actions.js';
import { findColleague } from '../../domain/points/nominations.js';
import { getPerson } from '../../domain/org/employees.js';
import { appUrl } from '../app-links.js';
import type { Router } from '../router.js';

export function registerPersonStatus(router: Router): Router {
  return router.command({
    name: 'status',
    aliases: ['状态'],
    summary: 'cmd.status.summary',
    async run(ctx, args) {
      const name = args.trim();
      if (!name) return ctx.reply(usageCard(ctx.t('status.chat.usage'), ctx.t));
      const found = await findColleague(ctx.db, name);
      if (!found.ok)
        return ctx.reply(
          errorCard(
            found.code === 'ambiguous'
              ? ctx.t('status.chat.ambiguous', { name, names: found.matches.map((m) => m.name).join('、') })
              : ctx.t('status.chat.unknown', { name }),
            ctx.t,
          ),
        );
      const access = await statusAccessFor(ctx.db, ctx.person, found.person.id);
      if (!access || !mayViewStatus(access))
        return ctx.reply(refusalCard(ctx.t(access === 'self' ? 'status.error.self' : 'status.error.forbidden'), ctx.t));
      const person = (await getPerson(ctx.db, found.person.id))!;
      await ctx.reply(
        statusLinkCard(
          {
            name: person.name,
            unit: (await unitName(ctx.db, person.unitId)) ?? null,
            url: appUrl(ctx.config, `/people/${person.id}`),
          },
          ctx.t,
        ),
      );
    },
  });
}
