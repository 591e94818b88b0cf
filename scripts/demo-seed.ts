// npm run demo:seed — put the demo organisation into an empty database (a non-empty one is left alone).
import 'dotenv/config';
import { loadConfig } from '../src/config.js';
import { openDatabase, runMigrations } from '../src/db/connection.js';
import { seedDemoOrg } from '../src/domain/org/demo-org.js';

const config = loadConfig();
// The demo org's people, admins included, would be accounts in a real org that nobody owns.
if (config.env === 'production') {
  console.error('NODE_ENV=production: the demo organisation is never seeded into a production database.');
  process.exit(1);
}
const db = openDatabase(config.databasePath);
runMigrations(db);
const r = seedDemoOrg(db);
db.$client.close();
if ('skipped' in r) console.log(`${config.databasePath} already holds an organisation; nothing seeded.`);
else if (r.ok) console.log(`Seeded the demo organisation into ${config.databasePath}: ${r.created} people in ${r.units} units.`);
else {
  console.error('The demo organisation failed validation:', r.problems);
  process.exit(1);
}
