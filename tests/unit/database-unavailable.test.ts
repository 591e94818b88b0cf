// Which failures mean "the database is not there right now" (→ 503 and try again) and which do not (→ 500, or
// the error's own handling): src/db/errors.ts decides it in one place, for errors as node-postgres and drizzle
// raise them.
import { describe, expect, it } from 'vitest';
import { asDatabaseUnavailable, DatabaseUnavailable } from '../../src/db/errors.js';

/** An error as node-postgres reports a server's ErrorResponse, or a socket error: a code on the Error. */
const coded = (code: string, message = `failed with ${code}`) => Object.assign(new Error(message), { code });
/** As drizzle reports a failed query: its own Error, the driver's in `cause`. */
const viaDrizzle = (cause: unknown) => new Error('Failed query: select 1\nparams: ', { cause });

describe('asDatabaseUnavailable', () => {
  it.each([
    ['08006 connection_failure', coded('08006')],
    ['08001 could not connect', coded('08001')],
    ['57P01 admin_shutdown (pg_terminate_backend, a fast shutdown)', coded('57P01')],
    ['57P02 crash_shutdown', coded('57P02')],
    ['57P03 cannot_connect_now (starting up)', coded('57P03')],
    ['53300 too_many_connections', coded('53300')],
    ['ECONNREFUSED (nothing listening)', coded('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['ECONNRESET', coded('ECONNRESET', 'read ECONNRESET')],
    ['a connection that ended', new Error('Connection terminated unexpectedly')],
    ['a connect that timed out', new Error('timeout exceeded when trying to connect')],
    [
      'a client used after its connection failed',
      new Error('Client has encountered a connection error and is not queryable'),
    ],
  ])('%s is DatabaseUnavailable, bare or wrapped by drizzle', (_name, err) => {
    for (const e of [err, viaDrizzle(err)]) {
      const u = asDatabaseUnavailable(e);
      expect(u).toBeInstanceOf(DatabaseUnavailable);
      expect(u!.cause).toBe(err);
    }
  });

  it('finds a refused connection inside an AggregateError (every address of a host refused)', () => {
    const err = new AggregateError([coded('ECONNREFUSED'), coded('ECONNREFUSED')], '');
    expect(asDatabaseUnavailable(viaDrizzle(err))).toBeInstanceOf(DatabaseUnavailable);
  });

  it('passes a DatabaseUnavailable through as it is', () => {
    const u = new DatabaseUnavailable(coded('57P01'));
    expect(asDatabaseUnavailable(viaDrizzle(u))).toBe(u);
  });

  it.each([
    ['23505 unique_violation', coded('23505')],
    ['40001 serialization_failure (retried by the unit of work)', coded('40001')],
    ['42P01 undefined_table', coded('42P01')],
    ['SQLite SQLITE_IOERR (a disk error: not transient)', coded('SQLITE_IOERR', 'disk I/O error')],
    ['SQLite SQLITE_BUSY', coded('SQLITE_BUSY', 'database is locked')],
    ['a plain error', new Error('boom')],
    ['not an Error at all', 'ECONNREFUSED'],
    ['nothing', undefined],
  ])('%s is not', (_name, err) => {
    expect(asDatabaseUnavailable(err)).toBeUndefined();
    expect(asDatabaseUnavailable(viaDrizzle(err))).toBeUndefined();
  });

  it('stops on a cause cycle', () => {
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    (a as { cause?: unknown }).cause = b;
    expect(asDatabaseUnavailable(a)).toBeUndefined();
  });
});
