// Approvals in chat: decide from the card (approve, adjust points, return for changes or reject — each with
// a reason), cancel, /approvals, /transfer, /delegate. Every decision goes through the engine's optimistic concurrency, so a
// double click, two approvers at once or a platform retry produce exactly one decision.
import { adjustFormCard, approvalCard, reasonFormCard, requestListCard } from '../../../cards/approval.js';
import { turnaroundCard } from '../../../cards/turnaround.js';
import { confirmationCard, errorCard, refusalCard, usageCard } from '../../../cards/notice.js';
import { endDelegation, setDelegation } from '../../domain/approvals/delegation.js';
import {
  act,
  loadRequest,
  requestsFor,
  submitRequest,
  type ActError,
  type RequestView,
} from '../../domain/approvals/requests.js';
import type { Rerouted } from '../../domain/approvals/transfer-effects.js';
import { approvalsReport } from '../../domain/approvals/turnaround.js';
import { submitRefusalText } from '../../domain/approvals/submit-refusal.js';
import { findByEmail } from '../../domain/org/employees.js';
import { allUnits, findUnit, transferTargets } from '../../domain/org/units.js';
import { getTag } from '../../domain/points/catalogue.js';
import { translator, type MessageKey } from '../../i18n/index.js';
import type { HandlerContext } from '../context.js';
import type { CoreResponse } from '../port.js';
import type { ActionDef, Router } from '../router.js';
import { approvalFacts, approvalView, approvalViewFor, cardKeyOf, publishRequest } from './approval-views.js';
import { appUrl } from '../app-links.js';

export const expired = (ctx: HandlerContext): CoreResponse => ({
  outcome: 'handled',
  card: errorCard(ctx.t('error.cardExpired.body'), ctx.t),
  toast: { text: ctx.t('error.cardExpired.toast'), tone: 'warning' },
});

/** The viewer's own, current card of a request. */
const currentCard = async (ctx: HandlerContext, req: RequestView) =>
  approvalCard(await approvalViewFor(ctx.db, ctx.config, req, ctx.person.id, ctx.locale), translator(ctx.locale));

/** A refused decision answers the presser only: a toast and no card. The card pressed may be a copy others
 *  see too (a shared or forwarded card), so redrawing it with the presser's view would take the approver's
 *  buttons away; each person's own copy is kept current by publishRequest instead. */
export function refused(ctx: HandlerContext, code: ActError, field?: string): CoreResponse {
  const key: MessageKey =
    code === 'stale' || code === 'finished'
      ? 'approval.error.alreadyDecided'
      : (`approval.error.${code}` as MessageKey);
  // A form's refusal (issue 24: the person named) is shown at its field, so a modal stays open to correct it.
  return {
    outcome: 'invalid',
    toast: { text: ctx.t(key), tone: 'warning' },
    ...(field ? { fieldErrors: { [field]: ctx.t(key) } } : {}),
  };
}

/** A decision's form (adjust, reject, return) and its submission: only a current approver of this version
 *  gets the form; anyone else is refused now rather than after filling it in. act() checks again. */
export async function refuseForm(
  ctx: HandlerContext,
  action: { id?: string; v?: string },
): Promise<CoreResponse | undefined> {
  const ref = parseRef(action);
  const req = ref && (await loadRequest(ctx.db, ref.id));
  if (!ref || !req) return undefined; // run answers "expired"
  if (req.status !== 'pending' || req.version !== ref.version) return refused(ctx, 'stale');
  if (!req.approvers.includes(ctx.person.id) || req.applicantId === ctx.person.id) return refused(ctx, 'not_approver');
  return undefined;
}

export function parseRef(action: { id?: string; v?: string }): { id: number; version: number } | undefined {
  const id = Number(action.id);
  const version = Number(action.v);
  return Number.isInteger(id) && Number.isInteger(version) ? { id, version } : undefined;
}

/** Requests the org change moved to new approvers: the new ones get the card, the others' copies are redrawn. */
async function publishRerouted(ctx: HandlerContext, rerouted: readonly Rerouted[]): Promise<void> {
  for (const r of rerouted)
    await publishRequest(ctx.db, ctx.notify, ctx.config, r.request, { newlyAsked: r.asked, outcome: 'advanced' });
}

