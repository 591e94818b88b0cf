// A second (and third) Vitality process for the two-process tests: opens the same SQLite file and runs the
// minute tick for the minutes it is given, minutes compressed to 10 ms apart, reporting what it launched and any
// error. (A real process returns to its event loop between units of work; back-to-back ticks with no gap at all
// would let one process starve the other's busy-wait, which no server does.)
// With `leased`, each minute's tick first takes the tick's lease (runLeased, as the scheduler does) and the
// minutes it ran are reported too.
// Usage: tsx tests/support/tick-process.ts <database file> <first minute ISO> <minutes> [leased]
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/connection.js';
import { LEASE_TTL_MS, runLeased, tick } from '../../src/bot/scheduler.js';

const [file, first, minutes, mode] = process.argv.slice(2);
if (!file || !first || !minutes)
  throw new Error('usage: tick-process.ts <database file> <first minute ISO> <minutes> [leased]');
const config = loadConfig({ NODE_ENV: 'test', DATABASE_PATH: file, LOG_LEVEL: 'silent' });
const db = openDatabase(file);
const launched: number[] = [];
const errors: string[] = [];
const ran: string[] = [];
const owner = randomUUID();
for (let m = 0; m < Number(minutes); m++) {
  const now = new Date(new Date(first).getTime() + m * 60_000 + 1_000);
  try {
    if (mode === 'leased') {
      const r = await runLeased(
        db,
        'tick',
        owner,
        LEASE_TTL_MS.tick,
        now,
        async () => await tick(db, config, new Set(['sandbox']), now),
      );
      if (r.ran) {
        ran.push(now.toISOString());
        launched.push(...r.result.launched);
      }
    } else launched.push(...(await tick(db, config, new Set(['sandbox']), now)).launched);
  } catch (err) {
    errors.push(err instanceof Error ? err.message : String(err));
  }
  await sleep(10);
}
db.$client.close();
process.stdout.write(JSON.stringify({ launched, errors, ran }));
