/**
 * A segment's stored filter, used exactly like a live `where:` of `accounts` or `contacts`: the
 * JSON is coerced with the schema's own input type (so it is checked, and typed, as the API would
 * check it), then turned into SQL by the list machinery with the caller's record scope and
 * personal-data rights. Nothing here trusts the stored JSON.
 */
import { GraphQLInputType, GraphQLSchema, coerceInputValue } from 'graphql';
import { DomainError, badInput } from '../../graphql/errors';
import { personalField } from '../../graphql/personal';
import { UserError, UserErrorCode, userError } from '../../graphql/user-errors';
import type { RequestContext } from '../../tenancy/request-context';
import { accountSpec } from '../accounts';
import { contactSpec } from '../contacts';
import { definitionsOf } from '../custom-fields/custom-fields.definitions';
import { IdsQuery, matchingIds } from '../records/record-lists';
import type { SegmentObject } from './segments.entity';

const FILTER_TYPE: Record<SegmentObject, { input: string; typeName: string }> = {
  ACCOUNT: { input: 'AccountFilter', typeName: 'Account' },
  CONTACT: { input: 'ContactFilter', typeName: 'Contact' },
};

/** The filter as the list's `where:` would receive it; a BAD_USER_INPUT error naming every problem otherwise. */
export function coerceFilter(schema: GraphQLSchema, object: SegmentObject, filter: Record<string, unknown>): object {
  const problems: string[] = [];
  const value = coerceInputValue(filter, schema.getType(FILTER_TYPE[object].input) as GraphQLInputType, (path, _invalid, error) => {
    problems.push(path.length ? `${path.join('.')}: ${error.message}` : error.message);
  });
  if (problems.length) throw badInput(`The ${object.toLowerCase()} filter is not valid: ${problems.join('; ')}`);
  return value as object;
}

type StoredSegment = { object: SegmentObject; filter: Record<string, unknown> };

/** The records the segment matches now, for the caller; throws like a list would. */
export async function segmentMembers(ctx: RequestContext, schema: GraphQLSchema, segment: StoredSegment): Promise<IdsQuery> {
  const where = coerceFilter(schema, segment.object, segment.filter);
  return segment.object === 'ACCOUNT' ? matchingIds(ctx, accountSpec, where) : matchingIds(ctx, contactSpec, where);
}

/** The contacts a segment reaches: its contacts, or the contacts of its accounts (both within the caller's scope). */
export async function segmentContacts(ctx: RequestContext, schema: GraphQLSchema, segment: StoredSegment): Promise<IdsQuery> {
  const members = await segmentMembers(ctx, schema, segment);
  if (segment.object === 'CONTACT') return members;
  const contacts = await matchingIds(ctx, contactSpec, null);
  return (params) => `${contacts(params)} AND c.account_id IN (${members(params)})`;
}

/** A filter's problem as the userError of the mutation that saves it. */
export function filterUserError(error: unknown): UserError {
  if (!(error instanceof DomainError)) throw error;
  const code = error.extensions.code === 'FORBIDDEN' ? UserErrorCode.FORBIDDEN : UserErrorCode.INVALID;
  return userError(['input', 'filter'], error.message, code);
}

/**
 * The filter as the caller may see it: conditions on personal fields (and personal custom fields)
 * keep their place but not their values for roles that may not filter by them.
 */
export async function visibleFilter(ctx: RequestContext, object: SegmentObject, filter: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { typeName } = FILTER_TYPE[object];
  const fullAccess = ctx.can.personalAccess(typeName) === 'full';
  const customFieldsVisible = ctx.can.personal(typeName);
  if (fullAccess && customFieldsVisible) return filter;
  const personalCustomFields = JSON.stringify(filter).includes('"customFields"')
    ? new Set((await definitionsOf(ctx, object)).filter((d) => d.personal).map((d) => d.key))
    : new Set<string>();
  const maskCustomField = (condition: unknown) =>
    !customFieldsVisible && condition && typeof condition === 'object' && personalCustomFields.has((condition as { key?: string }).key ?? '')
      ? { key: (condition as { key: string }).key, masked: true }
      : condition;
  const mask = (where: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(where).map(([name, condition]) => {
        if (name === 'and' || name === 'or') return [name, Array.isArray(condition) ? condition.map((c) => mask(c as Record<string, unknown>)) : condition];
        if (name === 'not') return [name, condition && typeof condition === 'object' ? mask(condition as Record<string, unknown>) : condition];
        if (name === 'customFields') return [name, Array.isArray(condition) ? condition.map(maskCustomField) : condition];
        return [name, !fullAccess && personalField(typeName, name) ? { masked: true } : condition];
      }),
    );
  return mask(filter);
}
