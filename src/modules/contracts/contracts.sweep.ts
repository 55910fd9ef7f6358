/**
 * The contract scheduler, run by every app instance's periodic jobs: in each workspace, activated
 * contracts past their end date (a day in the workspace's time zone) expire, or are renewed when
 * they are flagged auto-renew (the successor is created and activated at once). Every change is
 * in the contracts' status history with the scheduler as actor.
 *
 * Safe with several instances: a workspace is claimed for the run (control.tenant_job_runs), and
 * within it every due contract is row-locked (SKIP LOCKED) and re-checked as it is changed, so a
 * contract is expired or renewed exactly once even if two runs of one workspace overlap.
 * Idempotent: a contract it changed is no longer ACTIVATED, so a second run finds nothing due.
 */
import { DataSource, QueryRunner } from 'typeorm';
import { queryRows } from '../../db/sql';
import { Logger, defaultLogger, errorFields } from '../../ops/logger';
import { DueTenant, JobPace, claimDueTenants } from '../../platform/tenant-jobs';
import { OperationTransaction } from '../../tenancy/operation-transaction';
import { tenantMigrations } from '../../../migrations/tenant';
import { provisionedWorkspaceToday } from '../configuration';
import { activateContract } from './contracts.activation';
import { StatusChange, recordStatusChanges } from './contracts.status';
import { insertSuccessor } from './renewals.successor';

export const CONTRACT_SCHEDULER = { type: 'system', id: 'contract-scheduler' } as const;

/**
 * Hourly: end dates are days in each workspace's own time zone, so some workspace's day turns at
 * every hour; a contract expires within about an hour after its last day ends. A little under an
 * hour, so that the periodic jobs' hourly tick (JOBS_INTERVAL_MS) finds the workspace due again
 * even when the previous claim happened later in its tick.
 */
export const CONTRACT_SWEEP: JobPace = {
  job: 'contracts.sweep',
  every: '55 minutes',
  minSchemaVersion: tenantMigrations.findIndex((m) => m.name === '0009-service') + 1,
  limit: 50,
};

/** Due contracts handled per round, and rounds per run (a long-unswept auto-renew chain needs one per period). */
const CONTRACTS_PER_ROUND = 200;
const MAX_ROUNDS = 100;
const SWEEP_STATEMENT_TIMEOUT_MS = 60_000;

export interface ContractSweepCounts {
  /** Contracts past their end that expired. */
  expired: number;
  /** Contracts renewed automatically (successor created and activated). */
  autoRenewed: number;
  /** Contracts past their end whose successor was already active, marked RENEWED. */
  renewed: number;
}

export interface ContractSweepResult extends ContractSweepCounts {
  slug: string;
}

interface DueContract {
  id: string;
  number: string;
  autoRenew: boolean;
  successorId: string | null;
  successorActivated: boolean;
}

/** Runs the scheduler in the workspaces due (or, with `tenantIds`, those of them that are due). A failing workspace is logged and skipped. */
export async function sweepContracts(dataSource: DataSource, log: Logger = defaultLogger(), tenantIds: string[] | null = null): Promise<ContractSweepResult[]> {
  const results: ContractSweepResult[] = [];
  for (const tenant of await claimDueTenants(dataSource, CONTRACT_SWEEP, tenantIds)) {
    try {
      results.push({ slug: tenant.slug, ...(await sweepTenantContracts(dataSource, tenant, log)) });
    } catch (error) {
      log.error({ err: errorFields(error), tenant: tenant.slug }, 'contract sweep failed');
    }
  }
  return results;
}

/** One workspace's run, in one transaction as the workspace's role (whatever its pacing says). */
export async function sweepTenantContracts(dataSource: DataSource, tenant: DueTenant, log: Logger = defaultLogger()): Promise<ContractSweepCounts> {
  const tx = new OperationTransaction(dataSource, tenant, SWEEP_STATEMENT_TIMEOUT_MS, log);
  tx.readOnly = false;
  try {
    const counts = await sweepWorkspace(await tx.connection(), log, tenant);
    await tx.finish();
    return counts;
  } catch (error) {
    await tx.rollback().catch(() => undefined);
    throw error;
  }
}

