// Serving the built front end at /app: index.html for every app path (deep links), hashed assets cached
// for good, a missing asset is a 404 (not the page), and a clear 503 when the build is missing.
import { readdirSync } from 'node:fs';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { serveFrontEnd } from '../../src/web/static.js';
import { useHarness, type Harness } from '../support/harness.js';

let h: Harness;
useHarness((started) => (h = started));

describe('/app', () => {
  it('answers index.html for the app root and deep links, never cached, with a CSP', async () => {
    for (const path of ['/app', '/app/', '/app/approvals', '/app/survey/12', '/app/hr/report?wave=1']) {
      const res = await fetch(`${h.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(await res.text()).toContain('<div id="root"></div>');
    }
  });

  it('serves hashed assets with a long cache life; an unknown asset is a 404', async () => {
    const js = readdirSync('dist/web/assets').find((f) => /^index-.*\.js$/.test(f))!;
    const res = await fetch(`${h.url}/app/assets/${js}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    // Read the body: an unread response keeps the connection open and the server's close waits for it.
    expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(0);
    expect((await fetch(`${h.url}/app/assets/index-missing.js`)).status).toBe(404);
  });

  it('says how to build it when dist/web is missing', async () => {
    const app = Fastify();
    await app.register(serveFrontEnd('/nonexistent/dist/web'), { prefix: '/app' });
    const res = await app.inject({ method: 'GET', url: '/app/anything' });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('npm run build:web');
    await app.close();
  });

  it('unknown API routes are JSON 404s', async () => {
    const res = await fetch(`${h.url}/api/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: expect.any(String) });
  });
});

describe('bundle size', () => {
  it('keeps the JavaScript a first visit loads under 150 KB gzipped (README: Mini-app)', async () => {
    const { gzipSync } = await import('node:zlib');
    const { readFileSync } = await import('node:fs');
    const html = readFileSync('dist/web/index.html', 'utf8');
    const scripts = [...html.matchAll(/src="\/app\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    const gz = scripts.reduce((sum, s) => sum + gzipSync(readFileSync(`dist/web/${s}`)).length, 0);
    expect(gz).toBeLessThan(150 * 1024);
    // chart.js is not part of it: it loads with the first chart.
    expect(scripts.some((s) => s.includes('chart'))).toBe(false);
  });
});
