/**
 * Control-plane migrations, and tenant-schema migrations across the fleet.
 * Each tenant migrates in its own transaction with its search_path and role; a failure leaves
 * that tenant at its old version and the others proceed.
 */
import { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
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
export async function applyTenantMigrations(
  db: QueryRunner,
  tenant: { schemaName: string; roleName: string },
  fromVersion: number,
  migrations: MigrationInterface[] = tenantMigrations,
): Promise<number> {
  await db.query(`SET LOCAL search_path TO ${quoteTenantIdentifier(tenant.schemaName)}; SET LOCAL ROLE ${quoteTenantIdentifier(tenant.roleName)}`);
  for (const migration of migrations.slice(fromVersion)) await migration.up(db);
  await db.query('SET LOCAL ROLE NONE; SET LOCAL search_path TO DEFAULT');
  return migrations.length;
}

/** How many live tenants are behind the code's schema version: one indexed query, whatever the fleet size. */
export async function pendingTenantCount(dataSource: DataSource, migrations: MigrationInterface[] = tenantMigrations): Promise<number> {
  const [row] = await dataSource.query(
    `SELECT count(*)::int AS pending FROM control.tenants WHERE status <> 'deleted' AND schema_version < $1`,
    [migrations.length],
  );
  return row.pending;
}

export interface FleetMigrationReport {
  migrated: string[];
  failed: { slug: string; error: string }[];
}

export interface FleetMigrationOptions {
  /** Tenants migrated at once (default 4): bounded so the fleet does not starve the pool. */
  concurrency?: number;
  /** The migration list (default: migrations/tenant); benchmarks pass a longer one. */
  migrations?: MigrationInterface[];
  /** Only these tenants (IDs), e.g. a canary group before the rest of the fleet. */
  tenantIds?: string[];
}

export async function migrateTenants(dataSource: DataSource, options: FleetMigrationOptions = {}): Promise<FleetMigrationReport> {
  const migrations = options.migrations ?? tenantMigrations;
  const latest = migrations.length;
  const behind: { id: string; slug: string }[] = await dataSource.query(
    `SELECT id, slug FROM control.tenants WHERE status <> 'deleted' AND schema_version < $1 AND ($2::uuid[] IS NULL OR id = ANY($2))
      ORDER BY created_at`,
    [latest, options.tenantIds ?? null],
  );
  const report: FleetMigrationReport = { migrated: [], failed: [] };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < behind.length) {
      const tenant = behind[next++];
      try {
        if (await migrateOneTenant(dataSource, tenant.id, migrations)) report.migrated.push(tenant.slug);
      } catch (error) {
        report.failed.push({ slug: tenant.slug, error: (error as Error).message });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  return report;
}

/** Migrates one tenant unless another runner got there first; says whether it did. */
async function migrateOneTenant(dataSource: DataSource, tenantId: string, migrations: MigrationInterface[]): Promise<boolean> {
  const latest = migrations.length;
  return withControlTransaction(dataSource, async (db) => {
    // The row lock makes a second runner wait, then see the new version and skip: resumable and safe to run twice.
    const [row] = await db.query(
      `SELECT schema_name, role_name, schema_version FROM control.tenants WHERE id = $1 AND status <> 'deleted' FOR UPDATE`,
      [tenantId],
    );
    if (!row || row.schema_version >= latest) return false;
    // A DDL lock that cannot be had soon fails this tenant (reported, retried next run) instead of
    // queueing its live traffic behind the migration.
    await db.query(`SET LOCAL lock_timeout = '5s'`);
    await applyTenantMigrations(db, { schemaName: row.schema_name, roleName: row.role_name }, row.schema_version, migrations);
    await db.query('UPDATE control.tenants SET schema_version = $2, updated_at = now() WHERE id = $1', [tenantId, latest]);
    return true;
  });
}
