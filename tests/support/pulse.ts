// Survey helpers for tests: a fixed sealing key for domain tests on a bare database, launching a wave of the
// default template to a unit, and closing a wave the way the scheduler or HR does (which publishes its results).
import { inTransaction, type Db } from '../../src/db/connection.js';
import { deriveSealKey } from '../../src/domain/surveys/seal.js';
import { ensureDefaultTemplate, getTemplate } from '../../src/domain/surveys/templates.js';
import { closeWave, launchWave } from '../../src/domain/surveys/waves.js';
import { sqlFor } from './sql.js';
import type { SealKey } from '../../src/domain/surveys/seal.js';

export const TEST_SEAL: SealKey = deriveSealKey('test-seal-secret-of-at-least-32-characters');

/** Close a wave now (as the system) and fail the test if it does not close. */
export async function closeNow(db: Db, waveId: number, key: SealKey = TEST_SEAL, now = new Date()): Promise<void> {
  const r = await inTransaction(db, async () => await closeWave(db, key, waveId, now, { kind: 'system' }));
  if (!r.ok) throw new Error(`wave ${waveId} did not close: ${r.code}`);
}

/** Launch the default template to `unit` at `now` (closing three days later, no reminders, nobody invited):
 *  the wave, its participants' employee ids, and a full set of answers (every item `v`, eNPS 9). */
export async function launchTo(db: Db, unit: string, now: Date) {
  const unitId = (await sqlFor(db).row<{ id: number }>('select id from org_units where name = ?', unit))!.id;
  const templateId = await inTransaction(db, async () => await ensureDefaultTemplate(db));
  const r = await inTransaction(
    db,
    async () =>
      await launchWave(
        db,
        { invite: async () => {}, remind: async () => {} },
        {
          templateId,
          audienceUnitId: unitId,
          closesAt: new Date(now.getTime() + 3 * 86_400_000),
          reminderDays: [],
          now,
          actor: { kind: 'system' },
        },
      ),
  );
  if (!r.ok) throw new Error(r.code);
  const template = (await getTemplate(db, templateId))!;
  const people = (
    await sqlFor(db).rows<{ id: number }>(
      'select employee_id as id from survey_participation where wave_id = ? order by employee_id',
      r.wave.id,
    )
  ).map((p) => Number(p.id));
  const values = (v: number) =>
    Object.fromEntries(template.items.map((i) => [`i${i.id}`, String(i.kind === 'enps' ? 9 : v)]));
  return { wave: r.wave, people, values };
}