export async function decide(
  ctx: HandlerContext,
  ref: { id: number; version: number },
  event: Parameters<typeof act>[1]['event'],
  adjust?: { points: number; reason: string; min: number; max: number },
  request?: RequestView,
  fieldOf?: (code: ActError) => string | undefined,
): Promise<CoreResponse> {
  const r = await act(ctx.db, {
    requestId: ref.id,
    event,
    expectedVersion: ref.version,
    adjust,
    request,
    now: ctx.now,
  });
  if (!r.ok) return refused(ctx, r.code, fieldOf?.(r.code));
  const facts = await approvalFacts(ctx.db, r.request);
  // An urge sends the card again to whoever it waits on: the nudge is a fresh message, not a silent redraw.
  const newlyAsked = r.outcome === 'urged' ? r.request.approvers : r.asked;
  await publishRequest(ctx.db, ctx.notify, ctx.config, r.request, {
    newlyAsked,
    outcome: r.outcome,
    facts,
    newlyCopied: r.copied,
  });
  await publishRerouted(ctx, r.rerouted);
  // A decision that moved the request to a step nobody can decide ended it: say so, not just "rejected".
  const done: MessageKey = r.unroutable ? 'approval.done.unroutable' : (`approval.done.${r.outcome}` as MessageKey);
  return {
    outcome: 'handled',
    card: approvalCard(approvalView(facts, ctx.config, r.request, ctx.person.id, ctx.locale), translator(ctx.locale)),
    toast: { text: ctx.t(done), tone: r.unroutable ? 'warning' : 'success' },
  };
}

/** `/report approvals [days]`: HR's turnaround per flow over the requests of the last `days` days (default 90). */
export async function approvalsReportReply(ctx: HandlerContext, words: string[]): Promise<void> {
  const days = words[0] === undefined ? 90 : Number(words[0]);
  if (!Number.isInteger(days) || days < 1 || days > 365)
    return ctx.reply(errorCard(ctx.t('turnaround.error.days'), ctx.t));
  const overdueHours = ctx.config.approvals.remindAfterHours;
  const r = await approvalsReport(ctx.db, {
    viewer: ctx.person,
    days,
    now: ctx.now,
    overdueAfterMs: overdueHours * 60 * 60 * 1000,
  });
  if (!r.ok) return ctx.reply(refusalCard(ctx.t('error.forbidden'), ctx.t));
  await ctx.reply(
    turnaroundCard(
      {
        days,
        overdueHours,
        flows: r.report.flows.map((f) => ({ ...f, name: f.name[ctx.locale] })),
        appUrl: appUrl(ctx.config, `/hr/turnaround?days=${days}`),
      },
      ctx.t,
    ),
  );
}

