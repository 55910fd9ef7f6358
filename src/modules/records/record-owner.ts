import { QueryRunner } from 'typeorm';
import { RequestContext } from '../../tenancy/request-context';
import { userById } from '../workspace';
import { permittedOwner } from './record-scope';
import { ReferenceResult, resolveReference } from './references';

/**
 * `input.ownerId` of a record with an owner: a global User ID of an active user, defaulting to
 * the caller's user on create, and within what the caller's record scope may hand records to.
 */
export async function resolveRecordOwner(
  ctx: RequestContext,
  db: QueryRunner,
  typeName: string,
  ownerId: string | null | undefined,
  creating: boolean,
): Promise<ReferenceResult> {
  const reference = await resolveReference(ownerId, 'User', 'ownerId', async (uuid) => (await userById(ctx).load(uuid))?.active === true);
  if (reference.error) return reference;
  return permittedOwner(ctx, db, typeName, reference.uuid, creating);
}

/** The owner of a record's account, as an extra owner for own/team scopes (`RecordSpec.alsoOwnedThrough`). */
export const accountOwnerOf = (alias: string): string => `(SELECT a.owner_id FROM accounts a WHERE a.id = ${alias}.account_id)`;
