// /org sync: HR pulls the org chart from Feishu or DingTalk; the change report comes back when done.
// /org signout <email>: an admin ends every mini-app session of a person at once (a lost phone, a leaver).
import { confirmationCard, errorCard, refusalCard, usageCard } from '../../../cards/notice.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import type { HandlerContext } from '../context.js';
import { formatSyncReport, syncDirectory } from '../org-sync.js';
import type { Platform } from '../port.js';
import type { Router } from '../router.js';
import { audit } from '../../domain/audit.js';
import { findByEmail } from '../../domain/org/employees.js';
import { revokeAllFor } from '../../domain/sessions.js';

async function signOutEverywhere(ctx: HandlerContext, email: string): Promise<void> {
  if (!ctx.person.roles.includes('admin')) return ctx.reply(refusalCard(ctx.t('error.forbidden'), ctx.t));
  const person = email ? await findByEmail(ctx.db, email) : undefined;
  if (!person) return ctx.reply(errorCard(ctx.t('org.signout.unknown', { email }), ctx.t));
  const ended = await revokeAllFor(ctx.db, person.id, ctx.now);
  await audit(
    ctx.db,
    { kind: 'employee', employeeId: ctx.person.id },
    'auth.sign_out_everywhere',
    `employee:${person.id}`,
    {
      ended,
      via: 'chat',
    },
  );
  await ctx.reply(
    confirmationCard(ctx.t('org.signout.title'), ctx.t('org.signout.body', { name: person.name, ended })),
  );
}

async function sync(ctx: HandlerContext, which: string): Promise<void> {
  const all = [...ctx.directories.keys()];
  const platforms = which ? all.filter((p) => p === which) : all;
  if (platforms.length === 0) return ctx.reply(errorCard(ctx.t('org.sync.none'), ctx.t));
  await ctx.reply(
    confirmationCard(
      ctx.t('org.sync.started.title'),
      ctx.t('org.sync.started.body', { platforms: platforms.join(', ') }),
    ),
  );
  const actor = { kind: 'employee' as const, employeeId: ctx.person.id };
  for (const platform of platforms) {
    ctx.defer(async () => {
      try {
        const report = await syncDirectory(ctx.db, platform as Platform, ctx.directories.get(platform)!, actor);
        await unitOfWork(ctx.db, () =>
          ctx.reply(
            confirmationCard(
              ctx.t('org.sync.done.title', { platform }),
              formatSyncReport(report, (k, p) => ctx.t(k, p)),
            ),
          ),
        );
      } catch (err) {
        await unitOfWork(ctx.db, () =>
          ctx.reply(
            errorCard(
              ctx.t('org.sync.failed', { platform, error: err instanceof Error ? err.message : String(err) }),
              ctx.t,
            ),
          ),
        );
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
    async run(ctx, args) {
      const [sub = '', which = ''] = args.split(/\s+/).filter(Boolean);
      if (sub.toLowerCase() === 'sync' || sub === '同步') return await sync(ctx, which.toLowerCase());
      if (sub.toLowerCase() === 'signout' || sub === '登出') return await signOutEverywhere(ctx, which);
      await ctx.reply(usageCard(ctx.t('org.usage'), ctx.t));
    },
  });
}
