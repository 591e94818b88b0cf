// AES-256-GCM over a length-prefixed, zero-padded plaintext: every sealed blob of one kind has the same length,
// so not even the size of what is inside shows. Used by the survey pool (seal.ts) and the conversation pool
// (conversation-pool.ts), each with its own key and additional data.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** A key for sealing; made only by the HKDF derivations (deriveSealKey, deriveConversationKey). */
export interface SealKey {
  readonly bytes: Buffer;
}

const IV = 12;
const TAG = 16;

/** Seals `json` padded to `size` bytes (less the 4-byte length prefix); throws when it does not fit. */
export function sealPadded(key: SealKey, aad: Buffer, json: Buffer, size: number, what: string): Buffer {
  if (json.length + 4 > size) throw new Error(`${what} too large to seal`);
  const plain = Buffer.alloc(size);
  plain.writeUInt32BE(json.length, 0);
  json.copy(plain, 4);
  const iv = randomBytes(IV);
  const cipher = createCipheriv('aes-256-gcm', key.bytes, iv);
  cipher.setAAD(aad);
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

/** The JSON inside, parsed; undefined when the key, the additional data or the size is not the sealing one. */
export function openPadded(key: SealKey, aad: Buffer, sealed: Buffer | Uint8Array, size: number): unknown {
  const buf = Buffer.from(sealed);
  if (buf.length !== IV + TAG + size) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key.bytes, buf.subarray(0, IV));
    decipher.setAAD(aad);
    decipher.setAuthTag(buf.subarray(IV, IV + TAG));
    const plain = Buffer.concat([decipher.update(buf.subarray(IV + TAG)), decipher.final()]);
    return JSON.parse(plain.subarray(4, 4 + plain.readUInt32BE(0)).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
