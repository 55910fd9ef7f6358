/**
 * Activating a contract, for an approver and for the scheduler's automatic renewal alike: the
 * status becomes ACTIVATED, the terms as activated are kept as version 1, and a renewal's
 * predecessor that is still running becomes RENEWED, linked to its successor both ways.
 */
import { QueryRunner } from 'typeorm';
import { queryOne } from '../../db/sql';
import { ContractStatus } from './contracts.entity';
import { recordStatusChanges } from './contracts.status';
import { TermsActor, recordTermsVersions } from './contracts.versions';

/**
 * Activates a contract the caller has locked and checked (its status allows it). Returns the id of
 * the predecessor it renewed, if any.
 */
export async function activateContract(db: QueryRunner, contractId: string, from: ContractStatus, actor: TermsActor, reason: string | null = null): Promise<string | null> {
  const activated = await queryOne<{ predecessorId: string | null }>(
    db,
    `UPDATE contracts SET status = 'ACTIVATED', activated_at = now(), version = version + 1, updated_at = now()
      WHERE id = $1 RETURNING predecessor_id AS "predecessorId"`,
    [contractId],
  );
  await recordTermsVersions(db, [contractId], actor, reason);
  const renewed = activated?.predecessorId
    ? await queryOne<{ id: string }>(
        db,
        `UPDATE contracts SET status = 'RENEWED', version = version + 1, updated_at = now()
          WHERE id = $1 AND status = 'ACTIVATED' AND deleted_at IS NULL RETURNING id`,
        [activated.predecessorId],
      )
    : null;
  await recordStatusChanges(db, [
    { contractId, from, to: 'ACTIVATED', reason, relatedContractId: activated?.predecessorId ?? null, actor },
    ...(renewed ? [{ contractId: renewed.id, from: 'ACTIVATED' as const, to: 'RENEWED' as const, reason: 'Renewal activated', relatedContractId: contractId, actor }] : []),
  ]);
  return renewed?.id ?? null;
}
