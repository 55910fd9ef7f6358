/**
 * Amendments: the only way the commercial terms of an activated contract change. Each one bumps
 * contract_version and keeps the new terms as that version (contract_versions), so every version
 * stays on record; an amendment that leaves the terms as they were is refused.
 */
import { QueryRunner } from 'typeorm';
import { queryOne } from '../../db/sql';
import { SqlParams } from '../../db/sql-params';
import { UserError, UserErrorCode, userError } from '../../graphql/user-errors';
import { auditActor } from '../../tenancy/principal';
import { RequestContext } from '../../tenancy/request-context';
import { writeRecordMutation } from '../records/record-mutations';
import { updateRecord } from '../records/record-writes';
import { ContractEntity } from './contracts.entity';
import { checkLineItems, hasLineItems, valueAfterLineItems, valueWithLineItems } from './contracts.line-items';
import { contractSpec } from './contracts.spec';
import { recordTermsVersions } from './contracts.versions';
import { AmendContractInput, AmendContractPayload } from './contracts.types';
import { endDateSql, lockedContract } from './contracts.writes';

/** A value must be in the contract's currency and, without new line items, the contract must have none. */
async function valueProblem(db: QueryRunner, contract: ContractEntity, input: AmendContractInput): Promise<UserError | null> {
  if (input.value === undefined) return null;
  if (input.value.currency.toUpperCase() !== contract.currency) {
    return userError(['input', 'value', 'currency'], `The contract is in ${contract.currency}; an amendment cannot change its currency`, UserErrorCode.INVALID);
  }
  if (input.lineItems === undefined && (await hasLineItems(db, contract.id))) {
    return userError(['input', 'value'], 'The contract has line items: its value is their total (amend the line items instead)', UserErrorCode.INVALID_STATE);
  }
  return valueWithLineItems(input.lineItems, input.value);
}

/** Whether the version just recorded has the same terms as the one before it. */
async function unchanged(db: QueryRunner, contractId: string): Promise<boolean> {
  const row = await queryOne<{ same: boolean }>(
    db,
    `SELECT cur.terms = prev.terms AS same FROM contracts c
       JOIN contract_versions cur ON cur.contract_id = c.id AND cur.version = c.contract_version
       JOIN contract_versions prev ON prev.contract_id = c.id AND prev.version = c.contract_version - 1
      WHERE c.id = $1`,
    [contractId],
  );
  return row?.same === true;
}

export function amendContract(ctx: RequestContext, input: AmendContractInput): Promise<AmendContractPayload> {
  return writeRecordMutation(ctx, contractSpec, 'contract', input, async (db, id) => {
    const locked = await lockedContract(db, id, input.expectedVersion);
    if (locked.error) return { userErrors: [locked.error] };
    const current = locked.row;
    if (current.status !== 'ACTIVATED') {
      const hint = current.status === 'DRAFT' ? ': change a draft with updateContract' : '';
      return { userErrors: [userError(['input', 'id'], `Only an ACTIVATED contract can be amended; this one is ${current.status}${hint}`, UserErrorCode.INVALID_STATE)] };
    }
    const items = input.lineItems ? await checkLineItems(db, input.lineItems) : null;
    const problems = [...(items?.errors ?? []), await valueProblem(db, current, input)].filter((p): p is UserError => !!p);
    if (problems.length) return { userErrors: problems };
    const { value, error } = await valueAfterLineItems(db, id, items?.items, input.value?.amount);
    if (error) return { userErrors: [error] };
    const result = await updateRecord(
      db,
      contractSpec,
      id,
      {
        termMonths: input.termMonths,
        value,
        billingFrequency: input.billingFrequency,
        autoRenew: input.autoRenew,
        noticePeriodDays: input.noticePeriodDays,
        specialTerms: input.specialTerms,
      },
      input.expectedVersion,
      (params: SqlParams) => [
        'contract_version = r.contract_version + 1',
        ...(input.termMonths !== undefined ? [`end_date = ${endDateSql('r.start_date', params.add(input.termMonths))}`] : []),
      ],
    );
    if (!result.row) return result;
    await recordTermsVersions(db, [id], auditActor(ctx.principal), input.reason);
    if (await unchanged(db, id)) return { userErrors: [userError(['input'], 'The amendment changes none of the contract’s terms', UserErrorCode.INVALID)] };
    return result;
  });
}
