/** Business rules for service cases: logging, matching to an entitlement, working and closing them. */
import { QueryRunner } from 'typeorm';
import { notFound } from '../../graphql/errors';
import { requireUuid, uuidOf } from '../../graphql/global-id';
import { ConnectionValue } from '../../graphql/pagination';
import { UserError, UserErrorCode, userError } from '../../graphql/user-errors';
import { RequestContext } from '../../tenancy/request-context';
import { accountById, accountSpec } from '../accounts';
import { contactById } from '../contacts';
import { productById } from '../products';
import { listRecords, loadRecords } from '../records/record-lists';
import { createRecordMutation, writeRecordMutation } from '../records/record-mutations';
import { nextRecordNumber } from '../records/record-numbers';
import { resolveRecordOwner } from '../records/record-owner';
import { withinRecordLimit } from '../records/record-quota';
import { WriteResult, lockedRecord, restoreRecord, softDeleteRecord, updateRecord } from '../records/record-writes';
import { ServiceCaseEntity } from './cases.entity';
import { serviceCaseById } from './cases.loaders';
import { dueTimes, matchEntitlement } from './cases.matching';
import { serviceCaseSpec } from './cases.spec';
import { canChangeCaseStatus, statusAssignments } from './cases.status';
import {
  CasePriority,
  CaseStatus,
  ChangeServiceCaseStatusInput,
  ChangeServiceCaseStatusPayload,
  CreateServiceCaseInput,
  CreateServiceCasePayload,
  DeleteServiceCaseInput,
  DeleteServiceCasePayload,
  RespondToServiceCaseInput,
  RespondToServiceCasePayload,
  RestoreServiceCaseInput,
  RestoreServiceCasePayload,
  ServiceCasesArgs,
  UpdateServiceCaseInput,
  UpdateServiceCasePayload,
} from './cases.types';

export async function listServiceCases(ctx: RequestContext, args: ServiceCasesArgs): Promise<ConnectionValue<ServiceCaseEntity>> {
  return listRecords(ctx, serviceCaseSpec, args);
}

export async function getServiceCase(ctx: RequestContext, id: string): Promise<ServiceCaseEntity> {
  const found = await serviceCaseById(ctx).load(requireUuid(id, 'ServiceCase'));
  if (!found) throw notFound('ServiceCase');
  return found;
}

// The owner is resolved (and its ID checked) by resolveRecordOwner.
type References = Record<'accountId' | 'contactId' | 'productId' | 'entitlementId', string | null | undefined>;
const REFERENCE_TYPES: Record<keyof References, string> = { accountId: 'Account', contactId: 'Contact', productId: 'Product', entitlementId: 'Entitlement' };

/** The UUIDs behind the input's global IDs (undefined = not given, null = cleared); INVALID when malformed or of another type. */
function referenceUuids(input: Partial<References>): { uuids: References } | { errors: UserError[] } {
  const errors: UserError[] = [];
  const uuids = {} as References;
  for (const field of Object.keys(REFERENCE_TYPES) as (keyof References)[]) {
    const id = input[field];
    const uuid = id == null ? id : uuidOf(id, REFERENCE_TYPES[field]);
    if (uuid === null && id != null) errors.push(userError(['input', field], `"${field}" is not a valid ${REFERENCE_TYPES[field]} ID`, UserErrorCode.INVALID));
    uuids[field] = uuid;
  }
  return errors.length ? { errors } : { uuids };
}

/** The contact (one of the account's) and the product (live), when given. */
async function referenceProblems(ctx: RequestContext, accountId: string, contactId: string | null | undefined, productId: string | null | undefined): Promise<UserError[]> {
  const problems: UserError[] = [];
  if (contactId) {
    const contact = await contactById(ctx).load(contactId);
    if (!contact) problems.push(userError(['input', 'contactId'], 'Contact not found', UserErrorCode.NOT_FOUND));
    else if (contact.accountId !== accountId) problems.push(userError(['input', 'contactId'], 'The contact must be a contact of the case’s account', UserErrorCode.INVALID));
  }
  if (productId) {
    const product = await productById(ctx).load(productId);
    if (!product || product.deletedAt) problems.push(userError(['input', 'productId'], 'Product not found', UserErrorCode.NOT_FOUND));
  }
  return problems;
}

