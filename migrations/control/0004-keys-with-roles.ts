import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Workspace keys carry a role of the workspace's role model (built-in or custom, by key) and may
 * act for a user (record scope "own"/"team" is that user's; deactivating the user revokes the key).
 * Failed sign-ins are counted here, shared by every app instance.
 */
export class KeysWithRoles0004 implements MigrationInterface {
  name = '0004-keys-with-roles';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      -- The old check listed the two roles; its generated name is found by its definition.
      DO $$
      DECLARE old_check text;
      BEGIN
        SELECT conname INTO old_check FROM pg_constraint
         WHERE conrelid = 'control.api_keys'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%member%';
        IF old_check IS NOT NULL THEN EXECUTE format('ALTER TABLE control.api_keys DROP CONSTRAINT %I', old_check); END IF;
      END $$;
      -- "member" keys could use every CRM object without administering: the service agent is closest.
      UPDATE control.api_keys SET role = 'service_agent' WHERE role = 'member';
      ALTER TABLE control.api_keys
        ADD COLUMN user_id uuid,
        ADD CONSTRAINT api_keys_tenant_role CHECK (kind <> 'tenant' OR role ~ '^[a-z][a-z0-9_]{1,39}$'),
        ADD CONSTRAINT api_keys_user_tenant CHECK (user_id IS NULL OR kind = 'tenant');
      CREATE INDEX api_keys_user_idx ON control.api_keys (tenant_id, user_id) WHERE user_id IS NOT NULL AND revoked_at IS NULL;

      CREATE TABLE control.sign_in_failures (
        key          text PRIMARY KEY,
        failures     integer NOT NULL,
        first_at     timestamptz(3) NOT NULL,
        blocked_until timestamptz(3)
      );
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP TABLE control.sign_in_failures;
      DROP INDEX control.api_keys_user_idx;
      ALTER TABLE control.api_keys DROP CONSTRAINT api_keys_user_tenant, DROP CONSTRAINT api_keys_tenant_role, DROP COLUMN user_id;
      UPDATE control.api_keys SET role = 'member' WHERE role NOT IN ('admin');
      ALTER TABLE control.api_keys ADD CONSTRAINT api_keys_role_check CHECK (kind <> 'tenant' OR role IN ('admin', 'member'));
    `);
  }
}