export function registerApprovals(router: Router): Router {
  return router
    .command({
      name: 'approvals',
      aliases: ['审批', 'approval'],
      summary: 'cmd.approvals.summary',
      async run(ctx) {
        const { waiting, mine } = await requestsFor(ctx.db, ctx.person.id);
        const row = (r: RequestView) => ({
          id: r.id,
          title: r.flow.name[ctx.locale],
          status: ctx.t(`approval.status.${r.status}`),
        });
        await ctx.reply(
          requestListCard(
            {
              waiting: waiting.map(row),
              mine: mine.slice(-10).reverse().map(row),
              appUrl: appUrl(ctx.config, '/approvals'),
            },
            ctx.t,
          ),
        );
      },
    })
    .command({
      name: 'transfer',
      aliases: ['调岗'],
      summary: 'cmd.transfer.summary',
      async run(ctx, args) {
        const [unitRef = '', reason = '', date = ''] = args.split(/[;；|]/).map((s) => s.trim());
        const units = await allUnits(ctx.db);
        const unit = unitRef ? findUnit(units, unitRef) : undefined;
        if (!unit)
          return ctx.reply(
            unitRef
              ? errorCard(ctx.t('survey.error.unknownUnit', { unit: unitRef }), ctx.t)
              : usageCard(ctx.t('transfer.usage'), ctx.t),
          );
        if (unit.id === ctx.person.unitId) return ctx.reply(errorCard(ctx.t('transfer.error.same'), ctx.t));
        if (!transferTargets(units, ctx.person.unitId).some((u) => u.id === unit.id))
          return ctx.reply(errorCard(ctx.t('transfer.error.notEligible', { unit: unit.name }), ctx.t));
        if (!reason) return ctx.reply(usageCard(ctx.t('transfer.usage'), ctx.t));
        const today = ctx.now.toISOString().slice(0, 10);
        const effectiveDate = date || today;
        if (
          !/^\d{4}-\d{2}-\d{2}$/.test(effectiveDate) ||
          Number.isNaN(Date.parse(effectiveDate)) ||
          effectiveDate < today
        )
          return ctx.reply(errorCard(ctx.t('transfer.error.date'), ctx.t));
        const r = await submitRequest(ctx.db, {
          applicantId: ctx.person.id,
          payload: { kind: 'transfer', fromUnitId: ctx.person.unitId, toUnitId: unit.id, reason, effectiveDate },
          now: ctx.now,
        });
        if (!r.ok) return ctx.reply(errorCard(submitRefusalText(ctx.t, ctx.locale, r), ctx.t));
        await publishRequest(ctx.db, ctx.notify, ctx.config, r.request, { newlyAsked: r.asked, outcome: 'submitted' });
      },
    })
    .command({
      name: 'delegate',
      aliases: ['委托'],
      roles: ['manager', 'hr', 'admin'],
      summary: 'cmd.delegate.summary',
      async run(ctx, args) {
        const [who = '', until = ''] = args.split(/\s+/).filter(Boolean);
        if (who === 'off' || who === '取消') {
          // What waits on the delegate for this person comes back to them.
          await publishRerouted(ctx, await endDelegation(ctx.db, { fromId: ctx.person.id, now: ctx.now }));
          return ctx.reply(confirmationCard(ctx.t('delegate.off.title'), ctx.t('delegate.off.body')));
        }
        const to = who.includes('@') ? await findByEmail(ctx.db, who) : undefined;
        const today = ctx.now.toISOString().slice(0, 10);
        if (!to?.active || to.id === ctx.person.id) return ctx.reply(usageCard(ctx.t('delegate.usage'), ctx.t));
        if (!/^\d{4}-\d{2}-\d{2}$/.test(until) || until < today)
          return ctx.reply(usageCard(ctx.t('delegate.usage'), ctx.t));
        // What already waits on this person moves to the delegate, too.
        await publishRerouted(
          ctx,
          await setDelegation(ctx.db, { fromId: ctx.person.id, toId: to.id, until, now: ctx.now }),
        );
        await ctx.reply(
          confirmationCard(ctx.t('delegate.on.title'), ctx.t('delegate.on.body', { who: to.name, until })),
        );
      },
    })
    .command({
      // Text fallbacks for deciding where a card cannot take the reason (and for keyboard people).
      name: 'approve',
      aliases: ['同意'],
      summary: 'cmd.approve.summary',
      async run(ctx, args) {
        const req = await loadRequest(ctx.db, Number(args.trim().replace('#', '')));
        if (!req) return ctx.reply(errorCard(ctx.t('approval.error.not_found'), ctx.t));
        const r = await decide(ctx, { id: req.id, version: req.version }, { type: 'approve', actorId: ctx.person.id });
        if (r.outcome === 'invalid' && r.toast) return ctx.reply(errorCard(r.toast.text, ctx.t));
        await ctx.reply(r.card!);
      },
    })
    .command({
      name: 'reject',
      aliases: ['驳回'],
      summary: 'cmd.reject.summary',
      async run(ctx, args) {
        const m = /^#?(\d+)\s*([\s\S]*)$/.exec(args.trim());
        const req = m ? await loadRequest(ctx.db, Number(m[1])) : undefined;
        if (!m || !req) return ctx.reply(usageCard(ctx.t('approval.rejectUsage'), ctx.t));
        if (!m[2]!.trim()) return ctx.reply(errorCard(ctx.t('approval.error.reason_required'), ctx.t));
        const r = await decide(
          ctx,
          { id: req.id, version: req.version },
          { type: 'reject', actorId: ctx.person.id, reason: m[2]! },
        );
        if (r.outcome === 'invalid' && r.toast) return ctx.reply(errorCard(r.toast.text, ctx.t));
        await ctx.reply(r.card!);
      },
    })
    .command({
      name: 'return',
      aliases: ['退回'],
      summary: 'cmd.return.summary',
      async run(ctx, args) {
        const m = /^#?(\d+)\s*([\s\S]*)$/.exec(args.trim());
        const req = m ? await loadRequest(ctx.db, Number(m[1])) : undefined;
        if (!m || !req) return ctx.reply(usageCard(ctx.t('approval.returnUsage'), ctx.t));
        if (!m[2]!.trim()) return ctx.reply(errorCard(ctx.t('approval.error.reason_required'), ctx.t));
        const r = await decide(
          ctx,
          { id: req.id, version: req.version },
          { type: 'return', actorId: ctx.person.id, reason: m[2]! },
        );
        if (r.outcome === 'invalid' && r.toast) return ctx.reply(errorCard(r.toast.text, ctx.t));
        await ctx.reply(r.card!);
      },
    })
    .action({
      k: 'approval.approve',
      async run(ctx, action, values) {
        const ref = parseRef(action);
        const req = ref && (await loadRequest(ctx.db, ref.id));
        if (!ref || !req) return expired(ctx);
        let adjust;
        // The comment form (approve with a comment) sends only `comment`; the adjust form sends points and reason.
        const comment = typeof values?.comment === 'string' ? values.comment.trim().slice(0, 500) : undefined;
        if (values && values.points !== undefined && req.payload.kind === 'point_claim') {
          const tag = await getTag(ctx.db, req.payload.tagId);
          const points = Number(String(values.points ?? '').trim());
          const reason = String(values.reason ?? '');
          if (!tag) return expired(ctx);
          const fieldErrors: Record<string, string> = {};
          if (!Number.isInteger(points) || points < tag.minPoints || points > tag.maxPoints)
            fieldErrors.points = ctx.t('approval.error.points', { min: tag.minPoints, max: tag.maxPoints });
          if (points !== req.payload.points && !reason.trim())
            fieldErrors.reason = ctx.t('approval.error.reason_required');
          if (Object.keys(fieldErrors).length)
            return { outcome: 'invalid', fieldErrors, toast: { text: ctx.t('error.invalidInput'), tone: 'error' } };
          adjust = { points, reason, min: tag.minPoints, max: tag.maxPoints };
        }
        return await decide(
          ctx,
          ref,
          { type: 'approve', actorId: ctx.person.id, comment: comment || undefined },
          adjust,
          req,
        );
      },
    })
    .action({
      k: 'approval.adjust',
      refuse: refuseForm,
      form: async (ctx, action) => await adjustForm(ctx, action),
      async run(ctx, action) {
        const form = await adjustForm(ctx, action);
        return form ? { outcome: 'handled', card: form } : expired(ctx);
      },
    })
    .action(reasonAction('reject'))
    .action(reasonAction('return'))
    .action({
      k: 'approval.cancel',
      async run(ctx, action) {
        const ref = parseRef(action);
        return ref && (await loadRequest(ctx.db, ref.id))
          ? await decide(ctx, ref, { type: 'cancel', actorId: ctx.person.id })
          : expired(ctx);
      },
    })
    .action({
      k: 'approval.show',
      async run(ctx, action) {
        const req = await loadRequest(ctx.db, Number(action.id));
        if (!req) return expired(ctx);
        const involved =
          req.applicantId === ctx.person.id ||
          req.asked.includes(ctx.person.id) ||
          ctx.person.roles.includes('hr') ||
          ctx.person.roles.includes('admin');
        if (!involved) return { outcome: 'invalid', toast: { text: ctx.t('error.forbidden'), tone: 'error' } };
        await ctx.reply(await currentCard(ctx, req), { cardKey: cardKeyOf(req.id) });
        return { outcome: 'handled' };
      },
    });
}

