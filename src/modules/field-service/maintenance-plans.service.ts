/** Business rules for maintenance plans: their CRUD, with the references checked, and generating a plan's work orders on demand. */
import { QueryRunner } from 'typeorm';
import { calendarDate } from '../../db/calendar-date';
import { queryOne } from '../../db/sql';
import { notFound } from '../../graphql/errors';
import { requireUuid } from '../../graphql/global-id';
import { ConnectionValue } from '../../graphql/pagination';
import { UserError, UserErrorCode, failure, userError } from '../../graphql/user-errors';
import { addressValue } from '../../graphql/values';
import { auditActor } from '../../tenancy/principal';
import { RequestContext } from '../../tenancy/request-context';
import { accountById } from '../accounts';
import { workspaceToday } from '../configuration';
import { runMutation } from '../records/mutation';
import { listRecords } from '../records/record-lists';
import { createRecordMutation, writeRecordMutation } from '../records/record-mutations';
import { reserveRecords } from '../records/record-quota';
import { inputRecordId, inputUuid } from '../records/references';
import { WriteResult, lockedRecord, softDeleteRecord, updateRecord } from '../records/record-writes';
import { MaintenancePlanEntity } from './maintenance-plans.entity';
import { generateMaintenanceWorkOrders } from './maintenance-plans.generate';
import { maintenancePlanById } from './maintenance-plans.loaders';
import { maintenancePlanSpec } from './maintenance-plans.spec';
import {
  CreateMaintenancePlanInput,
  CreateMaintenancePlanPayload,
  DeleteMaintenancePlanInput,
  DeleteMaintenancePlanPayload,
  GenerateMaintenanceWorkOrdersInput,
  GenerateMaintenanceWorkOrdersPayload,
  MaintenancePlansArgs,
  UpdateMaintenancePlanInput,
  UpdateMaintenancePlanPayload,
} from './maintenance-plans.types';
import { siteProblems, workTypeDuration } from './work-orders.references';

export function listMaintenancePlans(ctx: RequestContext, args: MaintenancePlansArgs): Promise<ConnectionValue<MaintenancePlanEntity>> {
  return listRecords(ctx, maintenancePlanSpec, args);
}

export async function getMaintenancePlan(ctx: RequestContext, id: string): Promise<MaintenancePlanEntity> {
  const found = await maintenancePlanById(ctx).load(requireUuid(id, 'MaintenancePlan'));
  if (!found) throw notFound('MaintenancePlan');
  return found;
}

type Prepared = { values: Partial<MaintenancePlanEntity>; userErrors?: undefined } | { values?: undefined; userErrors: UserError[] };

/** The references of the input (undefined = not given, null = cleared) as UUIDs; INVALID when malformed or of another type. */
function referenceUuids(input: Partial<Record<'accountId' | 'contractId' | 'workTypeId' | 'siteContactId' | 'territoryId', string | null>>) {
  const types = { accountId: 'Account', contractId: 'Contract', workTypeId: 'WorkType', siteContactId: 'Contact', territoryId: 'Territory' } as const;
  const uuids: Partial<Record<keyof typeof types, string | null>> = {};
  const errors: UserError[] = [];
  for (const [field, typeName] of Object.entries(types) as [keyof typeof types, string][]) {
    const result = inputUuid(input[field], typeName, field);
    if ('error' in result) errors.push(result.error);
    else uuids[field] = result.uuid;
  }
  return { uuids, errors };
}

/**
 * The contract must be one of the account's. Checked without the caller's contract scope: a
 * dispatcher plans maintenance under contracts without reading them.
 */
async function contractProblem(db: QueryRunner, accountId: string, contractId: string | null | undefined): Promise<UserError | null> {
  if (!contractId) return null;
  const contract = await queryOne<{ accountId: string }>(db, 'SELECT account_id AS "accountId" FROM contracts WHERE id = $1 AND deleted_at IS NULL', [contractId]);
  if (!contract) return userError(['input', 'contractId'], 'Contract not found', UserErrorCode.NOT_FOUND);
  return contract.accountId === accountId ? null : userError(['input', 'contractId'], 'The contract must be one of the plan’s account', UserErrorCode.INVALID);
}

const endBeforeStart = (startDate: string, endDate: string | null) =>
  endDate !== null && endDate < startDate ? [userError(['input', 'endDate'], 'The end date must not be before the start date', UserErrorCode.INVALID)] : [];

/** Every check of what a plan refers to (contract, work type, site contact, territory) and of its dates. */
async function referenceProblems(
  ctx: RequestContext,
  db: QueryRunner,
  accountId: string,
  refs: ReturnType<typeof referenceUuids>['uuids'],
  dates: { startDate: string; endDate: string | null },
): Promise<UserError[]> {
  const problems = [...(await siteProblems(ctx, accountId, { siteContactId: refs.siteContactId, territoryId: refs.territoryId })), ...endBeforeStart(dates.startDate, dates.endDate)];
  const contract = await contractProblem(db, accountId, refs.contractId);
  if (contract) problems.push(contract);
  if (refs.workTypeId) {
    const workType = await workTypeDuration(db, refs.workTypeId);
    if ('error' in workType) problems.push(workType.error);
  }
  return problems;
}

