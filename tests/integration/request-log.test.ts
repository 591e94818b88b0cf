// Request logging (issue 22): nothing per request at info (the production default), one line per request at
// debug — with the path, never the query string (it can carry a one-time login code).
import { describe, expect, it } from 'vitest';
import { startHarness } from '../support/harness.js';

describe('request logging', () => {
  it.each([
    ['info', 0],
    ['debug', 1],
  ])('at %s: %i line(s) per request', async (level, lines) => {
    const logs: string[] = [];
    const h = await startHarness({ logs, logLevel: level });
    try {
      const res = await fetch(`${h.url}/healthz?code=one-time-secret`);
      expect(res.status).toBe(200);
      await h.stop();
      const parsed = logs.map((l) => JSON.parse(l) as Record<string, unknown>);
      const perRequest = parsed.filter((l) => l.msg === 'request completed' || l.msg === 'incoming request');
      expect(perRequest).toHaveLength(lines);
      if (lines) expect(perRequest[0]).toMatchObject({ method: 'GET', path: '/healthz', status: 200, level: 20 });
      expect(logs.join('\n')).not.toContain('one-time-secret');
    } finally {
      await h.stop().catch(() => undefined);
    }
  });
});
