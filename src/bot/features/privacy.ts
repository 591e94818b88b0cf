// /privacy export <email or name>: HR downloads everything Vitality holds about one person (PIPL Art. 45,
// GDPR access and portability) as one zip behind the exports mechanism. The router's roles keep it HR-only.
import { errorCard, usageCard } from '../../../cards/notice.js';
import { personExportCard } from '../../../cards/privacy.js';
import { exportPersonData, findPersonByRef } from '../../domain/privacy/person-export.js';
import type { HandlerContext } from '../context.js';
import type { Router } from '../router.js';
import { ERASE_ACTION, eraseConfirmAction, erasePersonCommand } from './privacy-erase.js';

async function exportPerson(ctx: HandlerContext, ref: string): Promise<void> {
  if (!ref) return ctx.reply(usageCard(ctx.t('privacy.usage'), ctx.t));
  const found = await findPersonByRef(ctx.db, ref);
  if (!found.ok) {
    const key = found.code === 'ambiguous' ? 'privacy.error.ambiguous' : 'privacy.error.unknownPerson';
    return ctx.reply(errorCard(ctx.t(key, { person: ref, n: found.n ?? 0 }), ctx.t));
  }
  const r = await exportPersonData(ctx.db, {
    employeeId: found.id,
    actor: { kind: 'employee', employeeId: ctx.person.id },
    now: ctx.now,
  });
  if (!r) return ctx.reply(errorCard(ctx.t('privacy.error.unknownPerson', { person: ref }), ctx.t));
  const url = `${ctx.config.publicBaseUrl}/exports/${r.token}`;
  await ctx.reply(personExportCard({ name: r.name, id: found.id, url }, ctx.t));
}

export function registerPrivacy(router: Router): Router {
  return router
    .command({
      name: 'privacy',
      aliases: ['隐私'],
      roles: ['hr', 'admin'],
      summary: 'cmd.privacy.summary',
      async run(ctx, args) {
        const [sub = '', ...rest] = args.split(/\s+/).filter(Boolean);
        if (['export', '导出'].includes(sub.toLowerCase())) return await exportPerson(ctx, rest.join(' '));
        if (['erase', '删除'].includes(sub.toLowerCase())) return await erasePersonCommand(ctx, rest);
        await ctx.reply(usageCard(ctx.t('privacy.usage'), ctx.t));
      },
    })
    .action({ k: ERASE_ACTION, run: async (ctx, action) => await eraseConfirmAction(ctx, action.id) });
}
