// Two processes on one SQLite file (a second instance, or a CLI job beside the server) both run the minute
// tick. A deferred transaction reads, then fails with "database is locked" when it tries to write after the
// other process wrote; units of work begin IMMEDIATE, so the second process waits its turn (busy_timeout)
// instead. Every tick succeeds, and no scheduled run is launched twice. Going through the tick's lease (as the
// scheduler does), each minute's tick runs on at most one of the two.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { openDatabase, runMigrations, type Db } from '../../src/db/connection.js';
import { seedDemoOrg } from '../../src/domain/org/demo-org.js';
import { createSchedule } from '../../src/domain/surveys/schedules.js';
import { ensureDefaultTemplate } from '../../src/domain/surveys/templates.js';

const MINUTES = 40;

async function tickProcess(
  file: string,
  first: Date,
  mode?: 'leased',
): Promise<{ launched: number[]; errors: string[]; ran: string[] }> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      '--import',
      'tsx',
      'tests/support/tick-process.ts',
      file,
      first.toISOString(),
      String(MINUTES),
      ...(mode ? [mode] : []),
    ],
    { timeout: 120_000 },
  );
  return JSON.parse(stdout) as { launched: number[]; errors: string[]; ran: string[] };
}

/** A database file with the demo org and a survey scheduled every minute from `first`. */
async function scheduledEveryMinute(first: Date): Promise<{ file: string; db: Db }> {
  const file = join(mkdtempSync(join(tmpdir(), 'vitality-two-')), 'shared.db');
  const db = openDatabase(file);
  runMigrations(db);
  await seedDemoOrg(db);
  const templateId = await ensureDefaultTemplate(db);
  const s = await createSchedule(db, {
    templateId,
    cron: '* * * * *',
    timezone: 'Asia/Shanghai',
    audienceUnitId: null,
    durationDays: 3,
    reminderDays: [1],
    actor: { kind: 'system' },
    now: new Date(first.getTime() - 30_000),
  });
  expect(s.ok).toBe(true);
  return { file, db };
}

function wavesOf(db: Db): { id: number; f: string }[] {
  return db.$client.prepare('select id, scheduled_for as f from survey_waves order by id').all() as {
    id: number;
    f: string;
  }[];
}

describe('two processes on one SQLite file', () => {
  it('both run the minute tick: none fails, every scheduled run launches once', async () => {
    const first = new Date('2026-12-07T01:00:00Z');
    const { file, db } = await scheduledEveryMinute(first);

    const [a, b] = await Promise.all([tickProcess(file, first), tickProcess(file, first)]);
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);

    const waves = wavesOf(db);
    // Each wave was launched by exactly one of the two, and no minute has two waves.
    expect([...a.launched, ...b.launched].sort((x, y) => x - y)).toEqual(waves.map((w) => w.id));
    expect(new Set(waves.map((w) => w.f)).size).toBe(waves.length);
    // Whoever got there first launched the last minute's run.
    expect(waves.at(-1)?.f).toBe(new Date(first.getTime() + (MINUTES - 1) * 60_000).toISOString());
    db.$client.close();
  }, 180_000);

  it('through the lease, each minute the tick runs on exactly one of them', async () => {
    const first = new Date('2026-12-07T01:00:00Z');
    const { file, db } = await scheduledEveryMinute(first);

    const [a, b] = await Promise.all([tickProcess(file, first, 'leased'), tickProcess(file, first, 'leased')]);
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
    // A process takes the lease only once the holder's has expired, i.e. for a minute after the holder's last:
    // every minute ran, on exactly one of the two.
    const minutes = Array.from({ length: MINUTES }, (_, m) => new Date(first.getTime() + m * 60_000 + 1_000));
    expect([...a.ran, ...b.ran].sort()).toEqual(minutes.map((m) => m.toISOString()));
    const last = new Date(first.getTime() + (MINUTES - 1) * 60_000);

    // The processes' clocks here run apart (each goes as fast as it can), so a process may take minute m + 1's
    // lease and tick before the other ticks minute m, whose run then counts as missed. Still, every wave once.
    const waves = wavesOf(db);
    expect([...a.launched, ...b.launched].sort((x, y) => x - y)).toEqual(waves.map((w) => w.id));
    expect(new Set(waves.map((w) => w.f)).size).toBe(waves.length);
    expect(waves.at(-1)?.f).toBe(last.toISOString());
    db.$client.close();
  }, 180_000);
});
