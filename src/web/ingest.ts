// The indicators ingestion API for business systems: POST /api/ingest/indicators with
// "Authorization: Bearer <token>" (a token per system, made by HR: src/domain/indicators/systems.ts). Outside
// the mini-app's session guard and contract (a machine calls it, with no cookie or CSRF token); its own error
// handler answers { error, code } in the caller's Accept-Language. Everything a push causes — values, cycle
// scores, rule claims and their approver cards, audit rows — is one transaction.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { publishRequest } from '../bot/features/approval-views.js';
import { audit } from '../domain/audit.js';
import { ingestBodySchema, ingestIndicators, MAX_ROWS } from '../domain/indicators/ingest.js';
import { systemForToken } from '../domain/indicators/systems.js';
import { companyTimeZone } from '../domain/points/submit-claim.js';
import { unitOfWork } from '../domain/unit-of-work.js';
import { translator, type Translate } from '../i18n/index.js';
import { notifierOf, requestLocale, type WebDeps } from './context.js';

/** 5,000 rows of ~150 bytes each, with room to spare. */
const BODY_LIMIT = 4 * 1024 * 1024;

const bearer = (req: FastifyRequest) => /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];

export function ingestApi(deps: WebDeps): FastifyPluginAsync {
  const { db, config } = deps;
  const tr = (req: FastifyRequest): Translate => translator(requestLocale(req, config.defaultLocale));
  const refuse = (reply: FastifyReply, status: number, error: string, code: string) =>
    reply.code(status).send({ error, code });

  return async (app) => {
    // Unreadable JSON, a wrong content type, a body over the limit: fastify's own refusals, in our words.
    app.setErrorHandler(async (err: { statusCode?: number; code?: string }, req, reply) => {
      const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
      if (status >= 500) {
        req.log.error({ err }, 'ingest request failed');
        return refuse(reply, 500, tr(req)('error.internal'), 'internal');
      }
      return refuse(reply, status, tr(req)('ingest.error.body', { max: MAX_ROWS }), err.code ?? 'bad_request');
    });

    app.post('/indicators', { bodyLimit: BODY_LIMIT }, async (req, reply) => {
      const t = tr(req);
      const now = deps.now?.() ?? new Date();
      const token = bearer(req);
      const system = token ? await systemForToken(db, token) : undefined;
      if (!system) {
        // A wrong or revoked token is an attempt worth recording; none at all is a misconfigured job.
        if (token)
          await unitOfWork(
            db,
            async (tx) =>
              await audit(tx, { kind: 'system' }, 'auth.refused', 'POST /api/ingest/indicators', { reason: 'token' }),
          );
        return reply
          .code(401)
          .header('www-authenticate', 'Bearer')
          .send({ error: t('ingest.error.token'), code: 'token' });
      }
      const body = ingestBodySchema.safeParse(req.body);
      if (!body.success) return refuse(reply, 400, t('ingest.error.body', { max: MAX_ROWS }), 'invalid');
      const timeZone = await companyTimeZone(db, config.defaultTimezone);
      const report = await unitOfWork(db, async (tx) => {
        const r = await ingestIndicators(tx, {
          system,
          rows: body.data.rows,
          now,
          timeZone,
          defaultLocale: config.defaultLocale,
        });
        for (const c of r.claims)
          if ('request' in c)
            await publishRequest(tx, notifierOf(deps), config, c.request, {
              newlyAsked: c.asked,
              outcome: 'submitted',
            });
        return r;
      });
      deps.worker.kick();
      return {
        system: system.name,
        received: report.received,
        created: report.created,
        updated: report.updated,
        unchanged: report.unchanged,
        ratings: report.ratings,
        errors: report.errors.map((e) => ({
          row: e.row,
          code: e.code,
          message: t(`ingest.row.${e.code}`, { value: e.value }),
        })),
        claims: report.claims.map((c) =>
          'requestId' in c
            ? { row: c.row, ruleId: c.ruleId, personId: c.personId, requestId: c.requestId }
            : { row: c.row, ruleId: c.ruleId, personId: c.personId, refused: c.refused },
        ),
      };
    });
  };
}
