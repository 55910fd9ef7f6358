import { uuidOf } from '../../graphql/global-id';
import { UserError, UserErrorCode, userError } from '../../graphql/user-errors';

export type ReferenceResult = { uuid: string | null | undefined; error?: undefined } | { uuid?: undefined; error: UserError };

/**
 * Resolves an optional reference in a mutation input: undefined stays "unchanged", null clears,
 * a global ID must be of the expected type and name a record `exists` can see.
 */
export async function resolveReference(
  id: string | null | undefined,
  typeName: string,
  field: string,
  exists: (uuid: string) => Promise<boolean>,
): Promise<ReferenceResult> {
  if (id === undefined || id === null) return { uuid: id };
  const uuid = uuidOf(id, typeName);
  if (!uuid) return { error: userError(['input', field], `"${field}" is not a valid ${typeName} ID`, UserErrorCode.INVALID) };
  if (!(await exists(uuid))) return { error: userError(['input', field], `${typeName} not found`, UserErrorCode.NOT_FOUND) };
  return { uuid };
}

/** A global ID of the type from an input field: undefined and null pass through, a malformed one is INVALID. */
export function inputUuid(id: string | null | undefined, typeName: string, field: string): { uuid: string | null | undefined } | { error: UserError } {
  if (id == null) return { uuid: id };
  const uuid = uuidOf(id, typeName);
  return uuid ? { uuid } : { error: userError(['input', field], `"${field}" is not a valid ${typeName} ID`, UserErrorCode.INVALID) };
}

/** The UUID behind `input.id`, or the userError explaining why there is none. */
export function inputRecordId(id: string, typeName: string): { uuid: string; error?: undefined } | { uuid?: undefined; error: UserError } {
  const uuid = uuidOf(id, typeName);
  return uuid ? { uuid } : { error: userError(['input', 'id'], `"id" is not a valid ${typeName} ID`, UserErrorCode.INVALID) };
}
