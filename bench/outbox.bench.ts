// npm run bench — measures, does not assert: a pulse survey to 5,000 people (one launch transaction),
// delivering those 5,000 cards through the outbox to the in-memory sandbox, 4,000 answers, and the
// K-protected report over them. Prints wall-clock times on this machine.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createSandboxAdapter } from '../adapters/sandbox/index.js';
import { surveyMessenger } from '../src/bot/features/surveys.js';
import { outboxNotifier } from '../src/bot/outbox.js';
import { OutboxWorker } from '../src/bot/outbox-worker.js';
import { loadConfig } from '../src/config.js';
import { inTransaction, openDatabase, runMigrations } from '../src/db/connection.js';
import { importOrgCsv } from '../src/domain/org/org-import.js';
import { getPerson } from '../src/domain/org/employees.js';
import { buildPulseReport } from '../src/domain/surveys/report.js';
import { ensureDefaultTemplate, getTemplate } from '../src/domain/surveys/templates.js';
import { closeWave, itemField, launchWave, submitAnswers } from '../src/domain/surveys/waves.js';
import { deriveSealKey } from '../src/domain/surveys/seal.js';

const N = 5000;
const BENCH_SEAL = deriveSealKey('bench-seal-secret-of-at-least-32-chars');
const time = async <T>(label: string, fn: () => T | Promise<T>): Promise<T> => {
  const t0 = performance.now();
  const r = await fn();
  console.log(`${label.padEnd(52)} ${(performance.now() - t0).toFixed(0).padStart(7)} ms`);
  return r;
};

const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'vitality-bench-')), 'bench.db'));
runMigrations(db);
const config = loadConfig({ DATABASE_PATH: ':memory:' });
const rows = ['email,name,unit,unit_kind,manager_email,roles'];
rows.push('hr@bench.example,HR,Bench,,,hr');
for (let i = 0; i < N; i++)
  rows.push(`p${i}@bench.example,Person ${i},Bench/Dept ${i % 40}/Team ${i % 200},department,hr@bench.example,`);
await time(
  `import an org of ${N + 1} people (CSV, one transaction)`,
  async () => await importOrgCsv(db, rows.join('\n'), { kind: 'system' }),
);

const sandbox = createSandboxAdapter({ people: () => [], defaultLocale: 'zh-CN', identify: () => undefined });
const adapters = new Map([['sandbox' as const, sandbox]]);
const notify = outboxNotifier({ db, platforms: new Set(['sandbox']), defaultLocale: 'zh-CN' });
const templateId = await inTransaction(db, async () => await ensureDefaultTemplate(db));
const launched = await time(
  `launch a wave to ${N + 1} people (cards → outbox)`,
  async () =>
    await inTransaction(
      db,
      async () =>
        await launchWave(db, surveyMessenger(db, notify, config), {
          templateId,
          audienceUnitId: null,
          closesAt: new Date(Date.now() + 7 * 86_400_000),
          reminderDays: [3],
          now: new Date(),
          actor: { kind: 'system' },
        }),
    ),
);
if (!launched.ok) throw new Error(launched.code);
const worker = new OutboxWorker({ db, adapters, logger: pino({ level: 'silent' }), maxAttempts: 5, pollMs: 50 });
await time(`deliver ${N + 1} outbox rows (sandbox, token bucket 200/s)`, () =>
  worker.drainUntilIdle({ timeoutMs: 120_000 }),
);

const template = (await getTemplate(db, templateId))!;
const people = db.$client.prepare('select id from employees order by id limit 4000').all() as { id: number }[];
await time('4,000 people answer (one transaction each)', async () => {
  for (const [i, p] of people.entries()) {
    const values = Object.fromEntries(
      template.items.map((it) => [itemField(it.id), String(it.kind === 'enps' ? i % 11 : 1 + (i % 5))]),
    );
    await inTransaction(
      db,
      async () =>
        await submitAnswers(db, BENCH_SEAL, { waveId: launched.wave.id, employeeId: p.id, values, now: new Date() }),
    );
  }
});
const hr = (await getPerson(
  db,
  (db.$client.prepare("select id from employees where email = 'hr@bench.example'").get() as { id: number }).id,
))!;
await time(
  'close the wave: open 4,000 sealed answers, publish, write them shuffled',
  async () =>
    await inTransaction(
      db,
      async () => await closeWave(db, BENCH_SEAL, launched.wave.id, new Date(), { kind: 'system' }),
    ),
);
await time(
  'K-protected pulse report over 4,000 responses',
  async () => await buildPulseReport(db, { viewer: hr, waveId: launched.wave.id }),
);
db.$client.close();
