/**
 * Statement timing at the pg client, for the benchmark's profile of provisioning: wraps
 * pg.Client#query (like src/db/sql-counter.ts does) and, while a profile is active, adds each
 * statement's round-trip time to a category named after what the statement does.
 */
import pg from 'pg';

export type Profile = Map<string, number>;

let active: Profile | null = null;
let installed = false;

/** Categories of the statements provisionTenant issues, in the order they run. */
export const PROVISION_CATEGORIES = [
  'begin',
  'plan lookup',
  'role + schema',
  'scope switch (SET LOCAL x2)',
  'migration 0001 (tables, indexes, trigger)',
  'migration 0002 (function)',
  'control row insert',
  'audit insert',
  'commit',
  'other SQL',
] as const;

export function classify(sql: string): string {
  const text = sql.trimStart();
  if (/^(START TRANSACTION|BEGIN)/i.test(text)) return 'begin';
  if (/^COMMIT/i.test(text)) return 'commit';
  if (/FROM control\.plans/.test(text)) return 'plan lookup';
  if (/^CREATE ROLE/.test(text)) return 'role + schema';
  if (/^SET LOCAL (search_path|ROLE)/.test(text)) return 'scope switch (SET LOCAL x2)';
  if (/CREATE TABLE users/.test(text)) return 'migration 0001 (tables, indexes, trigger)';
  if (/CREATE FUNCTION crm_record_count/.test(text)) return 'migration 0002 (function)';
  if (/INSERT INTO control\.tenants/.test(text)) return 'control row insert';
  if (/INSERT INTO control\.audit_log/.test(text)) return 'audit insert';
  return 'other SQL';
}

export function installSqlProfiler(): void {
  if (installed) return;
  installed = true;
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function profiledQuery(this: pg.Client, ...args: unknown[]) {
    const profile = active;
    const result = (original as (...a: unknown[]) => unknown).apply(this, args);
    if (!profile || !result || typeof (result as Promise<unknown>).then !== 'function') return result;
    const sql = typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string })?.text ?? '');
    const category = classify(sql);
    const started = performance.now();
    const add = () => profile.set(category, (profile.get(category) ?? 0) + performance.now() - started);
    (result as Promise<unknown>).then(add, add);
    return result;
  } as typeof original;
}

/** Runs `work` with every statement it issues (sequential work only) timed into a fresh profile. */
export async function profiled<T>(work: () => Promise<T>): Promise<{ result: T; profile: Profile; elapsed: number }> {
  const profile: Profile = new Map();
  active = profile;
  const started = performance.now();
  try {
    const result = await work();
    return { result, profile, elapsed: performance.now() - started };
  } finally {
    active = null;
  }
}
