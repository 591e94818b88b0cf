// Issue 21 on PostgreSQL: two servers (real processes) on one database, both pointed at the Feishu emulator. A
// 500-person fan-out loses one instance to SIGKILL mid-way and still reaches everyone exactly once; a survey
// scheduled every minute launches one wave a minute for three minutes with no tick failing on either; 50
// concurrent presses split across both instances take one decision. Starts its own cluster when the run has
// no DATABASE_URL (tests/support/instances.ts has the scenarios).
import { createDatabase, startPostgres, type PostgresCluster } from '../support/postgres.js';

// src/db/schema.ts picks PostgreSQL's tables when it first loads: DATABASE_URL is set before anything imports it.
let cluster: PostgresCluster | undefined;
if (!process.env.DATABASE_URL) {
  cluster = await startPostgres();
  process.env.DATABASE_URL = cluster.url;
}
const { describeTwoInstances } = await import('../support/instances.js');

describeTwoInstances(
  'two instances on one PostgreSQL database',
  async () => ({ databaseUrl: await createDatabase(process.env.DATABASE_URL!) }),
  async () => await cluster?.stop(),
);
