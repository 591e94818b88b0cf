// A stepper card carries the answers given so far in its buttons (`a`), so DingTalk keeps them in the
// card's data, tied to the person's chat, until the last tap — and for good if they stop half-way. Sealed
// here (AES-256-GCM, key derived from SURVEY_SEAL_SECRET; DINGTALK_CLIENT_SECRET only where no seal secret
// is set, i.e. development) they are opaque to the platform, to its admins and to compliance exports.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { z } from 'zod';

export interface StepCodec {
  seal(answers: Record<string, string>): string;
  /** The answers, or undefined for anything this codec did not seal. */
  open(sealed: string): Record<string, string> | undefined;
}

const answersSchema = z.record(z.string().max(64), z.string().max(64));

export function stepCodec(secret: string): StepCodec {
  const key = Buffer.from(hkdfSync('sha256', secret, 'vitality', 'dingtalk-stepper/v1', 32));
  return {
    seal(answers) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(JSON.stringify(answers), 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    },
    open(sealed) {
      try {
        const raw = Buffer.from(sealed, 'base64url');
        if (raw.length < 29) return undefined;
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
        decipher.setAuthTag(raw.subarray(12, 28));
        const plain = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
        const parsed = answersSchema.safeParse(JSON.parse(plain));
        return parsed.success ? parsed.data : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
