import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Encryption at rest: each workspace's data key, wrapped (AES-256-GCM) by a master key from
 * configuration, named by `master_key_id` so rotation can re-wrap it. Destroying a key (tenant
 * purge, or on request) clears it for good: what it sealed can no longer be read, in the live
 * schema or in any backup of it. `privacy_swept_at` paces the daily retention sweep per workspace.
 */
export class DataKeys0006 implements MigrationInterface {
  name = '0006-data-keys';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE control.tenant_data_keys (
        tenant_id     uuid PRIMARY KEY REFERENCES control.tenants (id) ON DELETE CASCADE,
        wrapped_key   bytea,
        master_key_id text,
        created_at    timestamptz NOT NULL DEFAULT now(),
        rewrapped_at  timestamptz,
        destroyed_at  timestamptz,
        CHECK ((wrapped_key IS NULL) = (destroyed_at IS NOT NULL)),
        CHECK ((wrapped_key IS NULL) = (master_key_id IS NULL))
      );
      ALTER TABLE control.tenants ADD COLUMN privacy_swept_at timestamptz;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE control.tenant_data_keys; ALTER TABLE control.tenants DROP COLUMN privacy_swept_at;');
  }
}
