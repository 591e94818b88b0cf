// /flow: HR reads and replaces approval flow definitions. A definition is JSON validated by the engine
// (no loops, approvers that can resolve); an edit based on an older version is refused, not merged.
import { confirmationCard, errorCard } from '../../../cards/notice.js';
import { ruleResolvable } from '../../domain/approvals/approvers.js';
import { ensureDefaultFlows, getFlow, saveFlow } from '../../domain/approvals/requests.js';
import type { MessageKey } from '../../i18n/index.js';
import type { Router } from '../router.js';

export function registerFlows(router: Router): Router {
  return router.command({
    name: 'flow',
    aliases: ['流程'],
    roles: ['hr', 'admin'],
    summary: 'cmd.flow.summary',
    run(ctx, args) {
      ensureDefaultFlows(ctx.db);
      const m = /^(show|set)\s+([a-z0-9-]+)\s*(\d+)?\s*([\s\S]*)$/i.exec(args.trim());
      if (!m) return ctx.reply(errorCard(ctx.t('flow.usage'), ctx.t));
      const [, sub, key, version, json] = m as unknown as [string, string, string, string | undefined, string];
      const current = getFlow(ctx.db, key);
      if (!current) return ctx.reply(errorCard(ctx.t('flow.error.unknown_flow'), ctx.t));
      if (sub.toLowerCase() === 'show') {
        return ctx.reply({ header: { title: `${current.flow.name[ctx.locale]} · v${current.version}`, tone: 'neutral' }, blocks: [{ type: 'text', markdown: `\`${JSON.stringify(current.flow)}\`` }, { type: 'note', text: ctx.t('flow.usage') }] });
      }
      let data: unknown;
      try {
        data = JSON.parse(json);
      } catch {
        return ctx.reply(errorCard(ctx.t('flow.usage'), ctx.t));
      }
      if (typeof data === 'object' && data !== null && (data as { key?: unknown }).key !== key) return ctx.reply(errorCard(ctx.t('flow.error.key'), ctx.t));
      const r = saveFlow(ctx.db, data, Number(version ?? -1), ctx.person.id, (f) => f.steps.find((s) => !ruleResolvable(ctx.db, s.approver))?.id);
      if (!r.ok) return ctx.reply(errorCard(`${ctx.t(`flow.error.${r.code}` as MessageKey)}${r.detail ? `\n\`${r.detail}\`` : ''}`, ctx.t));
      ctx.reply(confirmationCard(ctx.t('flow.saved.title'), ctx.t('flow.saved.body', { key, version: r.version })));
    },
  });
}
