// HR: approval turnaround per flow (the chat's `/report approvals`), over the requests of the last N days.
import type { FastifyInstance } from 'fastify';
import { approvalsReport } from '../../domain/approvals/turnaround.js';
import { requireHr, viewerOf, type WebDeps } from '../context.js';
import { ApiError } from '../errors.js';
import { serve } from '../serve.js';

export function registerHrTurnaroundRoutes(api: FastifyInstance, deps: WebDeps): void {
  serve(api, 'GET /hr/turnaround', async (req, _reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    const { days } = input.query();
    const overdueHours = deps.config.approvals.remindAfterHours;
    const r = await approvalsReport(deps.db, {
      viewer: v.person,
      days,
      now: deps.now?.() ?? new Date(),
      overdueAfterMs: overdueHours * 60 * 60 * 1000,
    });
    if (!r.ok) throw new ApiError(403, v.t('error.forbidden'), 'forbidden');
    return {
      days,
      since: r.report.since,
      overdueHours,
      flows: r.report.flows.map((f) => ({ ...f, name: f.name[v.locale] })),
    };
  });
}
