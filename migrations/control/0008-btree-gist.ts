import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * btree_gist, for exclusion constraints that combine equality with range overlap (a technician
 * is never booked twice at once). Installed once per database, in its own schema that every
 * workspace role may use; a database that already has it keeps it where it is (workspace
 * migrations look up its schema).
 */
export class BtreeGist0008 implements MigrationInterface {
  name = '0008-btree-gist';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE SCHEMA IF NOT EXISTS extensions;
      GRANT USAGE ON SCHEMA extensions TO PUBLIC;
      CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA extensions;
    `);
  }

  async down(): Promise<void> {
    // Kept: other databases' objects may use it, and dropping it would drop their constraints.
  }
}
