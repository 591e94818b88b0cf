// Request kinds HR defined as forms (issue 24): anyone lists them and submits one (values checked against the
// form and the org, nothing written on a bad one); HR creates a new flow — the editor's "New flow".
import type { FastifyInstance } from 'fastify';
import { ruleResolvable } from '../../domain/approvals/approvers.js';
import { createFlow, locateFormProblem, locateProblem } from '../../domain/approvals/flow-admin.js';
import { flowSchema } from '../../domain/approvals/flow-schema.js';
import { localizeFormIssues } from '../../domain/approvals/form-fields.js';
import { formKinds, submitFormRequest } from '../../domain/approvals/form-submit.js';
import { submitRefusalText } from '../../domain/approvals/submit-refusal.js';
import { activePeopleByName } from '../../domain/org/pickers.js';
import { allUnits } from '../../domain/org/units.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import type { MessageKey } from '../../i18n/index.js';
import { requireHr, viewerOf, type WebDeps } from '../context.js';
import { ApiError, fieldError, parse } from '../errors.js';
import { fieldMessages } from '../field-messages.js';
import { serve } from '../serve.js';
import { submitAndPublish } from '../submit-and-publish.js';

export function registerFormRequestRoutes(api: FastifyInstance, deps: WebDeps): void {
  const { db } = deps;
  const now = () => deps.now?.() ?? new Date();

  serve(api, 'GET /request-kinds', async (req) => {
    const v = viewerOf(req);
    const kinds = await unitOfWork(db, async (tx) => await formKinds(tx));
    const needs = (type: string) => kinds.some((k) => (k.fields ?? []).some((f) => f.type === type));
    return {
      kinds: kinds.map((k) => ({ key: k.key, name: k.name[v.locale], fields: k.fields ?? [] })),
      // The pickers' choices only when some form has such a field: active people (not oneself), units by path.
      people: needs('person')
        ? (await activePeopleByName(db)).filter((p) => p.id !== v.person.id).map((p) => ({ id: p.id, name: p.name }))
        : [],
      units: needs('unit') ? (await allUnits(db)).map((u) => ({ id: u.id, name: u.path || u.name, kind: u.kind })) : [],
    };
  });

  serve(api, 'POST /requests/form', async (req, _reply, input) => {
    const v = viewerOf(req);
    const body = input.body();
    const r = await submitAndPublish(
      deps,
      async (tx) =>
        await submitFormRequest(tx, {
          applicantId: v.person.id,
          flowKey: body.flowKey,
          values: body.values,
          now: now(),
        }),
    );
    if (r.ok) return { id: r.request.id };
    if (r.code === 'no_kind') throw new ApiError(404, v.t('form.error.no_kind'), 'not_found');
    if (r.code === 'invalid') throw fieldError(v.t, fieldMessages(localizeFormIssues(r.issues, v.locale), v.t));
    throw new ApiError(409, submitRefusalText(v.t, v.locale, r), r.code);
  });

  serve(api, 'POST /hr/flows', async (req, _reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    const flow = parse(flowSchema, input.body().flow);
    // Each structural problem at the editor's field it concerns, as an edit's are (flows-approval.ts).
    const form = locateFormProblem(flow);
    if (form) throw fieldError(v.t, { [form.path]: v.t(`fs.flow.${form.problem}`) });
    const step = locateProblem(flow);
    if (step) throw fieldError(v.t, { [`steps.${step.index}.${step.field}`]: v.t(`fs.flow.${step.problem}`) });
    const r = await unitOfWork(db, async (tx) =>
      createFlow(
        tx,
        flow,
        v.person.id,
        async (f) => {
          for (const s of f.steps) if (!(await ruleResolvable(tx, s.approver))) return s.id;
          return undefined;
        },
        now(),
      ),
    );
    if (r.ok) return { key: r.key, version: r.version };
    if (r.code === 'exists') throw fieldError(v.t, { key: v.t('fs.flow.exists') });
    if (r.code === 'unresolvable') {
      const index = flow.steps.findIndex((s) => s.id === r.detail);
      throw fieldError(v.t, { [`steps.${Math.max(0, index)}.approver`]: v.t('fs.flow.unresolvable') });
    }
    throw new ApiError(400, v.t(`flow.error.${r.code}` as MessageKey), r.code);
  });
}
