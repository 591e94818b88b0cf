// HR and admins: the org chart from a CSV (every bad row reported by line, nothing imported then) and
// from a platform directory (Feishu, DingTalk) with the change report. Both apply in one transaction
// (importOrgCsv / applyDirectorySnapshot) and are audited by the domain.
import type { FastifyInstance } from 'fastify';
import { syncDirectory } from '../../bot/org-sync.js';
import { importOrgCsv } from '../../domain/org/org-import.js';
import { getPerson } from '../../domain/org/employees.js';
import { revokeAllFor } from '../../domain/sessions.js';
import { audit } from '../../domain/audit.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import { requireHr, viewerOf, type WebDeps } from '../context.js';
import { ApiError } from '../errors.js';
import { serve } from '../serve.js';

export function registerHrOrgRoutes(api: FastifyInstance, deps: WebDeps): void {
  const { db } = deps;
  const directories = () => [...deps.adapters.values()].filter((a) => a.directory).map((a) => a.platform);

  // An admin ends every session of a person at once (a lost phone, someone who left).
  serve(api, 'POST /admin/people/:id/sign-out', async (req, _reply, input) => {
    const v = viewerOf(req);
    if (!v.person.roles.includes('admin')) throw new ApiError(403, v.t('error.forbidden'), 'forbidden');
    const { id } = input.params();
    if (!(await getPerson(db, id))) throw new ApiError(404, v.t('web.person.unknown'), 'not_found');
    const ended = await unitOfWork(db, async (tx) => {
      const n = await revokeAllFor(tx, id, deps.now?.() ?? new Date());
      await audit(tx, { kind: 'employee', employeeId: v.person.id }, 'auth.sign_out_everywhere', `employee:${id}`, {
        ended: n,
      });
      return n;
    });
    return { ended };
  });

  serve(api, 'GET /hr/org', async (req) => {
    requireHr(viewerOf(req));
    return { directories: directories() };
  });

  serve(api, 'POST /hr/org/import', async (req, reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    const body = input.body();
    const r = await importOrgCsv(db, body.csv, { kind: 'employee', employeeId: v.person.id }, 'mini-app');
    if (r.ok) return { created: r.created, updated: r.updated, units: r.units };
    return reply.code(400).send({
      error: v.t('error.invalidInput'),
      code: 'invalid_rows',
      problems: r.problems.map((p) => ({ line: p.line, message: v.t(p.key, p.params) })),
    });
  });

  serve(api, 'POST /hr/org/sync', async (req, _reply, input) => {
    const v = viewerOf(req);
    requireHr(v);
    const body = input.body();
    const source = deps.adapters.get(body.platform)?.directory;
    if (!source) throw new ApiError(404, `${body.platform}: no directory`, 'not_enabled');
    try {
      return { report: await syncDirectory(db, body.platform, source, { kind: 'employee', employeeId: v.person.id }) };
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      req.log.warn({ err: error }, 'directory sync failed');
      throw new ApiError(
        502,
        v.t('org.sync.failed', { platform: body.platform, error: error.slice(0, 200) }),
        'sync_failed',
      );
    }
  });
}
