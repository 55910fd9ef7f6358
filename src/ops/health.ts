/**
 * Readiness: can this instance serve? The database answers, the control-plane migrations the code
 * expects are applied, and no workspace schema is behind the code (a workspace behind would fail
 * its requests). Liveness (/healthz) is separate and never touches the database.
 */
import { DataSource } from 'typeorm';
import { controlMigrations } from '../../migrations/control';
import { pendingTenantCount } from '../platform/migrations';

export type Readiness =
  | { ready: true; checks: { database: 'ok'; controlMigrations: 'current'; tenantSchemas: 'current' } }
  | { ready: false; reason: string };

/** How long the checks may take before the instance counts as not ready (e.g. a saturated pool). */
export const READINESS_TIMEOUT_MS = 3000;

export async function checkReadiness(dataSource: DataSource, timeoutMs = READINESS_TIMEOUT_MS): Promise<Readiness> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Readiness>((resolve) => {
    timer = setTimeout(() => resolve({ ready: false, reason: `the database did not answer within ${timeoutMs} ms` }), timeoutMs);
  });
  try {
    return await Promise.race([runChecks(dataSource), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function runChecks(dataSource: DataSource): Promise<Readiness> {
  if (!dataSource.isInitialized) return { ready: false, reason: 'the database connection is closed' };
  try {
    await dataSource.query('SELECT 1');
  } catch {
    return { ready: false, reason: 'the database is not reachable' };
  }
  try {
    const missing = await pendingControlMigrations(dataSource);
    if (missing.length) return { ready: false, reason: `${missing.length} control-plane migration(s) not applied` };
    const behind = await pendingTenantCount(dataSource);
    if (behind) return { ready: false, reason: `${behind} workspace schema(s) behind the code's version` };
  } catch {
    // Typically the control schema does not exist yet: migrations never ran.
    return { ready: false, reason: 'the migration state could not be read (migrations not run?)' };
  }
  return { ready: true, checks: { database: 'ok', controlMigrations: 'current', tenantSchemas: 'current' } };
}

/** Names of control-plane migrations in the code but not recorded as applied. */
export async function pendingControlMigrations(dataSource: DataSource): Promise<string[]> {
  const rows: { name: string }[] = await dataSource.query('SELECT name FROM control.migrations');
  const applied = new Set(rows.map((row) => row.name));
  return controlMigrations.map((m) => m.name!).filter((name) => !applied.has(name));
}
