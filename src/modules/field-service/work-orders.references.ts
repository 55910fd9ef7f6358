/**
 * Checks of what a work order refers to and carries, before anything is written: the site contact
 * (one of the account's), territory, work type, entitlement (of a serving contract of the account),
 * coordinates and line items. Each problem is a userError on its input field.
 */
import { QueryRunner } from 'typeorm';
import { queryOne } from '../../db/sql';
import { uuidOf } from '../../graphql/global-id';
import { UserError, UserErrorCode, userError } from '../../graphql/user-errors';
import { RequestContext } from '../../tenancy/request-context';
import { territoryById } from '../configuration';
import { contactById } from '../contacts';
import { SERVING_STATUSES } from '../contracts/contracts.status';
import type { EntitlementEntity } from '../contracts/entitlements.entity';
import { productById } from '../products';
import { PRICE, QUANTITY, checkRange, micros } from '../products/decimals';
import { WorkOrderLineItemInput } from './work-orders.types';

/** Global IDs of the input, as UUIDs: undefined = not given, null = cleared. */
export type WorkOrderRefs = Record<'accountId' | 'siteContactId' | 'territoryId' | 'serviceCaseId' | 'entitlementId' | 'workTypeId', string | null | undefined>;

const REFERENCE_TYPES: Record<keyof WorkOrderRefs, string> = {
  accountId: 'Account',
  siteContactId: 'Contact',
  territoryId: 'Territory',
  serviceCaseId: 'ServiceCase',
  entitlementId: 'Entitlement',
  workTypeId: 'WorkType',
};

/** The UUIDs behind the input's global IDs; INVALID when malformed or of another type. */
export function referenceUuids(input: Partial<WorkOrderRefs>): { uuids: WorkOrderRefs } | { errors: UserError[] } {
  const errors: UserError[] = [];
  const uuids = {} as WorkOrderRefs;
  for (const field of Object.keys(REFERENCE_TYPES) as (keyof WorkOrderRefs)[]) {
    const id = input[field];
    const uuid = id == null ? id : uuidOf(id, REFERENCE_TYPES[field]);
    if (uuid === null && id != null) errors.push(userError(['input', field], `"${field}" is not a valid ${REFERENCE_TYPES[field]} ID`, UserErrorCode.INVALID));
    uuids[field] = uuid;
  }
  return errors.length ? { errors } : { uuids };
}

/** The site contact (a contact of the account) and the territory, when given. */
export async function siteProblems(ctx: RequestContext, accountId: string, refs: Pick<WorkOrderRefs, 'siteContactId' | 'territoryId'>): Promise<UserError[]> {
  const problems: UserError[] = [];
  if (refs.siteContactId) {
    const contact = await contactById(ctx).load(refs.siteContactId);
    if (!contact) problems.push(userError(['input', 'siteContactId'], 'Contact not found', UserErrorCode.NOT_FOUND));
    else if (contact.accountId !== accountId) problems.push(userError(['input', 'siteContactId'], 'The site contact must be a contact of the work order’s account', UserErrorCode.INVALID));
  }
  if (refs.territoryId && !(await territoryById(ctx).load(refs.territoryId))) {
    problems.push(userError(['input', 'territoryId'], 'Territory not found', UserErrorCode.NOT_FOUND));
  }
  return problems;
}

/** The work type's default duration; NOT_FOUND when it does not exist, INVALID when it is retired. */
export async function workTypeDuration(db: QueryRunner, workTypeId: string): Promise<{ minutes: number } | { error: UserError }> {
  const row = await queryOne<{ minutes: number; active: boolean }>(db, 'SELECT default_duration_minutes AS minutes, active FROM work_types WHERE id = $1', [workTypeId]);
  if (!row) return { error: userError(['input', 'workTypeId'], 'Work type not found', UserErrorCode.NOT_FOUND) };
  if (!row.active) return { error: userError(['input', 'workTypeId'], 'The work type is no longer active', UserErrorCode.INVALID) };
  return { minutes: row.minutes };
}

/**
 * The entitlement, if it belongs to a serving (activated or renewed, live) contract of the account.
 * Checked against the account the caller can see, not the caller's contract scope: dispatchers
 * book work under entitlements without reading the contracts themselves.
 */
export async function servingEntitlement(db: QueryRunner, accountId: string, entitlementId: string): Promise<EntitlementEntity | null> {
  return queryOne<EntitlementEntity>(
    db,
    `SELECT e.id, e.contract_id AS "contractId", e.resolution_minutes AS "resolutionMinutes", e.coverage, e.territory_id AS "territoryId"
       FROM entitlements e JOIN contracts c ON c.id = e.contract_id
      WHERE e.id = $1 AND c.account_id = $2 AND c.status = ANY($3::text[]) AND c.deleted_at IS NULL`,
    [entitlementId, accountId, SERVING_STATUSES],
  );
}

const LATITUDE = { min: micros('-90'), max: micros('90') };
const LONGITUDE = { min: micros('-180'), max: micros('180') };

/** Both coordinates or neither, each within its range. */
export function coordinateProblems(latitude: string | null | undefined, longitude: string | null | undefined): UserError[] {
  if ((latitude == null) !== (longitude == null)) {
    return [userError(['input', latitude == null ? 'latitude' : 'longitude'], 'Give both latitude and longitude, or neither', UserErrorCode.INVALID)];
  }
  return [checkRange(latitude, ['input', 'latitude'], 'latitude', LATITUDE), checkRange(longitude, ['input', 'longitude'], 'longitude', LONGITUDE)].filter(
    (e): e is UserError => e !== null,
  );
}

export const MAX_LINE_ITEMS = 100;

const liveProduct = async (ctx: RequestContext, id: string): Promise<boolean> => {
  const product = await productById(ctx).load(id);
  return !!product && !product.deletedAt;
};

/** Lines that can be stored: at most 100, each with a live product or a description, quantity > 0, price ≥ 0. */
export async function lineItemProblems(ctx: RequestContext, lines: WorkOrderLineItemInput[]): Promise<UserError[]> {
  if (lines.length > MAX_LINE_ITEMS) return [userError(['input', 'lineItems'], `A work order has at most ${MAX_LINE_ITEMS} lines`, UserErrorCode.OUT_OF_RANGE)];
  const problems: UserError[] = [];
  for (const [i, line] of lines.entries()) {
    const field = (name: string) => ['input', 'lineItems', String(i), name];
    const productId = line.productId == null ? null : uuidOf(line.productId, 'Product');
    if (line.productId != null && !productId) problems.push(userError(field('productId'), '"productId" is not a valid Product ID', UserErrorCode.INVALID));
    else if (productId && !(await liveProduct(ctx, productId))) problems.push(userError(field('productId'), 'Product not found', UserErrorCode.NOT_FOUND));
    if (line.productId == null && !line.description) problems.push(userError(field('description'), 'A line without a product needs a description', UserErrorCode.REQUIRED));
    const range = [checkRange(line.quantity, field('quantity'), 'quantity', QUANTITY), checkRange(line.unitPrice, field('unitPrice'), 'unitPrice', PRICE)];
    problems.push(...range.filter((e): e is UserError => e !== null));
  }
  return problems;
}