async function sweepWorkspace(db: QueryRunner, log: Logger, tenant: DueTenant): Promise<ContractSweepCounts> {
  // "Today" once per run, so that every round agrees on what is past its end.
  const today = await provisionedWorkspaceToday(db, tenant);
  const counts: ContractSweepCounts = { expired: 0, autoRenewed: 0, renewed: 0 };
  // An auto-renewed successor may itself be past its end already: the next round takes it.
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const due = await lockDueContracts(db, today);
    if (!due.length) return counts;
    counts.renewed += await closeContracts(db, due.filter((c) => c.successorActivated), 'RENEWED', 'Successor already active');
    // A renewal still in draft or approval at the end does not stop the expiry: it can still be
    // activated later (a late renewal), and auto-renewal would bypass that approval.
    counts.expired += await closeContracts(db, due.filter((c) => !c.successorActivated && (c.successorId || !c.autoRenew)), 'EXPIRED', 'End date passed');
    for (const contract of due.filter((c) => c.autoRenew && !c.successorId)) {
      await renewAutomatically(db, contract);
      counts.autoRenewed++;
    }
  }
  log.warn({ tenant: tenant.slug, rounds: MAX_ROUNDS }, 'contract sweep stopped with contracts still due; the next run continues');
  return counts;
}

/**
 * Activated contracts past their end, locked for this run: those another run holds are skipped
 * (it handles them), and each comes with its live successor, if any.
 */
function lockDueContracts(db: QueryRunner, today: string): Promise<DueContract[]> {
  return queryRows<DueContract>(
    db,
    `SELECT c.id, c.number, c.auto_renew AS "autoRenew", s.id AS "successorId", coalesce(s.activated_at IS NOT NULL, false) AS "successorActivated"
       FROM contracts c LEFT JOIN contracts s ON s.predecessor_id = c.id AND s.deleted_at IS NULL
      WHERE c.status = 'ACTIVATED' AND c.deleted_at IS NULL AND c.end_date < $1::date
      ORDER BY c.end_date, c.id LIMIT $2
      FOR UPDATE OF c SKIP LOCKED`,
    [today, CONTRACTS_PER_ROUND],
  );
}

/** Moves locked ACTIVATED contracts to EXPIRED or RENEWED, recorded; returns how many. */
async function closeContracts(db: QueryRunner, contracts: DueContract[], to: 'EXPIRED' | 'RENEWED', reason: string): Promise<number> {
  if (!contracts.length) return 0;
  const changed = await queryRows<{ id: string }>(
    db,
    `UPDATE contracts SET status = $2, version = version + 1, updated_at = now() WHERE id = ANY($1::uuid[]) AND status = 'ACTIVATED' RETURNING id`,
    [contracts.map((c) => c.id), to],
  );
  const successors = new Map(contracts.map((c) => [c.id, c.successorId]));
  await recordStatusChanges(
    db,
    changed.map(({ id }): StatusChange => ({ contractId: id, from: 'ACTIVATED', to, reason, relatedContractId: to === 'RENEWED' ? successors.get(id) : null, actor: CONTRACT_SCHEDULER })),
  );
  return changed.length;
}

/** Creates the successor as renewContract would (same prices) and activates it, which marks the contract RENEWED. */
async function renewAutomatically(db: QueryRunner, contract: DueContract): Promise<void> {
  const successor = await insertSuccessor(db, contract.id, {}, CONTRACT_SCHEDULER, `Automatic renewal of ${contract.number}`);
  if (successor.error) throw new Error(`Automatic renewal of ${contract.number} failed: ${successor.error.message}`);
  await activateContract(db, successor.id, 'DRAFT', CONTRACT_SCHEDULER, 'Automatic renewal');
}
