import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pacing of the modules' periodic per-workspace jobs (the contract scheduler, …): when each job
 * last ran for each workspace. App instances claim a workspace for a job by moving `last_run_at`
 * forward under a row lock (SKIP LOCKED), so two instances never run the same job for the same
 * workspace at once. A NULL `last_run_at` is a workspace registered for the job but never run.
 */
export class TenantJobRuns0007 implements MigrationInterface {
  name = '0007-tenant-job-runs';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE control.tenant_job_runs (
        tenant_id   uuid NOT NULL REFERENCES control.tenants (id) ON DELETE CASCADE,
        job         text NOT NULL CHECK (job ~ '^[a-z][a-z0-9_.-]{0,62}$'),
        last_run_at timestamptz,
        PRIMARY KEY (tenant_id, job)
      );
      CREATE INDEX tenant_job_runs_due_idx ON control.tenant_job_runs (job, last_run_at NULLS FIRST);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE control.tenant_job_runs');
  }
}
