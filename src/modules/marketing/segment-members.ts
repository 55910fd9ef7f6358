/**
 * A page of a segment's members through the list machinery of accounts and contacts, so that
 * members are exactly what `accounts(where: filter)` / `contacts(where: filter)` would list for
 * the caller (scope, personal fields, custom fields, order and cursors alike).
 */
import { GraphQLSchema } from 'graphql';
import type { ConnectionValue } from '../../graphql/pagination';
import type { RequestContext } from '../../tenancy/request-context';
import { accountSpec } from '../accounts';
import type { AccountEntity } from '../accounts';
import { contactSpec } from '../contacts';
import type { ContactEntity } from '../contacts';
import { ListArgs, listRecords } from '../records/record-lists';
import type { SegmentEntity } from './segments.entity';
import { coerceFilter, segmentMembers } from './segments.filter';

export function segmentMembersPage(ctx: RequestContext, schema: GraphQLSchema, segment: SegmentEntity, kind: 'ACCOUNT', args: ListArgs): Promise<ConnectionValue<AccountEntity>>;
export function segmentMembersPage(ctx: RequestContext, schema: GraphQLSchema, segment: SegmentEntity, kind: 'CONTACT', args: ListArgs): Promise<ConnectionValue<ContactEntity>>;
export async function segmentMembersPage(
  ctx: RequestContext,
  schema: GraphQLSchema,
  segment: SegmentEntity,
  kind: 'ACCOUNT' | 'CONTACT',
  args: ListArgs,
): Promise<ConnectionValue<AccountEntity> | ConnectionValue<ContactEntity>> {
  const page = { first: args.first, after: args.after, last: args.last, before: args.before, orderBy: args.orderBy };
  if (kind === segment.object) {
    const where = coerceFilter(schema, segment.object, segment.filter);
    return kind === 'ACCOUNT' ? listRecords(ctx, accountSpec, { ...page, where }) : listRecords(ctx, contactSpec, { ...page, where });
  }
  // The contacts of an account segment's accounts.
  const accounts = await segmentMembers(ctx, schema, segment);
  return listRecords(ctx, contactSpec, page, [(params) => `c.account_id IN (${accounts(params)})`]);
}
