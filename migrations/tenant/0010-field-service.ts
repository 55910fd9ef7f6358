import { MigrationInterface, QueryRunner } from 'typeorm';
import { quoteCodeIdentifier } from '../../src/db/identifiers';

/** The schema btree_gist lives in (control migration 0008 installs it; an existing install stays where it is). */
async function btreeGistSchema(db: QueryRunner): Promise<string> {
  const rows: { schema: string }[] = await db.query(
    `SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'btree_gist'`,
  );
  if (!rows.length) throw new Error('The btree_gist extension is missing: run the control-plane migrations first');
  return rows[0].schema;
}

/**
 * Field service: skills and work types, technicians (service resources linked to users) with
 * skills, territories, working hours and time off, work orders with parts and labour, appointments
 * that can never double-book a technician (an exclusion constraint, so concurrent dispatchers
 * cannot both win), their history, and maintenance plans that generate recurring work orders.
 */
export class FieldService0010 implements MigrationInterface {
  name = '0010-field-service';

  async up(db: QueryRunner): Promise<void> {
    const uuidGistOps = `${quoteCodeIdentifier(await btreeGistSchema(db))}.gist_uuid_ops`;
    await db.query(`
      CREATE TABLE skills (
        id          uuid PRIMARY KEY,
        name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        description text CHECK (length(description) <= 1000),
        version     integer NOT NULL DEFAULT 1,
        created_at  timestamptz(3) NOT NULL DEFAULT now(),
        updated_at  timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX skills_name_key ON skills (lower(name));

      -- Kinds of field work: how long a visit usually takes and which skills (at which level) it needs.
      CREATE TABLE work_types (
        id                       uuid PRIMARY KEY,
        name                     text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        description              text CHECK (length(description) <= 1000),
        default_duration_minutes integer NOT NULL CHECK (default_duration_minutes BETWEEN 5 AND 1440),
        active                   boolean NOT NULL DEFAULT true,
        version                  integer NOT NULL DEFAULT 1,
        created_at               timestamptz(3) NOT NULL DEFAULT now(),
        updated_at               timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX work_types_name_key ON work_types (lower(name));

      CREATE TABLE work_type_skills (
        work_type_id uuid NOT NULL REFERENCES work_types (id) ON DELETE CASCADE,
        skill_id     uuid NOT NULL REFERENCES skills (id),
        min_level    smallint NOT NULL DEFAULT 1 CHECK (min_level BETWEEN 1 AND 5),
        PRIMARY KEY (work_type_id, skill_id)
      );

      -- A service resource: a workspace user who does field work.
      CREATE TABLE technicians (
        id                     uuid PRIMARY KEY,
        user_id                uuid NOT NULL REFERENCES users (id),
        home_territory_id      uuid REFERENCES territories (id),
        -- Booked minutes per working day at most (travel and paperwork leave the rest).
        daily_capacity_minutes integer NOT NULL DEFAULT 480 CHECK (daily_capacity_minutes BETWEEN 15 AND 1440),
        active                 boolean NOT NULL DEFAULT true,
        version                integer NOT NULL DEFAULT 1,
        created_at             timestamptz(3) NOT NULL DEFAULT now(),
        updated_at             timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX technicians_user_key ON technicians (user_id);
      CREATE INDEX technicians_territory_idx ON technicians (home_territory_id);

      CREATE TABLE technician_skills (
        technician_id uuid NOT NULL REFERENCES technicians (id) ON DELETE CASCADE,
        skill_id      uuid NOT NULL REFERENCES skills (id),
        level         smallint NOT NULL CHECK (level BETWEEN 1 AND 5),
        PRIMARY KEY (technician_id, skill_id)
      );
      CREATE INDEX technician_skills_skill_idx ON technician_skills (skill_id, level);

      -- Further territories a technician covers besides the home territory.
      CREATE TABLE technician_territories (
        technician_id uuid NOT NULL REFERENCES technicians (id) ON DELETE CASCADE,
        territory_id  uuid NOT NULL REFERENCES territories (id),
        PRIMARY KEY (technician_id, territory_id)
      );
      CREATE INDEX technician_territories_territory_idx ON technician_territories (territory_id);

      -- Working hours per ISO weekday (1 = Monday … 7 = Sunday), read in the home territory's time
      -- zone (else the workspace's); a technician without rows works the workspace's business hours.
      CREATE TABLE technician_working_hours (
        technician_id uuid NOT NULL REFERENCES technicians (id) ON DELETE CASCADE,
        weekday       smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
        starts_at     time(0) NOT NULL,
        ends_at       time(0) NOT NULL,
        PRIMARY KEY (technician_id, weekday),
        CHECK (ends_at > starts_at)
      );

      CREATE TABLE technician_time_off (
        id            uuid PRIMARY KEY,
        technician_id uuid NOT NULL REFERENCES technicians (id) ON DELETE CASCADE,
        during        tstzrange NOT NULL CHECK (NOT isempty(during) AND NOT lower_inf(during) AND NOT upper_inf(during)),
        reason        text CHECK (length(reason) <= 255),
        created_at    timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE INDEX technician_time_off_idx ON technician_time_off USING gist (technician_id ${uuidGistOps}, during);

      -- Recurring maintenance on an account (and contract): generates work orders up to a horizon.
      CREATE TABLE maintenance_plans (
        id                  uuid PRIMARY KEY,
        name                text NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
        account_id          uuid NOT NULL REFERENCES accounts (id),
        contract_id         uuid REFERENCES contracts (id),
        work_type_id        uuid NOT NULL REFERENCES work_types (id),
        site_contact_id     uuid REFERENCES contacts (id),
        service_address     jsonb,
        territory_id        uuid REFERENCES territories (id),
        frequency_unit      text NOT NULL CHECK (frequency_unit IN ('WEEK', 'MONTH')),
        frequency_interval  integer NOT NULL CHECK (frequency_interval BETWEEN 1 AND 120),
        start_date          date NOT NULL,
        end_date            date,
        -- Work orders are generated this many days ahead.
        horizon_days        integer NOT NULL DEFAULT 60 CHECK (horizon_days BETWEEN 1 AND 730),
        active              boolean NOT NULL DEFAULT true,
        version             integer NOT NULL DEFAULT 1,
        created_at          timestamptz(3) NOT NULL DEFAULT now(),
        updated_at          timestamptz(3) NOT NULL DEFAULT now(),
        deleted_at          timestamptz(3),
        CHECK (end_date IS NULL OR end_date >= start_date)
      );
      CREATE INDEX maintenance_plans_account_idx ON maintenance_plans (account_id) WHERE deleted_at IS NULL;

      CREATE SEQUENCE work_order_number_seq;

      CREATE TABLE work_orders (
        id                   uuid PRIMARY KEY,
        number               text NOT NULL UNIQUE,
        subject              text NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
        description          text CHECK (length(description) <= 32000),
        account_id           uuid NOT NULL REFERENCES accounts (id),
        -- The person on site to call: a contact of the account.
        site_contact_id      uuid REFERENCES contacts (id),
        -- Where the work is done ({ street, city, postalCode, region, country }), a company site.
        service_address      jsonb,
        latitude             numeric(9, 6) CHECK (latitude BETWEEN -90 AND 90),
        longitude            numeric(9, 6) CHECK (longitude BETWEEN -180 AND 180),
        territory_id         uuid REFERENCES territories (id),
        service_case_id      uuid REFERENCES service_cases (id),
        contract_id          uuid REFERENCES contracts (id),
        entitlement_id       uuid REFERENCES entitlements (id),
        maintenance_plan_id  uuid REFERENCES maintenance_plans (id),
        -- The visit a maintenance plan generated this order for (one per plan and date).
        planned_for          date,
        work_type_id         uuid REFERENCES work_types (id),
        duration_minutes     integer NOT NULL CHECK (duration_minutes BETWEEN 5 AND 1440),
        priority             text NOT NULL DEFAULT 'MEDIUM' CHECK (priority IN ('LOW', 'MEDIUM', 'HIGH', 'URGENT')),
        status               text NOT NULL DEFAULT 'NEW'
                             CHECK (status IN ('NEW', 'SCHEDULED', 'DISPATCHED', 'IN_PROGRESS', 'COMPLETED', 'CANNOT_COMPLETE', 'CANCELLED')),
        -- When the work must be done by: from the entitlement's SLA, or given.
        due_by               timestamptz(3),
        owner_id             uuid REFERENCES users (id),
        completion_notes     text CHECK (length(completion_notes) <= 10000),
        -- Who signed for the work on site: personal data.
        signature_name       text CHECK (length(signature_name) <= 255),
        completed_at         timestamptz(3),
        version              integer NOT NULL DEFAULT 1,
        created_at           timestamptz(3) NOT NULL DEFAULT now(),
        updated_at           timestamptz(3) NOT NULL DEFAULT now(),
        deleted_at           timestamptz(3),
        CHECK ((latitude IS NULL) = (longitude IS NULL)),
        CHECK ((maintenance_plan_id IS NULL) = (planned_for IS NULL))
      );
      CREATE INDEX work_orders_account_idx ON work_orders (account_id, created_at, id) WHERE deleted_at IS NULL;
      CREATE INDEX work_orders_status_idx ON work_orders (status, due_by) WHERE deleted_at IS NULL;
      CREATE INDEX work_orders_case_idx ON work_orders (service_case_id) WHERE service_case_id IS NOT NULL;
      CREATE INDEX work_orders_contract_idx ON work_orders (contract_id) WHERE contract_id IS NOT NULL;
      CREATE INDEX work_orders_contact_idx ON work_orders (site_contact_id) WHERE site_contact_id IS NOT NULL;
      CREATE UNIQUE INDEX work_orders_plan_date_key ON work_orders (maintenance_plan_id, planned_for) WHERE maintenance_plan_id IS NOT NULL;

      CREATE TABLE work_order_line_items (
        id               uuid PRIMARY KEY,
        work_order_id    uuid NOT NULL REFERENCES work_orders (id),
        kind             text NOT NULL CHECK (kind IN ('PART', 'LABOUR')),
        product_id       uuid REFERENCES products (id),
        description      text CHECK (length(description) <= 1000),
        quantity         numeric(18, 6) NOT NULL CHECK (quantity > 0),
        unit_price       numeric(18, 6) NOT NULL DEFAULT 0 CHECK (unit_price >= 0),
        currency         char(3) NOT NULL,
        position         integer NOT NULL CHECK (position >= 1),
        created_at       timestamptz(3) NOT NULL DEFAULT now(),
        CHECK (product_id IS NOT NULL OR description IS NOT NULL)
      );
      CREATE INDEX work_order_line_items_order_idx ON work_order_line_items (work_order_id, position, id);

      CREATE TABLE work_order_status_history (
        id            uuid PRIMARY KEY,
        work_order_id uuid NOT NULL REFERENCES work_orders (id),
        from_status   text,
        to_status     text NOT NULL,
        reason        text CHECK (length(reason) <= 1000),
        actor_kind    text NOT NULL,
        actor_id      text NOT NULL,
        at            timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE INDEX work_order_status_history_order_idx ON work_order_status_history (work_order_id, at, id);

      -- A booked visit. No technician is ever in two live appointments at once: the exclusion
      -- constraint decides between concurrent bookings, the loser's INSERT/UPDATE fails.
      CREATE TABLE appointments (
        id               uuid PRIMARY KEY,
        work_order_id    uuid NOT NULL REFERENCES work_orders (id),
        technician_id    uuid NOT NULL REFERENCES technicians (id),
        -- Half-open [start, end): back-to-back visits do not overlap.
        scheduled        tstzrange NOT NULL CHECK (NOT isempty(scheduled) AND NOT lower_inf(scheduled) AND NOT upper_inf(scheduled) AND lower_inc(scheduled) AND NOT upper_inc(scheduled)),
        -- The arrival window promised to the customer.
        arrival_window   tstzrange NOT NULL CHECK (NOT isempty(arrival_window) AND NOT lower_inf(arrival_window) AND NOT upper_inf(arrival_window)),
        status           text NOT NULL DEFAULT 'SCHEDULED' CHECK (status IN ('SCHEDULED', 'CHECKED_IN', 'COMPLETED', 'CANCELLED')),
        checked_in_at    timestamptz(3),
        checked_out_at   timestamptz(3),
        cancel_reason    text CHECK (length(cancel_reason) <= 1000),
        version          integer NOT NULL DEFAULT 1,
        created_at       timestamptz(3) NOT NULL DEFAULT now(),
        updated_at       timestamptz(3) NOT NULL DEFAULT now(),
        CONSTRAINT appointments_no_double_booking
          EXCLUDE USING gist (technician_id ${uuidGistOps} WITH =, scheduled WITH &&) WHERE (status <> 'CANCELLED'),
        CHECK (checked_out_at IS NULL OR checked_in_at IS NOT NULL),
        CHECK (checked_out_at IS NULL OR checked_out_at >= checked_in_at)
      );
      CREATE INDEX appointments_work_order_idx ON appointments (work_order_id, created_at, id);
      CREATE INDEX appointments_technician_idx ON appointments (technician_id, lower(scheduled)) WHERE status <> 'CANCELLED';
      -- At most one live appointment per work order.
      CREATE UNIQUE INDEX appointments_live_key ON appointments (work_order_id) WHERE status <> 'CANCELLED';

      -- Every booking, move, cancellation, check-in and check-out (append-only).
      CREATE TABLE appointment_history (
        id                 uuid PRIMARY KEY,
        appointment_id     uuid NOT NULL REFERENCES appointments (id),
        event              text NOT NULL CHECK (event IN ('SCHEDULED', 'RESCHEDULED', 'CANCELLED', 'CHECKED_IN', 'CHECKED_OUT')),
        technician_id      uuid REFERENCES technicians (id),
        scheduled          tstzrange,
        previous_technician_id uuid REFERENCES technicians (id),
        previous_scheduled tstzrange,
        reason             text CHECK (length(reason) <= 1000),
        actor_kind         text NOT NULL,
        actor_id           text NOT NULL,
        at                 timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE INDEX appointment_history_appointment_idx ON appointment_history (appointment_id, at, id);

      -- Work orders are CRM records under the plan's record limit.
      CREATE OR REPLACE FUNCTION crm_record_count() RETURNS bigint LANGUAGE sql STABLE SET search_path FROM CURRENT AS $$
        SELECT (SELECT count(*) FROM accounts WHERE deleted_at IS NULL) + (SELECT count(*) FROM contacts WHERE deleted_at IS NULL)
             + (SELECT count(*) FROM leads WHERE deleted_at IS NULL) + (SELECT count(*) FROM opportunities WHERE deleted_at IS NULL)
             + (SELECT count(*) FROM contracts WHERE deleted_at IS NULL) + (SELECT count(*) FROM service_cases WHERE deleted_at IS NULL)
             + (SELECT count(*) FROM work_orders WHERE deleted_at IS NULL)
      $$;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE OR REPLACE FUNCTION crm_record_count() RETURNS bigint LANGUAGE sql STABLE SET search_path FROM CURRENT AS $$
        SELECT (SELECT count(*) FROM accounts WHERE deleted_at IS NULL) + (SELECT count(*) FROM contacts WHERE deleted_at IS NULL)
             + (SELECT count(*) FROM leads WHERE deleted_at IS NULL) + (SELECT count(*) FROM opportunities WHERE deleted_at IS NULL)
             + (SELECT count(*) FROM contracts WHERE deleted_at IS NULL) + (SELECT count(*) FROM service_cases WHERE deleted_at IS NULL)
      $$;
      DROP TABLE appointment_history;
      DROP TABLE appointments;
      DROP TABLE work_order_status_history;
      DROP TABLE work_order_line_items;
      DROP TABLE work_orders;
      DROP SEQUENCE work_order_number_seq;
      DROP TABLE maintenance_plans;
      DROP TABLE technician_time_off;
      DROP TABLE technician_working_hours;
      DROP TABLE technician_territories;
      DROP TABLE technician_skills;
      DROP TABLE technicians;
      DROP TABLE work_type_skills;
      DROP TABLE work_types;
      DROP TABLE skills;
    `);
  }
}
