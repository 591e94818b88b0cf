// The approval card's further actions in chat (issue 24): approve with a comment, hand over (转交), add an
// approver before or after oneself (加签), send back to an earlier step (退回到指定节点), and the applicant's urge
// (催办). Each button opens a form (a Slack modal, a DingTalk stepper, an inline form elsewhere) — the pattern of
// the reject reason — and its submission goes through act() like any decision: one version, applied once.
import { moreFormCard } from '../../../cards/approval.js';
import { loadRequest, type ActError, type RequestView } from '../../domain/approvals/requests.js';
import { findByEmail } from '../../domain/org/employees.js';
import type { FormValues } from '../../../cards/view.js';
import type { HandlerContext } from '../context.js';
import type { CoreResponse } from '../port.js';
import type { ActionDef, Router } from '../router.js';
import { decide, expired, parseRef, refuseForm } from './approvals.js';

type Mode = 'comment' | 'handover' | 'addsign' | 'sendback' | 'cc';

/** The form field a refusal concerns: the person named, the step chosen. */
const fieldOf = (code: ActError): string | undefined =>
  ['self', 'person_left', 'is_applicant', 'already_decided', 'already_seated', 'unknown_person'].includes(code)
    ? 'person'
    : code === 'not_earlier'
      ? 'step'
      : undefined;

/** A CC's refusals all concern the people named. */
const ccFieldOf = (code: ActError): string | undefined =>
  ['self', 'person_left', 'is_applicant', 'already_cc', 'unknown_person'].includes(code) ? 'people' : undefined;

/** At most this many people per CC, as the mini-app's picker allows (src/contract/approvals-more.ts). */
const MAX_CC = 20;

const text = (values: FormValues, id: string) => {
  const v = values[id];
  return (Array.isArray(v) ? (v[0] ?? '') : (v ?? '')).trim();
};

const invalid = (ctx: HandlerContext, fieldErrors: Record<string, string>): CoreResponse => ({
  outcome: 'invalid',
  fieldErrors,
  toast: { text: ctx.t('error.invalidInput'), tone: 'error' },
});

async function formOf(ctx: HandlerContext, action: { id?: string; v?: string }, mode: Mode) {
  const ref = parseRef(action);
  const req = ref && (await loadRequest(ctx.db, ref.id));
  if (!req) return undefined;
  const steps = req.seats.path
    .slice(0, -1)
    .map((i) => ({ id: req.flow.steps[i]!.id, name: req.flow.steps[i]!.name[ctx.locale] }));
  return moreFormCard({ id: req.id, version: ref.version, flowName: req.flow.name[ctx.locale], mode, steps }, ctx.t);
}

/** A person named by work email in a form: the active or former employee, or the field's message. */
async function personField(ctx: HandlerContext, values: FormValues): Promise<number | Record<string, string>> {
  const email = text(values, 'person');
  const person = email.includes('@') ? await findByEmail(ctx.db, email) : undefined;
  return person ? person.id : { person: ctx.t('approval.error.unknown_person') };
}

/** The people a CC form names: work emails separated by commas, semicolons or spaces (either script's). */
async function peopleField(ctx: HandlerContext, values: FormValues): Promise<number[] | Record<string, string>> {
  const emails = [
    ...new Set(
      text(values, 'people')
        .split(/[\s,;，；、]+/u)
        .filter(Boolean),
    ),
  ];
  if (emails.length === 0) return { people: ctx.t('approval.error.unknown_person') };
  if (emails.length > MAX_CC) return { people: ctx.t('approval.error.too_many_cc', { max: MAX_CC }) };
  const ids: number[] = [];
  for (const email of emails) {
    const person = email.includes('@') ? await findByEmail(ctx.db, email) : undefined;
    if (!person) return { people: `${email}: ${ctx.t('approval.error.unknown_person')}` };
    ids.push(person.id);
  }
  return ids;
}

function moreAction(
  mode: Exclude<Mode, 'comment'>,
  submit: (ctx: HandlerContext, req: RequestView, values: FormValues) => Promise<CoreResponse>,
): ActionDef {
  return {
    k: `approval.${mode}`,
    refuse: refuseForm,
    form: async (ctx, action) => await formOf(ctx, action, mode),
    async run(ctx, action, values) {
      const ref = parseRef(action);
      const req = ref && (await loadRequest(ctx.db, ref.id));
      if (!ref || !req) return expired(ctx);
      if (!values) {
        const form = await formOf(ctx, action, mode);
        return form ? { outcome: 'handled', card: form } : expired(ctx);
      }
      const reason = text(values, 'reason');
      if (!reason) return invalid(ctx, { reason: ctx.t('approval.error.reason_more') });
      return await submit(ctx, { ...req, version: ref.version }, values);
    },
  };
}

export function registerApprovalsMore(router: Router): Router {
  const ref = (req: RequestView) => ({ id: req.id, version: req.version });
  return router
    .action({
      // Approve with a comment: the form submits to approval.approve with `comment`.
      k: 'approval.comment',
      refuse: refuseForm,
      form: async (ctx, action) => await formOf(ctx, action, 'comment'),
      async run(ctx, action) {
        const form = await formOf(ctx, action, 'comment');
        return form ? { outcome: 'handled', card: form } : expired(ctx);
      },
    })
    .action(
      moreAction('handover', async (ctx, req, values) => {
        const to = await personField(ctx, values);
        if (typeof to !== 'number') return invalid(ctx, to);
        return await decide(
          ctx,
          ref(req),
          {
            type: 'hand_over',
            actorId: ctx.person.id,
            to,
            reason: text(values, 'reason'),
          },
          undefined,
          undefined,
          fieldOf,
        );
      }),
    )
    .action(
      moreAction('addsign', async (ctx, req, values) => {
        const person = await personField(ctx, values);
        if (typeof person !== 'number') return invalid(ctx, person);
        return await decide(
          ctx,
          ref(req),
          {
            type: 'add_sign',
            actorId: ctx.person.id,
            person,
            position: text(values, 'position') === 'after' ? 'after' : 'before',
            reason: text(values, 'reason'),
          },
          undefined,
          undefined,
          fieldOf,
        );
      }),
    )
    .action(
      moreAction('sendback', async (ctx, req, values) => {
        const toStep = text(values, 'step');
        if (!toStep) return invalid(ctx, { step: ctx.t('approval.error.not_earlier') });
        return await decide(
          ctx,
          ref(req),
          {
            type: 'send_back',
            actorId: ctx.person.id,
            toStep,
            reason: text(values, 'reason'),
          },
          undefined,
          undefined,
          fieldOf,
        );
      }),
    )
    .action(
      moreAction('cc', async (ctx, req, values) => {
        const people = await peopleField(ctx, values);
        if (!Array.isArray(people)) return invalid(ctx, people);
        return await decide(
          ctx,
          ref(req),
          { type: 'cc', actorId: ctx.person.id, people, reason: text(values, 'reason') },
          undefined,
          undefined,
          ccFieldOf,
        );
      }),
    )
    .action({
      k: 'approval.urge',
      async run(ctx, action) {
        const r = parseRef(action);
        return r && (await loadRequest(ctx.db, r.id))
          ? await decide(ctx, r, { type: 'urge', actorId: ctx.person.id, now: ctx.now })
          : expired(ctx);
      },
    });
}
