/**
 * Tenants of the control plane: lookup and provisioning. Provisioning creates the tenant's role,
 * schema and tables and its control row in ONE transaction, so a tenant fully exists or not at all.
 */
import { randomBytes } from 'node:crypto';
import { DataSource, QueryRunner } from 'typeorm';
import { quoteTenantIdentifier } from '../db/identifiers';
import { queryOne, queryRows } from '../db/sql';
import { uuidv7 } from '../db/uuid';
import { withControlTransaction } from './control-transaction';
import { applyTenantMigrations } from './migrations';

export type TenantStatus = 'active' | 'suspended' | 'deleted';

export interface TenantRecord {
  id: string;
  slug: string;
  name: string;
  schemaName: string;
  roleName: string;
  status: TenantStatus;
  schemaVersion: number;
  createdAt: Date;
  updatedAt: Date;
}

export const TENANT_COLUMNS = `id, slug, name, schema_name AS "schemaName", role_name AS "roleName", status,
  schema_version AS "schemaVersion", created_at AS "createdAt", updated_at AS "updatedAt"`;

const SLUG = /^[a-z][a-z0-9-]{1,38}[a-z0-9]$/;
const RESERVED_SLUGS = new Set(['admin', 'api', 'control', 'graphql', 'platform', 'public', 'root', 'system', 'www', 'tenantry', 'postgres']);

/** Why a slug cannot be used, or null when it can. */
export function slugProblem(slug: string): string | null {
  if (!SLUG.test(slug)) return 'Slug must be 3–40 characters of lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen';
  if (slug.includes('--')) return 'Slug must not contain consecutive hyphens';
  if (RESERVED_SLUGS.has(slug)) return `Slug "${slug}" is reserved`;
  return null;
}

export class SlugTakenError extends Error {
  constructor(readonly slug: string) {
    super(`A tenant with slug "${slug}" already exists`);
  }
}

/** Schema and role names come from random bytes, never from client text. */
function newTenantIdentifiers(): { schemaName: string; roleName: string } {
  const suffix = randomBytes(10).toString('hex');
  return { schemaName: `t_${suffix}`, roleName: `t_${suffix}_role` };
}

/**
 * Provisions a tenant. `inSameTransaction` runs inside the provisioning transaction (e.g. to create
 * the first admin key), so that a failure there leaves no tenant behind either.
 */
export async function provisionTenant<T = undefined>(
  dataSource: DataSource,
  input: { slug: string; name: string },
  inSameTransaction?: (db: QueryRunner, tenant: TenantRecord) => Promise<T>,
): Promise<TenantRecord & { extra: T }> {
  const problem = slugProblem(input.slug);
  if (problem) throw new Error(problem);
  const id = uuidv7();
  const { schemaName, roleName } = newTenantIdentifiers();
  try {
    return await withControlTransaction(dataSource, async (db) => {
      const role = quoteTenantIdentifier(roleName);
      await db.query(`CREATE ROLE ${role} NOLOGIN NOINHERIT;
        GRANT ${role} TO CURRENT_USER;
        CREATE SCHEMA ${quoteTenantIdentifier(schemaName)} AUTHORIZATION ${role};`);
      const version = await applyTenantMigrations(db, { schemaName, roleName }, 0);
      const [row] = await db.query(
        `INSERT INTO control.tenants (id, slug, name, schema_name, role_name, status, schema_version)
         VALUES ($1, $2, $3, $4, $5, 'active', $6) RETURNING ${TENANT_COLUMNS}`,
        [id, input.slug, input.name, schemaName, roleName, version],
      );
      const tenant = row as TenantRecord;
      const extra = (inSameTransaction ? await inSameTransaction(db, tenant) : undefined) as T;
      return { ...tenant, extra };
    });
  } catch (error) {
    if ((error as { constraint?: string }).constraint === 'tenants_slug_key') throw new SlugTakenError(input.slug);
    throw error;
  }
}

export async function findTenantBySlug(dataSource: DataSource, slug: string): Promise<TenantRecord | null> {
  return queryOne<TenantRecord>(dataSource, `SELECT ${TENANT_COLUMNS} FROM control.tenants WHERE slug = $1`, [slug]);
}

export async function findTenantById(dataSource: DataSource, id: string): Promise<TenantRecord | null> {
  return queryOne<TenantRecord>(dataSource, `SELECT ${TENANT_COLUMNS} FROM control.tenants WHERE id = $1`, [id]);
}

/** Keyset page of tenants ordered by creation (id is time-ordered). */
export async function listTenants(dataSource: DataSource, page: { limit: number; afterId?: string }): Promise<TenantRecord[]> {
  return queryRows<TenantRecord>(
    dataSource,
    `SELECT ${TENANT_COLUMNS} FROM control.tenants WHERE ($1::uuid IS NULL OR id > $1) ORDER BY id LIMIT $2`,
    [page.afterId ?? null, page.limit],
  );
}
