// Where the survey pool's sealing key comes from: SURVEY_SEAL_SECRET (required in production), else — for
// `npm start` and tests — a random key kept in a file beside the database, so a restart can still open the
// answers of a wave that is open. The key is never written into the database itself.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Config } from '../config.js';
import { deriveSealKey, type SealKey } from '../domain/surveys/seal.js';

const byConfig = new WeakMap<Config, SealKey>();

function sealKeyFile(databasePath: string): string {
  return join(dirname(resolve(databasePath)), 'survey-seal.key');
}

export function surveySealKey(config: Config): SealKey {
  const known = byConfig.get(config);
  if (known) return known;
  let key: SealKey;
  if (config.survey.sealSecret) key = deriveSealKey(config.survey.sealSecret);
  else if (config.databasePath === ':memory:') key = deriveSealKey(randomBytes(32));
  else {
    const file = sealKeyFile(config.databasePath);
    // 'wx' fails if another process created it meanwhile; then read theirs.
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true });
      try {
        writeFileSync(file, randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    }
    key = deriveSealKey(readFileSync(file, 'utf8').trim());
  }
  byConfig.set(config, key);
  return key;
}
