/**
 * Renewals: the successor draft of a contract (renewContract) and the list of activated contracts
 * coming to their end (expiringContracts), for whoever prepares the renewals.
 */
import { badInput } from '../../graphql/errors';
import type { ConnectionValue } from '../../graphql/pagination';
import { UserErrorCode, failure, staleVersion, userError } from '../../graphql/user-errors';
import { queryOne } from '../../db/sql';
import { auditActor } from '../../tenancy/principal';
import { RequestContext, tenantDb } from '../../tenancy/request-context';
import { workspaceToday } from '../configuration';
import { PERCENT, checkRange } from '../products/decimals';
import { runMutation } from '../records/mutation';
import { listRecords, loadRecords } from '../records/record-lists';
import { reserveRecords } from '../records/record-quota';
import { withinScope } from '../records/record-scope';
import { RecordSpec } from '../records/record-spec';
import { inputRecordId } from '../records/references';
import { calendarDate } from '../../db/calendar-date';
import { ContractEntity, ContractStatus } from './contracts.entity';
import { contractSpec } from './contracts.spec';
import { insertSuccessor } from './renewals.successor';
import { ExpiringContractsArgs, MAX_WITHIN_DAYS, RenewContractInput, RenewContractPayload } from './renewals.types';

/** Statuses a contract can be renewed from: running, or already expired (a late renewal). */
const RENEWABLE: readonly ContractStatus[] = ['ACTIVATED', 'EXPIRED'];

const notFound = () => failure<RenewContractPayload>(userError(['input', 'id'], 'Contract not found', UserErrorCode.NOT_FOUND));

export function renewContract(ctx: RequestContext, input: RenewContractInput): Promise<RenewContractPayload> {
  return runMutation<RenewContractPayload>(ctx, input, async (db) => {
    const target = inputRecordId(input.id, 'Contract');
    if (target.error) return failure(target.error);
    const uplift = checkRange(input.upliftPercent, ['input', 'upliftPercent'], 'upliftPercent', PERCENT);
    if (uplift) return failure(uplift);
    // Renewing needs the predecessor within the caller's record scope (out of it, it does not exist).
    if (!(await withinScope(ctx, db, contractSpec, target.uuid))) return notFound();
    // Locked: two renewals of one contract (or a renewal and the scheduler) take turns.
    const predecessor = await queryOne<{ number: string; status: ContractStatus; version: number; startDate: string }>(
      db,
      `SELECT number, status, version, start_date::text AS "startDate" FROM contracts WHERE id = $1 AND deleted_at IS NULL FOR UPDATE`,
      [target.uuid],
    );
    if (!predecessor) return notFound();
    const stale = staleVersion('Contract', input.expectedVersion, predecessor.version);
    if (stale) return failure(stale);
    const successor = await queryOne<{ number: string }>(db, 'SELECT number FROM contracts WHERE predecessor_id = $1 AND deleted_at IS NULL', [target.uuid]);
    if (successor) return failure(userError(['input', 'id'], `Contract ${predecessor.number} is already renewed by ${successor.number}`, UserErrorCode.DUPLICATE));
    if (!RENEWABLE.includes(predecessor.status)) {
      return failure(userError(['input', 'id'], `A ${predecessor.status} contract cannot be renewed; only ACTIVATED or EXPIRED ones can`, UserErrorCode.INVALID_STATE));
    }
    if (input.startDate && input.startDate <= predecessor.startDate) {
      return failure(userError(['input', 'startDate'], `The renewal must start after the contract it renews (${predecessor.startDate})`, UserErrorCode.OUT_OF_RANGE));
    }
    await reserveRecords(ctx, db, 1);
    const created = await insertSuccessor(db, target.uuid, input, auditActor(ctx.principal), `Renewal of ${predecessor.number}`);
    if (created.error) return failure(created.error);
    const [contract] = await loadRecords(db, contractSpec, [created.id]);
    return { contract, userErrors: [] };
  });
}

/**
 * The contract list as expiringContracts reads it: activated, ending within the look-ahead,
 * soonest first. The look-ahead is a filter only this list builds, so the client cannot send it.
 */
const expiringSpec: RecordSpec<ContractEntity> = {
  ...contractSpec,
  requestFilters: undefined,
  sortKeys: {
    ...contractSpec.sortKeys,
    // As ISO text (same order as the date): cursors carry no date type.
    END_DATE: { name: 'endDate', expression: `${contractSpec.alias}.end_date::text`, nullable: false, sqlType: 'text', value: (row) => calendarDate(row.endDate) },
  },
  defaultOrder: [{ field: 'END_DATE', direction: 'ASC' }],
  filters: {
    ...contractSpec.filters,
    expiringWithin: {
      expression: `${contractSpec.alias}.end_date`,
      kind: 'custom',
      build: (window, params) => {
        const { today, days } = window as { today: string; days: number };
        const from = `${params.add(today)}::date`;
        return [`${contractSpec.alias}.status = 'ACTIVATED'`, `${contractSpec.alias}.end_date BETWEEN ${from} AND ${from} + ${params.add(days)}::int`];
      },
    },
  },
};

/** Activated contracts ending between today and today + withinDays, soonest first, within the caller's record scope. */
export async function expiringContracts(ctx: RequestContext, args: ExpiringContractsArgs): Promise<ConnectionValue<ContractEntity>> {
  const { withinDays, ...page } = args;
  if (!Number.isInteger(withinDays) || withinDays < 1 || withinDays > MAX_WITHIN_DAYS) {
    throw badInput(`withinDays must be between 1 and ${MAX_WITHIN_DAYS}, got ${withinDays}`, { argument: 'withinDays' });
  }
  // Today in the workspace's time zone (a provisioned zone applies until the workspace sets its own).
  const today = await workspaceToday(ctx, await tenantDb(ctx));
  return listRecords(ctx, expiringSpec, { ...page, where: { expiringWithin: { today, days: withinDays } } });
}
