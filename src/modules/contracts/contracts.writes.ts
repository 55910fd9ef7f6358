/**
 * Writes every contract mutation builds on: the locked row with its version checked, the checks of
 * the parties (account, signer, owner), and creating a draft (numbered, with line items, its value,
 * the quota and the first history entry) for createContract and createContractFromOpportunity alike.
 */
import { QueryRunner } from 'typeorm';
import { entitySql } from '../../db/entity-sql';
import { SqlParams } from '../../db/sql-params';
import { queryOne } from '../../db/sql';
import { UserError, UserErrorCode, userError } from '../../graphql/user-errors';
import { auditActor } from '../../tenancy/principal';
import { RequestContext } from '../../tenancy/request-context';
import { accountById } from '../accounts';
import { contactById } from '../contacts';
import { nextRecordNumber } from '../records/record-numbers';
import { reserveRecords } from '../records/record-quota';
import { insertRecord, lockedRecord } from '../records/record-writes';
import { BillingFrequency, ContractEntity } from './contracts.entity';
import { LineItemValues, lineItemsTotal, replaceLineItems } from './contracts.line-items';
import { contractSpec } from './contracts.spec';
import { recordStatusChanges } from './contracts.status';

/**
 * SQL of the last day covered: start + term months − 1 day. A month after Jan 31 is Feb 28 (or
 * 29), so a one-month term from 2026-01-31 ends on 2026-02-27.
 */
export const endDateSql = (start: string, termMonths: string): string => `((${start})::date + make_interval(months => (${termMonths})::int))::date - 1`;

/** The live contract, locked until commit, at the caller's expected version. */
export const lockedContract = (db: QueryRunner, id: string, expectedVersion: number | null | undefined) => lockedRecord(db, contractSpec, id, expectedVersion);

/** A signer must be a live contact (visible to the caller) of the contract's account. */
export async function checkSigner(ctx: RequestContext, accountId: string, signerId: string | null | undefined): Promise<UserError | null> {
  if (signerId == null) return null;
  const contact = await contactById(ctx).load(signerId);
  if (!contact) return userError(['input', 'signerId'], 'Contact not found', UserErrorCode.NOT_FOUND);
  return contact.accountId === accountId ? null : userError(['input', 'signerId'], 'The signer must be a contact of the contract’s account', UserErrorCode.INVALID);
}

export async function checkAccount(ctx: RequestContext, accountId: string): Promise<UserError | null> {
  return (await accountById(ctx).load(accountId)) ? null : userError(['input', 'accountId'], 'Account not found', UserErrorCode.NOT_FOUND);
}

/** A new draft. IDs are UUIDs; the parties are checked by the caller. */
export interface NewContract {
  accountId: string;
  signerContactId: string | null;
  /** undefined: the default owner (the caller's user, or for a key acting for nobody the account's owner). */
  ownerId: string | null | undefined;
  opportunityId?: string | null;
  startDate: string;
  termMonths: number;
  currency: string;
  /** Without line items; with them the value is their total. */
  value: string;
  billingFrequency?: BillingFrequency | null;
  autoRenew?: boolean | null;
  noticePeriodDays?: number | null;
  specialTerms?: string | null;
  description?: string | null;
  lineItems: LineItemValues[];
}

/** Creates the draft in the caller's transaction; nothing is kept when it answers an error. */
export async function insertContract(ctx: RequestContext, db: QueryRunner, values: NewContract): Promise<{ row: ContractEntity; error?: undefined } | { row?: undefined; error: UserError }> {
  await reserveRecords(ctx, db, 1);
  const ownerId = values.ownerId !== undefined ? values.ownerId : ((await accountById(ctx).load(values.accountId))?.ownerId ?? null);
  const params = new SqlParams();
  const { endDate } = (await queryOne<{ endDate: string }>(db, `SELECT (${endDateSql(params.add(values.startDate), params.add(values.termMonths))})::text AS "endDate"`, params.values))!;
  const row = await insertRecord(db, contractSpec, {
    number: await nextRecordNumber(db, 'contract'),
    accountId: values.accountId,
    signerContactId: values.signerContactId,
    ownerId,
    opportunityId: values.opportunityId ?? null,
    status: 'DRAFT',
    startDate: values.startDate,
    termMonths: values.termMonths,
    endDate,
    value: values.value,
    currency: values.currency.toUpperCase(),
    billingFrequency: values.billingFrequency ?? 'ANNUALLY',
    autoRenew: values.autoRenew ?? false,
    noticePeriodDays: values.noticePeriodDays ?? 0,
    specialTerms: values.specialTerms ?? null,
    description: values.description ?? null,
  });
  await replaceLineItems(db, row.id, values.lineItems);
  await recordStatusChanges(db, [{ contractId: row.id, from: null, to: 'DRAFT', actor: auditActor(ctx.principal) }]);
  if (!values.lineItems.length) return { row };
  const total = await lineItemsTotal(db, row.id);
  if (total.error) return { error: total.error };
  const updated = await queryOne<ContractEntity>(
    db,
    `UPDATE contracts c SET value = $2 WHERE c.id = $1 RETURNING ${entitySql(db.connection, ContractEntity).selectList('c')}`,
    [row.id, total.total],
  );
  return { row: updated! };
}
