/**
 * API keys: `tnt_<kind>_<id>_<secret>`. Only a SHA-256 of the secret is stored (the secret has
 * 190 bits of entropy, so a fast hash is enough); the full token is shown once at creation.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Queryable, queryOne, queryRows } from '../db/sql';
import { PLAN_COLUMNS, PlanRecord } from './plans';
import { TENANT_COLUMNS, TenantRecord } from './tenants';

export type ApiKeyKind = 'platform' | 'reseller' | 'tenant';

export interface ApiKeyRecord {
  id: string;
  kind: ApiKeyKind;
  tenantId: string | null;
  resellerId: string | null;
  /** Workspace keys: the key of a role of the workspace's role model (built-in or custom). */
  role: string | null;
  /** Workspace keys may act for a user: record scope is theirs, and deactivating them revokes the key. */
  userId: string | null;
  /** Workspace keys only: may read but never write. */
  readOnly: boolean;
  lastUsedAt: Date | null;
  name: string;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

export interface AuthenticatedKey {
  key: ApiKeyRecord;
  /** For tenant keys: the tenant with its plan (limits and features travel with the request). */
  tenant: (TenantRecord & { plan: PlanRecord }) | null;
}

const TOKEN = /^tnt_(platform|reseller|tenant)_([a-z0-9]{12})_([A-Za-z0-9_-]{32,64})$/;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const KEY_COLUMNS = `k.id, k.kind, k.tenant_id AS "tenantId", k.reseller_id AS "resellerId", k.role, k.user_id AS "userId", k.read_only AS "readOnly", k.last_used_at AS "lastUsedAt", k.name, k.created_at AS "createdAt",
  k.expires_at AS "expiresAt", k.revoked_at AS "revokedAt"`;

const hashSecret = (secret: string): Buffer => createHash('sha256').update(secret).digest();

function randomKeyId(): string {
  const bytes = randomBytes(12);
  return Array.from(bytes, (b) => ALPHABET[b % ALPHABET.length]).join('');
}

export interface NewApiKey {
  kind: ApiKeyKind;
  name: string;
  tenantId?: string;
  resellerId?: string;
  role?: string;
  userId?: string | null;
  readOnly?: boolean;
  expiresAt?: Date | null;
}

/** Creates a key (on its own, or inside a caller's transaction) and returns its record with the one-time token. */
export async function createApiKey(db: Queryable, input: NewApiKey): Promise<{ key: ApiKeyRecord; token: string }> {
  const id = randomKeyId();
  const secret = randomBytes(24).toString('base64url');
  const row = await queryOne<ApiKeyRecord>(
    db,
    `INSERT INTO control.api_keys AS k (id, kind, tenant_id, reseller_id, role, user_id, read_only, name, secret_hash, expires_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${KEY_COLUMNS}`,
    [id, input.kind, input.tenantId ?? null, input.resellerId ?? null, input.role ?? null, input.userId ?? null, input.readOnly ?? false, input.name, hashSecret(secret), input.expiresAt ?? null],
  );
  return { key: row!, token: `tnt_${input.kind}_${id}_${secret}` };
}

/** Resolves a bearer token to its key and tenant, or null when unknown, revoked, expired or malformed. */
export async function authenticateApiKey(dataSource: DataSource, token: string): Promise<AuthenticatedKey | null> {
  const match = TOKEN.exec(token);
  if (!match) return null;
  const [, kind, id, secret] = match;
  const row = await queryOne<ApiKeyRecord & { secretHash: Buffer; tenant: AuthenticatedKey['tenant'] }>(
    dataSource,
    `SELECT ${KEY_COLUMNS}, k.secret_hash AS "secretHash", row_to_json(t) AS tenant
       FROM control.api_keys k
       LEFT JOIN LATERAL (SELECT ${TENANT_COLUMNS},
                                 (SELECT row_to_json(p) FROM (SELECT ${PLAN_COLUMNS} FROM control.plans WHERE code = plan_code) p) AS plan
                            FROM control.tenants WHERE id = k.tenant_id) t ON true
      WHERE k.id = $1 AND k.kind = $2 AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > now())`,
    [id, kind],
  );
  if (!row || !timingSafeEqual(row.secretHash, hashSecret(secret))) return null;
  const { secretHash: _ignored, tenant, ...key } = row;
  void _ignored;
  // row_to_json leaves timestamps as strings.
  const dates = (t: NonNullable<AuthenticatedKey['tenant']>) => ({
    createdAt: new Date(t.createdAt),
    updatedAt: new Date(t.updatedAt),
    purgeAfter: t.purgeAfter && new Date(t.purgeAfter),
    purgedAt: t.purgedAt && new Date(t.purgedAt),
  });
  return { key, tenant: tenant ? { ...tenant, ...dates(tenant) } : null };
}

export async function listTenantApiKeys(dataSource: DataSource, tenantId: string): Promise<ApiKeyRecord[]> {
  return queryRows(dataSource, `SELECT ${KEY_COLUMNS} FROM control.api_keys k WHERE k.tenant_id = $1 ORDER BY k.created_at, k.id`, [tenantId]);
}

/** Revokes a tenant's key; answers null when the key does not belong to that tenant. */
export async function revokeTenantApiKey(db: Queryable, tenantId: string, keyId: string): Promise<ApiKeyRecord | null> {
  return queryOne<ApiKeyRecord>(
    db,
    `UPDATE control.api_keys k SET revoked_at = coalesce(revoked_at, now())
      WHERE k.id = $1 AND k.tenant_id = $2 RETURNING ${KEY_COLUMNS}`,
    [keyId, tenantId],
  );
}

/** Writes when keys were last used, for many keys in one statement (never earlier than already recorded). */
export async function recordKeysUsed(db: Queryable, lastUse: Map<string, Date>): Promise<void> {
  if (!lastUse.size) return;
  await queryRows(
    db,
    `UPDATE control.api_keys k SET last_used_at = greatest(k.last_used_at, u.at)
       FROM unnest($1::text[], $2::timestamptz[]) AS u(id, at) WHERE k.id = u.id`,
    [[...lastUse.keys()], [...lastUse.values()]],
  );
}

/** Revokes every live key acting for a user (when the user is deactivated); returns the revoked ids. */
export async function revokeUserApiKeys(db: Queryable, tenantId: string, userId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    'UPDATE control.api_keys SET revoked_at = now() WHERE tenant_id = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING id',
    [tenantId, userId],
  );
  return rows.map((r) => r.id);
}
