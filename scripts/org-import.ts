// npm run org:import -- people.csv
// Validates every row first; with any bad row, prints each problem by line number and imports nothing.
import 'dotenv/config';
import { readFileSync } from 'node:fs';
import { loadConfig } from '../src/config.js';
import { closeDatabase, openConfiguredDatabase } from '../src/db/connection.js';
import { importOrgCsv } from '../src/domain/org/org-import.js';
import { t } from '../src/i18n/index.js';

const file = process.argv[2];
const config = loadConfig();
const locale = config.defaultLocale;
if (!file) {
  console.error(
    'Usage: npm run org:import -- <file.csv>\nColumns: email,name,unit,unit_kind,manager_email,roles,locale,timezone,title,is_head',
  );
  process.exit(2);
}
let text: string;
try {
  text = readFileSync(file, 'utf8');
} catch (err) {
  console.error(`Cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(2);
}
// PostgreSQL when DATABASE_URL is set, else the SQLite file (as `npm start` opens it).
const db = await openConfiguredDatabase(config);
const result = await importOrgCsv(db, text, { kind: 'system' }, `csv:${file}`);
await closeDatabase(db);
if (!result.ok) {
  for (const p of result.problems) console.error(t(locale, p.key, p.params));
  console.error(
    locale === 'en'
      ? `\nNothing was imported (${result.problems.length} problems).`
      : `\n未导入任何数据（${result.problems.length} 个问题）。`,
  );
  process.exit(1);
}
console.log(t(locale, 'csv.summary', { created: result.created, updated: result.updated, units: result.units }));
