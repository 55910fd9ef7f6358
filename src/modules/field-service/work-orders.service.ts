/** Business rules for work orders: creating them (with due-by from the entitlement's SLA) and changing open ones. */
import { QueryRunner } from 'typeorm';
import { notFound } from '../../graphql/errors';
import { requireUuid } from '../../graphql/global-id';
import { ConnectionValue } from '../../graphql/pagination';
import { UserError, UserErrorCode, failure, userError } from '../../graphql/user-errors';
import { addressValue } from '../../graphql/values';
import { auditActor } from '../../tenancy/principal';
import { RequestContext } from '../../tenancy/request-context';
import { accountById } from '../accounts';
import { getWorkspaceSettings } from '../configuration';
import { createIdempotently } from '../records/idempotency';
import { runMutation } from '../records/mutation';
import { listRecords, loadRecords } from '../records/record-lists';
import { writeRecordMutation } from '../records/record-mutations';
import { nextRecordNumber } from '../records/record-numbers';
import { resolveRecordOwner } from '../records/record-owner';
import { reserveRecords } from '../records/record-quota';
import { WriteResult, insertRecord, lockedRecord, updateRecord } from '../records/record-writes';
import { addBusinessMinutes } from '../service/business-calendar';
import { serviceCaseById } from '../service/cases.loaders';
import { loadServiceCalendar } from '../service/service-calendar';
import { WorkOrderEntity } from './work-orders.entity';
import { replaceLineItems } from './work-orders.line-items';
import { workOrderById } from './work-orders.loaders';
import { WorkOrderRefs, coordinateProblems, lineItemProblems, referenceUuids, servingEntitlement, siteProblems, workTypeDuration } from './work-orders.references';
import { workOrderSpec } from './work-orders.spec';
import { OPEN_WORK_ORDER_STATUSES, recordWorkOrderStatusChanges } from './work-orders.status';
import { CreateWorkOrderInput, CreateWorkOrderPayload, UpdateWorkOrderInput, UpdateWorkOrderPayload, WorkOrderPriority, WorkOrdersArgs } from './work-orders.types';

export function listWorkOrders(ctx: RequestContext, args: WorkOrdersArgs): Promise<ConnectionValue<WorkOrderEntity>> {
  return listRecords(ctx, workOrderSpec, args);
}

export async function getWorkOrder(ctx: RequestContext, id: string): Promise<WorkOrderEntity> {
  const found = await workOrderById(ctx).load(requireUuid(id, 'WorkOrder'));
  if (!found) throw notFound('WorkOrder');
  return found;
}

type Prepared = { values: Partial<WorkOrderEntity>; userErrors?: undefined } | { values?: undefined; userErrors: UserError[] };

/** The account and entitlement a create works with: given, else the service case's. */
async function caseDefaults(ctx: RequestContext, refs: WorkOrderRefs): Promise<{ accountId: string | null; entitlementId: string | null; explicitEntitlement: boolean } | { error: UserError }> {
  const serviceCase = refs.serviceCaseId ? await serviceCaseById(ctx).load(refs.serviceCaseId) : null;
  if (refs.serviceCaseId && !serviceCase) return { error: userError(['input', 'serviceCaseId'], 'Service case not found', UserErrorCode.NOT_FOUND) };
  if (serviceCase && refs.accountId && refs.accountId !== serviceCase.accountId) {
    return { error: userError(['input', 'accountId'], 'The account must be the service case’s account', UserErrorCode.INVALID) };
  }
  const explicitEntitlement = refs.entitlementId !== undefined;
  return { accountId: refs.accountId ?? serviceCase?.accountId ?? null, entitlementId: explicitEntitlement ? (refs.entitlementId ?? null) : (serviceCase?.entitlementId ?? null), explicitEntitlement };
}

/**
 * The entitlement's contract and the due-by: given, else the entitlement's resolution time in
 * business minutes of its coverage calendar (as for the cases served under it), counted from now. An entitlement taken over from the
 * service case whose contract no longer serves is dropped rather than refused (the caller did not ask for it).
 */
