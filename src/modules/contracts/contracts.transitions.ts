/**
 * Status changes a user asks for: submit, approve, reject, terminate. Each locks the contract
 * before reading its status (concurrent transitions take turns), refuses with INVALID_STATE what
 * the status machine (contracts.status.ts) does not allow, and records the change.
 */
import { QueryRunner } from 'typeorm';
import { queryOne } from '../../db/sql';
import { Payload, UserError, UserErrorCode, userError } from '../../graphql/user-errors';
import { auditActor } from '../../tenancy/principal';
import { RequestContext } from '../../tenancy/request-context';
import { workspaceToday } from '../configuration';
import { micros } from '../products/decimals';
import { loadRecords } from '../records/record-lists';
import { writeRecordMutation } from '../records/record-mutations';
import { ContractEntity, ContractStatus } from './contracts.entity';
import { activateContract } from './contracts.activation';
import { hasLineItems } from './contracts.line-items';
import { contractSpec } from './contracts.spec';
import { canTransition, recordStatusChanges } from './contracts.status';
import {
  ApproveContractInput,
  ApproveContractPayload,
  RejectContractInput,
  RejectContractPayload,
  SubmitContractForApprovalInput,
  SubmitContractForApprovalPayload,
  TerminateContractInput,
  TerminateContractPayload,
} from './contracts.types';
import { lockedContract } from './contracts.writes';

interface TransitionInput {
  id: string;
  expectedVersion?: number | null;
  reason?: string | null;
}

interface Transition {
  /** What the user asked, for the refusal message ("approved"). */
  verb: string;
  to: ContractStatus;
  /** Checks beyond the status machine, on the locked row. */
  check?: (db: QueryRunner, contract: ContractEntity) => Promise<UserError | null>;
  /** The write; the default sets the status and records the change. */
  apply?: (db: QueryRunner, contract: ContractEntity) => Promise<void>;
}

/** The refusal of a transition the status machine does not allow. */
export const refusedTransition = (from: ContractStatus, to: ContractStatus, verb: string): UserError =>
  userError(['input', 'id'], `A ${from} contract cannot be ${verb} (${from} → ${to} is not allowed)`, UserErrorCode.INVALID_STATE);

function transition<P extends Payload>(ctx: RequestContext, input: TransitionInput, t: Transition): Promise<P> {
  return writeRecordMutation<ContractEntity, P>(ctx, contractSpec, 'contract', input, async (db, id) => {
    const locked = await lockedContract(db, id, input.expectedVersion);
    if (locked.error) return { userErrors: [locked.error] };
    const current = locked.row;
    if (!canTransition(current.status, t.to)) return { userErrors: [refusedTransition(current.status, t.to, t.verb)] };
    const problem = await t.check?.(db, current);
    if (problem) return { userErrors: [problem] };
    if (t.apply) await t.apply(db, current);
    else {
      await db.query('UPDATE contracts SET status = $2, version = version + 1, updated_at = now() WHERE id = $1', [id, t.to]);
      await recordStatusChanges(db, [{ contractId: id, from: current.status, to: t.to, reason: input.reason, actor: auditActor(ctx.principal) }]);
    }
    return { row: (await loadRecords(db, contractSpec, [id]))[0]! };
  });
}

/** A contract goes to approval with something to approve: a value or line items. */
async function readyForApproval(db: QueryRunner, contract: ContractEntity): Promise<UserError | null> {
  if (micros(contract.value) > 0n || (await hasLineItems(db, contract.id))) return null;
  return userError(['input', 'id'], 'The contract has neither a value nor line items: give it one before submitting it', UserErrorCode.INVALID);
}

export function submitContractForApproval(ctx: RequestContext, input: SubmitContractForApprovalInput): Promise<SubmitContractForApprovalPayload> {
  return transition(ctx, input, { verb: 'submitted for approval', to: 'IN_APPROVAL', check: readyForApproval });
}

export function approveContract(ctx: RequestContext, input: ApproveContractInput): Promise<ApproveContractPayload> {
  return transition(ctx, input, {
    verb: 'approved',
    to: 'ACTIVATED',
    apply: async (db, contract) => {
      await activateContract(db, contract.id, contract.status, auditActor(ctx.principal), input.reason ?? null);
    },
  });
}

export function rejectContract(ctx: RequestContext, input: RejectContractInput): Promise<RejectContractPayload> {
  return transition(ctx, input, { verb: 'rejected', to: 'DRAFT' });
}

export function terminateContract(ctx: RequestContext, input: TerminateContractInput): Promise<TerminateContractPayload> {
  // The check settles the date (today by default) that the write then uses.
  let effective = '';
  return transition(ctx, input, {
    verb: 'terminated',
    to: 'TERMINATED',
    check: async (db, contract) => {
      effective = input.effectiveDate ?? (await workspaceToday(ctx, db));
      // Compared in SQL: the stored dates are dates, the input ISO text.
      const range = (await queryOne<{ inside: boolean; start: string; end: string }>(
        db,
        'SELECT $2::date BETWEEN start_date AND end_date AS inside, start_date::text AS start, end_date::text AS end FROM contracts WHERE id = $1',
        [contract.id, effective],
      ))!;
      if (range.inside) return null;
      return userError(['input', 'effectiveDate'], `The termination date ${effective} must be between the contract’s start (${range.start}) and end (${range.end})`, UserErrorCode.OUT_OF_RANGE);
    },
    apply: async (db, contract) => {
      await db.query(
        `UPDATE contracts SET status = 'TERMINATED', terminated_at = now(), termination_reason = $2, end_date = $3, version = version + 1, updated_at = now() WHERE id = $1`,
        [contract.id, input.reason, effective],
      );
      await recordStatusChanges(db, [{ contractId: contract.id, from: contract.status, to: 'TERMINATED', reason: input.reason, actor: auditActor(ctx.principal) }]);
    },
  });
}
