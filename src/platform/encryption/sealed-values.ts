/**
 * The format of a value sealed with a workspace's data key:
 *   version (1 byte, 0x01) | iv (12) | tag (16) | ciphertext
 * AES-256-GCM whose additional data binds the value to its workspace and, optionally, to its place
 * (`context`, e.g. "Contact.birthDate"): a sealed value copied to another workspace, or to another
 * field, does not open. The version byte lets a later format live beside this one.
 */
import { UnauthenticCiphertext, open, seal } from './aes-gcm';

const FORMAT_V1 = 0x01;

const aad = (tenantId: string, context: string): Buffer => Buffer.from(`tenantry/sealed/v1\0${tenantId}\0${context}`, 'utf8');

export function sealValue(dataKey: Buffer, tenantId: string, plaintext: Buffer, context = ''): Buffer {
  return Buffer.concat([Buffer.of(FORMAT_V1), seal(dataKey, plaintext, aad(tenantId, context))]);
}

/** Throws UnauthenticCiphertext unless the value was sealed with this key, workspace and context. */
export function openValue(dataKey: Buffer, tenantId: string, sealed: Buffer, context = ''): Buffer {
  const what = `A sealed value of workspace ${tenantId}${context ? ` (${context})` : ''}`;
  if (sealed[0] !== FORMAT_V1) throw new UnauthenticCiphertext(what);
  return open(dataKey, sealed.subarray(1), aad(tenantId, context), what);
}