async function serviceLevel(
  ctx: RequestContext,
  db: QueryRunner,
  accountId: string,
  defaults: { entitlementId: string | null; explicitEntitlement: boolean },
  dueBy: Date | null | undefined,
): Promise<{ values: Pick<WorkOrderEntity, 'entitlementId' | 'contractId' | 'dueBy'> } | { error: UserError }> {
  const entitlement = defaults.entitlementId ? await servingEntitlement(db, accountId, defaults.entitlementId) : null;
  if (defaults.entitlementId && !entitlement && defaults.explicitEntitlement) {
    return { error: userError(['input', 'entitlementId'], 'The entitlement must belong to an activated contract of the account', UserErrorCode.INVALID) };
  }
  let due = dueBy ?? null;
  if (due === null && entitlement) {
    const now = new Date();
    const calendar = await loadServiceCalendar(ctx, db, entitlement.coverage, entitlement.territoryId, now);
    due = addBusinessMinutes(now, entitlement.resolutionMinutes, calendar);
  }
  return { values: { entitlementId: entitlement?.id ?? null, contractId: entitlement?.contractId ?? null, dueBy: due } };
}

async function prepareCreate(ctx: RequestContext, db: QueryRunner, input: CreateWorkOrderInput): Promise<Prepared> {
  const refs = referenceUuids(input);
  if ('errors' in refs) return { userErrors: refs.errors };
  const defaults = await caseDefaults(ctx, refs.uuids);
  if ('error' in defaults) return { userErrors: [defaults.error] };
  const { accountId } = defaults;
  if (!accountId) return { userErrors: [userError(['input', 'accountId'], 'A work order needs an account (or a service case to take it from)', UserErrorCode.REQUIRED)] };
  if (!(await accountById(ctx).load(accountId))) return { userErrors: [userError(['input', 'accountId'], 'Account not found', UserErrorCode.NOT_FOUND)] };
  const problems = [...(await siteProblems(ctx, accountId, refs.uuids)), ...coordinateProblems(input.latitude, input.longitude), ...(await lineItemProblems(ctx, input.lineItems ?? []))];
  const workType = refs.uuids.workTypeId ? await workTypeDuration(db, refs.uuids.workTypeId) : null;
  if (workType && 'error' in workType) problems.push(workType.error);
  const durationMinutes = input.durationMinutes ?? (workType && 'minutes' in workType ? workType.minutes : null);
  if (durationMinutes == null && !(workType && 'error' in workType)) {
    problems.push(userError(['input', 'durationMinutes'], 'Give the duration, or a work type with a default duration', UserErrorCode.REQUIRED));
  }
  const owner = await resolveRecordOwner(ctx, db, 'WorkOrder', input.ownerId, true);
  if (owner.error) problems.push(owner.error);
  if (problems.length) return { userErrors: problems };
  const level = await serviceLevel(ctx, db, accountId, defaults, input.dueBy);
  if ('error' in level) return { userErrors: [level.error] };
  return {
    values: {
      number: await nextRecordNumber(db, 'workOrder'),
      subject: input.subject,
      description: input.description ?? null,
      accountId,
      siteContactId: refs.uuids.siteContactId ?? null,
      serviceAddress: (addressValue(input.serviceAddress) ?? null) as WorkOrderEntity['serviceAddress'],
      latitude: input.latitude ?? null,
      longitude: input.longitude ?? null,
      territoryId: refs.uuids.territoryId ?? null,
      serviceCaseId: refs.uuids.serviceCaseId ?? null,
      workTypeId: refs.uuids.workTypeId ?? null,
      durationMinutes: durationMinutes!,
      priority: input.priority ?? WorkOrderPriority.MEDIUM,
      status: 'NEW',
      ownerId: owner.uuid ?? null,
      ...level.values,
    },
  };
}

