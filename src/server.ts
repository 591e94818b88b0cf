// fastify composition. buildServer() returns the app without listening (tests use inject or listen on
// port 0). Each adapter's webhooks are an encapsulated plugin with its own body parsers.
import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Db } from './db/connection.js';
import { asDatabaseUnavailable, migrationStatus } from './db/connection.js';
import { parseLocale, t } from './i18n/index.js';
import { findExport } from './domain/exports.js';
import { audit } from './domain/audit.js';
import { getPerson } from './domain/org/employees.js';
import type { Config } from './config.js';
import { unitOfWork } from './domain/unit-of-work.js';
import { readSession } from './web/session.js';
import type { PlatformAdapter } from './bot/port.js';
import { registerFavicon } from './web/favicon.js';
import { isAuthorPath } from './web/routes/conversations.js';

/** How long a client is asked to wait after a 503 because the database is away. */
const RETRY_AFTER_SECONDS = 5;

export interface ServerDeps {
  db: Db;
  logger: Logger;
  adapters: readonly PlatformAdapter[];
  /** Signs the session cookie. One parser at the root, so the sandbox chat and the mini-app read the same session. */
  cookieSecret: string;
  config: Config;
}

export async function buildServer({
  db,
  config,
  logger,
  adapters,
  cookieSecret,
}: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    bodyLimit: 1024 * 1024,
    // Fastify's two info lines per request cost a card press more than its decision's logic (issue 22): one
    // line per request at debug instead (LOG_LEVEL=debug), free at info; failures are logged where they happen.
    logController: new LogController({ disableRequestLogging: true }),
  });

  app.addHook('onResponse', async (req, reply) => {
    if (!logger.isLevelEnabled('debug')) return;
    // A comment's author answering by reply key: a line with its time would date their action (issue 23 item 1).
    if (isAuthorPath(req.routeOptions.url)) return;
    // The path only: a query string can carry a one-time code (OAuth, mini-app login).
    req.log.debug(
      { method: req.method, path: req.url.split('?')[0], status: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request completed',
    );
  });

  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  await app.register(fastifyCookie, { secret: cookieSecret });

  // Never leak internals: 4xx keep their message, 5xx become a generic one (details are in the log). The
  // database away (PostgreSQL stopped, restarting, failing over) is a 503 with Retry-After in the caller's
  // language: nothing of the request was kept, and a platform or the page may send it again. The mini-app's
  // own error handler (src/web/errors.ts) passes that error up to this one.
  app.setErrorHandler((err: { statusCode?: number; message: string; validation?: unknown }, req, reply) => {
    const unavailable = asDatabaseUnavailable(err);
    if (unavailable) {
      req.log.warn({ err: unavailable }, 'request failed: the database is unavailable');
      const locale = parseLocale(String(req.headers['accept-language'] ?? '').split(',')[0]) ?? config.defaultLocale;
      return reply
        .code(503)
        .header('retry-after', String(RETRY_AFTER_SECONDS))
        .send({ error: t(locale, 'error.databaseUnavailable'), code: 'database_unavailable', requestId: req.id });
    }
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
    if (status >= 500) {
      req.log.error({ err }, 'request failed');
      return reply.code(status).send({ error: 'Internal error', requestId: req.id });
    }
    return reply.code(status).send({ error: err.message, requestId: req.id });
  });
  app.setNotFoundHandler((req, reply) =>
    reply.code(404).send({ error: `No route for ${req.method} ${req.url.split('?')[0]}` }),
  );

  app.get('/', async (_req, reply) => reply.redirect('/sandbox'));
  registerFavicon(app);
  // Liveness: the process answers (restarting it would not bring the database back). /readyz says whether the
  // database is there.
  app.get('/healthz', async () => ({ ok: true }));
  app.get('/readyz', async (_req, reply) => {
    const checks: Record<string, { ok: boolean; kind?: string; detail?: string }> = {};
    try {
      const m = await migrationStatus(db);
      checks.database = { ok: m.ok, kind: m.kind, detail: `${m.applied}/${m.expected} migrations applied` };
    } catch (err) {
      // The driver's message names the host, port and user: logged for the operator, not shown to whoever asks.
      logger.warn({ err }, 'readyz: the database did not answer');
      checks.database = { ok: false, detail: 'unreachable' };
    }
    for (const a of adapters) if (a.health) checks[a.platform] = a.health();
    const ok = Object.values(checks).every((c) => c.ok);
    return reply.code(ok ? 200 : 503).send({ ok, checks });
  });

  // Exports (CSV): the token names the file, the session says who may have it — the person who made it or
  // another HR person. Without a session the browser goes to sign-in and comes back here. Every download
  // (and every refusal) is audited.
  app.get<{ Params: { token: string } }>('/exports/:token', async (req, reply) => {
    const now = new Date();
    const file = /^[\w-]{20,64}$/.test(req.params.token) ? await findExport(db, req.params.token, now) : undefined;
    if (!file) return reply.code(404).send({ error: 'This export does not exist or has expired.' });
    const s = await readSession(req, db, now, config);
    if (!s.ok) return reply.redirect(`/app/signin?next=${encodeURIComponent(`/exports/${req.params.token}`)}`);
    const person = await getPerson(db, s.session.e);
    const allowed =
      person?.active && (person.id === file.createdBy || person.roles.includes('hr') || person.roles.includes('admin'));
    await unitOfWork(
      db,
      async (tx) =>
        await audit(
          tx,
          { kind: 'employee', employeeId: s.session.e },
          allowed ? 'export.download' : 'access.forbidden',
          `export:${file.what}`,
          { filename: file.filename },
        ),
    );
    if (!allowed) return reply.code(403).send({ error: 'This export belongs to someone else.' });
    return reply
      .type(file.contentType)
      .header('content-disposition', `attachment; filename="${file.filename}"`)
      .header('cache-control', 'no-store')
      .send(file.body);
  });

  for (const a of adapters) if (a.routes) await app.register(a.routes);
  return app;
}
