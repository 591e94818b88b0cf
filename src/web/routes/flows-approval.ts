// HR and admins: approval flow definitions — the list (who changed each and when), one flow with the
// pickers its approver rules need, and saving an edit. Saving is the chat's `/flow set` (saveFlow):
// validated, versioned, audited; an edit based on an older version is a 409, never an overwrite.
import type { FastifyInstance } from 'fastify';
import { ruleResolvable } from '../../domain/approvals/approvers.js';
import {
  flowRow,
  listFlows,
  locateFormProblem,
  locateProblem,
  type FlowRow,
} from '../../domain/approvals/flow-admin.js';
import { flowSchema } from '../../domain/approvals/flow-schema.js';
import { ensureDefaultFlows, saveFlow } from '../../domain/approvals/requests.js';
import { getPerson } from '../../domain/org/employees.js';
import { activePeopleByName } from '../../domain/org/pickers.js';
import { allUnits } from '../../domain/org/units.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import { requireHr, viewerOf, type Viewer, type WebDeps } from '../context.js';
import { ApiError, parse } from '../errors.js';
import { serve } from '../serve.js';

const who = async (deps: WebDeps, id: number | null) =>
  id === null ? null : ((await getPerson(deps.db, id))?.name ?? null);

async function rowJson(deps: WebDeps, v: Viewer, r: FlowRow) {
  return {
    key: r.key,
    name: r.flow.name[v.locale],
    version: r.version,
    updatedBy: await who(deps, r.updatedBy),
    updatedAt: r.updatedAt,
  };
}

/** "2026-11-24 01:30 UTC": the server cannot know the viewer's zone, so it says which one it uses. */
const utc = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

export function registerFlowRoutes(api: FastifyInstance, deps: WebDeps): void {
  const { db } = deps;

  serve(api, 'GET /hr/flows', async (req) => {
    const v = viewerOf(req);
    requireHr(v);
    await unitOfWork(db, async (tx) => await ensureDefaultFlows(tx));
    return {
      flows: await Promise.all(
        (await listFlows(db)).map(async (r) => ({
          ...(await rowJson(deps, v, r)),
          steps: await Promise.all(
            r.flow.steps.map(async (s) => ({
              id: s.id,
              name: s.name[v.locale],
              approver: s.approver,
              person:
                s.approver.type === 'person'
                  ? await who(deps, s.approver.employeeId)
                  : s.approver.type === 'people'
                    ? (
                        await Promise.all(s.approver.employeeIds.map(async (id) => (await who(deps, id)) ?? `#${id}`))
                      ).join(', ')
                    : null,
              when: s.when ?? null,
            })),
          ),
        })),
      ),
    };
  });

  serve(api, 'GET /hr/flows/:key', async (req, _reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    const { key } = input.params();
    await unitOfWork(db, async (tx) => await ensureDefaultFlows(tx));
    const r = await flowRow(db, key);
    if (!r) throw new ApiError(404, v.t('flow.error.unknown_flow'), 'not_found');
    return {
      ...(await rowJson(deps, v, r)),
      flow: r.flow,
      // What the approver pickers offer: active people and units.
      people: (await activePeopleByName(db)).map((p) => ({ id: p.id, name: p.name })),
      units: (await allUnits(db)).map((u) => ({ id: u.id, name: u.path || u.name })),
    };
  });

  serve(api, 'PUT /hr/flows/:key', async (req, _reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    const { key } = input.params();
    const body = input.body();
    // The key comes from the URL: an edit can never land on another flow.
    const flow = parse(flowSchema, { ...body.flow, key });
    // The form's problems (a repeated key, a choice without options, a branch on a missing field) at their field.
    const form = locateFormProblem(flow);
    if (form)
      throw new ApiError(400, v.t('error.invalidInput'), form.problem, { [form.path]: v.t(`fs.flow.${form.problem}`) });
    const problem = locateProblem(flow);
    if (problem)
      throw new ApiError(400, v.t('error.invalidInput'), problem.problem, {
        [`steps.${problem.index}.${problem.field}`]: v.t(`fs.flow.${problem.problem}`),
      });
    const r = await unitOfWork(db, async (tx) => {
      // The first step whose approver rule names nobody (checked in order, one lookup at a time).
      return await saveFlow(tx, flow, body.version, v.person.id, async (f) => {
        for (const s of f.steps) if (!(await ruleResolvable(tx, s.approver))) return s.id;
        return undefined;
      });
    });
    if (r.ok) return { key, version: r.version };
    if (r.code === 'unknown_flow') throw new ApiError(404, v.t('flow.error.unknown_flow'), 'not_found');
    if (r.code === 'stale') {
      const now = (await flowRow(db, key))!;
      throw new ApiError(
        409,
        v.t('fs.flow.stale', {
          name: (await who(deps, now.updatedBy)) ?? v.t('fs.flow.someone'),
          at: utc(now.updatedAt),
          version: now.version,
        }),
        'stale',
      );
    }
    if (r.code === 'unresolvable') {
      const index = flow.steps.findIndex((s) => s.id === r.detail);
      throw new ApiError(400, v.t('error.invalidInput'), 'unresolvable', {
        [`steps.${Math.max(0, index)}.approver`]: v.t('fs.flow.unresolvable'),
      });
    }
    // validateFlow already passed above, so this is only a safety net.
    throw new ApiError(400, v.t('error.invalidInput'), r.code);
  });
}
