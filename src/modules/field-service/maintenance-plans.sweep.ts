/**
 * The maintenance scheduler, run by every app instance's periodic jobs next to the contract
 * scheduler and paced the same way: in each workspace due, the work orders of every active plan
 * are generated up to its horizon (see maintenance-plans.generate.ts), in one transaction as the
 * workspace's role, with the scheduler as actor.
 *
 * Safe with several instances: a workspace is claimed for the run (control.tenant_job_runs), and
 * should two runs of one workspace still overlap, the unique index on (plan, date) lets each
 * occurrence be created once. Idempotent: a second run finds nothing missing.
 */
import { DataSource } from 'typeorm';
import { Logger, defaultLogger, errorFields } from '../../ops/logger';
import { DueTenant, JobPace, claimDueTenants } from '../../platform/tenant-jobs';
import { OperationTransaction } from '../../tenancy/operation-transaction';
import { tenantMigrations } from '../../../migrations/tenant';
import { provisionedWorkspaceToday } from '../configuration';
import { MAINTENANCE_SCHEDULER, generateMaintenanceWorkOrders } from './maintenance-plans.generate';

/**
 * Hourly, like the contract scheduler: "today" turns at some workspace's midnight every hour, and
 * a little under an hour so that the hourly tick of the periodic jobs always finds the workspace due.
 */
export const MAINTENANCE_SWEEP: JobPace = {
  job: 'maintenance.generate',
  every: '55 minutes',
  minSchemaVersion: tenantMigrations.findIndex((m) => m.name === '0010-field-service') + 1,
  limit: 50,
};

const SWEEP_STATEMENT_TIMEOUT_MS = 60_000;

export interface MaintenanceSweepResult {
  slug: string;
  /** Work orders generated in the workspace by this run. */
  created: number;
}

/** Runs the scheduler in the workspaces due (or, with `tenantIds`, those of them that are due). A failing workspace is logged and skipped. */
export async function sweepMaintenancePlans(dataSource: DataSource, log: Logger = defaultLogger(), tenantIds: string[] | null = null): Promise<MaintenanceSweepResult[]> {
  const results: MaintenanceSweepResult[] = [];
  for (const tenant of await claimDueTenants(dataSource, MAINTENANCE_SWEEP, tenantIds)) {
    try {
      results.push({ slug: tenant.slug, created: await sweepTenantMaintenancePlans(dataSource, tenant, log) });
    } catch (error) {
      log.error({ err: errorFields(error), tenant: tenant.slug }, 'maintenance plan sweep failed');
    }
  }
  return results;
}

/** One workspace's run, in one transaction as the workspace's role (whatever its pacing says); returns how many orders it created. */
export async function sweepTenantMaintenancePlans(dataSource: DataSource, tenant: DueTenant, log: Logger = defaultLogger()): Promise<number> {
  const tx = new OperationTransaction(dataSource, tenant, SWEEP_STATEMENT_TIMEOUT_MS, log);
  tx.readOnly = false;
  try {
    const db = await tx.connection();
    const created = await generateMaintenanceWorkOrders(db, await provisionedWorkspaceToday(db, tenant), MAINTENANCE_SCHEDULER);
    await tx.finish();
    return created;
  } catch (error) {
    await tx.rollback().catch(() => undefined);
    throw error;
  }
}
