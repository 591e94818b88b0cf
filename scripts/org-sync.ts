// npm run org:sync — pull the org chart from every configured platform directory (Feishu, DingTalk)
// and print what changed. People who left are deactivated, never deleted.
import 'dotenv/config';
import { loadPlatformAdapters } from '../src/app.js';
import { formatSyncReport, syncDirectory } from '../src/bot/org-sync.js';
import { loadConfig } from '../src/config.js';
import { closeDatabase, openConfiguredDatabase } from '../src/db/connection.js';
import { createLogger } from '../src/logger.js';
import { t } from '../src/i18n/index.js';

const config = loadConfig();
const logger = createLogger('warn');
const sources = (await loadPlatformAdapters(config, logger)).filter((a) => a.directory);
if (sources.length === 0) {
  console.error(t(config.defaultLocale, 'org.sync.none'));
  process.exit(2);
}
// PostgreSQL when DATABASE_URL is set, else the SQLite file (as `npm start` opens it).
const db = await openConfiguredDatabase(config);
let failed = false;
for (const a of sources) {
  try {
    const report = await syncDirectory(db, a.platform, a.directory!, { kind: 'system' });
    console.log(
      `${t(config.defaultLocale, 'org.sync.done.title', { platform: a.platform })}\n${formatSyncReport(report, (k, p) => t(config.defaultLocale, k, p))}`,
    );
  } catch (err) {
    failed = true;
    console.error(
      t(config.defaultLocale, 'org.sync.failed', {
        platform: a.platform,
        error: err instanceof Error ? err.message : String(err),
      }),
    );
  }
}
await closeDatabase(db);
process.exit(failed ? 1 : 0);
