/** Business rules for accounts. Every function takes the request context first. */
import { notFound } from '../../graphql/errors';
import { requireUuid } from '../../graphql/global-id';
import { ConnectionValue } from '../../graphql/pagination';
import { addressValue } from '../../graphql/values';
import { RequestContext } from '../../tenancy/request-context';
import { checkPicklistValue } from '../configuration';
import { customFieldsForCreate, customFieldsForUpdate } from '../custom-fields';
import { listRecords } from '../records/record-lists';
import { createRecordMutation, writeRecordMutation } from '../records/record-mutations';
import { restoreRecord, softDeleteRecord, updateRecord } from '../records/record-writes';
import { withinRecordLimit } from '../records/record-quota';
import { resolveRecordOwner } from '../records/record-owner';
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

export async function listAccounts(ctx: RequestContext, args: AccountsArgs): Promise<ConnectionValue<AccountEntity>> {
  return listRecords(ctx, accountSpec, args);
}

export async function getAccount(ctx: RequestContext, id: string): Promise<AccountEntity> {
  const account = await accountById(ctx).load(requireUuid(id, 'Account'));
  if (!account) throw notFound('Account');
  return account;
}

export function createAccount(ctx: RequestContext, input: CreateAccountInput): Promise<CreateAccountPayload> {
  return createRecordMutation(ctx, accountSpec, 'account', input, async (db) => {
    const owner = await resolveRecordOwner(ctx, db, 'Account', input.ownerId, true);
    if (owner.error) return { userErrors: [owner.error] };
    const industry = await checkPicklistValue(ctx, db, 'industry', input.industry, ['input', 'industry']);
    if (industry) return { userErrors: [industry] };
    const custom = await customFieldsForCreate(ctx, 'ACCOUNT', input.customFields);
    if (custom.userErrors.length) return { userErrors: custom.userErrors };
    return {
      values: {
        ...accountValues(input),
        name: input.name,
        ownerId: owner.uuid ?? null,
        type: input.type ?? AccountType.PROSPECT,
        lifecycleStage: input.lifecycleStage ?? LifecycleStage.PROSPECT,
        tags: input.tags ?? [],
        customFields: custom.values,
      },
    };
  });
}

export function updateAccount(ctx: RequestContext, input: UpdateAccountInput): Promise<UpdateAccountPayload> {
  return writeRecordMutation(ctx, accountSpec, 'account', input, async (db, id) => {
    const owner = await resolveRecordOwner(ctx, db, 'Account', input.ownerId, false);
    if (owner.error) return { userErrors: [owner.error] };
    // An inactive industry stays valid on the account that already has it.
    const industry = await checkPicklistValue(ctx, db, 'industry', input.industry, ['input', 'industry'], async () => (await accountById(ctx).load(id))?.industry);
    if (industry) return { userErrors: [industry] };
    const custom = await customFieldsForUpdate(ctx, 'ACCOUNT', input.customFields);
    if (custom.userErrors.length) return { userErrors: custom.userErrors };
    return updateRecord(db, accountSpec, id, { ...accountValues(input), name: input.name, ownerId: owner.uuid }, input.expectedVersion, custom.assignments);
  });
}

/** Moves the account to the recycle bin; a trigger moves its live contacts along with it. */
export function deleteAccount(ctx: RequestContext, input: DeleteAccountInput): Promise<DeleteAccountPayload> {
  return writeRecordMutation(ctx, accountSpec, 'account', input, (db, id) => softDeleteRecord(db, accountSpec, id, input.expectedVersion));
}

/** Restores the account and the contacts the trigger deleted together with it. */
export function restoreAccount(ctx: RequestContext, input: RestoreAccountInput): Promise<RestoreAccountPayload> {
  return writeRecordMutation(ctx, accountSpec, 'account', input, (db, id) => withinRecordLimit(ctx, db, () => restoreRecord(db, accountSpec, id)));
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
