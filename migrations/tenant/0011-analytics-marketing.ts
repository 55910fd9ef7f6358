import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Analytical CRM and marketing: the workspace's value-metric settings, value metrics per account
 * (ABC class, RFM scores, lifetime value, lifecycle stage; recomputed as a whole, with the time
 * they were computed), saved segments, and campaigns with their members, the people left out (and
 * why), responses, and the leads and opportunities attributed to them.
 */
export class AnalyticsMarketing0011 implements MigrationInterface {
  name = '0011-analytics-marketing';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      -- How value metrics are computed (one row). Rates are fractions (0.25 = 25 %).
      CREATE TABLE analytics_settings (
        id                     boolean PRIMARY KEY DEFAULT true CHECK (id),
        window_months          integer NOT NULL DEFAULT 24 CHECK (window_months BETWEEN 1 AND 120),
        abc_a_share            numeric(5, 4) NOT NULL DEFAULT 0.80 CHECK (abc_a_share > 0 AND abc_a_share < 1),
        abc_b_share            numeric(5, 4) NOT NULL DEFAULT 0.95 CHECK (abc_b_share < 1),
        margin_rate            numeric(5, 4) NOT NULL DEFAULT 0.30 CHECK (margin_rate > 0 AND margin_rate <= 1),
        retention_rate         numeric(5, 4) NOT NULL DEFAULT 0.80 CHECK (retention_rate >= 0 AND retention_rate < 1),
        discount_rate          numeric(5, 4) NOT NULL DEFAULT 0.10 CHECK (discount_rate >= 0 AND discount_rate <= 1),
        -- Lifecycle: new for this long after the first purchase; loyal from this many purchases in
        -- the window; without a purchase for this long at risk, then (without activity either) lost.
        new_customer_days      integer NOT NULL DEFAULT 90 CHECK (new_customer_days BETWEEN 1 AND 3650),
        loyal_purchase_count   integer NOT NULL DEFAULT 3 CHECK (loyal_purchase_count BETWEEN 2 AND 1000),
        at_risk_after_days     integer NOT NULL DEFAULT 180 CHECK (at_risk_after_days BETWEEN 1 AND 3650),
        lost_after_days        integer NOT NULL DEFAULT 365 CHECK (lost_after_days BETWEEN 1 AND 3650),
        version                integer NOT NULL DEFAULT 1,
        updated_at             timestamptz(3) NOT NULL DEFAULT now(),
        -- When account_metrics was last rebuilt (also when there was no account to compute).
        metrics_computed_at    timestamptz(3),
        CHECK (abc_b_share > abc_a_share),
        CHECK (lost_after_days > at_risk_after_days)
      );
      INSERT INTO analytics_settings DEFAULT VALUES;

      -- Value metrics per account, as the last computation left them (in the workspace currency).
      CREATE TABLE account_metrics (
        account_id         uuid PRIMARY KEY REFERENCES accounts (id),
        revenue            numeric(18, 6) NOT NULL DEFAULT 0,
        purchase_count     integer NOT NULL DEFAULT 0,
        first_purchase_on  date,
        last_purchase_on   date,
        last_activity_at   timestamptz(3),
        abc_class          char(1) CHECK (abc_class IN ('A', 'B', 'C')),
        recency_score      smallint CHECK (recency_score BETWEEN 1 AND 5),
        frequency_score    smallint CHECK (frequency_score BETWEEN 1 AND 5),
        monetary_score     smallint CHECK (monetary_score BETWEEN 1 AND 5),
        lifetime_value     numeric(18, 6),
        lifecycle_stage    text NOT NULL CHECK (lifecycle_stage IN ('PROSPECT', 'NEW_CUSTOMER', 'ACTIVE', 'LOYAL', 'AT_RISK', 'LOST')),
        computed_at        timestamptz(3) NOT NULL
      );
      CREATE INDEX account_metrics_abc_idx ON account_metrics (abc_class, revenue DESC);
      CREATE INDEX account_metrics_stage_idx ON account_metrics (lifecycle_stage);

      -- A saved, named filter over accounts or contacts (the list's own where: input, as JSON).
      CREATE TABLE segments (
        id          uuid PRIMARY KEY,
        name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        description text CHECK (length(description) <= 1000),
        object      text NOT NULL CHECK (object IN ('ACCOUNT', 'CONTACT')),
        filter      jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(filter) = 'object'),
        owner_id    uuid REFERENCES users (id),
        version     integer NOT NULL DEFAULT 1,
        created_at  timestamptz(3) NOT NULL DEFAULT now(),
        updated_at  timestamptz(3) NOT NULL DEFAULT now(),
        deleted_at  timestamptz(3)
      );
      CREATE UNIQUE INDEX segments_name_key ON segments (lower(name)) WHERE deleted_at IS NULL;

