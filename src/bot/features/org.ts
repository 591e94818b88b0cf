// /org sync: HR pulls the org chart from Feishu or DingTalk; the change report comes back when done.
import { confirmationCard, errorCard } from '../../../cards/notice.js';
import { inTransaction } from '../../db/connection.js';
import type { HandlerContext } from '../context.js';
import { formatSyncReport, syncDirectory } from '../org-sync.js';
import type { Platform } from '../port.js';
import type { Router } from '../router.js';

function sync(ctx: HandlerContext, which: string): void {
  const all = [...ctx.directories.keys()];
  const platforms = which ? all.filter((p) => p === which) : all;
  if (platforms.length === 0) return ctx.reply(errorCard(ctx.t('org.sync.none'), ctx.t));
  ctx.reply(confirmationCard(ctx.t('org.sync.started.title'), ctx.t('org.sync.started.body', { platforms: platforms.join(', ') })));
  const actor = { kind: 'employee' as const, employeeId: ctx.person.id };
  for (const platform of platforms) {
    ctx.defer(async () => {
      try {
        const report = await syncDirectory(ctx.db, platform as Platform, ctx.directories.get(platform)!, actor);
        inTransaction(ctx.db, () => ctx.reply(confirmationCard(ctx.t('org.sync.done.title', { platform }), formatSyncReport(report, (k, p) => ctx.t(k, p)))));
      } catch (err) {
        inTransaction(ctx.db, () => ctx.reply(errorCard(ctx.t('org.sync.failed', { platform, error: err instanceof Error ? err.message : String(err) }), ctx.t)));
        throw err;
      }
    });
  }
}

export function registerOrg(router: Router): Router {
  return router.command({
    name: 'org',
    aliases: ['组织'],
    roles: ['hr', 'admin'],
    summary: 'cmd.org.summary',
    run(ctx, args) {
      const [sub = '', which = ''] = args.split(/\s+/).filter(Boolean);
      if (sub.toLowerCase() === 'sync' || sub === '同步') return sync(ctx, which.toLowerCase());
      ctx.reply(errorCard(ctx.t('org.usage'), ctx.t));
    },
  });
}
