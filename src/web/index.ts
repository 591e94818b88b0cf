// The mini-app: the JSON API under /api and the built front end under /app, as one encapsulated fastify
// plugin (its error handler stays inside it; the signed-cookie parser is the server's, shared with the
// sandbox chat: see buildServer). Every /api route but sign-in needs a session; every mutating one also
// needs the CSRF header; role and scope are checked per route.
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
import { getPerson } from '../domain/org/employees.js';
import { translator } from '../i18n/index.js';
import { unitOfWork } from '../domain/unit-of-work.js';
import { audit } from '../domain/audit.js';
import { requestLocale, setViewer, translatorOf, viewerFor, viewerIfAny, type WebDeps } from './context.js';
import { ApiError, webErrorHandler } from './errors.js';
import { ingestApi } from './ingest.js';
import { registerAuthRoutes } from './routes/auth.js';
import { registerApprovalsMoreRoutes } from './routes/approvals-more.js';
import { registerAnnouncementRoutes } from './routes/announcements.js';
import { isAuthorPath, registerConversationRoutes } from './routes/conversations.js';
import { registerDeskRoutes } from './routes/desk.js';
import { registerEmployeeRoutes } from './routes/employee.js';
import { registerExportRoutes } from './routes/exports.js';
import { registerFlowsSchemesRoutes } from './routes/flows-schemes.js';
import { registerHrRoutes } from './routes/hr.js';
import { registerHrOrgRoutes } from './routes/hr-org.js';
import { registerHrRatingRoutes } from './routes/hr-ratings.js';
import { registerHrTagRoutes } from './routes/hr-tags.js';
import { registerHrIndicatorRoutes } from './routes/hr-indicators.js';
import { registerHrTurnaroundRoutes } from './routes/hr-turnaround.js';
import { registerHrDeliveryRoutes } from './routes/hr-delivery.js';
import { registerHrDeliveryTimeRoutes } from './routes/hr-delivery-times.js';
import { registerPointRulesRoutes } from './routes/point-rules.js';
import { registerNominationRoutes } from './routes/nominations.js';
import { registerHrLeaveRoutes } from './routes/hr-leave.js';
import { registerAttendanceRoutes } from './routes/attendance.js';
import { registerManagerRoutes } from './routes/manager.js';
import { registerMeRoutes } from './routes/me.js';
import { registerPulseAdminRoutes } from './routes/pulse-admin.js';
import { registerPrivacyRoutes } from './routes/privacy.js';
import { registerRatingRoutes } from './routes/ratings.js';
import { registerTrainingRoutes } from './routes/training.js';
import { registerFormRequestRoutes } from './routes/form-requests.js';
import { registerOrgTurnoverRoutes } from './routes/org-turnover.js';
import { registerGuideRoutes } from './routes/guide.js';
import { registerDemoScenarioRoutes } from './routes/demo-scenarios.js';
import { registerPathRoutes } from './routes/paths.js';
import { registerPersonStatusRoutes } from './routes/person-status.js';
import { checkAnswers, requireContract } from './serve.js';
import { csrfMatches, readSession } from './session.js';
import { DEFAULT_DIST, serveFrontEnd } from './static.js';

export type { WebDeps } from './context.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function guard(api: FastifyInstance, deps: WebDeps): void {
  api.addHook('onRequest', async (req) => {
    if (req.routeOptions.url?.startsWith('/api/auth/')) return;
    // A comment's author, by reply key only: the session (sent by the browser anyway) is not even read.
    if (isAuthorPath(req.routeOptions.url)) return;
    const s = await readSession(req, deps.db, deps.now?.() ?? new Date(), deps.config);
    const t = translator(requestLocale(req, deps.config.defaultLocale));
    if (!s.ok) {
      // A forged or revoked session id is an attempt worth recording; no cookie or an expired one is not.
      if (s.reason === 'invalid' || s.reason === 'revoked')
        await unitOfWork(
          deps.db,
          async (tx) =>
            await audit(tx, { kind: 'system' }, 'auth.refused', `${req.method} ${req.routeOptions.url ?? ''}`, {
              reason: s.reason,
            }),
        );
      throw new ApiError(401, t(s.reason === 'expired' ? 'web.session.expired' : 'web.session.required'), 'session');
    }
    const person = await getPerson(deps.db, s.session.e);
    if (!person?.active) throw new ApiError(401, t('web.session.required'), 'session');
    const viewer = viewerFor(person, s.session, deps.config);
    if (!SAFE_METHODS.has(req.method) && !csrfMatches(s.session, req.headers['x-csrf-token']))
      throw new ApiError(403, viewer.t('web.csrf'), 'csrf');
    setViewer(req, viewer);
  });
  api.addHook('onSend', async (_req, reply) => {
    reply.header('cache-control', 'no-store');
  });
}

export function miniApp(deps: WebDeps): FastifyPluginAsync {
  return async (app) => {
    app.setErrorHandler(
      webErrorHandler(
        (req) => translatorOf(req, deps.config.defaultLocale),
        async (req, status, code) => {
          // Forbidden attempts by a signed-in person (a role they lack, a unit outside their scope, no CSRF token).
          if (status !== 403) return;
          const v = viewerIfAny(req);
          await unitOfWork(
            deps.db,
            async (tx) =>
              await audit(
                tx,
                v ? { kind: 'employee', employeeId: v.person.id } : { kind: 'system' },
                'access.forbidden',
                `${req.method} ${req.routeOptions.url ?? ''}`,
                { code: code ?? null },
              ),
          );
        },
      ),
    );
    await app.register(
      async (api) => {
        guard(api, deps);
        // Every route is served from the API contract (src/contract), and every endpoint has its route;
        // outside production every answer is checked against it too.
        requireContract(api);
        if (deps.config.env !== 'production') checkAnswers(api);
        registerAuthRoutes(api, deps);
        registerMeRoutes(api, deps);
        registerEmployeeRoutes(api, deps);
        registerManagerRoutes(api, deps);
        registerApprovalsMoreRoutes(api, deps);
        registerAnnouncementRoutes(api, deps);
        registerHrRoutes(api, deps);
        registerHrOrgRoutes(api, deps);
        registerHrTagRoutes(api, deps);
        registerHrTurnaroundRoutes(api, deps);
        registerHrDeliveryRoutes(api, deps);
        registerHrDeliveryTimeRoutes(api, deps);
        registerPointRulesRoutes(api, deps);
        registerNominationRoutes(api, deps);
        registerHrLeaveRoutes(api, deps);
        registerRatingRoutes(api, deps);
        registerTrainingRoutes(api, deps);
        registerOrgTurnoverRoutes(api, deps);
        registerGuideRoutes(api, deps);
        registerDemoScenarioRoutes(api, deps);
        registerPathRoutes(api, deps);
        registerHrRatingRoutes(api, deps);
        registerPulseAdminRoutes(api, deps);
        registerFlowsSchemesRoutes(api, deps);
        registerFormRequestRoutes(api, deps);
        registerPrivacyRoutes(api, deps);
        registerExportRoutes(api, deps);
        registerDeskRoutes(api, deps);
        registerConversationRoutes(api, deps);
        registerHrIndicatorRoutes(api, deps);
        registerPersonStatusRoutes(api, deps);
        registerAttendanceRoutes(api, deps);
      },
      { prefix: '/api' },
    );
    // Business systems push indicators with a bearer token: outside the session guard (src/web/ingest.ts).
    await app.register(ingestApi(deps), { prefix: '/api/ingest' });
    await app.register(serveFrontEnd(deps.distDir ?? DEFAULT_DIST), { prefix: '/app' });
  };
}
