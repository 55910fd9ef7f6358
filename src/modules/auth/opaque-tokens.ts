/**
 * Opaque single-purpose tokens that find their row in a workspace: `tnt_<purpose>_<tenant>_<row>_<secret>`.
 * Invitations, password resets and refresh tokens use them. Only a SHA-256 of the secret is stored (256 random bits,
 * so a fast hash is enough); the token is shown once.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export type TokenPurpose = 'invite' | 'reset' | 'refresh';

export interface OpaqueToken {
  purpose: TokenPurpose;
  tenantId: string;
  rowId: string;
  secret: string;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const FORMAT = new RegExp(`^tnt_(invite|reset|refresh)_(${UUID})_(${UUID})_([A-Za-z0-9_-]{43})$`);

export function newOpaqueToken(purpose: TokenPurpose, tenantId: string, rowId: string): { token: string; hash: Buffer } {
  const secret = randomBytes(32).toString('base64url');
  return { token: `tnt_${purpose}_${tenantId}_${rowId}_${secret}`, hash: hashSecret(secret) };
}

export function parseOpaqueToken(token: string, purpose: TokenPurpose): OpaqueToken | null {
  const match = FORMAT.exec(token.trim());
  if (!match || match[1] !== purpose) return null;
  return { purpose, tenantId: match[2], rowId: match[3], secret: match[4] };
}

export const hashSecret = (secret: string): Buffer => createHash('sha256').update(secret).digest();

export const secretMatches = (secret: string, storedHash: Buffer): boolean => {
  const hash = hashSecret(secret);
  return hash.length === storedHash.length && timingSafeEqual(hash, storedHash);
};
