import { MigrationInterface, QueryRunner } from 'typeorm';

/** The workspace's own audit trail of configuration and permission changes, readable by its admins. */
export class AdminAudit0003 implements MigrationInterface {
  name = '0003-admin-audit';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE admin_audit (
        id          uuid PRIMARY KEY,
        at          timestamptz(3) NOT NULL DEFAULT now(),
        actor_kind  text NOT NULL,
        actor_id    text NOT NULL,
        action      text NOT NULL,
        target_type text NOT NULL,
        target_id   text,
        before      jsonb,
        after       jsonb
      );
      CREATE INDEX admin_audit_target_idx ON admin_audit (target_type, target_id, id);
    `);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE admin_audit');
  }
}