/** The entitlement serving the case and its due times, as stored columns. */
async function serviceLevel(
  ctx: RequestContext,
  db: QueryRunner,
  c: { accountId: string; openedAt: Date; productId: string | null },
  requested: string | null | undefined,
): Promise<{ values: Pick<ServiceCaseEntity, 'entitlementId' | 'responseDueAt' | 'resolutionDueAt'> } | { error: UserError }> {
  const match = await matchEntitlement(ctx, db, c, requested);
  if ('error' in match) return match;
  const due = await dueTimes(ctx, db, match.entitlement, c.openedAt);
  if ('error' in due) return due;
  return { values: { entitlementId: match.entitlement?.id ?? null, ...due } };
}

export function createServiceCase(ctx: RequestContext, input: CreateServiceCaseInput): Promise<CreateServiceCasePayload> {
  return createRecordMutation(ctx, serviceCaseSpec, 'serviceCase', input, async (db) => {
    const refs = referenceUuids(input);
    if ('errors' in refs) return { userErrors: refs.errors };
    const { accountId, contactId, productId, entitlementId } = refs.uuids;
    const openedAt = input.openedAt ?? new Date();
    if (openedAt.getTime() > Date.now()) return { userErrors: [userError(['input', 'openedAt'], 'A case cannot be opened in the future', UserErrorCode.OUT_OF_RANGE)] };
    if (!(await accountById(ctx).load(accountId!))) return { userErrors: [userError(['input', 'accountId'], 'Account not found', UserErrorCode.NOT_FOUND)] };
    const problems = await referenceProblems(ctx, accountId!, contactId, productId);
    const owner = await resolveRecordOwner(ctx, db, 'ServiceCase', input.ownerId, true);
    if (owner.error) problems.push(owner.error);
    if (problems.length) return { userErrors: problems };
    const level = await serviceLevel(ctx, db, { accountId: accountId!, openedAt, productId: productId ?? null }, entitlementId);
    if ('error' in level) return { userErrors: [level.error] };
    return {
      values: {
        number: await nextRecordNumber(db, 'serviceCase'),
        accountId: accountId!,
        contactId: contactId ?? null,
        ownerId: owner.uuid ?? null,
        subject: input.subject,
        description: input.description ?? null,
        channel: input.channel,
        priority: input.priority ?? CasePriority.MEDIUM,
        status: CaseStatus.NEW,
        productId: productId ?? null,
        suppliedName: input.suppliedName ?? null,
        suppliedEmail: input.suppliedEmail ?? null,
        suppliedPhone: input.suppliedPhone ?? null,
        openedAt,
        ...level.values,
      },
    };
  });
}

const lockedCase = (db: QueryRunner, id: string, expectedVersion: number | null | undefined) => lockedRecord(db, serviceCaseSpec, id, expectedVersion);

const closedRefusal = () => userError(['input', 'id'], 'The service case is closed: CLOSED is final', UserErrorCode.INVALID_STATE);

