// `VITALITY_TEST_DB=postgres vitest run …` (npm run test:pg): one throwaway PostgreSQL cluster for the run.
// DATABASE_URL, set before the workers start, makes every server the tests start run on PostgreSQL, each
// harness in a database of its own (tests/support/harness.ts).
import { startPostgres } from './postgres.js';

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (process.env.VITALITY_TEST_DB !== 'postgres') return undefined;
  const cluster = await startPostgres();
  process.env.DATABASE_URL = cluster.url;
  return () => cluster.stop();
}
