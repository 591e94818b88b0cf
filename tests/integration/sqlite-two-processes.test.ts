// Two processes on one SQLite file (a second instance, or a CLI job beside the server) both run the minute
// tick. A deferred transaction reads, then fails with "database is locked" when it tries to write after the
// other process wrote; units of work begin IMMEDIATE, so the second process waits its turn (busy_timeout)
// instead. Every tick succeeds, and no scheduled run is launched twice.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { openDatabase, runMigrations } from '../../src/db/connection.js';
import { seedDemoOrg } from '../../src/domain/org/demo-org.js';
import { createSchedule } from '../../src/domain/surveys/schedules.js';
import { ensureDefaultTemplate } from '../../src/domain/surveys/templates.js';

const MINUTES = 40;

async function tickProcess(file: string, first: Date): Promise<{ launched: number[]; errors: string[] }> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'tests/support/tick-process.ts', file, first.toISOString(), String(MINUTES)],
    { timeout: 120_000 },
  );
  return JSON.parse(stdout) as { launched: number[]; errors: string[] };
}

describe('two processes on one SQLite file', () => {
  it('both run the minute tick: none fails, every scheduled run launches once', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'vitality-two-')), 'shared.db');
    const first = new Date('2026-12-07T01:00:00Z');
    const db = openDatabase(file);
    runMigrations(db);
    seedDemoOrg(db);
    const templateId = ensureDefaultTemplate(db);
    const s = createSchedule(db, {
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

    const [a, b] = await Promise.all([tickProcess(file, first), tickProcess(file, first)]);
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);

    const waves = db.$client.prepare('select id, scheduled_for as f from survey_waves order by id').all() as {
      id: number;
      f: string;
    }[];
    // Each wave was launched by exactly one of the two, and no minute has two waves.
    expect([...a.launched, ...b.launched].sort((x, y) => x - y)).toEqual(waves.map((w) => w.id));
    expect(new Set(waves.map((w) => w.f)).size).toBe(waves.length);
    // Whoever got there first launched the last minute's run.
    expect(waves.at(-1)?.f).toBe(new Date(first.getTime() + (MINUTES - 1) * 60_000).toISOString());
    db.$client.close();
  }, 180_000);
});
