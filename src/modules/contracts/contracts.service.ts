/** Contract CRUD: list, read, create a draft, update (terms only while DRAFT), delete and restore drafts. */
import { QueryRunner } from 'typeorm';
import { queryOne } from '../../db/sql';
import { SqlParams } from '../../db/sql-params';
import { notFound } from '../../graphql/errors';
import { requireUuid } from '../../graphql/global-id';
import { ConnectionValue } from '../../graphql/pagination';
import { UserError, UserErrorCode, failure, userError } from '../../graphql/user-errors';
import { RequestContext } from '../../tenancy/request-context';
import { accountSpec } from '../accounts';
import { getWorkspaceSettings } from '../configuration';
import { createIdempotently } from '../records/idempotency';
import { runMutation } from '../records/mutation';
import { inputUuid } from '../records/references';
import { listRecords, loadRecords } from '../records/record-lists';
import { writeRecordMutation } from '../records/record-mutations';
import { resolveRecordOwner } from '../records/record-owner';
import { withinRecordLimit } from '../records/record-quota';
import { WriteResult, restoreRecord, softDeleteRecord, updateRecord } from '../records/record-writes';
import { ContractEntity } from './contracts.entity';
import { checkLineItems, hasLineItems, valueAfterLineItems, valueWithLineItems } from './contracts.line-items';
import { contractById } from './contracts.loaders';
import { contractSpec } from './contracts.spec';
import { isEditable } from './contracts.status';
import {
  ContractsArgs,
  CreateContractInput,
  CreateContractPayload,
  DeleteContractInput,
  DeleteContractPayload,
  RestoreContractInput,
  RestoreContractPayload,
  UpdateContractInput,
  UpdateContractPayload,
} from './contracts.types';
import { checkAccount, checkSigner, endDateSql, insertContract, lockedContract } from './contracts.writes';

export function listContracts(ctx: RequestContext, args: ContractsArgs): Promise<ConnectionValue<ContractEntity>> {
  return listRecords(ctx, contractSpec, args);
}

export async function getContract(ctx: RequestContext, id: string): Promise<ContractEntity> {
  const contract = await contractById(ctx).load(requireUuid(id, 'Contract'));
  if (!contract) throw notFound('Contract');
  return contract;
}

const errorsOf = (...problems: (UserError | null | undefined)[]): UserError[] => problems.filter((p): p is UserError => !!p);

/** The contract's currency: given, else the value's, else the workspace's default; a value in another currency is INVALID. */
async function contractCurrency(ctx: RequestContext, input: CreateContractInput): Promise<{ currency: string; error?: undefined } | { currency?: undefined; error: UserError }> {
  const currency = (input.currency ?? input.value?.currency ?? (await getWorkspaceSettings(ctx)).defaultCurrency).toUpperCase();
  if (input.value && input.value.currency.toUpperCase() !== currency) {
    return { error: userError(['input', 'value', 'currency'], `The value is in ${input.value.currency.toUpperCase()} but the contract is in ${currency}`, UserErrorCode.INVALID) };
  }
  return { currency };
}

export function createContract(ctx: RequestContext, input: CreateContractInput): Promise<CreateContractPayload> {
  return runMutation<CreateContractPayload>(ctx, input, async (db) => {
    const ids = [inputUuid(input.accountId, 'Account', 'accountId'), inputUuid(input.signerId, 'Contact', 'signerId')];
    const malformed = ids.flatMap((r) => ('error' in r ? [r.error] : []));
    if (malformed.length) return failure(...malformed);
    const [accountId, signerId] = ids.map((r) => ('uuid' in r ? r.uuid : undefined));
    const currency = await contractCurrency(ctx, input);
    const owner = await resolveRecordOwner(ctx, db, 'Contract', input.ownerId, true);
    const items = await checkLineItems(db, input.lineItems ?? []);
    const problems = errorsOf(
      await checkAccount(ctx, accountId!),
      await checkSigner(ctx, accountId!, signerId),
      currency.error,
      owner.error,
      valueWithLineItems(input.lineItems, input.value),
      ...(items.errors ?? []),
    );
    if (problems.length) return failure(...problems);
    const outcome = await createIdempotently(db, 'createContract', input, async () => {
      const created = await insertContract(ctx, db, {
        accountId: accountId!,
        signerContactId: signerId ?? null,
        // No owner resolved and none asked for (a key acting for nobody): the account's owner.
        ownerId: owner.uuid ?? (input.ownerId === undefined ? undefined : null),
        startDate: input.startDate,
        termMonths: input.termMonths,
        currency: currency.currency!,
        value: input.value?.amount ?? '0',
        billingFrequency: input.billingFrequency,
        autoRenew: input.autoRenew,
        noticePeriodDays: input.noticePeriodDays,
        specialTerms: input.specialTerms,
        description: input.description,
        lineItems: items.items!,
      });
      return created.error ? { userErrors: [created.error] } : { row: created.row };
    });
    if ('userErrors' in outcome) return failure(...outcome.userErrors);
    const row = 'created' in outcome ? outcome.created : (await loadRecords(db, contractSpec, [outcome.replayedId], { includeDeleted: true }))[0];
    return { contract: row, userErrors: [] };
  });
}

