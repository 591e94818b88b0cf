// What a Feishu form submit button carries in its `name` — the one thing Feishu documents to come back from
// a form submission besides `form_value` (see submit-name notes in form-pages.ts). Two shapes:
// - `vf1_<base32(JSON ActionRef)>`: a whole form's submit; deterministic (the same form renders the same name);
// - `vp1_<base32(sealed page state)>`: a page of a long form — the ActionRef, which page of how many, and the
//   answers given on the earlier pages, sealed (AES-256-GCM, key derived from SURVEY_SEAL_SECRET; the app
//   secret only where no seal secret is set, i.e. development) so the platform, its admins and compliance
//   exports never read survey answers from a card, and nobody can forge another person's earlier pages.
// Lower-case base32 (RFC 4648 alphabet, no padding) keeps the name to letters, digits and "_": the strictest
// identifier rule Feishu documents for card components (element_id: letters, digits, underscores).
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { z } from 'zod';
import { type ActionRef, actionRefSchema } from '../../cards/view.js';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

export function base32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let acc = 0;
  for (const b of bytes) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(acc >>> (bits - 5)) & 31];
      bits -= 5;
    }
    acc &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(acc << (5 - bits)) & 31];
  return out;
}

export function unbase32(s: string): Buffer | undefined {
  const out: number[] = [];
  let bits = 0;
  let acc = 0;
  for (const ch of s) {
    const v = ALPHABET.indexOf(ch);
    if (v < 0) return undefined;
    acc = (acc << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push((acc >>> (bits - 8)) & 255);
      bits -= 8;
    }
    acc &= (1 << bits) - 1;
  }
  return Buffer.from(out);
}

/** Raw form answers as Feishu returns them in form_value: a string, or a list for multi-selects. */
export type RawAnswers = Record<string, string | string[]>;
const rawAnswersSchema = z.record(
  z.string().max(128),
  z.union([z.string().max(20_000), z.array(z.string().max(1_000)).max(1_000)]),
);

export interface PageState {
  ref: ActionRef;
  /** The page this button submits, 1-based. */
  page: number;
  pages: number;
  /** Answers of the earlier pages (form_value keys as rendered). */
  answers: RawAnswers;
  /** The open_id that gave `answers` (absent while there are none). */
  by?: string;
}

const pageStateSchema = z.object({
  r: actionRefSchema,
  p: z.number().int().min(1).max(1000),
  n: z.number().int().min(1).max(1000),
  a: rawAnswersSchema,
  u: z.string().max(128).optional(),
});

export type SubmitName = { kind: 'form'; ref: ActionRef } | { kind: 'page'; state: PageState };

export interface PageCodec {
  /** The submit button name of a whole form. */
  formName(ref: ActionRef): string;
  /** The submit button name of one page of a long form. */
  pageName(state: PageState): string;
  /** What a name says, or undefined for a name we did not make (or one sealed with another key). */
  read(name: string): SubmitName | undefined;
}

export function pageCodec(secret: string): PageCodec {
  const key = Buffer.from(hkdfSync('sha256', secret, 'vitality', 'feishu-form-pages/v1', 32));
  return {
    formName: (ref) => `vf1_${base32(Buffer.from(JSON.stringify(ref), 'utf8'))}`,
    pageName(s) {
      const plain = deflateRawSync(
        Buffer.from(
          JSON.stringify({ r: s.ref, p: s.page, n: s.pages, a: s.answers, ...(s.by ? { u: s.by } : {}) }),
          'utf8',
        ),
      );
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return `vp1_${base32(Buffer.concat([iv, cipher.getAuthTag(), body]))}`;
    },
    read(name) {
      try {
        if (name.startsWith('vf1_')) {
          const raw = unbase32(name.slice(4));
          if (!raw) return undefined;
          const ref = actionRefSchema.safeParse(JSON.parse(raw.toString('utf8')));
          return ref.success ? { kind: 'form', ref: ref.data } : undefined;
        }
        if (name.startsWith('vp1_')) {
          const raw = unbase32(name.slice(4));
          if (!raw || raw.length < 29) return undefined;
          const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
          decipher.setAuthTag(raw.subarray(12, 28));
          const plain = inflateRawSync(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]), {
            maxOutputLength: 1 << 20,
          });
          const p = pageStateSchema.safeParse(JSON.parse(plain.toString('utf8')));
          if (!p.success || p.data.p > p.data.n) return undefined;
          return {
            kind: 'page',
            state: {
              ref: p.data.r,
              page: p.data.p,
              pages: p.data.n,
              answers: p.data.a,
              ...(p.data.u ? { by: p.data.u } : {}),
            },
          };
        }
      } catch {
        return undefined;
      }
      return undefined;
    },
  };
}
