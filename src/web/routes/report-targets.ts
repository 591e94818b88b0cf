// HR: the report targets (participation, follow-ups resolved, satisfaction) — read, and set as a whole. Bad
// input is refused with the fields at fault and changes nothing; a change is audited in the same transaction.
import type { FastifyInstance } from 'fastify';
import { getTargets, setTargets } from '../../domain/surveys/targets.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import { requireHr, viewerOf, type WebDeps } from '../context.js';
import { ApiError } from '../errors.js';
import { serve } from '../serve.js';

export function registerReportTargetRoutes(api: FastifyInstance, deps: WebDeps): void {
  const { db } = deps;

  serve(api, 'GET /hr/report-targets', async (req) => {
    requireHr(viewerOf(req));
    return await getTargets(db);
  });

  serve(api, 'PUT /hr/report-targets', async (req, _reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    const r = await unitOfWork(
      db,
      async (tx) => await setTargets(tx, input.body(), { kind: 'employee', employeeId: v.person.id }),
    );
    if (!r.ok) {
      const message = v.t('reports.targets.badInput');
      throw new ApiError(400, message, 'invalid', Object.fromEntries(r.fields.map((f) => [f, message])));
    }
    return r.targets;
  });
}
