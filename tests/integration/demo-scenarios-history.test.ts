// The guided demos on the demo company `npm start` opens on — with its few months of history (open waves,
// pending requests, closed rating cycles) — played through the domain from start to end, each twice, with the
// story clock counted back from the same fixed now; then the same calls refused on an organisation with one
// real person in it, nothing written. On SQLite and PostgreSQL (freshDb follows DATABASE_URL).
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Db } from '../../src/db/connection.js';
import { surveySealKey } from '../../src/db/seal-key.js';
import { seedDemoHistory } from '../../src/domain/demo/demo-history.js';
import { playStep, startScenario, type PlayAnswer } from '../../src/domain/demo-scenarios/play.js';
import { SCENARIO_NAMES, SCENARIOS } from '../../src/domain/demo-scenarios/scenarios.js';
import { DEMO_DOMAIN, seedDemoOrg } from '../../src/domain/org/demo-org.js';
import { findByEmail } from '../../src/domain/org/employees.js';
import { freshDb } from '../support/db.js';
import { sqlFor } from '../support/sql.js';

const NOW = new Date('2026-12-06T07:30:00Z');
const config = loadConfig({
  DATABASE_PATH: ':memory:',
  SURVEY_SEAL_SECRET: 'demo-seal-secret-of-at-least-32-characters!',
});
const key = surveySealKey(config);

async function playAll(db: Db, name: (typeof SCENARIO_NAMES)[number], at: Date): Promise<PlayAnswer[]> {
  const viewer = (await findByEmail(db, `sun.li@${DEMO_DOMAIN}`))!;
  const input = { name, viewer, config, key, now: at };
  const answers = [await startScenario(db, input)];
  for (let i = 1; i < SCENARIOS[name].steps.length; i++) {
    const last = answers[answers.length - 1]!;
    if (!last.ok) break;
    answers.push(await playStep(db, { ...input, press: { run: last.view.run, step: i } }));
  }
  return answers;
}

describe('guided demos on the seeded demo history', () => {
  it('each demo plays to its end twice on the company npm start opens on', async () => {
    const db = await freshDb();
    await seedDemoOrg(db);
    expect(await seedDemoHistory(db, { key, now: NOW })).toMatchObject({ seeded: true });
    for (const name of SCENARIO_NAMES)
      for (const run of [1, 2]) {
        const answers = await playAll(db, name, new Date(NOW.getTime() + run * 60_000));
        expect(answers.filter((a) => !a.ok)).toEqual([]);
        expect(answers).toHaveLength(SCENARIOS[name].steps.length);
        const last = answers[answers.length - 1]!;
        expect(last.ok && last.view).toMatchObject({ run, done: true });
      }
    const sql = sqlFor(db);
    expect(await sql.rows("select id from audit_log where action = 'demo.step'")).toHaveLength(2 * (11 + 5 + 6));
  }, 180_000);

  it('refused on an organisation with a real person in it: nothing is written', async () => {
    const db = await freshDb();
    await seedDemoOrg(db);
    const sql = sqlFor(db);
    await sql.run("update employees set email = 'ann@acme.example' where email = ?", `feng.xue@${DEMO_DOMAIN}`);
    const viewer = (await findByEmail(db, `sun.li@${DEMO_DOMAIN}`))!;
    const r = await startScenario(db, { name: 'saving', viewer, config, key, now: NOW });
    expect(r).toEqual({ ok: false, code: 'blocked', blocker: 'not_demo_org' });
    expect(await sql.rows('select id from approval_requests')).toEqual([]);
    expect(await sql.rows("select key from settings where key like 'demo.scenario.%'")).toEqual([]);
  });
});
