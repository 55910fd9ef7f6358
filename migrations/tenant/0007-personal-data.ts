import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Personal data protection: contacts' outreach flags (deceased, processing restricted, erased) and
 * last activity for retention; the sealed (encrypted) birth date; consent history per channel and
 * purpose; data-subject requests; the log of personal-field reads; sensitive custom fields; and the
 * workspace's retention policy.
 */
export class PersonalData0007 implements MigrationInterface {
  name = '0007-personal-data';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE contacts
        -- AES-256-GCM under the workspace's data key (sensitive category): never readable in the database.
        ADD COLUMN birth_date_sealed bytea,
        ADD COLUMN deceased boolean NOT NULL DEFAULT false,
        ADD COLUMN processing_restricted_at timestamptz(3),
        ADD COLUMN erased_at timestamptz(3),
        ADD COLUMN last_activity_at timestamptz(3) NOT NULL DEFAULT now();
      UPDATE contacts SET last_activity_at = updated_at;
      CREATE INDEX contacts_activity_idx ON contacts (last_activity_at, id) WHERE erased_at IS NULL;

      -- Append-only: the current consent per channel and purpose is the latest row, and the
      -- history is the evidence.
      CREATE TABLE contact_consents (
        id            uuid PRIMARY KEY,
        contact_id    uuid NOT NULL REFERENCES contacts (id),
        channel       text NOT NULL CHECK (channel IN ('EMAIL', 'PHONE', 'SMS', 'POST', 'VISIT')),
        purpose       text NOT NULL CHECK (purpose IN ('MARKETING', 'SERVICE', 'ANALYTICS')),
        status        text NOT NULL CHECK (status IN ('GRANTED', 'WITHDRAWN')),
        source        text NOT NULL CHECK (length(source) BETWEEN 1 AND 200),
        evidence      text CHECK (length(evidence) <= 2000),
        effective_at  timestamptz(3) NOT NULL,
        recorded_at   timestamptz(3) NOT NULL DEFAULT now(),
        actor_kind    text NOT NULL,
        actor_id      text NOT NULL
      );
      CREATE INDEX contact_consents_current_idx ON contact_consents (contact_id, channel, purpose, effective_at DESC, id DESC);

      -- Data-subject requests: who asked for what about whom, and what it did.
      CREATE TABLE privacy_requests (
        id                  uuid PRIMARY KEY,
        kind                text NOT NULL,
        subject_contact_ids uuid[] NOT NULL DEFAULT '{}',
        subject_user_ids    uuid[] NOT NULL DEFAULT '{}',
        -- The address asked for; removed when that person is erased.
        subject_email       text,
        actor_kind          text NOT NULL,
        actor_id            text NOT NULL,
        reason              text CHECK (length(reason) <= 1000),
        summary             jsonb NOT NULL DEFAULT '{}',
        at                  timestamptz(3) NOT NULL DEFAULT now()
      );
      CREATE INDEX privacy_requests_at_idx ON privacy_requests (id);
      CREATE INDEX privacy_requests_contacts_idx ON privacy_requests USING gin (subject_contact_ids);

      -- Reads of personal fields: one row per request and record type, never the values.
      CREATE TABLE personal_data_access_log (
        id             uuid PRIMARY KEY,
        at             timestamptz(3) NOT NULL DEFAULT now(),
        request_id     text NOT NULL,
        actor_kind     text NOT NULL,
        actor_id       text NOT NULL,
        user_id        uuid,
        operation_type text NOT NULL,
        operation_name text,
        record_type    text NOT NULL,
        record_ids     uuid[] NOT NULL,
        fields         text[] NOT NULL
      );
      CREATE INDEX personal_data_access_log_at_idx ON personal_data_access_log (at, id);
      CREATE INDEX personal_data_access_log_records_idx ON personal_data_access_log USING gin (record_ids);
      CREATE INDEX personal_data_access_log_user_idx ON personal_data_access_log (user_id, at) WHERE user_id IS NOT NULL;

      -- Sensitive custom fields are personal and sealed like the sensitive built-in fields.
      ALTER TABLE custom_field_definitions
        ADD COLUMN sensitive boolean NOT NULL DEFAULT false,
        ADD CHECK (NOT sensitive OR personal);

      ALTER TABLE workspace_settings
        ADD COLUMN access_log_retention_days integer NOT NULL DEFAULT 365 CHECK (access_log_retention_days BETWEEN 1 AND 3650),
        ADD COLUMN inactive_contact_review_months integer CHECK (inactive_contact_review_months BETWEEN 1 AND 240),
        ADD COLUMN anonymize_inactive_contacts boolean NOT NULL DEFAULT false,
        ADD CHECK (NOT anonymize_inactive_contacts OR inactive_contact_review_months IS NOT NULL);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE workspace_settings DROP COLUMN access_log_retention_days, DROP COLUMN inactive_contact_review_months, DROP COLUMN anonymize_inactive_contacts;
      ALTER TABLE custom_field_definitions DROP COLUMN sensitive;
      DROP TABLE personal_data_access_log;
      DROP TABLE privacy_requests;
      DROP TABLE contact_consents;
      ALTER TABLE contacts DROP COLUMN birth_date_sealed, DROP COLUMN deceased, DROP COLUMN processing_restricted_at, DROP COLUMN erased_at, DROP COLUMN last_activity_at;
    `);
  }
}
