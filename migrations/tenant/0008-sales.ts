import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sales force automation: leads and their conversion, opportunities through the workspace's
 * pipeline with stage history, products, price books and opportunity line items (exact decimals),
 * activities on any record, and exchange rates for forecasts in the workspace currency.
 * Money is numeric(18,6) with a char(3) currency; never floating point.
 */
export class Sales0008 implements MigrationInterface {
  name = '0008-sales';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE products (
        id          uuid PRIMARY KEY,
        sku         text NOT NULL CHECK (length(sku) BETWEEN 1 AND 100),
        name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
        family      text CHECK (length(family) <= 100),
        description text CHECK (length(description) <= 4000),
        active      boolean NOT NULL DEFAULT true,
        version     integer NOT NULL DEFAULT 1,
        created_at  timestamptz(3) NOT NULL DEFAULT now(),
        updated_at  timestamptz(3) NOT NULL DEFAULT now(),
        deleted_at  timestamptz(3)
      );
      CREATE UNIQUE INDEX products_sku_key ON products (lower(sku)) WHERE deleted_at IS NULL;
      CREATE INDEX products_name_idx ON products (name, id) WHERE deleted_at IS NULL;

      CREATE TABLE price_books (
        id          uuid PRIMARY KEY,
        name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
        currency    char(3) NOT NULL,
        description text CHECK (length(description) <= 4000),
        is_standard boolean NOT NULL DEFAULT false,
        active      boolean NOT NULL DEFAULT true,
        version     integer NOT NULL DEFAULT 1,
        created_at  timestamptz(3) NOT NULL DEFAULT now(),
        updated_at  timestamptz(3) NOT NULL DEFAULT now(),
        deleted_at  timestamptz(3)
      );
      CREATE UNIQUE INDEX price_books_name_key ON price_books (lower(name)) WHERE deleted_at IS NULL;
      -- At most one standard price book per currency.
      CREATE UNIQUE INDEX price_books_standard_key ON price_books (currency) WHERE is_standard AND deleted_at IS NULL;

      CREATE TABLE price_book_entries (
        id            uuid PRIMARY KEY,
        price_book_id uuid NOT NULL REFERENCES price_books (id),
        product_id    uuid NOT NULL REFERENCES products (id),
        unit_price    numeric(18, 6) NOT NULL CHECK (unit_price >= 0),
        active        boolean NOT NULL DEFAULT true,
        version       integer NOT NULL DEFAULT 1,
        created_at    timestamptz(3) NOT NULL DEFAULT now(),
        updated_at    timestamptz(3) NOT NULL DEFAULT now(),
        UNIQUE (price_book_id, product_id)
      );
      CREATE INDEX price_book_entries_product_idx ON price_book_entries (product_id);

