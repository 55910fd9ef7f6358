/**
 * AES-256-GCM with a fresh random 96-bit IV per message and additional authenticated data (AAD)
 * that binds the ciphertext to where it belongs. A box is `iv (12) | tag (16) | ciphertext`.
 * Opening checks the tag: a changed byte, another key or another AAD throws, never returns garbage.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
export const IV_BYTES = 12;
export const TAG_BYTES = 16;

/** Raised when a box does not authenticate: wrong key, wrong AAD, truncated or altered bytes. */
export class UnauthenticCiphertext extends Error {
  constructor(what: string) {
    super(`${what} failed authentication (wrong key, wrong binding, or altered bytes)`);
  }
}

export function seal(key: Buffer, plaintext: Buffer, aad: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
}

/** `what` names the box in the error (never its content). */
export function open(key: Buffer, box: Buffer, aad: Buffer, what: string): Buffer {
  if (box.length < IV_BYTES + TAG_BYTES) throw new UnauthenticCiphertext(what);
  const decipher = createDecipheriv(ALGORITHM, key, box.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(box.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(box.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
  } catch {
    throw new UnauthenticCiphertext(what);
  }
}
