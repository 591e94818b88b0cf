// The built front end (dist/web) at /app: hashed assets cached for a year, index.html never cached, and
// every other /app/* path answered with index.html so the front end's router can take it (deep links).
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';

export const DEFAULT_DIST = resolve(import.meta.dirname, '../../dist/web');

// The Feishu and DingTalk JS SDKs are loaded from their CDNs inside those clients only (sign-in page).
const CSP = [
  "default-src 'self'",
  "script-src 'self' https://lf1-cdn-tos.bytegoofy.com https://g.alicdn.com",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
].join('; ');

export function serveFrontEnd(distDir: string = DEFAULT_DIST): FastifyPluginAsync {
  return async (app) => {
    const indexFile = join(distDir, 'index.html');
    if (!existsSync(indexFile)) {
      app.get('/*', async (_req, reply) =>
        reply.code(503).type('text/plain').send('The mini-app is not built yet: run `npm run build:web`.'),
      );
      return;
    }
    const index = readFileSync(indexFile, 'utf8');
    const sendIndex = (reply: FastifyReply) =>
      reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .header('content-security-policy', CSP)
        .header('referrer-policy', 'same-origin')
        .header('x-content-type-options', 'nosniff')
        .send(index);

    await app.register(fastifyStatic, {
      root: join(distDir, 'assets'),
      prefix: '/assets/',
      wildcard: true,
      index: false,
      // File names carry a content hash (vite), so they never change.
      maxAge: 31_536_000_000,
      immutable: true,
      setHeaders: (res) => {
        res.setHeader('x-content-type-options', 'nosniff');
      },
    });
    app.get('/', async (_req, reply) => sendIndex(reply));
    app.get('/*', async (req, reply) => {
      if (req.url.startsWith('/app/assets/')) return reply.code(404).send({ error: 'Not found' });
      return sendIndex(reply);
    });
  };
}
