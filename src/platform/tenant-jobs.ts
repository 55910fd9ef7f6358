/**
 * Pacing of the modules' periodic per-workspace jobs (control.tenant_job_runs): which workspaces
 * are due for a job, claimed so that several app instances never run the same job for the same
 * workspace at once. A claim moves the workspace's `last_run_at` to now before the job runs; a
 * run that fails is retried once the interval has passed again.
 */
import { DataSource } from 'typeorm';
import { queryRows } from '../db/sql';

export interface DueTenant {
  id: string;
  slug: string;
  name: string;
  schemaName: string;
  roleName: string;
  /** Settings given at provisioning (they apply until the workspace changes its own). */
  settings: Record<string, unknown> | null;
}

export interface JobPace {
  /** The job's name in control.tenant_job_runs, e.g. "contracts.sweep". */
  job: string;
  /** How long after its last run a workspace is due again, as a PostgreSQL interval ("1 hour"). */
  every: string;
  /** The tenant schema version from which a workspace has the tables the job works on. */
  minSchemaVersion: number;
  /** Workspaces claimed per call; the rest follow on the next call, longest-waiting first. */
  limit: number;
}

/**
 * Claims the workspaces due for the job (or, with `tenantIds`, those of them that are due). Live
 * workspaces only: a suspended one keeps its obligations running, one pending deletion does not.
 */
export async function claimDueTenants(dataSource: DataSource, pace: JobPace, tenantIds: string[] | null = null): Promise<DueTenant[]> {
  // Registers workspaces new to the job as never run. A concurrent registration of the same
  // workspace waits for ours and then does nothing.
  await dataSource.query(
    `INSERT INTO control.tenant_job_runs (tenant_id, job)
     SELECT t.id, $1 FROM control.tenants t
      WHERE t.status IN ('active', 'suspended') AND t.schema_version >= $2 AND ($3::uuid[] IS NULL OR t.id = ANY($3::uuid[]))
        AND NOT EXISTS (SELECT 1 FROM control.tenant_job_runs r WHERE r.tenant_id = t.id AND r.job = $1)
     ON CONFLICT (tenant_id, job) DO NOTHING`,
    [pace.job, pace.minSchemaVersion, tenantIds],
  );
  // Another instance's claim in progress is skipped (SKIP LOCKED); one committed meanwhile is
  // re-checked against the due condition on the updated row, so it is not claimed twice.
  return queryRows<DueTenant>(
    dataSource,
    `UPDATE control.tenant_job_runs r SET last_run_at = now()
       FROM control.tenants t
      WHERE t.id = r.tenant_id AND r.job = $1
        AND r.tenant_id IN (
          SELECT due.tenant_id FROM control.tenant_job_runs due JOIN control.tenants dt ON dt.id = due.tenant_id
           WHERE due.job = $1 AND (due.last_run_at IS NULL OR due.last_run_at < now() - $2::interval)
             AND dt.status IN ('active', 'suspended') AND dt.schema_version >= $3 AND ($5::uuid[] IS NULL OR due.tenant_id = ANY($5::uuid[]))
           ORDER BY due.last_run_at NULLS FIRST, due.tenant_id LIMIT $4
           FOR UPDATE OF due SKIP LOCKED)
      RETURNING t.id, t.slug, t.name, t.schema_name AS "schemaName", t.role_name AS "roleName", t.settings`,
    [pace.job, pace.every, pace.minSchemaVersion, pace.limit, tenantIds],
  );
}