      CREATE TABLE campaigns (
        id              uuid PRIMARY KEY,
        name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
        type            text NOT NULL CHECK (type IN ('EMAIL', 'EVENT', 'WEBINAR', 'DIRECT_MAIL', 'TELEMARKETING', 'ADVERTISING', 'SOCIAL', 'OTHER')),
        status          text NOT NULL DEFAULT 'PLANNED' CHECK (status IN ('PLANNED', 'ACTIVE', 'COMPLETED', 'ABORTED')),
        -- How members are reached, and for what: members need consent for exactly this.
        channel         text NOT NULL CHECK (channel IN ('EMAIL', 'PHONE', 'SMS', 'POST', 'VISIT')),
        purpose         text NOT NULL DEFAULT 'MARKETING' CHECK (purpose IN ('MARKETING', 'SERVICE', 'ANALYTICS')),
        start_date      date,
        end_date        date,
        budget          numeric(18, 6) CHECK (budget >= 0),
        actual_cost     numeric(18, 6) CHECK (actual_cost >= 0),
        currency        char(3) NOT NULL,
        expected_revenue numeric(18, 6) CHECK (expected_revenue >= 0),
        description     text CHECK (length(description) <= 10000),
        owner_id        uuid REFERENCES users (id),
        version         integer NOT NULL DEFAULT 1,
        created_at      timestamptz(3) NOT NULL DEFAULT now(),
        updated_at      timestamptz(3) NOT NULL DEFAULT now(),
        deleted_at      timestamptz(3),
        CHECK (end_date IS NULL OR start_date IS NULL OR end_date >= start_date)
      );
      CREATE INDEX campaigns_name_idx ON campaigns (name, id) WHERE deleted_at IS NULL;

      -- The segments a campaign's target list is built from.
      CREATE TABLE campaign_segments (
        campaign_id uuid NOT NULL REFERENCES campaigns (id),
        segment_id  uuid NOT NULL REFERENCES segments (id),
        PRIMARY KEY (campaign_id, segment_id)
      );

      CREATE TABLE campaign_members (
        id           uuid PRIMARY KEY,
        campaign_id  uuid NOT NULL REFERENCES campaigns (id),
        contact_id   uuid NOT NULL REFERENCES contacts (id),
        status       text NOT NULL DEFAULT 'TARGETED' CHECK (status IN ('TARGETED', 'SENT', 'RESPONDED', 'OPTED_OUT')),
        added_at     timestamptz(3) NOT NULL DEFAULT now(),
        responded_at timestamptz(3),
        UNIQUE (campaign_id, contact_id)
      );
      CREATE INDEX campaign_members_contact_idx ON campaign_members (contact_id);

      -- Who was left out when members were added, and why (the canContact reason).
      CREATE TABLE campaign_exclusions (
        campaign_id uuid NOT NULL REFERENCES campaigns (id),
        contact_id  uuid NOT NULL REFERENCES contacts (id),
        reason      text NOT NULL,
        at          timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (campaign_id, contact_id)
      );

      CREATE TABLE campaign_responses (
        id          uuid PRIMARY KEY,
        campaign_id uuid NOT NULL REFERENCES campaigns (id),
        contact_id  uuid REFERENCES contacts (id),
        lead_id     uuid REFERENCES leads (id),
        kind        text NOT NULL CHECK (kind IN ('OPENED', 'CLICKED', 'REPLIED', 'REGISTERED', 'ATTENDED', 'UNSUBSCRIBED', 'OTHER')),
        note        text CHECK (length(note) <= 1000),
        responded_at timestamptz(3) NOT NULL DEFAULT now(),
        CHECK (contact_id IS NOT NULL OR lead_id IS NOT NULL)
      );
      CREATE INDEX campaign_responses_campaign_idx ON campaign_responses (campaign_id, responded_at);

      -- Attribution: the campaign a lead or opportunity came from.
      ALTER TABLE leads ADD COLUMN campaign_id uuid REFERENCES campaigns (id);
      ALTER TABLE opportunities ADD COLUMN campaign_id uuid REFERENCES campaigns (id);
      CREATE INDEX leads_campaign_idx ON leads (campaign_id) WHERE campaign_id IS NOT NULL;
      CREATE INDEX opportunities_campaign_idx ON opportunities (campaign_id) WHERE campaign_id IS NOT NULL;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE opportunities DROP COLUMN campaign_id;
      ALTER TABLE leads DROP COLUMN campaign_id;
      DROP TABLE campaign_responses;
      DROP TABLE campaign_exclusions;
      DROP TABLE campaign_members;
      DROP TABLE campaign_segments;
      DROP TABLE campaigns;
      DROP TABLE segments;
      DROP TABLE account_metrics;
      DROP TABLE analytics_settings;
    `);
  }
}
