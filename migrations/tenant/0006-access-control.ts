import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Access control inside a workspace: custom roles (built-in roles live in code, so that a module
 * added later extends them without a data migration), users with a role, status and password,
 * single-use invitations, refresh-token sessions, and an owner on contacts for record scope.
 */
export class AccessControl0006 implements MigrationInterface {
  name = '0006-access-control';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE roles (
        key                   text PRIMARY KEY CHECK (key ~ '^[a-z][a-z0-9_]{1,39}$'),
        name                  text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        description           text CHECK (length(description) <= 1000),
        administers_workspace boolean NOT NULL DEFAULT false,
        grants                jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(grants) = 'object'),
        version               integer NOT NULL DEFAULT 1,
        created_at            timestamptz(3) NOT NULL DEFAULT now(),
        updated_at            timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX roles_name_key ON roles (lower(name));

      -- Users existing before roles were the owners of records; they keep working as sales reps.
      -- A user added without a role later gets the narrowest built-in one.
      ALTER TABLE users
        ADD COLUMN role_key text NOT NULL DEFAULT 'sales_rep',
        ADD COLUMN status text NOT NULL DEFAULT 'active' CHECK (status IN ('invited', 'active', 'deactivated')),
        ADD COLUMN password_hash text,
        ADD COLUMN password_changed_at timestamptz(3),
        ADD COLUMN last_login_at timestamptz(3),
        ADD COLUMN deactivated_at timestamptz(3);
      UPDATE users SET status = 'deactivated', deactivated_at = now() WHERE NOT active;
      ALTER TABLE users DROP COLUMN active;
      ALTER TABLE users ADD COLUMN active boolean GENERATED ALWAYS AS (status = 'active') STORED;
      ALTER TABLE users ALTER COLUMN role_key SET DEFAULT 'read_only';
      CREATE INDEX users_role_idx ON users (role_key);
      CREATE INDEX users_order_idx ON users (name, id);

      -- Single-use tokens that set a password: invitations and admin-issued password resets.
      CREATE TABLE user_invitations (
        id          uuid PRIMARY KEY,
        user_id     uuid NOT NULL REFERENCES users (id),
        purpose     text NOT NULL DEFAULT 'invitation' CHECK (purpose IN ('invitation', 'password_reset')),
        token_hash  bytea NOT NULL,
        invited_by  text NOT NULL,
        created_at  timestamptz(3) NOT NULL DEFAULT now(),
        expires_at  timestamptz(3) NOT NULL,
        accepted_at timestamptz(3),
        revoked_at  timestamptz(3)
      );
      CREATE INDEX user_invitations_user_idx ON user_invitations (user_id);

      CREATE TABLE user_sessions (
        id             uuid PRIMARY KEY,
        user_id        uuid NOT NULL REFERENCES users (id),
        refresh_hash   bytea NOT NULL,
        created_at     timestamptz(3) NOT NULL DEFAULT now(),
        refreshed_at   timestamptz(3),
        expires_at     timestamptz(3) NOT NULL,
        revoked_at     timestamptz(3),
        revoked_reason text,
        client_address text,
        user_agent     text
      );
      CREATE INDEX user_sessions_user_idx ON user_sessions (user_id) WHERE revoked_at IS NULL;

      ALTER TABLE contacts ADD COLUMN owner_id uuid REFERENCES users (id);
      UPDATE contacts c SET owner_id = a.owner_id FROM accounts a WHERE a.id = c.account_id;
      CREATE INDEX contacts_owner_idx ON contacts (owner_id) WHERE deleted_at IS NULL;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP INDEX contacts_owner_idx; ALTER TABLE contacts DROP COLUMN owner_id;
      DROP TABLE user_sessions; DROP TABLE user_invitations;
      ALTER TABLE users DROP COLUMN active;
      ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true;
      UPDATE users SET active = (status = 'active');
      ALTER TABLE users DROP COLUMN role_key, DROP COLUMN status, DROP COLUMN password_hash, DROP COLUMN password_changed_at,
        DROP COLUMN last_login_at, DROP COLUMN deactivated_at;
      DROP TABLE roles;
    `);
  }
}
