/**
 * Control-plane migrations, and tenant-schema migrations across the fleet.
 * Each tenant migrates in its own transaction with its search_path and role; a failure leaves
 * that tenant at its old version and the others proceed.
 */
import { DataSource, QueryRunner } from 'typeorm';
import { controlMigrations } from '../../migrations/control';
import { tenantMigrations } from '../../migrations/tenant';
import { quoteTenantIdentifier } from '../db/identifiers';
import { withControlTransaction } from './control-transaction';

/** Serialises concurrent boots (several app instances, test workers) around schema changes. */
const MIGRATION_LOCK = 7_420_001;

export const latestTenantVersion = (): number => tenantMigrations.length;

export async function runControlMigrations(dataSource: DataSource): Promise<string[]> {
  return withControlTransaction(dataSource, async (db) => {
    await db.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await db.query(`CREATE SCHEMA IF NOT EXISTS control;
      REVOKE ALL ON SCHEMA control FROM PUBLIC;
      CREATE TABLE IF NOT EXISTS control.migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());`);
    const applied = new Set<string>((await db.query('SELECT name FROM control.migrations')).map((row: { name: string }) => row.name));
    const ran: string[] = [];
    for (const migration of controlMigrations) {
      const name = migration.name!;
      if (applied.has(name)) continue;
      await migration.up(db);
      await db.query('INSERT INTO control.migrations (name) VALUES ($1)', [name]);
      ran.push(name);
    }
    return ran;
  });
}

/** Runs tenant migrations numbered after `fromVersion` inside an open transaction scoped to the tenant. */
export async function applyTenantMigrations(db: QueryRunner, tenant: { schemaName: string; roleName: string }, fromVersion: number): Promise<number> {
  await db.query(`SET LOCAL search_path TO ${quoteTenantIdentifier(tenant.schemaName)}; SET LOCAL ROLE ${quoteTenantIdentifier(tenant.roleName)}`);
  for (const migration of tenantMigrations.slice(fromVersion)) await migration.up(db);
  await db.query('SET LOCAL ROLE NONE; SET LOCAL search_path TO DEFAULT');
  return tenantMigrations.length;
}

/** How many live tenants are behind the code's schema version: one indexed query, whatever the fleet size. */
export async function pendingTenantCount(dataSource: DataSource): Promise<number> {
  const [row] = await dataSource.query(
    `SELECT count(*)::int AS pending FROM control.tenants WHERE status <> 'deleted' AND schema_version < $1`,
    [latestTenantVersion()],
  );
  return row.pending;
}

export interface FleetMigrationReport {
  migrated: string[];
  failed: { slug: string; error: string }[];
}

export async function migrateTenants(dataSource: DataSource, options: { concurrency?: number } = {}): Promise<FleetMigrationReport> {
  const latest = latestTenantVersion();
  const behind: { id: string; slug: string }[] = await dataSource.query(
    `SELECT id, slug FROM control.tenants WHERE status <> 'deleted' AND schema_version < $1 ORDER BY created_at`,
    [latest],
  );
  const report: FleetMigrationReport = { migrated: [], failed: [] };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < behind.length) {
      const tenant = behind[next++];
      try {
        await migrateOneTenant(dataSource, tenant.id, latest);
        report.migrated.push(tenant.slug);
      } catch (error) {
        report.failed.push({ slug: tenant.slug, error: (error as Error).message });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  return report;
}

async function migrateOneTenant(dataSource: DataSource, tenantId: string, latest: number): Promise<void> {
  await withControlTransaction(dataSource, async (db) => {
    // The row lock makes a second runner wait, then see the new version and skip: resumable and safe to run twice.
    const [row] = await db.query(
      'SELECT schema_name, role_name, schema_version FROM control.tenants WHERE id = $1 FOR UPDATE',
      [tenantId],
    );
    if (!row || row.schema_version >= latest) return;
    await applyTenantMigrations(db, { schemaName: row.schema_name, roleName: row.role_name }, row.schema_version);
    await db.query('UPDATE control.tenants SET schema_version = $2, updated_at = now() WHERE id = $1', [tenantId, latest]);
  });
}
