import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Custom fields: the workspace's definitions, and the values on each record as one JSON object
 * (`custom_fields`, keyed by definition key) with a GIN index for containment and key lookups.
 * A NOT NULL column with a constant default rewrites no rows; the CHECK and the GIN index read each
 * table once. No CHECK on `object`: a new record type (opportunities) needs no change here.
 */
export class CustomFields0005 implements MigrationInterface {
  name = '0005-custom-fields';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE custom_field_definitions (
        id              uuid PRIMARY KEY,
        object          text NOT NULL,
        key             text NOT NULL CHECK (key ~ '^[a-z][a-zA-Z0-9]{0,39}$'),
        label           text NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
        description     text CHECK (length(description) <= 1000),
        type            text NOT NULL CHECK (type IN ('TEXT', 'NUMBER', 'MONEY', 'DATE', 'BOOLEAN', 'PICKLIST')),
        required        boolean NOT NULL DEFAULT false,
        personal        boolean NOT NULL DEFAULT false,
        picklist_values text[] NOT NULL DEFAULT '{}',
        version         integer NOT NULL DEFAULT 1,
        created_at      timestamptz(3) NOT NULL DEFAULT now(),
        updated_at      timestamptz(3) NOT NULL DEFAULT now(),
        CHECK ((type = 'PICKLIST') = (cardinality(picklist_values) > 0))
      );
      -- Keys are unique per object without regard to case ("vip" and "Vip" would be confusing).
      CREATE UNIQUE INDEX custom_field_definitions_key ON custom_field_definitions (object, lower(key));

      ALTER TABLE accounts ADD COLUMN custom_fields jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(custom_fields) = 'object');
      CREATE INDEX accounts_custom_fields_idx ON accounts USING gin (custom_fields);
      ALTER TABLE contacts ADD COLUMN custom_fields jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(custom_fields) = 'object');
      CREATE INDEX contacts_custom_fields_idx ON contacts USING gin (custom_fields);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      DROP INDEX contacts_custom_fields_idx; ALTER TABLE contacts DROP COLUMN custom_fields;
      DROP INDEX accounts_custom_fields_idx; ALTER TABLE accounts DROP COLUMN custom_fields;
      DROP TABLE custom_field_definitions;
    `);
  }
}