/** Fields of updateContract that are terms of the contract: editable only while DRAFT. */
const DRAFT_ONLY = ['signerId', 'startDate', 'termMonths', 'value', 'billingFrequency', 'autoRenew', 'noticePeriodDays', 'specialTerms', 'lineItems'] as const;

const lockedTerms = (status: string, fields: string[]) =>
  userError(
    null,
    `The contract is ${status}: its terms (${fields.join(', ')}) are locked; amend an activated contract with amendContract (only owner and description can still change)`,
    UserErrorCode.INVALID_STATE,
  );

export function updateContract(ctx: RequestContext, input: UpdateContractInput): Promise<UpdateContractPayload> {
  return writeRecordMutation(ctx, contractSpec, 'contract', input, async (db, id): Promise<WriteResult<ContractEntity>> => {
    const locked = await lockedContract(db, id, input.expectedVersion);
    if (locked.error) return { userErrors: [locked.error] };
    const current = locked.row;
    const terms = DRAFT_ONLY.filter((field) => input[field] !== undefined);
    if (terms.length && !isEditable(current.status)) return { userErrors: [lockedTerms(current.status, terms)] };
    const signer = inputUuid(input.signerId, 'Contact', 'signerId');
    if ('error' in signer) return { userErrors: [signer.error] };
    const owner = await resolveRecordOwner(ctx, db, 'Contract', input.ownerId, false);
    const items = input.lineItems ? await checkLineItems(db, input.lineItems) : null;
    const problems = errorsOf(
      await checkSigner(ctx, current.accountId, signer.uuid),
      owner.error,
      valueWithLineItems(input.lineItems, input.value),
      ...(items?.errors ?? []),
      await valueProblem(db, current, input),
    );
    if (problems.length) return { userErrors: problems };
    const { value, error } = await valueAfterLineItems(db, id, items?.items, input.value?.amount);
    if (error) return { userErrors: [error] };
    const values: Partial<ContractEntity> = {
      ownerId: owner.uuid,
      description: input.description,
      signerContactId: signer.uuid,
      startDate: input.startDate,
      termMonths: input.termMonths,
      value,
      currency: input.value?.currency.toUpperCase(),
      billingFrequency: input.billingFrequency,
      autoRenew: input.autoRenew,
      noticePeriodDays: input.noticePeriodDays,
      specialTerms: input.specialTerms,
    };
    const moved = input.startDate !== undefined || input.termMonths !== undefined;
    return updateRecord(db, contractSpec, id, values, input.expectedVersion, (params: SqlParams) =>
      moved ? [`end_date = ${endDateSql(params.add(input.startDate ?? current.startDate), params.add(input.termMonths ?? current.termMonths))}`] : [],
    );
  });
}

/** A value given to a draft with line items would be overwritten by their total: refused. */
async function valueProblem(db: QueryRunner, current: ContractEntity, input: UpdateContractInput): Promise<UserError | null> {
  if (input.value === undefined || input.lineItems !== undefined) return null;
  return (await hasLineItems(db, current.id)) ? userError(['input', 'value'], 'The contract has line items: its value is their total (change the line items instead)', UserErrorCode.INVALID_STATE) : null;
}

/** Only drafts go to the recycle bin: a contract that was approved stays on record (terminate it instead). */
export function deleteContract(ctx: RequestContext, input: DeleteContractInput): Promise<DeleteContractPayload> {
  return writeRecordMutation(ctx, contractSpec, 'contract', input, async (db, id) => {
    const locked = await lockedContract(db, id, input.expectedVersion);
    if (locked.error) return { userErrors: [locked.error] };
    if (!isEditable(locked.row.status)) {
      return { userErrors: [userError(['input', 'id'], `The contract is ${locked.row.status}: only draft contracts can be deleted (terminate a running one)`, UserErrorCode.INVALID_STATE)] };
    }
    return softDeleteRecord(db, contractSpec, id, input.expectedVersion);
  });
}

/** Restores a draft; its account must be live, and its opportunity or predecessor not taken by another contract meanwhile. */
export function restoreContract(ctx: RequestContext, input: RestoreContractInput): Promise<RestoreContractPayload> {
  return writeRecordMutation(ctx, contractSpec, 'contract', input, async (db, id) => {
    const taken = await queryOne<{ number: string }>(
      db,
      `SELECT other.number FROM contracts c JOIN contracts other ON other.id <> c.id AND other.deleted_at IS NULL
          AND (other.opportunity_id = c.opportunity_id OR other.predecessor_id = c.predecessor_id)
        WHERE c.id = $1 AND c.deleted_at IS NOT NULL LIMIT 1`,
      [id],
    );
    if (taken) return { userErrors: [userError(['input', 'id'], `Contract ${taken.number} has taken its place (same opportunity or renewal)`, UserErrorCode.DUPLICATE)] };
    const result = await withinRecordLimit(ctx, db, () => restoreRecord(db, contractSpec, id));
    if (result.row && !(await loadRecords(db, accountSpec, [result.row.accountId]))[0]) {
      return { userErrors: [userError(['input', 'id'], 'The contract’s account is in the recycle bin; restore the account first', UserErrorCode.INVALID_STATE)] };
    }
    return result;
  });
}
