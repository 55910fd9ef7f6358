import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rate limiting by cost points: each plan has a token bucket (size, refill per second), and the
 * buckets themselves can live here so that every app instance drains the same one
 * (RATE_LIMIT_STORE=postgres).
 */
export class RateLimits0005 implements MigrationInterface {
  name = '0005-rate-limits';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE control.plans
        ADD COLUMN rate_limit_bucket_size integer NOT NULL DEFAULT 2000 CHECK (rate_limit_bucket_size >= 1),
        ADD COLUMN rate_limit_refill_per_second integer NOT NULL DEFAULT 100 CHECK (rate_limit_refill_per_second >= 1);
      -- A workspace's users and keys share its bucket: about 10 points per second per seat the plan allows.
      UPDATE control.plans SET rate_limit_bucket_size = 2000, rate_limit_refill_per_second = 100 WHERE code = 'starter';
      UPDATE control.plans SET rate_limit_bucket_size = 10000, rate_limit_refill_per_second = 500 WHERE code = 'professional';
      UPDATE control.plans SET rate_limit_bucket_size = 50000, rate_limit_refill_per_second = 2500 WHERE code = 'enterprise';

      -- One row per workspace that spent points: its tokens as of updated_at (refilled lazily, by
      -- the plan's rate, on the next take) and whether the last take was allowed (what the take's
      -- one INSERT … ON CONFLICT DO UPDATE … RETURNING reports).
      CREATE TABLE control.rate_limit_buckets (
        tenant_id  uuid PRIMARY KEY REFERENCES control.tenants (id) ON DELETE CASCADE,
        tokens     double precision NOT NULL,
        allowed    boolean NOT NULL,
        updated_at timestamptz NOT NULL
      );
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE control.rate_limit_buckets;
      ALTER TABLE control.plans DROP COLUMN rate_limit_bucket_size, DROP COLUMN rate_limit_refill_per_second;
    `);
  }
}
