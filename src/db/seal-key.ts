// Where the survey pool's sealing key comes from: SURVEY_SEAL_SECRET (required in production), else — for
// `npm start` and tests — a random key kept in a file beside the database, so a restart can still open the
// answers of a wave that is open. The key is never written into the database itself. The conversation pool's
// key (conversationSealKey) derives from the same secret under another label.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Config } from '../config.js';
import { deriveConversationKey } from '../domain/surveys/conversation-pool.js';
import { deriveSealKey, type SealKey } from '../domain/surveys/seal.js';

const byConfig = new WeakMap<Config, SealKey>();

function sealKeyFile(databasePath: string): string {
  return join(dirname(resolve(databasePath)), 'survey-seal.key');
}

/** The secret both seals derive from: SURVEY_SEAL_SECRET, a random one per in-memory database, or the key file. */
const secrets = new WeakMap<Config, string | Buffer>();

function sealSecret(config: Config): string | Buffer {
  const known = secrets.get(config);
  if (known !== undefined) return known;
  let secret: string | Buffer;
  if (config.survey.sealSecret) secret = config.survey.sealSecret;
  else if (config.databasePath === ':memory:') secret = randomBytes(32);
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
    secret = readFileSync(file, 'utf8').trim();
  }
  secrets.set(config, secret);
  return secret;
}

export function surveySealKey(config: Config): SealKey {
  const known = byConfig.get(config);
  if (known) return known;
  const key = deriveSealKey(sealSecret(config));
  byConfig.set(config, key);
  return key;
}

const conversationByConfig = new WeakMap<Config, SealKey>();

/** The key of the conversation pool (an author's pending replies and closes): same secret, its own HKDF label. */
export function conversationSealKey(config: Config): SealKey {
  const known = conversationByConfig.get(config);
  if (known) return known;
  const key = deriveConversationKey(sealSecret(config));
  conversationByConfig.set(config, key);
  return key;
}
