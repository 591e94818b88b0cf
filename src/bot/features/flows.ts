// /flow: HR reads and replaces approval flow definitions. A definition is JSON validated by the engine
// (no loops, approvers that can resolve); an edit based on an older version is refused, not merged.
import { flowCard, type FlowView } from '../../../cards/flow.js';
import { confirmationCard, errorCard, usageCard } from '../../../cards/notice.js';
import { issuesText } from '../../i18n/issues.js';
import type { Db } from '../../domain/unit-of-work.js';
import { ruleResolvable } from '../../domain/approvals/approvers.js';
import {
  flowSchema,
  type ApproverRule,
  type FlowDefinition,
  type FormCondition,
} from '../../domain/approvals/flow-schema.js';
import { locateFormProblem } from '../../domain/approvals/flow-admin.js';
import { getPerson, unitName } from '../../domain/org/employees.js';
import { ensureDefaultFlows, getFlow, saveFlow } from '../../domain/approvals/requests.js';
import type { MessageKey, Translate } from '../../i18n/index.js';
import type { Locale } from '../port.js';
import type { Router } from '../router.js';

export function registerFlows(router: Router): Router {
  return router.command({
    name: 'flow',
    aliases: ['流程'],
    roles: ['hr', 'admin'],
    summary: 'cmd.flow.summary',
    async run(ctx, args) {
      await ensureDefaultFlows(ctx.db);
      const m = /^(show|set)\s+([a-z0-9-]+)\s*(\d+)?\s*([\s\S]*)$/i.exec(args.trim());
      if (!m) return ctx.reply(usageCard(ctx.t('flow.usage'), ctx.t));
      const [, sub, key, version, json] = m as unknown as [string, string, string, string | undefined, string];
      const current = await getFlow(ctx.db, key);
      if (!current) return ctx.reply(errorCard(ctx.t('flow.error.unknown_flow'), ctx.t));
      if (sub.toLowerCase() === 'show') {
        return ctx.reply(flowCard(await flowView(ctx.db, current.flow, current.version, ctx.locale, ctx.t), ctx.t));
      }
      let data: unknown;
      try {
        data = JSON.parse(json);
      } catch {
        return ctx.reply(usageCard(ctx.t('flow.usage'), ctx.t));
      }
      if (typeof data === 'object' && data !== null && (data as { key?: unknown }).key !== key)
        return ctx.reply(errorCard(ctx.t('flow.error.key'), ctx.t));
      // The request form's problems in words, with the field they concern (saveFlow alone would say "invalid").
      const parsed = flowSchema.safeParse(data);
      const form = parsed.success ? locateFormProblem(parsed.data) : undefined;
      if (form) return ctx.reply(errorCard(`${ctx.t(`fs.flow.${form.problem}`)}\n\`${form.path}\``, ctx.t));
      const r = await saveFlow(
        ctx.db,
        data,
        Number(version ?? -1),
        ctx.person.id,
        // The first step whose approver rule names nobody (checked in order, one lookup at a time).
        async (f) => {
          for (const s of f.steps) if (!(await ruleResolvable(ctx.db, s.approver))) return s.id;
          return undefined;
        },
      );
      if (!r.ok)
        return ctx.reply(
          errorCard(
            `${ctx.t(`flow.error.${r.code}` as MessageKey)}${r.issues ? `\n${issuesText(r.issues, ctx.t)}` : r.detail ? `\n\`${r.detail}\`` : ''}`,
            ctx.t,
          ),
        );
      await ctx.reply(
        confirmationCard(ctx.t('flow.saved.title'), ctx.t('flow.saved.body', { key, version: r.version })),
      );
    },
  });
}

/** Who an approver rule names, in words; people and units by their current names. */
async function ruleText(db: Db, rule: ApproverRule, t: Translate): Promise<string> {
  switch (rule.type) {
    case 'manager':
      return t('flow.show.rule.manager');
    case 'unitHead':
      return typeof rule.unit === 'number'
        ? t('flow.show.rule.unitHead.unit', { unit: (await unitName(db, rule.unit)) ?? `#${rule.unit}` })
        : t(`flow.show.rule.unitHead.${rule.unit}`);
    case 'role':
      return t(`flow.show.rule.role.${rule.role}`);
    case 'person':
      return t('flow.show.rule.person', {
        name: (await getPerson(db, rule.employeeId))?.name ?? `#${rule.employeeId}`,
      });
    case 'people':
      return t('flow.show.rule.people', {
        names: (
          await Promise.all(rule.employeeIds.map(async (id) => (await getPerson(db, id))?.name ?? `#${id}`))
        ).join(', '),
      });
  }
}

/** A branch on a form field in words: the field's label, the comparison, a choice by its option's label. */
function formBranchText(flow: FlowDefinition, c: FormCondition, locale: Locale, t: Translate): string {
  const f = flow.fields?.find((x) => x.key === c.key);
  const option = f?.options?.find((o) => o.value === c.value);
  return t('flow.show.compare', {
    field: f?.label[locale] ?? c.key,
    op: c.op === 'eq' ? '=' : t(`flow.show.op.${c.op}`),
    value: option ? option.label[locale] : f?.unit ? `${c.value} ${f.unit}` : c.value,
  });
}

async function flowView(
  db: Db,
  flow: FlowDefinition,
  version: number,
  locale: Locale,
  t: Translate,
): Promise<FlowView> {
  return {
    key: flow.key,
    name: flow.name[locale],
    version,
    fields: (flow.fields ?? []).map((f) =>
      t('flow.show.fieldLine', {
        label: f.label[locale],
        type: [
          t(`flow.show.fieldType.${f.type}`),
          ...(f.unit ? [f.unit] : []),
          ...(f.options ? [f.options.map((o) => o.label[locale]).join(' / ')] : []),
          ...(f.required ? [t('flow.show.fieldRequired')] : []),
        ].join(t('flow.show.listSeparator')),
      }),
    ),
    steps: await Promise.all(
      flow.steps.map(async (s) => ({
        name: s.name[locale],
        who: await ruleText(db, s.approver, t),
        when: s.when,
        next: s.next === undefined ? undefined : flow.steps.find((x) => x.id === s.next)?.name[locale],
        actions: s.onReject,
        mode: s.mode,
        cc: await Promise.all((s.cc ?? []).map(async (r) => await ruleText(db, r, t))),
        branches: (s.branches ?? []).map((b) => ({
          when:
            b.when.field === 'unitKind'
              ? t('flow.show.kind', { kind: t(`flow.show.kind.${b.when.value}`) })
              : b.when.field === 'form'
                ? formBranchText(flow, b.when, locale, t)
                : t('flow.show.compare', {
                    field: t(`flow.show.field.${b.when.field}`),
                    op: t(`flow.show.op.${b.when.op}`),
                    value: b.when.value,
                  }),
          step: flow.steps.find((x) => x.id === b.next)?.name[locale] ?? b.next,
        })),
      })),
    ),
  };
}
