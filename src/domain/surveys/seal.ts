// Sealing a submission while its wave is open. The pool row is written in the same commit that marks the
// person as having answered, so anyone replaying the WAL sees which row is whose: the row must therefore
// tell them nothing. It is encrypted (AES-256-GCM) with a key that is never in the database, bound to its
// wave (additional data), and padded to one size so that not even the length of a comment shows.
import { hkdfSync } from 'node:crypto';
import { z } from 'zod';
import { openPadded, sealPadded, type SealKey } from './padded-seal.js';

export type { SealKey };

export interface Submission {
  /** The respondent's unit at launch (null: no unit, counted at the top). */
  unitId: number | null;
  /** [itemId, value] pairs. */
  answers: [number, number][];
  comment: string;
  /** With a non-empty comment: sha256 (hex) of the author's reply key (conversation-rules.ts). Sealed like the
   *  rest, and published beside the comment's text at close, so nothing outside the pool ties it to the person. */
  replyKeyHash?: string;
}

const submissionSchema = z.object({
  unitId: z.number().int().nullable(),
  answers: z.array(z.tuple([z.number().int(), z.number().int()])),
  comment: z.string(),
  replyKeyHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});

/** Every sealed plaintext is exactly this long: a 500-character comment escaped to \uXXXX is 3,000 bytes and
 *  a 100-item survey about 1,500, so one size fits every submission the validation lets through. */
export const SEALED_PLAINTEXT_BYTES = 8192;

export function deriveSealKey(secret: string | Buffer): SealKey {
  return { bytes: Buffer.from(hkdfSync('sha256', secret, 'vitality', 'survey-pool/v1', 32)) };
}

const aad = (waveId: number) => Buffer.from(`wave:${waveId}`);

export function sealSubmission(key: SealKey, waveId: number, s: Submission): Buffer {
  return sealPadded(key, aad(waveId), Buffer.from(JSON.stringify(s), 'utf8'), SEALED_PLAINTEXT_BYTES, 'submission');
}

/** The submission, or undefined when the key or the wave is not the one it was sealed with. */
export function openSubmission(key: SealKey, waveId: number, sealed: Buffer): Submission | undefined {
  const parsed = submissionSchema.safeParse(openPadded(key, aad(waveId), sealed, SEALED_PLAINTEXT_BYTES));
  return parsed.success ? parsed.data : undefined;
}
