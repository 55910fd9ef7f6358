import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Resellers, plans as data, the tenant lifecycle (suspension, scheduled deletion, tombstones),
 * daily usage and the audit trail of every control-plane change.
 */
export class ResellersPlansLifecycle0002 implements MigrationInterface {
  name = '0002-resellers-plans-lifecycle';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE control.plans (
        code                text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9-]{1,39}$'),
        name                text NOT NULL,
        seat_limit          integer NOT NULL CHECK (seat_limit >= 1),
        record_limit        integer NOT NULL CHECK (record_limit >= 0),
        api_budget_per_day  integer CHECK (api_budget_per_day >= 0),
        features            text[] NOT NULL DEFAULT '{}',
        created_at          timestamptz(3) NOT NULL DEFAULT now(),
        updated_at          timestamptz(3) NOT NULL DEFAULT now()
      );
      INSERT INTO control.plans (code, name, seat_limit, record_limit, api_budget_per_day, features) VALUES
        ('starter', 'Starter', 5, 10000, 100000, '{}'),
        ('professional', 'Professional', 50, 250000, 1000000, '{field_service}'),
        ('enterprise', 'Enterprise', 1000, 5000000, NULL, '{field_service,analytics}');

      CREATE TABLE control.resellers (
        id         uuid PRIMARY KEY,
        code       text NOT NULL UNIQUE CHECK (code ~ '^[a-z][a-z0-9-]{1,39}$'),
        name       text NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now()
      );

      ALTER TABLE control.tenants
        DROP CONSTRAINT tenants_status_check,
        ADD CONSTRAINT tenants_status_check CHECK (status IN ('active', 'suspended', 'pending_deletion', 'deleted')),
        ADD COLUMN reseller_id uuid REFERENCES control.resellers (id),
        ADD COLUMN plan_code text NOT NULL DEFAULT 'starter' REFERENCES control.plans (code),
        ADD COLUMN seats integer NOT NULL DEFAULT 5 CHECK (seats >= 1),
        ADD COLUMN seats_used integer NOT NULL DEFAULT 0 CHECK (seats_used >= 0),
        ADD COLUMN settings jsonb NOT NULL DEFAULT '{}',
        -- Status to return to when a scheduled deletion is cancelled.
        ADD COLUMN status_before_deletion text,
        ADD COLUMN purge_after timestamptz(3),
        ADD COLUMN purged_at timestamptz(3),
        ADD CONSTRAINT tenants_purge_check CHECK ((status = 'pending_deletion') = (purge_after IS NOT NULL));
      ALTER TABLE control.tenants ALTER COLUMN plan_code DROP DEFAULT, ALTER COLUMN seats DROP DEFAULT;
      CREATE INDEX tenants_reseller_idx ON control.tenants (reseller_id, id);
      CREATE INDEX tenants_purge_idx ON control.tenants (purge_after) WHERE status = 'pending_deletion';

      ALTER TABLE control.api_keys
        ADD COLUMN reseller_id uuid REFERENCES control.resellers (id),
        ADD CONSTRAINT api_keys_reseller_check CHECK ((kind = 'reseller') = (reseller_id IS NOT NULL));

      CREATE TABLE control.usage_daily (
        tenant_id     uuid NOT NULL REFERENCES control.tenants (id),
        day           date NOT NULL,
        api_requests  bigint NOT NULL DEFAULT 0,
        cost_points   bigint NOT NULL DEFAULT 0,
        record_count  bigint,
        storage_bytes bigint,
        PRIMARY KEY (tenant_id, day)
      );

      CREATE TABLE control.audit_log (
        id          uuid PRIMARY KEY,
        at          timestamptz(3) NOT NULL DEFAULT now(),
        actor_kind  text NOT NULL,
        actor_id    text NOT NULL,
        action      text NOT NULL,
        tenant_id   uuid REFERENCES control.tenants (id),
        reseller_id uuid REFERENCES control.resellers (id),
        before      jsonb,
        after       jsonb
      );
      CREATE INDEX audit_log_at_idx ON control.audit_log (at, id);
      CREATE INDEX audit_log_tenant_idx ON control.audit_log (tenant_id, at) WHERE tenant_id IS NOT NULL;
      CREATE INDEX audit_log_reseller_idx ON control.audit_log (reseller_id, at) WHERE reseller_id IS NOT NULL;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE control.audit_log, control.usage_daily;
      ALTER TABLE control.api_keys DROP COLUMN reseller_id;
      ALTER TABLE control.tenants DROP COLUMN reseller_id, DROP COLUMN plan_code, DROP COLUMN seats, DROP COLUMN seats_used,
        DROP COLUMN settings, DROP COLUMN status_before_deletion, DROP COLUMN purge_after, DROP COLUMN purged_at;
      DROP TABLE control.resellers, control.plans;`);
  }
}
