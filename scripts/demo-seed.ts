// npm run demo:seed — put the demo organisation into an empty database (a non-empty one is left alone), with
// a few months of history (src/domain/demo: waves, claims, approvals, rating cycles, follow-ups) unless
// --no-history is given. The history goes only into the untouched demo organisation, once.
import 'dotenv/config';
import { loadConfig } from '../src/config.js';
import { closeDatabase, openConfiguredDatabase } from '../src/db/connection.js';
import { surveySealKey } from '../src/db/seal-key.js';
import { seedDemoHistory } from '../src/domain/demo/demo-history.js';
import { seedDemoOrg } from '../src/domain/org/demo-org.js';

const config = loadConfig();
// The demo org's people, admins included, would be accounts in a real org that nobody owns.
if (config.env === 'production') {
  console.error('NODE_ENV=production: the demo organisation is never seeded into a production database.');
  process.exit(1);
}
// PostgreSQL when DATABASE_URL is set, else the SQLite file (as `npm start` opens it).
const db = await openConfiguredDatabase(config);
const where = config.databaseUrl ? 'the PostgreSQL database (DATABASE_URL)' : config.databasePath;
const r = await seedDemoOrg(db);
if ('skipped' in r) console.log(`${where} already holds an organisation; no people added.`);
else if (r.ok) console.log(`Seeded the demo organisation into ${where}: ${r.created} people in ${r.units} units.`);
else {
  console.error('The demo organisation failed validation:', r.problems);
  await closeDatabase(db);
  process.exit(1);
}
if (!process.argv.includes('--no-history')) {
  const started = performance.now();
  // The seal key the server will use (SURVEY_SEAL_SECRET, or the key file beside the database), so the open
  // wave's sealed answers can be published when it closes.
  const h = await seedDemoHistory(db, { key: surveySealKey(config), now: new Date() });
  const why = {
    seeded: 'it is already there',
    not_demo_org: 'the database holds another organisation',
    in_use: 'the demo organisation is already in use',
  };
  if (h.seeded)
    console.log(
      `Added a few months of demo history (${h.steps} steps, ${Math.round(performance.now() - started)} ms), marked as demo data.`,
    );
  else console.log(`No demo history added: ${why[h.reason]}.`);
}
await closeDatabase(db);
