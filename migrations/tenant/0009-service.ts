import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * After-sales service: contracts (numbered, versioned by amendment, with line items and a status
 * history), the entitlements they grant, the workspace's business-hours calendar that service
 * levels are measured in, and service cases with their SLA due times.
 */
export class Service0009 implements MigrationInterface {
  name = '0009-service';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      -- The workspace's service calendar, read in workspace_settings.time_zone: opening hours per ISO
      -- weekday (1 = Monday … 7 = Sunday; a weekday without a row is closed) and holidays.
      CREATE TABLE workspace_business_hours (
        weekday   smallint PRIMARY KEY CHECK (weekday BETWEEN 1 AND 7),
        opens_at  time(0) NOT NULL,
        closes_at time(0) NOT NULL,
        CHECK (closes_at > opens_at)
      );
      INSERT INTO workspace_business_hours (weekday, opens_at, closes_at)
        SELECT d, '09:00', '17:00' FROM generate_series(1, 5) AS d;

      CREATE TABLE workspace_holidays (
        date date PRIMARY KEY,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100)
      );

      -- Human-readable numbers ("CTR-000042", "CS-000042"); a rolled-back create leaves a gap.
      CREATE SEQUENCE contract_number_seq;
      CREATE SEQUENCE service_case_number_seq;

      CREATE TABLE contracts (
        id                 uuid PRIMARY KEY,
        number             text NOT NULL UNIQUE,
        account_id         uuid NOT NULL REFERENCES accounts (id),
        signer_contact_id  uuid REFERENCES contacts (id),
        owner_id           uuid REFERENCES users (id),
        opportunity_id     uuid REFERENCES opportunities (id),
        -- The contract this one renews; its status becomes RENEWED when this one is activated.
        predecessor_id     uuid REFERENCES contracts (id),
        status             text NOT NULL DEFAULT 'DRAFT'
                           CHECK (status IN ('DRAFT', 'IN_APPROVAL', 'ACTIVATED', 'EXPIRED', 'TERMINATED', 'RENEWED')),
        start_date         date NOT NULL,
        term_months        integer NOT NULL CHECK (term_months BETWEEN 1 AND 600),
        -- The last day covered: start_date + term_months - 1 day, or earlier when terminated.
        end_date           date NOT NULL,
        value              numeric(18, 6) NOT NULL DEFAULT 0 CHECK (value >= 0),
        currency           char(3) NOT NULL,
        billing_frequency  text NOT NULL DEFAULT 'ANNUALLY'
                           CHECK (billing_frequency IN ('ONE_TIME', 'MONTHLY', 'QUARTERLY', 'SEMI_ANNUALLY', 'ANNUALLY')),
        auto_renew         boolean NOT NULL DEFAULT false,
        notice_period_days integer NOT NULL DEFAULT 0 CHECK (notice_period_days BETWEEN 0 AND 3650),
        special_terms      text CHECK (length(special_terms) <= 20000),
        description        text CHECK (length(description) <= 10000),
        -- Amendment number of the commercial terms (1 = as activated); history in contract_versions.
        contract_version   integer NOT NULL DEFAULT 1,
        activated_at       timestamptz(3),
        terminated_at      timestamptz(3),
        termination_reason text CHECK (length(termination_reason) <= 1000),
        version            integer NOT NULL DEFAULT 1,
        created_at         timestamptz(3) NOT NULL DEFAULT now(),
        updated_at         timestamptz(3) NOT NULL DEFAULT now(),
        deleted_at         timestamptz(3),
        CHECK (end_date >= start_date - 1),
        CHECK (predecessor_id IS DISTINCT FROM id),
        CHECK ((status IN ('DRAFT', 'IN_APPROVAL')) = (activated_at IS NULL)),
        CHECK ((status = 'TERMINATED') = (terminated_at IS NOT NULL))
      );
      CREATE INDEX contracts_account_idx ON contracts (account_id, start_date, id) WHERE deleted_at IS NULL;
      CREATE INDEX contracts_owner_idx ON contracts (owner_id) WHERE deleted_at IS NULL;
      CREATE INDEX contracts_end_date_idx ON contracts (end_date, id) WHERE deleted_at IS NULL AND status = 'ACTIVATED';
      CREATE INDEX contracts_number_order_idx ON contracts (number, id) WHERE deleted_at IS NULL;
      -- One contract per won opportunity, one successor per contract.
      CREATE UNIQUE INDEX contracts_opportunity_key ON contracts (opportunity_id) WHERE deleted_at IS NULL AND opportunity_id IS NOT NULL;
      CREATE UNIQUE INDEX contracts_predecessor_key ON contracts (predecessor_id) WHERE deleted_at IS NULL AND predecessor_id IS NOT NULL;

      CREATE TABLE contract_line_items (
        id               uuid PRIMARY KEY,
        contract_id      uuid NOT NULL REFERENCES contracts (id),
        product_id       uuid NOT NULL REFERENCES products (id),
        quantity         numeric(18, 6) NOT NULL CHECK (quantity > 0),
        unit_price       numeric(18, 6) NOT NULL CHECK (unit_price >= 0),
        discount_percent numeric(9, 6) NOT NULL DEFAULT 0 CHECK (discount_percent BETWEEN 0 AND 100),
        description      text CHECK (length(description) <= 1000),
        position         integer NOT NULL CHECK (position >= 1),
        created_at       timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE INDEX contract_line_items_contract_idx ON contract_line_items (contract_id, position, id);

      -- The commercial terms as each amendment left them (version 1 = as activated); append-only.
      CREATE TABLE contract_versions (
        contract_id uuid NOT NULL REFERENCES contracts (id),
        version     integer NOT NULL CHECK (version >= 1),
        terms       jsonb NOT NULL CHECK (jsonb_typeof(terms) = 'object'),
        reason      text CHECK (length(reason) <= 1000),
        actor_kind  text NOT NULL,
        actor_id    text NOT NULL,
        at          timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (contract_id, version)
      );

      -- Every status change, by whom (a user, a key or the scheduler) and why; append-only.
      CREATE TABLE contract_status_history (
        id                  uuid PRIMARY KEY,
        contract_id         uuid NOT NULL REFERENCES contracts (id),
        from_status         text,
        to_status           text NOT NULL,
        reason              text CHECK (length(reason) <= 1000),
        -- The successor (RENEWED) or predecessor (a renewal's activation).
        related_contract_id uuid REFERENCES contracts (id),
        actor_kind          text NOT NULL,
        actor_id            text NOT NULL,
        at                  timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE INDEX contract_status_history_contract_idx ON contract_status_history (contract_id, at, id);

      -- A service level a contract grants. Times are business minutes of the coverage calendar:
      -- the workspace's business hours (or a territory's), or around the clock.
      CREATE TABLE entitlements (
        id                 uuid PRIMARY KEY,
        contract_id        uuid NOT NULL REFERENCES contracts (id),
        name               text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        response_minutes   integer NOT NULL CHECK (response_minutes > 0),
        resolution_minutes integer NOT NULL CHECK (resolution_minutes >= response_minutes),
        coverage           text NOT NULL DEFAULT 'BUSINESS_HOURS' CHECK (coverage IN ('BUSINESS_HOURS', 'ALL_HOURS')),
        territory_id       uuid REFERENCES territories (id),
        visits_per_period  integer CHECK (visits_per_period >= 0),
        visit_period       text CHECK (visit_period IN ('MONTH', 'QUARTER', 'YEAR')),
        position           integer NOT NULL CHECK (position >= 1),
        version            integer NOT NULL DEFAULT 1,
        created_at         timestamptz(3) NOT NULL DEFAULT now(),
        updated_at         timestamptz(3) NOT NULL DEFAULT now(),
        CHECK ((visits_per_period IS NULL) = (visit_period IS NULL)),
        CHECK (coverage = 'BUSINESS_HOURS' OR territory_id IS NULL)
      );
      CREATE INDEX entitlements_contract_idx ON entitlements (contract_id, position, id);

      -- The products an entitlement covers; none listed = everything the customer has.
      CREATE TABLE entitlement_products (
        entitlement_id uuid NOT NULL REFERENCES entitlements (id) ON DELETE CASCADE,
        product_id     uuid NOT NULL REFERENCES products (id),
        PRIMARY KEY (entitlement_id, product_id)
      );
      CREATE INDEX entitlement_products_product_idx ON entitlement_products (product_id);

      CREATE TABLE service_cases (
        id                 uuid PRIMARY KEY,
        number             text NOT NULL UNIQUE,
        account_id         uuid NOT NULL REFERENCES accounts (id),
        contact_id         uuid REFERENCES contacts (id),
        owner_id           uuid REFERENCES users (id),
        subject            text NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
        description        text CHECK (length(description) <= 32000),
        channel            text NOT NULL CHECK (channel IN ('EMAIL', 'PHONE', 'WEB', 'CHAT', 'IN_PERSON')),
        priority           text NOT NULL DEFAULT 'MEDIUM' CHECK (priority IN ('LOW', 'MEDIUM', 'HIGH', 'URGENT')),
        status             text NOT NULL DEFAULT 'NEW' CHECK (status IN ('NEW', 'IN_PROGRESS', 'WAITING_ON_CUSTOMER', 'RESOLVED', 'CLOSED')),
        product_id         uuid REFERENCES products (id),
        -- The entitlement the case is served under; NULL = none found (flagged).
        entitlement_id     uuid REFERENCES entitlements (id),
        -- Who wrote in, as they gave it (web forms, e-mail): personal data.
        supplied_name      text CHECK (length(supplied_name) <= 255),
        supplied_email     text,
        supplied_phone     text,
        opened_at          timestamptz(3) NOT NULL,
        response_due_at    timestamptz(3),
        resolution_due_at  timestamptz(3),
        first_responded_at timestamptz(3),
        resolved_at        timestamptz(3),
        closed_at          timestamptz(3),
        resolution         text CHECK (length(resolution) <= 10000),
        version            integer NOT NULL DEFAULT 1,
        created_at         timestamptz(3) NOT NULL DEFAULT now(),
        updated_at         timestamptz(3) NOT NULL DEFAULT now(),
        deleted_at         timestamptz(3),
        CHECK ((entitlement_id IS NULL) = (response_due_at IS NULL)),
        CHECK ((entitlement_id IS NULL) = (resolution_due_at IS NULL)),
        CHECK ((status = 'CLOSED') = (closed_at IS NOT NULL))
      );
      CREATE INDEX service_cases_account_idx ON service_cases (account_id, opened_at, id) WHERE deleted_at IS NULL;
      CREATE INDEX service_cases_contact_idx ON service_cases (contact_id) WHERE contact_id IS NOT NULL;
      CREATE INDEX service_cases_owner_idx ON service_cases (owner_id, status) WHERE deleted_at IS NULL;
      CREATE INDEX service_cases_entitlement_idx ON service_cases (entitlement_id) WHERE entitlement_id IS NOT NULL;
      CREATE INDEX service_cases_opened_idx ON service_cases (opened_at, id) WHERE deleted_at IS NULL;
      CREATE INDEX service_cases_email_idx ON service_cases (lower(supplied_email)) WHERE supplied_email IS NOT NULL;
      CREATE INDEX service_cases_open_due_idx ON service_cases (resolution_due_at) WHERE deleted_at IS NULL AND status NOT IN ('RESOLVED', 'CLOSED');

      -- Contracts and cases are CRM records under the plan's record limit.
      CREATE OR REPLACE FUNCTION crm_record_count() RETURNS bigint LANGUAGE sql STABLE SET search_path FROM CURRENT AS $$
        SELECT (SELECT count(*) FROM accounts WHERE deleted_at IS NULL) + (SELECT count(*) FROM contacts WHERE deleted_at IS NULL)
             + (SELECT count(*) FROM leads WHERE deleted_at IS NULL) + (SELECT count(*) FROM opportunities WHERE deleted_at IS NULL)
             + (SELECT count(*) FROM contracts WHERE deleted_at IS NULL) + (SELECT count(*) FROM service_cases WHERE deleted_at IS NULL)
      $$;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE OR REPLACE FUNCTION crm_record_count() RETURNS bigint LANGUAGE sql STABLE SET search_path FROM CURRENT AS $$
        SELECT (SELECT count(*) FROM accounts WHERE deleted_at IS NULL) + (SELECT count(*) FROM contacts WHERE deleted_at IS NULL)
             + (SELECT count(*) FROM leads WHERE deleted_at IS NULL) + (SELECT count(*) FROM opportunities WHERE deleted_at IS NULL)
      $$;
      DROP TABLE service_cases;
      DROP TABLE entitlement_products;
      DROP TABLE entitlements;
      DROP TABLE contract_status_history;
      DROP TABLE contract_versions;
      DROP TABLE contract_line_items;
      DROP TABLE contracts;
      DROP SEQUENCE service_case_number_seq;
      DROP SEQUENCE contract_number_seq;
      DROP TABLE workspace_holidays;
      DROP TABLE workspace_business_hours;
    `);
  }
}