/** Return for changes and Reject: the button asks for the reason first; the form submits here again with it. */
function reasonAction(mode: 'reject' | 'return'): ActionDef {
  return {
    k: `approval.${mode}`,
    refuse: refuseForm,
    form: async (ctx, action) => await reasonForm(ctx, action, mode),
    async run(ctx, action, values) {
      const ref = parseRef(action);
      if (!ref || !(await loadRequest(ctx.db, ref.id))) return expired(ctx);
      if (!values) {
        const form = await reasonForm(ctx, action, mode);
        return form ? { outcome: 'handled', card: form } : expired(ctx);
      }
      const reason = String(values.reason ?? '').trim();
      if (!reason)
        return {
          outcome: 'invalid',
          fieldErrors: { reason: ctx.t('approval.error.reason_required') },
          toast: { text: ctx.t('approval.error.reason_required'), tone: 'error' },
        };
      return await decide(ctx, ref, { type: mode, actorId: ctx.person.id, reason });
    },
  };
}

async function reasonForm(ctx: HandlerContext, action: { id?: string; v?: string }, mode: 'reject' | 'return') {
  const ref = parseRef(action);
  const req = ref && (await loadRequest(ctx.db, ref.id));
  return req
    ? reasonFormCard({ id: req.id, version: ref.version, flowName: req.flow.name[ctx.locale], mode }, ctx.t)
    : undefined;
}

async function adjustForm(ctx: HandlerContext, action: { id?: string; v?: string }) {
  const ref = parseRef(action);
  const req = ref && (await loadRequest(ctx.db, ref.id));
  if (!req || req.payload.kind !== 'point_claim') return undefined;
  const tag = await getTag(ctx.db, req.payload.tagId);
  return tag
    ? adjustFormCard(
        {
          id: req.id,
          version: ref.version,
          flowName: req.flow.name[ctx.locale],
          points: req.payload.points,
          min: tag.minPoints,
          max: tag.maxPoints,
        },
        ctx.t,
      )
    : undefined;
}
