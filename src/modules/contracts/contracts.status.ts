/**
 * The contract status machine, in one place for every writer (users, renewals, the scheduler):
 * DRAFT → IN_APPROVAL → ACTIVATED → EXPIRED / TERMINATED / RENEWED. An approver may send a
 * contract in approval back to DRAFT. Anything else is refused; every change is recorded.
 */
import { QueryRunner } from 'typeorm';
import { uuidv7 } from '../../db/uuid';
import { ContractStatus } from './contracts.entity';

const TRANSITIONS: Record<ContractStatus, readonly ContractStatus[]> = {
  DRAFT: ['IN_APPROVAL'],
  IN_APPROVAL: ['ACTIVATED', 'DRAFT'],
  ACTIVATED: ['EXPIRED', 'TERMINATED', 'RENEWED'],
  EXPIRED: [],
  TERMINATED: [],
  RENEWED: [],
};

export const canTransition = (from: ContractStatus, to: ContractStatus): boolean => TRANSITIONS[from].includes(to);

/** Commercial terms (and line items, entitlements) can be edited directly only in these statuses. */
export const isEditable = (status: ContractStatus): boolean => status === 'DRAFT';

/** Statuses whose entitlements serve cases (a renewed contract still runs until its end date). */
export const SERVING_STATUSES: readonly ContractStatus[] = ['ACTIVATED', 'RENEWED'];

export interface StatusChange {
  contractId: string;
  from: ContractStatus | null;
  to: ContractStatus;
  reason?: string | null;
  relatedContractId?: string | null;
  actor: { type: string; id: string };
}

/** Appends status changes to the history, many in one statement. */
export async function recordStatusChanges(db: QueryRunner, changes: StatusChange[]): Promise<void> {
  if (changes.length === 0) return;
  await db.query(
    `INSERT INTO contract_status_history (id, contract_id, from_status, to_status, reason, related_contract_id, actor_kind, actor_id)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::uuid[], $7::text[], $8::text[])`,
    [
      changes.map(() => uuidv7()),
      changes.map((c) => c.contractId),
      changes.map((c) => c.from),
      changes.map((c) => c.to),
      changes.map((c) => c.reason ?? null),
      changes.map((c) => c.relatedContractId ?? null),
      changes.map((c) => c.actor.type),
      changes.map((c) => c.actor.id),
    ],
  );
}
