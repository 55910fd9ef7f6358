import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The daily privacy sweep is paced like every other periodic job, in control.tenant_job_runs
 * (job "privacy.sweep"), instead of its own column on control.tenants: one way to see and reset
 * when a job last ran for a workspace. The last sweep of each workspace carries over, so the
 * upgrade does not sweep everything again at once.
 */
export class PrivacySweepPacing0009 implements MigrationInterface {
  name = '0009-privacy-sweep-pacing';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      INSERT INTO control.tenant_job_runs (tenant_id, job, last_run_at)
      SELECT id, 'privacy.sweep', privacy_swept_at FROM control.tenants WHERE privacy_swept_at IS NOT NULL
      ON CONFLICT (tenant_id, job) DO UPDATE SET last_run_at = EXCLUDED.last_run_at;
      ALTER TABLE control.tenants DROP COLUMN privacy_swept_at;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE control.tenants ADD COLUMN privacy_swept_at timestamptz;
      UPDATE control.tenants t SET privacy_swept_at = r.last_run_at
        FROM control.tenant_job_runs r WHERE r.tenant_id = t.id AND r.job = 'privacy.sweep';
      DELETE FROM control.tenant_job_runs WHERE job = 'privacy.sweep';
    `);
  }
}
