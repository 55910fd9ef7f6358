/**
 * Tenants of the control plane: lookup and provisioning. Provisioning creates the tenant's role,
 * schema and tables and its control row in ONE transaction, so a tenant fully exists or not at all.
 */
import { randomBytes } from 'node:crypto';
import { DataSource, QueryRunner } from 'typeorm';
import { quoteTenantIdentifier } from '../db/identifiers';
import { Queryable, queryOne, queryRows } from '../db/sql';
import { uuidv7 } from '../db/uuid';
import { recordAudit } from './audit';
import { withControlTransaction } from './control-transaction';
import { MasterKeyring, createDataKey } from './encryption';
import { applyTenantMigrations } from './migrations';
import { findPlan } from './plans';
import { Actor, Refusal } from './refusal';

export type TenantStatus = 'active' | 'suspended' | 'pending_deletion' | 'deleted';

export interface TenantRecord {
  id: string;
  slug: string;
  name: string;
  schemaName: string;
  roleName: string;
  status: TenantStatus;
  schemaVersion: number;
  resellerId: string | null;
  planCode: string;
  seats: number;
  seatsUsed: number;
  settings: Record<string, unknown>;
  purgeAfter: Date | null;
  purgedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export const TENANT_COLUMNS = `id, slug, name, schema_name AS "schemaName", role_name AS "roleName", status,
  schema_version AS "schemaVersion", reseller_id AS "resellerId", plan_code AS "planCode", seats, seats_used AS "seatsUsed",
  settings, purge_after AS "purgeAfter", purged_at AS "purgedAt", created_at AS "createdAt", updated_at AS "updatedAt"`;

const SLUG = /^[a-z][a-z0-9-]{1,38}[a-z0-9]$/;
const RESERVED_SLUGS = new Set(['admin', 'api', 'control', 'graphql', 'platform', 'public', 'root', 'system', 'www', 'tenantry', 'postgres']);

/** Why a slug cannot be used, or null when it can. */
export function slugProblem(slug: string): string | null {
  if (!SLUG.test(slug)) return 'Slug must be 3–40 characters of lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen';
  if (slug.includes('--')) return 'Slug must not contain consecutive hyphens';
  if (RESERVED_SLUGS.has(slug)) return `Slug "${slug}" is reserved`;
  return null;
}

/** Schema and role names come from random bytes, never from client text. */
function newTenantIdentifiers(): { schemaName: string; roleName: string } {
  const suffix = randomBytes(10).toString('hex');
  return { schemaName: `t_${suffix}`, roleName: `t_${suffix}_role` };
}

export interface NewTenant {
  slug: string;
  name: string;
  planCode: string;
  seats: number;
  resellerId?: string | null;
  settings?: Record<string, unknown>;
}

export interface ProvisionHooks<T> {
  /** Runs in the tenant's schema and role (e.g. the first admin user); returns the seats it used. */
  seedWorkspace?: (db: QueryRunner) => Promise<number>;
  /** Runs in the control plane, same transaction (e.g. the first admin key). */
  afterCreate?: (db: QueryRunner, tenant: TenantRecord) => Promise<T>;
  /** Wraps the workspace's new data key (encryption at rest); without it the key is created on first use. */
  keyring?: MasterKeyring;
}

/**
 * Provisions a tenant: role, schema, tables, seed and control row in ONE transaction, so a tenant
 * fully exists or not at all. Refuses bad slugs, unknown plans and seats beyond the plan.
 */
export async function provisionTenant<T = undefined>(
  dataSource: DataSource,
  actor: Actor,
  input: NewTenant,
  hooks: ProvisionHooks<T> = {},
): Promise<TenantRecord & { extra: T }> {
  const problem = slugProblem(input.slug);
  if (problem) throw new Refusal('INVALID', 'slug', problem);
  const id = uuidv7();
  const { schemaName, roleName } = newTenantIdentifiers();
  try {
    return await withControlTransaction(dataSource, async (db) => {
      const plan = await findPlan(db, input.planCode);
      if (!plan) throw new Refusal('NOT_FOUND', 'planCode', `Unknown plan "${input.planCode}"`);
      checkSeats(input.seats, plan.seatLimit, 0);
      const role = quoteTenantIdentifier(roleName);
      await db.query(`CREATE ROLE ${role} NOLOGIN NOINHERIT;
        GRANT ${role} TO CURRENT_USER;
        CREATE SCHEMA ${quoteTenantIdentifier(schemaName)} AUTHORIZATION ${role};`);
      const scope = { schemaName, roleName };
      const version = await applyTenantMigrations(db, scope, 0);
      const seatsUsed = hooks.seedWorkspace ? await inTenantScope(db, scope, hooks.seedWorkspace) : 0;
      if (seatsUsed > input.seats) throw new Refusal('QUOTA_EXCEEDED', 'seats', `${seatsUsed} users need more than the ${input.seats} seats bought`);
      const tenant = (await queryOne<TenantRecord>(
        db,
        `INSERT INTO control.tenants (id, slug, name, schema_name, role_name, status, schema_version, reseller_id, plan_code, seats, seats_used, settings)
         VALUES ($1, $2, $3, $4, $5, 'active', $6, $7, $8, $9, $10, $11) RETURNING ${TENANT_COLUMNS}`,
        [id, input.slug, input.name, schemaName, roleName, version, input.resellerId ?? null, plan.code, input.seats, seatsUsed, JSON.stringify(input.settings ?? {})],
      ))!;
      await recordAudit(db, actor, 'tenant.provision', { tenantId: tenant.id, resellerId: tenant.resellerId }, null, auditView(tenant));
      if (hooks.keyring) await createDataKey(db, hooks.keyring, tenant.id);
      const extra = (hooks.afterCreate ? await hooks.afterCreate(db, tenant) : undefined) as T;
      return { ...tenant, extra };
    });
  } catch (error) {
    if ((error as { constraint?: string }).constraint === 'tenants_slug_key') throw new Refusal('DUPLICATE', 'slug', `A tenant with slug "${input.slug}" already exists`);
    throw error;
  }
}

/** Seats bought must fit the plan and cover the seats in use. */
export function checkSeats(seats: number, seatLimit: number, seatsUsed: number): void {
  if (!Number.isInteger(seats) || seats < 1) throw new Refusal('OUT_OF_RANGE', 'seats', 'Seats must be a whole number of at least 1');
  if (seats > seatLimit) throw new Refusal('OUT_OF_RANGE', 'seats', `The plan allows at most ${seatLimit} seats`);
  if (seats < seatsUsed) throw new Refusal('OUT_OF_RANGE', 'seats', `${seatsUsed} seats are in use; remove users before reducing seats below that`);
}

/** Runs work with the tenant's search_path and role inside a control-plane transaction. */
export async function inTenantScope<T>(db: QueryRunner, scope: { schemaName: string; roleName: string }, work: (db: QueryRunner) => Promise<T>): Promise<T> {
  await db.query(`SET LOCAL search_path TO ${quoteTenantIdentifier(scope.schemaName)}; SET LOCAL ROLE ${quoteTenantIdentifier(scope.roleName)}`);
  try {
    return await work(db);
  } finally {
    await db.query('SET LOCAL ROLE NONE; SET LOCAL search_path TO DEFAULT');
  }
}

/** What the audit trail keeps of a tenant: its commercial state, not its internals. */
export const auditView = (t: TenantRecord) => ({
  slug: t.slug,
  name: t.name,
  status: t.status,
  planCode: t.planCode,
  seats: t.seats,
  resellerId: t.resellerId,
  purgeAfter: t.purgeAfter,
});

export async function findTenantBySlug(dataSource: DataSource, slug: string): Promise<TenantRecord | null> {
  return queryOne<TenantRecord>(dataSource, `SELECT ${TENANT_COLUMNS} FROM control.tenants WHERE slug = $1`, [slug]);
}

export async function findTenantById(db: Queryable, id: string): Promise<TenantRecord | null> {
  return queryOne<TenantRecord>(db, `SELECT ${TENANT_COLUMNS} FROM control.tenants WHERE id = $1`, [id]);
}

export interface TenantListQuery {
  resellerId?: string;
  status?: TenantStatus[];
  planCode?: string[];
  slugContains?: string;
}

function tenantWhere(query: TenantListQuery): { where: string; params: unknown[] } {
  return {
    where: `($1::uuid IS NULL OR reseller_id = $1) AND ($2::text[] IS NULL OR status = ANY($2))
      AND ($3::text[] IS NULL OR plan_code = ANY($3)) AND ($4::text IS NULL OR strpos(slug, $4) > 0)`,
    params: [query.resellerId ?? null, query.status ?? null, query.planCode ?? null, query.slugContains ?? null],
  };
}

/** Keyset page of tenants ordered by creation (id is time-ordered), optionally one reseller's only. */
export async function listTenants(db: Queryable, query: TenantListQuery & { limit: number; afterId?: string }): Promise<TenantRecord[]> {
  const { where, params } = tenantWhere(query);
  return queryRows<TenantRecord>(
    db,
    `SELECT ${TENANT_COLUMNS} FROM control.tenants WHERE ${where} AND ($5::uuid IS NULL OR id > $5) ORDER BY id LIMIT $6`,
    [...params, query.afterId ?? null, query.limit],
  );
}

export async function countTenants(db: Queryable, query: TenantListQuery): Promise<number> {
  const { where, params } = tenantWhere(query);
  return (await queryOne<{ count: number }>(db, `SELECT count(*)::int AS count FROM control.tenants WHERE ${where}`, params))!.count;
}