export function updateServiceCase(ctx: RequestContext, input: UpdateServiceCaseInput): Promise<UpdateServiceCasePayload> {
  return writeRecordMutation(ctx, serviceCaseSpec, 'serviceCase', input, async (db, id): Promise<WriteResult<ServiceCaseEntity>> => {
    const locked = await lockedCase(db, id, input.expectedVersion);
    if (locked.error) return { userErrors: [locked.error] };
    const current = locked.row;
    if (current.status === 'CLOSED') return { userErrors: [closedRefusal()] };
    const refs = referenceUuids({ ...input, accountId: undefined });
    if ('errors' in refs) return { userErrors: refs.errors };
    const { contactId, productId, entitlementId } = refs.uuids;
    const userErrors = await referenceProblems(ctx, current.accountId, contactId, productId);
    const owner = await resolveRecordOwner(ctx, db, 'ServiceCase', input.ownerId, false);
    if (owner.error) userErrors.push(owner.error);
    if (userErrors.length) return { userErrors };
    const level =
      entitlementId === undefined
        ? null
        : await serviceLevel(ctx, db, { accountId: current.accountId, openedAt: current.openedAt, productId: productId === undefined ? current.productId : productId }, entitlementId);
    if (level && 'error' in level) return { userErrors: [level.error] };
    const values: Partial<ServiceCaseEntity> = {
      subject: input.subject,
      description: input.description,
      priority: input.priority ?? undefined,
      channel: input.channel,
      contactId,
      ownerId: owner.uuid,
      productId,
      suppliedName: input.suppliedName,
      suppliedEmail: input.suppliedEmail,
      suppliedPhone: input.suppliedPhone,
      ...(level ? level.values : {}),
    };
    return updateRecord(db, serviceCaseSpec, id, values, input.expectedVersion);
  });
}

/** Records the first response; a case already answered keeps its first time (and is not written). */
export function respondToServiceCase(ctx: RequestContext, input: RespondToServiceCaseInput): Promise<RespondToServiceCasePayload> {
  return writeRecordMutation(ctx, serviceCaseSpec, 'serviceCase', input, async (db, id): Promise<WriteResult<ServiceCaseEntity>> => {
    const locked = await lockedCase(db, id, input.expectedVersion);
    if (locked.error) return { userErrors: [locked.error] };
    if (locked.row.firstRespondedAt) return { row: locked.row };
    return updateRecord(db, serviceCaseSpec, id, {}, input.expectedVersion, () => ['first_responded_at = now()']);
  });
}

export function changeServiceCaseStatus(ctx: RequestContext, input: ChangeServiceCaseStatusInput): Promise<ChangeServiceCaseStatusPayload> {
  return writeRecordMutation(ctx, serviceCaseSpec, 'serviceCase', input, async (db, id): Promise<WriteResult<ServiceCaseEntity>> => {
    const locked = await lockedCase(db, id, input.expectedVersion);
    if (locked.error) return { userErrors: [locked.error] };
    const from = locked.row.status;
    if (!canChangeCaseStatus(from, input.status)) {
      return { userErrors: [userError(['input', 'status'], `A ${from} case cannot become ${input.status}`, UserErrorCode.INVALID_STATE)] };
    }
    return updateRecord(db, serviceCaseSpec, id, { status: input.status, resolution: input.resolution ?? undefined }, input.expectedVersion, () => statusAssignments(from, input.status));
  });
}

export function deleteServiceCase(ctx: RequestContext, input: DeleteServiceCaseInput): Promise<DeleteServiceCasePayload> {
  return writeRecordMutation(ctx, serviceCaseSpec, 'serviceCase', input, (db, id) => softDeleteRecord(db, serviceCaseSpec, id, input.expectedVersion));
}

/** Restores a case; one whose account is in the recycle bin waits for the account. */
export function restoreServiceCase(ctx: RequestContext, input: RestoreServiceCaseInput): Promise<RestoreServiceCasePayload> {
  return writeRecordMutation(ctx, serviceCaseSpec, 'serviceCase', input, async (db, id) => {
    const result = await withinRecordLimit(ctx, db, () => restoreRecord(db, serviceCaseSpec, id));
    // Whether the account is live, seen or not: the caller's scope may not include it.
    if (result.row && !(await loadRecords(db, accountSpec, [result.row.accountId]))[0]) {
      return { userErrors: [userError(['input', 'id'], 'The service case’s account is in the recycle bin; restore the account first', UserErrorCode.INVALID_STATE)] };
    }
    return result;
  });
}
