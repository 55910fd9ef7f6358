import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * crm_record_count(): live CRM records of the workspace, for the plan's record limit and usage.
 * Modules that add record tables replace it in their migrations to count those too.
 */
export class RecordCount0002 implements MigrationInterface {
  name = '0002-record-count';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION crm_record_count() RETURNS bigint LANGUAGE sql STABLE SET search_path FROM CURRENT AS $$
        SELECT (SELECT count(*) FROM accounts WHERE deleted_at IS NULL) + (SELECT count(*) FROM contacts WHERE deleted_at IS NULL)
      $$;
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP FUNCTION crm_record_count()');
  }
}
