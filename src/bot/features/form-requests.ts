// /request in chat (issue 24): the request kinds HR defined as forms, one form per kind (a card form, a Slack
// modal), and its submit — people and units typed as names are resolved here (readFormText), the values checked
// like the mini-app's (submitFormRequest); a wrong one is answered at its field and nothing is written.
import { requestFormCard, requestKindsCard } from '../../../cards/request-form.js';
import { confirmationCard, errorCard } from '../../../cards/notice.js';
import type { ActionRef, FormValues } from '../../../cards/view.js';
import { formKind, formKinds, readFormText, submitFormRequest } from '../../domain/approvals/form-submit.js';
import { submitRefusalText } from '../../domain/approvals/submit-refusal.js';
import type { FlowDefinition } from '../../domain/approvals/flow-schema.js';
import { namesAndEmails } from '../../domain/org/employees.js';
import { issueMessage } from '../../i18n/issues.js';
import { localizeFormIssues } from '../../domain/approvals/form-fields.js';
import { appUrl } from '../app-links.js';
import type { HandlerContext } from '../context.js';
import type { CoreResponse } from '../port.js';
import type { Router } from '../router.js';
import { publishRequest } from './approval-views.js';

const formOf = (ctx: HandlerContext, f: FlowDefinition) =>
  requestFormCard({ key: f.key, name: f.name[ctx.locale], fields: f.fields ?? [], locale: ctx.locale }, ctx.t);

/** A kind named by its key or its name in either language (case-insensitive). */
const findKind = (kinds: FlowDefinition[], ref: string) => {
  const r = ref.trim().toLowerCase();
  return kinds.find((k) => k.key === r || k.name['zh-CN'].toLowerCase() === r || k.name.en.toLowerCase() === r);
};

async function kindOf(ctx: HandlerContext, action: ActionRef): Promise<FlowDefinition | undefined> {
  return action.id ? await formKind(ctx.db, action.id) : undefined;
}

async function submit(ctx: HandlerContext, action: ActionRef, values: FormValues | undefined): Promise<CoreResponse> {
  const kind = await kindOf(ctx, action);
  if (!kind) {
    const text = ctx.t('form.error.no_kind');
    return { outcome: 'invalid', card: errorCard(text, ctx.t), toast: { text, tone: 'error' } };
  }
  const fields = kind.fields ?? [];
  const raw: Record<string, string> = {};
  for (const f of fields) {
    const v = values?.[f.key];
    raw[f.key] = (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
  }
  const read = await readFormText(ctx.db, fields, raw);
  const r = read.issues.length
    ? { ok: false as const, code: 'invalid' as const, issues: read.issues }
    : await submitFormRequest(ctx.db, {
        applicantId: ctx.person.id,
        flowKey: kind.key,
        values: read.values,
        now: ctx.now,
      });
  if (!r.ok) {
    if (r.code === 'invalid') {
      const fieldErrors: Record<string, string> = {};
      for (const i of localizeFormIssues(r.issues, ctx.locale))
        fieldErrors[i.path.map(String).join('.') || '_'] ??= issueMessage(i, ctx.t);
      const text = Object.values(fieldErrors).join('\n');
      return { outcome: 'invalid', fieldErrors, toast: { text, tone: 'error' } };
    }
    const text =
      r.code === 'no_kind'
        ? ctx.t('form.error.no_kind')
        : submitRefusalText(ctx.t, ctx.locale, { code: r.code, ...('step' in r && r.step ? { step: r.step } : {}) });
    return { outcome: 'invalid', card: errorCard(text, ctx.t), toast: { text, tone: 'error' } };
  }
  await publishRequest(ctx.db, ctx.notify, ctx.config, r.request, { newlyAsked: r.asked, outcome: 'submitted' });
  const names = [...(await namesAndEmails(ctx.db, r.request.approvers)).values()].map((e) => e.name).join(', ');
  return {
    outcome: 'handled',
    card: confirmationCard(
      ctx.t('form.submitted.title'),
      ctx.t('form.submitted.body', { id: r.request.id, kind: kind.name[ctx.locale], names: names || '—' }),
    ),
    toast: { text: ctx.t('form.submitted.title'), tone: 'success' },
  };
}

export function registerFormRequests(router: Router): Router {
  return router
    .command({
      name: 'request',
      aliases: ['申请'],
      summary: 'cmd.request.summary',
      async run(ctx, args) {
        const kinds = await formKinds(ctx.db);
        const kind = args.trim() ? findKind(kinds, args) : undefined;
        if (kind) return ctx.reply(formOf(ctx, kind));
        await ctx.reply(
          requestKindsCard(
            {
              kinds: kinds.map((k) => ({ key: k.key, name: k.name[ctx.locale] })),
              appUrl: appUrl(ctx.config, '/apply'),
            },
            ctx.t,
          ),
        );
      },
    })
    .action({
      k: 'form.open',
      form: async (ctx, action) => {
        const kind = await kindOf(ctx, action);
        return kind ? formOf(ctx, kind) : undefined;
      },
      run: async (ctx, action) => {
        const kind = await kindOf(ctx, action);
        if (!kind) {
          const text = ctx.t('form.error.no_kind');
          return { outcome: 'invalid', toast: { text, tone: 'error' } };
        }
        // The list card becomes the kind's form (on Slack the adapter opens it as a modal).
        return { outcome: 'handled', card: formOf(ctx, kind) };
      },
    })
    .action({
      k: 'form.submit',
      form: async (ctx, action) => {
        const kind = await kindOf(ctx, action);
        return kind ? formOf(ctx, kind) : undefined;
      },
      run: async (ctx, action, values) => await submit(ctx, action, values),
    });
}
