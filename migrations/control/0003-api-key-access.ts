import { MigrationInterface, QueryRunner } from 'typeorm';

/** Workspace keys can be read-only; the last time a key was used is kept (written in batches). */
export class ApiKeyAccess0003 implements MigrationInterface {
  name = '0003-api-key-access';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE control.api_keys
        ADD COLUMN read_only boolean NOT NULL DEFAULT false,
        ADD COLUMN last_used_at timestamptz(3);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE control.api_keys DROP COLUMN read_only, DROP COLUMN last_used_at');
  }
}
