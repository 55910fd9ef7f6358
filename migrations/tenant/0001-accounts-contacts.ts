import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first CRM tables of a workspace. Runs inside the tenant's transaction with its search_path
 * and role, so names are unqualified and the tenant role owns what it creates.
 */
export class AccountsContacts0001 implements MigrationInterface {
  name = '0001-accounts-contacts';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE users (
        id         uuid PRIMARY KEY,
        email      text NOT NULL,
        name       text NOT NULL,
        active     boolean NOT NULL DEFAULT true,
        version    integer NOT NULL DEFAULT 1,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX users_email_key ON users (lower(email));

      CREATE TABLE accounts (
        id                      uuid PRIMARY KEY,
        name                    text NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
        domain                  text,
        industry                text,
        type                    text NOT NULL,
        lifecycle_stage         text NOT NULL,
        owner_id                uuid REFERENCES users (id),
        annual_revenue_amount   numeric CHECK (annual_revenue_amount >= 0),
        annual_revenue_currency char(3),
        employee_count          integer CHECK (employee_count >= 0),
        phone                   text,
        website                 text,
        billing_address         jsonb,
        shipping_address        jsonb,
        tags                    text[] NOT NULL DEFAULT '{}',
        version                 integer NOT NULL DEFAULT 1,
        created_at              timestamptz(3) NOT NULL DEFAULT now(),
        updated_at              timestamptz(3) NOT NULL DEFAULT now(),
        deleted_at              timestamptz(3),
        CHECK ((annual_revenue_amount IS NULL) = (annual_revenue_currency IS NULL))
      );
      CREATE INDEX accounts_name_idx ON accounts (name, id) WHERE deleted_at IS NULL;
      CREATE INDEX accounts_created_at_idx ON accounts (created_at, id) WHERE deleted_at IS NULL;
      CREATE INDEX accounts_domain_idx ON accounts (lower(domain)) WHERE deleted_at IS NULL;
      CREATE INDEX accounts_owner_idx ON accounts (owner_id) WHERE deleted_at IS NULL;
      CREATE INDEX accounts_tags_idx ON accounts USING gin (tags);
      CREATE INDEX accounts_deleted_idx ON accounts (deleted_at) WHERE deleted_at IS NOT NULL;

      CREATE TABLE contacts (
        id                uuid PRIMARY KEY,
        account_id        uuid REFERENCES accounts (id),
        first_name        text,
        last_name         text NOT NULL CHECK (length(last_name) BETWEEN 1 AND 255),
        email             text,
        additional_emails text[] NOT NULL DEFAULT '{}',
        phone             text,
        mobile_phone      text,
        job_title         text,
        preferred_channel text,
        do_not_contact    boolean NOT NULL DEFAULT false,
        do_not_email      boolean NOT NULL DEFAULT false,
        do_not_call       boolean NOT NULL DEFAULT false,
        do_not_mail       boolean NOT NULL DEFAULT false,
        mailing_address   jsonb,
        -- Set while the contact sits in the recycle bin because its account was deleted.
        deleted_with_account boolean NOT NULL DEFAULT false,
        version           integer NOT NULL DEFAULT 1,
        created_at        timestamptz(3) NOT NULL DEFAULT now(),
        updated_at        timestamptz(3) NOT NULL DEFAULT now(),
        deleted_at        timestamptz(3)
      );
      -- Serves both account.contacts (per-parent top-N) and the default contact order.
      CREATE INDEX contacts_account_name_idx ON contacts (account_id, last_name, first_name, id) WHERE deleted_at IS NULL;
      CREATE INDEX contacts_name_idx ON contacts (last_name, first_name, id) WHERE deleted_at IS NULL;
      CREATE INDEX contacts_email_idx ON contacts (lower(email)) WHERE deleted_at IS NULL;
      CREATE INDEX contacts_deleted_idx ON contacts (deleted_at) WHERE deleted_at IS NOT NULL;

      -- Deleting an account moves its live contacts to the recycle bin; restoring it brings back
      -- exactly those (not contacts deleted on their own before). In the database, so no code path can forget it.
      CREATE FUNCTION accounts_cascade_recycle_bin() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
      BEGIN
        IF NEW.deleted_at IS NOT NULL AND OLD.deleted_at IS NULL THEN
          UPDATE contacts SET deleted_at = NEW.deleted_at, deleted_with_account = true, version = version + 1, updated_at = now()
           WHERE account_id = NEW.id AND deleted_at IS NULL;
        ELSIF NEW.deleted_at IS NULL AND OLD.deleted_at IS NOT NULL THEN
          UPDATE contacts SET deleted_at = NULL, deleted_with_account = false, version = version + 1, updated_at = now()
           WHERE account_id = NEW.id AND deleted_with_account;
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER accounts_cascade_recycle_bin AFTER UPDATE OF deleted_at ON accounts
        FOR EACH ROW EXECUTE FUNCTION accounts_cascade_recycle_bin();

      -- Creates with an idempotency key remember their first result for retries.
      CREATE TABLE idempotency_keys (
        key          text PRIMARY KEY,
        operation    text NOT NULL,
        request_hash text NOT NULL,
        result_id    uuid,
        created_at   timestamptz(3) NOT NULL DEFAULT now()
      );
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE idempotency_keys; DROP TABLE contacts; DROP TABLE accounts; DROP TABLE users;');
  }
}
