// Bad input at start on PostgreSQL: DATABASE_URL names a server that does not answer (a typo in the port, the
// database host down). Vitality says which setting to check, exits non-zero, and does not hang or print a stack.
import { describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { runMainUntilExit } from '../support/main-process.js';

describe('an unreachable PostgreSQL at start', () => {
  it('is a plain error naming DATABASE_URL and a non-zero exit', async () => {
    // A free port on 127.0.0.1: nothing listens there.
    const url = `postgres://vitality@127.0.0.1:${await freePort()}/vitality`;
    const r = await runMainUntilExit({ DATABASE_URL: url, PORT: String(await freePort()), DEMO_SEED: 'never' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('DATABASE_URL');
    expect(r.stderr).toContain('ECONNREFUSED');
    expect(r.stderr).not.toContain('    at ');
  }, 30_000);

  it('a DATABASE_URL that is not a postgres:// URL is refused by the configuration check', async () => {
    const r = await runMainUntilExit({ DATABASE_URL: 'mysql://x@127.0.0.1/v', PORT: String(await freePort()) });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('DATABASE_URL: expected a postgres:// URL');
  }, 30_000);
});
