// Test harness: the real server (real SQLite file with the real migrations and the demo organisation,
// real adapters, real outbox worker) listening on 127.0.0.1 at a random port. `useHarness`: one around the
// tests of a file or describe block.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createDatabase } from './postgres.js';
import { sqlFor, type Sql } from './sql.js';

export interface HarnessEmployee {
  id: number;
  name: string;
  email: string | null;
  locale: string | null;
  unitId: number | null;
  managerId: number | null;
}

export interface OutboxRowView {
  id: number;
  platform: string;
  op: string;
  status: string;
  attempts: number;
  lastError: string | null;
  sentRef: string | null;
  cardKey: string | null;
  recipient: string;
  message: string;
}

export interface Harness {
  app: App;
  url: string;
  core: App['core'];
  /** The SQLite connection, for tests that only run on SQLite; throws on PostgreSQL (use `sql`). */
  sqlite: Database.Database;
  /** Plain SQL on the server's database, whichever it is. */
  sql: Sql;
  employeeByEmail(email: string): Promise<HarnessEmployee | undefined>;
  drainOutbox(opts?: { timeoutMs?: number }): Promise<void>;
  outbox(): Promise<OutboxRowView[]>;
  stop(): Promise<void>;
}

/** `logs`: every log line (at trace level) is pushed here, for tests that check what reaches the logs.
 *  `now`: the mini-app's clock (createApp), for tests that move time. */
export async function startHarness(
  opts: { env?: Record<string, string>; logs?: string[]; logLevel?: string; now?: () => Date } = {},
): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'vitality-test-'));
  // A run on PostgreSQL (DATABASE_URL set for the whole run) gives each server a database of its own.
  const databaseUrl = process.env.DATABASE_URL ? await createDatabase(process.env.DATABASE_URL) : undefined;
  const config = loadConfig({
    DATABASE_PATH: join(dir, 'test.db'),
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    PORT: '3000',
    HOST: '127.0.0.1',
    PUBLIC_BASE_URL: 'http://127.0.0.1:3000',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DEMO_SEED: 'always',
    OUTBOX_POLL_MS: '50',
    SCHEDULER_ENABLED: 'false',
    ...opts.env,
  });
  const logs = opts.logs;
  const app = await createApp(
    config,
    logs
      ? createLogger(opts.logLevel ?? 'trace', { write: (line: string) => void logs.push(line) })
      : createLogger(config.logLevel),
    { now: opts.now },
  );
  const address = await app.server.listen({ port: 0, host: '127.0.0.1' });
  const sql = sqlFor(app.db);
  return {
    app,
    url: address,
    core: app.core,
    get sqlite() {
      if (sql.dialect !== 'sqlite')
        throw new Error('this test reads SQLite directly: use h.sql to run on PostgreSQL too');
      return app.db.$client;
    },
    sql,
    employeeByEmail: (email) =>
      sql.row<HarnessEmployee>(
        'select id, name, email, locale, unit_id as unitId, manager_id as managerId from employees where email = ?',
        email.toLowerCase(),
      ),
    drainOutbox: async (o) => {
      await app.core.whenIdle();
      await app.worker.drainUntilIdle(o);
    },
    outbox: () =>
      sql.rows<OutboxRowView>(
        'select id, platform, op, status, attempts, last_error as lastError, sent_ref as sentRef, card_key as cardKey, recipient, message from outbox order by id',
      ),
    async stop() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A harness for the tests of a file (or describe block): started before the first (`started` hands it to the
 *  test's variable), stopped after the last. */
export function useHarness(started: (h: Harness) => unknown): void {
  let h: Harness | undefined;
  beforeAll(async () => {
    h = await startHarness();
    started(h);
  });
  afterAll(async () => h?.stop());
}
