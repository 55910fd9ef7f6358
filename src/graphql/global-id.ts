/**
 * Opaque global IDs: base64url("<Type>:<uuid>"). Clients treat them as opaque; the server learns
 * the type from them without a query, and a malformed one is rejected before any SQL.
 */
import { isUuid } from '../db/uuid';
import { badInput } from './errors';

export function toGlobalId(type: string, uuid: string): string {
  return Buffer.from(`${type}:${uuid}`).toString('base64url');
}

export function parseGlobalId(id: string): { type: string; uuid: string } | null {
  if (typeof id !== 'string' || id.length > 120 || !/^[A-Za-z0-9_-]+$/.test(id)) return null;
  const decoded = Buffer.from(id, 'base64url').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 1) return null;
  const type = decoded.slice(0, colon);
  const uuid = decoded.slice(colon + 1);
  if (!/^[A-Z][A-Za-z]{0,40}$/.test(type) || !isUuid(uuid)) return null;
  return { type, uuid };
}

/** The UUID of a global ID of the expected type, or null. */
export function uuidOf(id: string, type: string): string | null {
  const parsed = parseGlobalId(id);
  return parsed && parsed.type === type ? parsed.uuid : null;
}

/** Like uuidOf, but a malformed or mistyped ID is a BAD_USER_INPUT error. */
export function requireUuid(id: string, type: string, argument = 'id'): string {
  const uuid = uuidOf(id, type);
  if (!uuid) throw badInput(`"${argument}" is not a valid ${type} ID`, { argument });
  return uuid;
}