async function prepareCreate(ctx: RequestContext, db: QueryRunner, input: CreateMaintenancePlanInput): Promise<Prepared> {
  const { uuids, errors } = referenceUuids(input);
  if (errors.length) return { userErrors: errors };
  const accountId = uuids.accountId!;
  if (!(await accountById(ctx).load(accountId))) return { userErrors: [userError(['input', 'accountId'], 'Account not found', UserErrorCode.NOT_FOUND)] };
  const endDate = input.endDate ?? null;
  const problems = await referenceProblems(ctx, db, accountId, uuids, { startDate: input.startDate, endDate });
  if (problems.length) return { userErrors: problems };
  return {
    values: {
      name: input.name,
      accountId,
      contractId: uuids.contractId ?? null,
      workTypeId: uuids.workTypeId!,
      siteContactId: uuids.siteContactId ?? null,
      serviceAddress: (addressValue(input.serviceAddress) ?? null) as MaintenancePlanEntity['serviceAddress'],
      territoryId: uuids.territoryId ?? null,
      frequencyUnit: input.frequencyUnit,
      frequencyInterval: input.frequencyInterval,
      startDate: input.startDate,
      endDate,
      horizonDays: input.horizonDays ?? 60,
      active: true,
    },
  };
}

/** Creates an active plan; a retry with the same idempotency key replays the first result. */
export function createMaintenancePlan(ctx: RequestContext, input: CreateMaintenancePlanInput): Promise<CreateMaintenancePlanPayload> {
  return createRecordMutation(ctx, maintenancePlanSpec, 'maintenancePlan', input, (db) => prepareCreate(ctx, db, input));
}

const lockedPlan = (db: QueryRunner, id: string, expectedVersion: number | null | undefined) => lockedRecord(db, maintenancePlanSpec, id, expectedVersion);

async function prepareUpdate(ctx: RequestContext, db: QueryRunner, current: MaintenancePlanEntity, input: UpdateMaintenancePlanInput): Promise<Prepared> {
  const { uuids, errors } = referenceUuids({ contractId: input.contractId, workTypeId: input.workTypeId, siteContactId: input.siteContactId, territoryId: input.territoryId });
  if (errors.length) return { userErrors: errors };
  const startDate = input.startDate ?? calendarDate(current.startDate)!;
  const endDate = input.endDate === undefined ? calendarDate(current.endDate) : input.endDate;
  const problems = await referenceProblems(ctx, db, current.accountId, uuids, { startDate, endDate });
  if (problems.length) return { userErrors: problems };
  return {
    values: {
      name: input.name,
      contractId: uuids.contractId,
      workTypeId: uuids.workTypeId ?? undefined,
      siteContactId: uuids.siteContactId,
      serviceAddress: addressValue(input.serviceAddress) as MaintenancePlanEntity['serviceAddress'] | undefined,
      territoryId: uuids.territoryId,
      frequencyUnit: input.frequencyUnit,
      frequencyInterval: input.frequencyInterval,
      startDate: input.startDate,
      endDate: input.endDate,
      horizonDays: input.horizonDays,
      active: input.active,
    },
  };
}

/** Changes a plan; the work orders it generated already stay as they are. */
export function updateMaintenancePlan(ctx: RequestContext, input: UpdateMaintenancePlanInput): Promise<UpdateMaintenancePlanPayload> {
  return writeRecordMutation(ctx, maintenancePlanSpec, 'maintenancePlan', input, async (db, id): Promise<WriteResult<MaintenancePlanEntity>> => {
    const locked = await lockedPlan(db, id, input.expectedVersion);
    if (locked.error) return { userErrors: [locked.error] };
    const prepared = await prepareUpdate(ctx, db, locked.row, input);
    if (prepared.userErrors) return { userErrors: prepared.userErrors };
    return updateRecord(db, maintenancePlanSpec, id, prepared.values, input.expectedVersion);
  });
}

/** Moves a plan to the recycle bin: it generates nothing more, and the work orders it generated stay. */
export function deleteMaintenancePlan(ctx: RequestContext, input: DeleteMaintenancePlanInput): Promise<DeleteMaintenancePlanPayload> {
  return writeRecordMutation(ctx, maintenancePlanSpec, 'maintenancePlan', input, (db, id) => softDeleteRecord(db, maintenancePlanSpec, id, input.expectedVersion));
}

/**
 * Generates the plan's missing work orders now, as the scheduler would (with the caller as actor
 * in their status history); the generated orders count against the workspace's record limit.
 */
export function generateMaintenancePlanWorkOrders(ctx: RequestContext, input: GenerateMaintenanceWorkOrdersInput): Promise<GenerateMaintenanceWorkOrdersPayload> {
  return runMutation<GenerateMaintenanceWorkOrdersPayload>(ctx, input, async (db) => {
    const target = inputRecordId(input.planId, 'MaintenancePlan');
    if (target.error) return failure({ ...target.error, field: ['input', 'planId'] });
    const plan = await maintenancePlanById(ctx).load(target.uuid);
    if (!plan) return failure(userError(['input', 'planId'], 'Maintenance plan not found', UserErrorCode.NOT_FOUND));
    if (!plan.active) return failure(userError(['input', 'planId'], 'The maintenance plan is inactive: activate it first', UserErrorCode.INVALID_STATE));
    const today = await workspaceToday(ctx, db);
    const createdCount = await generateMaintenanceWorkOrders(db, today, auditActor(ctx.principal), [plan.id], (count) => reserveRecords(ctx, db, count));
    return { maintenancePlan: plan, createdCount, userErrors: [] };
  });
}
