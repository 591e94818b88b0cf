// Who am I: the viewer, their rights (which the front end uses only to show the right menus — every
// route checks again), the CSRF token; language choice; sign-out.
import type { FastifyInstance } from 'fastify';
import { setLocale, unitName } from '../../domain/org/employees.js';
import { hasOpenRaterTasks } from '../../domain/ratings/rater-status.js';
import { isHr, isManager, viewerOf, type WebDeps } from '../context.js';
import { serve } from '../serve.js';
import { unitOfWork } from '../../domain/unit-of-work.js';
import { clearSession } from '../session.js';
import { revokeSession } from '../../domain/sessions.js';
import { audit } from '../../domain/audit.js';
import { demoMarker } from '../../domain/demo/marker.js';

export function registerMeRoutes(api: FastifyInstance, deps: WebDeps): void {
  serve(api, 'GET /me', async (req) => {
    const v = viewerOf(req);
    return {
      id: v.person.id,
      name: v.person.name,
      unit: (await unitName(deps.db, v.person.unitId)) ?? null,
      roles: v.person.roles,
      locale: v.locale,
      isManager: await isManager(deps.db, v.person),
      isHr: isHr(v.person),
      // Rates someone in an open cycle (maybe without leading a unit): the app offers "Rate my team".
      isRater: await hasOpenRaterTasks(deps.db, v.person.id, deps.now?.() ?? new Date()),
      csrf: v.session.c,
      // The generated demo company (src/domain/demo): the app says so wherever it shows the company.
      demo: (await demoMarker(deps.db)) !== undefined,
    };
  });

  serve(api, 'PUT /me/locale', async (req, _reply, input) => {
    const v = viewerOf(req);
    const body = input.body();
    await unitOfWork(deps.db, async (tx) => await setLocale(tx, v.person.id, body.locale));
    return { locale: body.locale };
  });

  // Sign-out ends the session on the server: a copy of the cookie is refused from now on.
  serve(api, 'DELETE /session', async (req, reply) => {
    const v = viewerOf(req);
    await unitOfWork(deps.db, async (tx) => {
      await revokeSession(tx, v.session.id, deps.now?.() ?? new Date());
      await audit(tx, { kind: 'employee', employeeId: v.person.id }, 'auth.sign_out', 'mini-app');
    });
    clearSession(reply, deps.config.publicBaseUrl.startsWith('https:'));
    return { ok: true as const };
  });
}
