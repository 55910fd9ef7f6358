/** Business rules for accounts. Every function takes the request context first. */
import { QueryRunner } from 'typeorm';
import { notFound } from '../../graphql/errors';
import { requireUuid } from '../../graphql/global-id';
import { ConnectionValue } from '../../graphql/pagination';
import { UserError, failure } from '../../graphql/user-errors';
import { addressValue } from '../../graphql/values';
import { RequestContext, tenantDb } from '../../tenancy/request-context';
import { createIdempotently } from '../records/idempotency';
import { runMutation } from '../records/mutation';
import { listRecords, loadRecords } from '../records/record-lists';
import { insertRecord, restoreRecord, softDeleteRecord, updateRecord } from '../records/record-writes';
import { inputRecordId, resolveReference } from '../records/references';
import { userById } from '../workspace';
import { AccountEntity } from './accounts.entity';
import { accountById } from './accounts.loaders';
import { accountSpec } from './accounts.spec';
import {
  AccountType,
  AccountsArgs,
  CreateAccountInput,
  CreateAccountPayload,
  DeleteAccountInput,
  DeleteAccountPayload,
  LifecycleStage,
  RestoreAccountInput,
  RestoreAccountPayload,
  UpdateAccountInput,
  UpdateAccountPayload,
} from './accounts.types';

interface AccountResult {
  account?: AccountEntity | null;
  userErrors: UserError[];
}

export async function listAccounts(ctx: RequestContext, args: AccountsArgs): Promise<ConnectionValue<AccountEntity>> {
  return listRecords(await tenantDb(ctx), accountSpec, args);
}

export async function getAccount(ctx: RequestContext, id: string): Promise<AccountEntity> {
  const account = await accountById(ctx).load(requireUuid(id, 'Account'));
  if (!account) throw notFound('Account');
  return account;
}

export function createAccount(ctx: RequestContext, input: CreateAccountInput): Promise<CreateAccountPayload> {
  return runMutation<AccountResult>(ctx, input, async (db) => {
    const owner = await resolveOwner(ctx, input.ownerId);
    if (owner.error) return failure(owner.error);
    const outcome = await createIdempotently(db, 'createAccount', input, async () => ({
      row: await insertRecord(db, accountSpec, {
        ...accountValues(input),
        name: input.name,
        ownerId: owner.uuid ?? null,
        type: input.type ?? AccountType.PROSPECT,
        lifecycleStage: input.lifecycleStage ?? LifecycleStage.PROSPECT,
        tags: input.tags ?? [],
      }),
    }));
    if ('userErrors' in outcome) return failure(...outcome.userErrors);
    if ('replayedId' in outcome) return { account: await loadIncludingDeleted(db, outcome.replayedId), userErrors: [] };
    return { account: outcome.created, userErrors: [] };
  }) as Promise<CreateAccountPayload>;
}

export function updateAccount(ctx: RequestContext, input: UpdateAccountInput): Promise<UpdateAccountPayload> {
  return runMutation<AccountResult>(ctx, input, async (db) => {
    const target = inputRecordId(input.id, 'Account');
    if (target.error) return failure(target.error);
    const owner = await resolveOwner(ctx, input.ownerId);
    if (owner.error) return failure(owner.error);
    const result = await updateRecord(db, accountSpec, target.uuid, { ...accountValues(input), name: input.name, ownerId: owner.uuid }, input.expectedVersion);
    return result.row ? { account: result.row, userErrors: [] } : failure(...result.userErrors);
  }) as Promise<UpdateAccountPayload>;
}

/** Moves the account to the recycle bin; a trigger moves its live contacts along with it. */
export function deleteAccount(ctx: RequestContext, input: DeleteAccountInput): Promise<DeleteAccountPayload> {
  return runMutation<AccountResult>(ctx, input, async (db) => {
    const target = inputRecordId(input.id, 'Account');
    if (target.error) return failure(target.error);
    const result = await softDeleteRecord(db, accountSpec, target.uuid, input.expectedVersion);
    return result.row ? { account: result.row, userErrors: [] } : failure(...result.userErrors);
  }) as Promise<DeleteAccountPayload>;
}

export function restoreAccount(ctx: RequestContext, input: RestoreAccountInput): Promise<RestoreAccountPayload> {
  return runMutation<AccountResult>(ctx, input, async (db) => {
    const target = inputRecordId(input.id, 'Account');
    if (target.error) return failure(target.error);
    const result = await restoreRecord(db, accountSpec, target.uuid);
    return result.row ? { account: result.row, userErrors: [] } : failure(...result.userErrors);
  }) as Promise<RestoreAccountPayload>;
}

function resolveOwner(ctx: RequestContext, ownerId: string | null | undefined) {
  return resolveReference(ownerId, 'User', 'ownerId', async (uuid) => (await userById(ctx).load(uuid)) !== null);
}

async function loadIncludingDeleted(db: QueryRunner, id: string): Promise<AccountEntity | null> {
  const [row] = await loadRecords(db, accountSpec, [id], { includeDeleted: true });
  return row;
}

/** Input fields to columns: undefined leaves a column alone, null clears it. */
function accountValues(input: CreateAccountInput | UpdateAccountInput): Partial<AccountEntity> {
  const revenue = input.annualRevenue;
  return {
    domain: input.domain,
    industry: input.industry,
    type: input.type ?? undefined,
    lifecycleStage: input.lifecycleStage ?? undefined,
    annualRevenueAmount: revenue === undefined ? undefined : (revenue?.amount ?? null),
    annualRevenueCurrency: revenue === undefined ? undefined : (revenue?.currency ?? null),
    employeeCount: input.employeeCount,
    phone: input.phone,
    website: input.website,
    billingAddress: addressValue(input.billingAddress),
    shippingAddress: addressValue(input.shippingAddress),
    tags: input.tags === null ? [] : input.tags,
  };
}