      CREATE TABLE opportunities (
        id                    uuid PRIMARY KEY,
        name                  text NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
        account_id            uuid NOT NULL REFERENCES accounts (id),
        primary_contact_id    uuid REFERENCES contacts (id),
        owner_id              uuid REFERENCES users (id),
        amount                numeric(18, 6) CHECK (amount >= 0),
        currency              char(3) NOT NULL,
        price_book_id         uuid REFERENCES price_books (id),
        stage_id              uuid NOT NULL REFERENCES pipeline_stages (id),
        probability           integer NOT NULL CHECK (probability BETWEEN 0 AND 100),
        -- Set when the probability was given rather than taken from the stage.
        probability_overridden boolean NOT NULL DEFAULT false,
        forecast_category     text NOT NULL CHECK (forecast_category IN ('PIPELINE', 'BEST_CASE', 'COMMIT', 'CLOSED', 'OMITTED')),
        close_date            date,
        next_step             text CHECK (length(next_step) <= 1000),
        lead_source           text CHECK (length(lead_source) <= 100),
        description           text CHECK (length(description) <= 10000),
        status                text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'WON', 'LOST')),
        loss_reason           text CHECK (length(loss_reason) <= 1000),
        closed_at             timestamptz(3),
        territory_id          uuid REFERENCES territories (id),
        custom_fields         jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(custom_fields) = 'object'),
        version               integer NOT NULL DEFAULT 1,
        created_at            timestamptz(3) NOT NULL DEFAULT now(),
        updated_at            timestamptz(3) NOT NULL DEFAULT now(),
        deleted_at            timestamptz(3),
        CHECK ((status = 'OPEN') = (closed_at IS NULL))
      );
      CREATE INDEX opportunities_account_idx ON opportunities (account_id, id) WHERE deleted_at IS NULL;
      CREATE INDEX opportunities_owner_idx ON opportunities (owner_id) WHERE deleted_at IS NULL;
      CREATE INDEX opportunities_stage_idx ON opportunities (stage_id) WHERE deleted_at IS NULL;
      CREATE INDEX opportunities_close_date_idx ON opportunities (close_date, id) WHERE deleted_at IS NULL;
      CREATE INDEX opportunities_name_idx ON opportunities (name, id) WHERE deleted_at IS NULL;
      CREATE INDEX opportunities_contact_idx ON opportunities (primary_contact_id) WHERE primary_contact_id IS NOT NULL;
      CREATE INDEX opportunities_custom_fields_idx ON opportunities USING gin (custom_fields);

      -- Every stage move, close and reopen, with the amount at that time: the pipeline's history.
      CREATE TABLE opportunity_stage_history (
        id             uuid PRIMARY KEY,
        opportunity_id uuid NOT NULL REFERENCES opportunities (id),
        event          text NOT NULL CHECK (event IN ('CREATED', 'STAGE_CHANGED', 'WON', 'LOST', 'REOPENED')),
        from_stage_id  uuid REFERENCES pipeline_stages (id),
        to_stage_id    uuid NOT NULL REFERENCES pipeline_stages (id),
        amount         numeric(18, 6),
        currency       char(3) NOT NULL,
        probability    integer NOT NULL,
        reason         text CHECK (length(reason) <= 1000),
        actor_kind     text NOT NULL,
        actor_id       text NOT NULL,
        at             timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE INDEX opportunity_stage_history_opportunity_idx ON opportunity_stage_history (opportunity_id, at, id);

      CREATE TABLE opportunity_line_items (
        id                   uuid PRIMARY KEY,
        opportunity_id       uuid NOT NULL REFERENCES opportunities (id),
        product_id           uuid NOT NULL REFERENCES products (id),
        price_book_entry_id  uuid REFERENCES price_book_entries (id),
        quantity             numeric(18, 6) NOT NULL CHECK (quantity > 0),
        unit_price           numeric(18, 6) NOT NULL CHECK (unit_price >= 0),
        discount_percent     numeric(9, 6) NOT NULL DEFAULT 0 CHECK (discount_percent BETWEEN 0 AND 100),
        description          text CHECK (length(description) <= 1000),
        position             integer NOT NULL CHECK (position >= 1),
        version              integer NOT NULL DEFAULT 1,
        created_at           timestamptz(3) NOT NULL DEFAULT now(),
        updated_at           timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE INDEX opportunity_line_items_opportunity_idx ON opportunity_line_items (opportunity_id, position, id);

      CREATE TABLE leads (
        id                       uuid PRIMARY KEY,
        owner_id                 uuid REFERENCES users (id),
        first_name               text CHECK (length(first_name) <= 255),
        last_name                text NOT NULL CHECK (length(last_name) BETWEEN 1 AND 255),
        email                    text,
        phone                    text,
        job_title                text CHECK (length(job_title) <= 255),
        company                  text CHECK (length(company) <= 255),
        website                  text,
        -- Lower-case host of the website or e-mail, for duplicate detection against accounts.
        domain                   text,
        source                   text CHECK (length(source) <= 100),
        campaign                 text CHECK (length(campaign) <= 255),
        status                   text NOT NULL DEFAULT 'NEW' CHECK (status IN ('NEW', 'WORKING', 'QUALIFIED', 'UNQUALIFIED', 'CONVERTED')),
        rating                   text CHECK (rating IN ('HOT', 'WARM', 'COLD')),
        disqualification_reason  text CHECK (length(disqualification_reason) <= 1000),
        converted_at             timestamptz(3),
        converted_account_id     uuid REFERENCES accounts (id),
        converted_contact_id     uuid REFERENCES contacts (id),
        converted_opportunity_id uuid REFERENCES opportunities (id),
        erased_at                timestamptz(3),
        custom_fields            jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(custom_fields) = 'object'),
        version                  integer NOT NULL DEFAULT 1,
        created_at               timestamptz(3) NOT NULL DEFAULT now(),
        updated_at               timestamptz(3) NOT NULL DEFAULT now(),
        deleted_at               timestamptz(3),
        CHECK ((status = 'CONVERTED') = (converted_at IS NOT NULL))
      );
      CREATE INDEX leads_name_idx ON leads (last_name, first_name, id) WHERE deleted_at IS NULL;
      CREATE INDEX leads_email_idx ON leads (lower(email)) WHERE deleted_at IS NULL;
      CREATE INDEX leads_domain_idx ON leads (domain) WHERE deleted_at IS NULL;
      CREATE INDEX leads_owner_idx ON leads (owner_id) WHERE deleted_at IS NULL;
      CREATE INDEX leads_status_idx ON leads (status, id) WHERE deleted_at IS NULL;

      -- Tasks, calls, meetings, e-mails and notes on any record; the timeline of an account merges them.
      CREATE TABLE activities (
        id             uuid PRIMARY KEY,
        kind           text NOT NULL CHECK (kind IN ('TASK', 'CALL', 'MEETING', 'EMAIL', 'NOTE')),
        subject        text NOT NULL CHECK (length(subject) BETWEEN 1 AND 255),
        body           text CHECK (length(body) <= 20000),
        owner_id       uuid REFERENCES users (id),
        account_id     uuid REFERENCES accounts (id),
        contact_id     uuid REFERENCES contacts (id),
        opportunity_id uuid REFERENCES opportunities (id),
        lead_id        uuid REFERENCES leads (id),
        due_at         timestamptz(3),
        starts_at      timestamptz(3),
        ends_at        timestamptz(3),
        completed_at   timestamptz(3),
        -- When it happened (or is due): the timeline's order.
        occurred_at    timestamptz(3) NOT NULL,
        version        integer NOT NULL DEFAULT 1,
        created_at     timestamptz(3) NOT NULL DEFAULT now(),
        updated_at     timestamptz(3) NOT NULL DEFAULT now(),
        deleted_at     timestamptz(3),
        CHECK (account_id IS NOT NULL OR contact_id IS NOT NULL OR opportunity_id IS NOT NULL OR lead_id IS NOT NULL),
        CHECK (ends_at IS NULL OR starts_at IS NULL OR ends_at >= starts_at)
      );
      CREATE INDEX activities_account_idx ON activities (account_id, occurred_at DESC, id DESC) WHERE deleted_at IS NULL;
      CREATE INDEX activities_contact_idx ON activities (contact_id, occurred_at DESC, id DESC) WHERE deleted_at IS NULL;
      CREATE INDEX activities_opportunity_idx ON activities (opportunity_id, occurred_at DESC, id DESC) WHERE deleted_at IS NULL;
      CREATE INDEX activities_lead_idx ON activities (lead_id) WHERE lead_id IS NOT NULL;
      CREATE INDEX activities_owner_due_idx ON activities (owner_id, due_at) WHERE deleted_at IS NULL AND completed_at IS NULL;

      -- Leads and opportunities are CRM records under the plan's record limit, like accounts and
      -- contacts (activities, line items and the catalogue are not).
      CREATE OR REPLACE FUNCTION crm_record_count() RETURNS bigint LANGUAGE sql STABLE SET search_path FROM CURRENT AS $$
        SELECT (SELECT count(*) FROM accounts WHERE deleted_at IS NULL) + (SELECT count(*) FROM contacts WHERE deleted_at IS NULL)
             + (SELECT count(*) FROM leads WHERE deleted_at IS NULL) + (SELECT count(*) FROM opportunities WHERE deleted_at IS NULL)
      $$;

      -- Exchange rates into the workspace's default currency: 1 unit of currency = rate units of it.
      CREATE TABLE currency_rates (
        currency   char(3) PRIMARY KEY,
        rate       numeric(24, 12) NOT NULL CHECK (rate > 0),
        version    integer NOT NULL DEFAULT 1,
        updated_at timestamptz(3) NOT NULL DEFAULT now()
      );
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE OR REPLACE FUNCTION crm_record_count() RETURNS bigint LANGUAGE sql STABLE SET search_path FROM CURRENT AS $$
        SELECT (SELECT count(*) FROM accounts WHERE deleted_at IS NULL) + (SELECT count(*) FROM contacts WHERE deleted_at IS NULL)
      $$;
      DROP TABLE currency_rates;
      DROP TABLE activities;
      DROP TABLE leads;
      DROP TABLE opportunity_line_items;
      DROP TABLE opportunity_stage_history;
      DROP TABLE opportunities;
      DROP TABLE price_book_entries;
      DROP TABLE price_books;
      DROP TABLE products;
    `);
  }
}
