// Survey helpers for tests: a fixed sealing key for domain tests on a bare database, and closing a wave the
// way the scheduler or HR does (which publishes its results).
import { inTransaction, type Db } from '../../src/db/connection.js';
import { deriveSealKey } from '../../src/domain/surveys/seal.js';
import { closeWave } from '../../src/domain/surveys/waves.js';
import type { SealKey } from '../../src/domain/surveys/seal.js';

export const TEST_SEAL: SealKey = deriveSealKey('test-seal-secret-of-at-least-32-characters');

/** Close a wave now (as the system) and fail the test if it does not close. */
export async function closeNow(db: Db, waveId: number, key: SealKey = TEST_SEAL, now = new Date()): Promise<void> {
  const r = await inTransaction(db, async () => await closeWave(db, key, waveId, now, { kind: 'system' }));
  if (!r.ok) throw new Error(`wave ${waveId} did not close: ${r.code}`);
}