/** Creates a NEW work order with its lines and the first status history entry; a retry with the same idempotency key replays the first result. */
export function createWorkOrder(ctx: RequestContext, input: CreateWorkOrderInput): Promise<CreateWorkOrderPayload> {
  return runMutation<CreateWorkOrderPayload>(ctx, input, async (db) => {
    const prepared = await prepareCreate(ctx, db, input);
    if (prepared.userErrors) return failure(...prepared.userErrors);
    const outcome = await createIdempotently(db, 'createWorkOrder', input, async () => {
      await reserveRecords(ctx, db, 1);
      const row = await insertRecord(db, workOrderSpec, prepared.values);
      await replaceLineItems(db, row.id, input.lineItems ?? [], (await getWorkspaceSettings(ctx)).defaultCurrency);
      await recordWorkOrderStatusChanges(db, [{ workOrderId: row.id, from: null, to: 'NEW', actor: auditActor(ctx.principal) }]);
      return { row };
    });
    if ('userErrors' in outcome) return failure(...outcome.userErrors);
    const workOrder = 'created' in outcome ? outcome.created : (await loadRecords(db, workOrderSpec, [outcome.replayedId], { includeDeleted: true }))[0];
    return { workOrder, userErrors: [] };
  });
}

/** The live work order, locked until commit, at the caller's expected version. */
export const lockedWorkOrder = (db: QueryRunner, id: string, expectedVersion: number | null | undefined) => lockedRecord(db, workOrderSpec, id, expectedVersion);

const closedRefusal = (status: string) =>
  userError(['input', 'id'], `The work order is ${status}: only open work orders (${OPEN_WORK_ORDER_STATUSES.join(', ')}) can be changed`, UserErrorCode.INVALID_STATE);

/** The checks of an update against the current row; the values to write when they pass. */
async function prepareUpdate(ctx: RequestContext, db: QueryRunner, current: WorkOrderEntity, input: UpdateWorkOrderInput): Promise<Prepared> {
  const refs = referenceUuids({ siteContactId: input.siteContactId, territoryId: input.territoryId, workTypeId: input.workTypeId });
  if ('errors' in refs) return { userErrors: refs.errors };
  const latitude = input.latitude === undefined ? current.latitude : input.latitude;
  const longitude = input.longitude === undefined ? current.longitude : input.longitude;
  const problems = [...(await siteProblems(ctx, current.accountId, refs.uuids)), ...coordinateProblems(latitude, longitude), ...(await lineItemProblems(ctx, input.lineItems ?? []))];
  if (input.durationMinutes === null) problems.push(userError(['input', 'durationMinutes'], 'A work order always has a duration', UserErrorCode.REQUIRED));
  if (refs.uuids.workTypeId) {
    const workType = await workTypeDuration(db, refs.uuids.workTypeId);
    if ('error' in workType) problems.push(workType.error);
  }
  const owner = await resolveRecordOwner(ctx, db, 'WorkOrder', input.ownerId, false);
  if (owner.error) problems.push(owner.error);
  if (problems.length) return { userErrors: problems };
  return {
    values: {
      subject: input.subject,
      description: input.description,
      siteContactId: refs.uuids.siteContactId,
      serviceAddress: addressValue(input.serviceAddress) as WorkOrderEntity['serviceAddress'] | undefined,
      latitude: input.latitude,
      longitude: input.longitude,
      territoryId: refs.uuids.territoryId,
      workTypeId: refs.uuids.workTypeId,
      durationMinutes: input.durationMinutes ?? undefined,
      priority: input.priority ?? undefined,
      dueBy: input.dueBy,
      ownerId: owner.uuid,
    },
  };
}

/** Changes an open work order; its lines are replaced when `lineItems` is given. */
export function updateWorkOrder(ctx: RequestContext, input: UpdateWorkOrderInput): Promise<UpdateWorkOrderPayload> {
  return writeRecordMutation(ctx, workOrderSpec, 'workOrder', input, async (db, id): Promise<WriteResult<WorkOrderEntity>> => {
    const locked = await lockedWorkOrder(db, id, input.expectedVersion);
    if (locked.error) return { userErrors: [locked.error] };
    if (!OPEN_WORK_ORDER_STATUSES.includes(locked.row.status)) return { userErrors: [closedRefusal(locked.row.status)] };
    const prepared = await prepareUpdate(ctx, db, locked.row, input);
    if (prepared.userErrors) return { userErrors: prepared.userErrors };
    const result = await updateRecord(db, workOrderSpec, id, prepared.values, input.expectedVersion);
    if (result.row && input.lineItems != null) await replaceLineItems(db, id, input.lineItems, (await getWorkspaceSettings(ctx)).defaultCurrency);
    return result;
  });
}
