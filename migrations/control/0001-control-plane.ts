import { MigrationInterface, QueryRunner } from 'typeorm';

/** The control plane: tenants and API keys. Tenant roles get no privilege on this schema. */
export class ControlPlane0001 implements MigrationInterface {
  name = '0001-control-plane';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      -- Only platform code reaches the control plane; tenant roles get nothing here.
      REVOKE ALL ON SCHEMA control FROM PUBLIC;

      CREATE TABLE control.tenants (
        id             uuid PRIMARY KEY,
        slug           text NOT NULL UNIQUE,
        name           text NOT NULL,
        schema_name    text NOT NULL UNIQUE CHECK (schema_name ~ '^t_[a-z0-9_]+$'),
        role_name      text NOT NULL UNIQUE CHECK (role_name ~ '^t_[a-z0-9_]+$'),
        status         text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended', 'deleted')),
        schema_version integer NOT NULL DEFAULT 0,
        created_at     timestamptz NOT NULL DEFAULT now(),
        updated_at     timestamptz NOT NULL DEFAULT now()
      );
      -- "Is any tenant behind?" is one index scan over this.
      CREATE INDEX tenants_schema_version_idx ON control.tenants (schema_version) WHERE status <> 'deleted';

      CREATE TABLE control.api_keys (
        id           text PRIMARY KEY,
        kind         text NOT NULL CHECK (kind IN ('platform', 'reseller', 'tenant')),
        tenant_id    uuid REFERENCES control.tenants (id),
        role         text,
        name         text NOT NULL,
        secret_hash  bytea NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        expires_at   timestamptz,
        revoked_at   timestamptz,
        CHECK ((kind = 'tenant') = (tenant_id IS NOT NULL)),
        CHECK (kind <> 'tenant' OR role IN ('admin', 'member'))
      );
      CREATE INDEX api_keys_tenant_idx ON control.api_keys (tenant_id) WHERE tenant_id IS NOT NULL;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE control.api_keys; DROP TABLE control.tenants;');
  }
}
