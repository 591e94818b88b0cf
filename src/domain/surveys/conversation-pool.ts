// Sealing an author's conversation action (a reply or a close) until its batch time (issue 23 item 1). Written
// at the moment the author acts, the row must tell whoever holds the database files nothing: not the thread,
// not the key's hash, not a time. So it is a random id and one blob, encrypted (AES-256-GCM) with a key that is
// never in the database (derived from the survey seal's secret under its own label) and padded to one size, so
// a close and a 1,000-character reply look the same. releaseDue (conversations.ts) opens the due ones at the
// batch time and writes them where they name a thread.
import { hkdfSync } from 'node:crypto';
import { z } from 'zod';
import { openPadded, sealPadded, type SealKey } from './padded-seal.js';

export interface PooledAction {
  /** The id the message gets in comment_messages (a reply); random, so the author's view keeps it across release. */
  id: string;
  /** sha256 (hex) of the author's reply key: which thread, found only after opening. */
  keyHash: string;
  action: 'reply' | 'close';
  /** The message, for a reply. */
  body?: string;
  /** The batch time from which the team sees it (ISO). */
  releaseAt: string;
}

const pooledSchema = z.object({
  id: z.string().regex(/^[0-9a-f]{32}$/),
  keyHash: z.string().regex(/^[0-9a-f]{64}$/),
  action: z.enum(['reply', 'close']),
  // A reply is at most 1,000 characters; an erasure may lengthen it (a name becomes "Erased #123").
  body: z.string().min(1).max(4000).optional(),
  releaseAt: z.iso.datetime(),
});

/** Every sealed plaintext is this long: a 1,000-character body escaped to \uXXXX is 6,000 bytes, plus ~200. */
export const POOLED_PLAINTEXT_BYTES = 8192;
const AAD = Buffer.from('conversation-pool/v1');

/** The conversation pool's key: the same secret as the survey seal, another HKDF label, so neither opens the other. */
export function deriveConversationKey(secret: string | Buffer): SealKey {
  return { bytes: Buffer.from(hkdfSync('sha256', secret, 'vitality', 'conversation-pool/v1', 32)) };
}

export function sealAction(key: SealKey, a: PooledAction): Buffer {
  return sealPadded(key, AAD, Buffer.from(JSON.stringify(a), 'utf8'), POOLED_PLAINTEXT_BYTES, 'conversation action');
}

/** The action, or undefined when the blob was not sealed with this key (or is not a pooled action at all). */
export function openAction(key: SealKey, sealed: Buffer | Uint8Array): PooledAction | undefined {
  const parsed = pooledSchema.safeParse(openPadded(key, AAD, sealed, POOLED_PLAINTEXT_BYTES));
  return parsed.success ? parsed.data : undefined;
}
