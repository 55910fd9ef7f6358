/**
 * Helpers for the tenant-lifecycle suites (test/tenants): control-plane operations as a client
 * sends them, resellers made through the API, and checks below the API (control rows, schemas,
 * roles, audit rows) that never depend on global counts.
 */
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Client, Harness, dataOf } from './harness';
import { globalId, tenantObjectCounts, uuidOfId } from './security-helpers';

export const uniqueCode = (prefix: string): string => `${prefix}-${randomBytes(5).toString('hex')}`;

/** Today (UTC) as the Date scalar spells it. */
export const todayUtc = (): string => new Date().toISOString().slice(0, 10);

export const USER_ERRORS = 'userErrors { field message code }';
export const TENANT_FIELDS = `id slug name status seats seatsUsed schemaVersion purgeAfter purgedAt createdAt
  plan { code name seatLimit recordLimit features } reseller { id code name }`;

export const PROVISION = `mutation($input: ProvisionTenantInput!) {
  provisionTenant(input: $input) { adminApiKey tenant { ${TENANT_FIELDS} } ${USER_ERRORS} }
}`;
export const CHANGE_PLAN = `mutation($input: ChangeTenantPlanInput!) { changeTenantPlan(input: $input) { tenant { ${TENANT_FIELDS} } ${USER_ERRORS} } }`;
export const SUSPEND = `mutation($input: TenantRefInput!) { suspendTenant(input: $input) { tenant { ${TENANT_FIELDS} } ${USER_ERRORS} } }`;
export const RESUME = `mutation($input: TenantRefInput!) { resumeTenant(input: $input) { tenant { ${TENANT_FIELDS} } ${USER_ERRORS} } }`;
export const SCHEDULE_DELETION = `mutation($input: ScheduleTenantDeletionInput!) {
  scheduleTenantDeletion(input: $input) { tenant { ${TENANT_FIELDS} } ${USER_ERRORS} }
}`;
export const CANCEL_DELETION = `mutation($input: TenantRefInput!) { cancelTenantDeletion(input: $input) { tenant { ${TENANT_FIELDS} } ${USER_ERRORS} } }`;
export const PURGE_DUE = `mutation { purgeDueTenants { purgedSlugs ${USER_ERRORS} } }`;
export const CREATE_RESELLER = `mutation($input: CreateResellerInput!) { createReseller(input: $input) { reseller { id code name createdAt } ${USER_ERRORS} } }`;
export const CREATE_RESELLER_KEY = `mutation($input: CreateResellerApiKeyInput!) { createResellerApiKey(input: $input) { token ${USER_ERRORS} } }`;
export const UPSERT_PLAN = `mutation($input: UpsertPlanInput!) {
  upsertPlan(input: $input) { plan { code name seatLimit recordLimit apiBudgetPerDay features } ${USER_ERRORS} }
}`;
export const PLANS = '{ plans { code name seatLimit recordLimit apiBudgetPerDay features } }';
export const TENANT = `query($id: ID!) { tenant(id: $id) { ${TENANT_FIELDS} } }`;
export const TENANTS = `query($first: Int, $after: String, $where: TenantFilter) {
  tenants(first: $first, after: $after, where: $where) { totalCount nodes { id slug status seatsUsed seats plan { code } reseller { id } } pageInfo { hasNextPage endCursor } }
}`;
export const TENANT_USAGE = `query($tenantId: ID!, $from: Date!, $to: Date!) {
  tenantUsage(tenantId: $tenantId, from: $from, to: $to) { day apiRequests costPoints recordCount storageBytes }
}`;
export const RESELLER_USAGE = `query($from: Date!, $to: Date!) {
  resellerUsage(from: $from, to: $to) { reseller { id code } tenants apiRequests costPoints storageBytes }
}`;
export const AUDIT_LOG = `query($first: Int, $after: String, $tenantId: ID) {
  auditLog(first: $first, after: $after, tenantId: $tenantId) {
    totalCount
    nodes { id at actorKind actorId action tenant { id slug } before after }
    pageInfo { hasNextPage endCursor }
  }
}`;
export const VIEWER = '{ viewer { kind role workspace { slug name } } }';

export interface TestReseller {
  /** Global ID. */
  id: string;
  uuid: string;
  code: string;
  token: string;
  /** The key id inside the token (the audit trail's actorId). */
  keyId: string;
  client: Client;
}

/** The key id inside a token `tnt_<kind>_<id>_<secret>`. */
export const keyIdOf = (token: string): string => token.split('_')[2];
/** The secret part of a token (it may itself contain underscores). */
export const secretOf = (token: string): string => token.split('_').slice(3).join('_');

/** A reseller and one API key for it, both created by the platform admin through the API. */
export async function createTestReseller(harness: Harness, name = 'Test reseller'): Promise<TestReseller> {
  const code = uniqueCode('rs');
  const created = dataOf(await harness.platform.request(CREATE_RESELLER, { input: { code, name } })).createReseller;
  if (created.userErrors.length) throw new Error(`createReseller refused: ${JSON.stringify(created.userErrors)}`);
  const key = dataOf(await harness.platform.request(CREATE_RESELLER_KEY, { input: { resellerId: created.reseller.id, name: 'test reseller key' } })).createResellerApiKey;
  if (key.userErrors.length) throw new Error(`createResellerApiKey refused: ${JSON.stringify(key.userErrors)}`);
  return { id: created.reseller.id, uuid: uuidOfId(created.reseller.id), code, token: key.token, keyId: keyIdOf(key.token), client: harness.client(key.token) };
}

export interface ProvisionedTenant {
  /** Global ID. */
  id: string;
  uuid: string;
  slug: string;
  adminApiKey: string;
  admin: Client;
  tenant: Record<string, any>;
}

/** Provisions through the API and fails the test on any error or userError. */
export async function provisionThrough(harness: Harness, client: Client, input: Record<string, unknown> = {}): Promise<ProvisionedTenant> {
  const slug = (input.slug as string) ?? uniqueCode('lc');
  const payload = dataOf(await client.request(PROVISION, { input: { name: 'Lifecycle workspace', planCode: 'starter', seats: 3, ...input, slug } })).provisionTenant;
  if (payload.userErrors.length) throw new Error(`provisionTenant refused: ${JSON.stringify(payload.userErrors)}`);
  return { id: payload.tenant.id, uuid: uuidOfId(payload.tenant.id), slug, adminApiKey: payload.adminApiKey, admin: harness.client(payload.adminApiKey), tenant: payload.tenant };
}

export const tenantGlobalId = (uuid: string): string => globalId('Tenant', uuid);

/** The control row of a tenant, as stored. */
export async function controlRow(dataSource: DataSource, uuid: string): Promise<Record<string, any> | null> {
  const [row] = await dataSource.query(
    `SELECT id, slug, status, plan_code, seats, seats_used, reseller_id, schema_name, role_name, purge_after, purged_at, status_before_deletion, updated_at
       FROM control.tenants WHERE id = $1`,
    [uuid],
  );
  return row ?? null;
}

export async function tenantRowsWithSlug(dataSource: DataSource, slug: string): Promise<number> {
  const [row] = await dataSource.query('SELECT count(*)::int AS n FROM control.tenants WHERE slug = $1', [slug]);
  return row.n;
}

export async function schemaExists(dataSource: DataSource, schemaName: string): Promise<boolean> {
  const [row] = await dataSource.query('SELECT count(*)::int AS n FROM pg_namespace WHERE nspname = $1', [schemaName]);
  return row.n === 1;
}

export async function roleExists(dataSource: DataSource, roleName: string): Promise<boolean> {
  const [row] = await dataSource.query('SELECT count(*)::int AS n FROM pg_roles WHERE rolname = $1', [roleName]);
  return row.n === 1;
}

/** Audit rows about one tenant, oldest first. */
export async function auditRowsOfTenant(dataSource: DataSource, tenantUuid: string): Promise<Record<string, any>[]> {
  return dataSource.query('SELECT action, actor_kind, actor_id, before, after FROM control.audit_log WHERE tenant_id = $1 ORDER BY id', [tenantUuid]);
}

/** Audit rows that name this reseller (its own creation and its tenants' changes). */
export async function auditCountOfReseller(dataSource: DataSource, resellerUuid: string): Promise<number> {
  const [row] = await dataSource.query(
    'SELECT count(*)::int AS n FROM control.audit_log WHERE reseller_id = $1 OR tenant_id IN (SELECT id FROM control.tenants WHERE reseller_id = $1)',
    [resellerUuid],
  );
  return row.n;
}

/** Audit rows that mention a slug in their before/after state (provisioning attempts included). */
export async function auditCountForSlug(dataSource: DataSource, slug: string): Promise<number> {
  const [row] = await dataSource.query(`SELECT count(*)::int AS n FROM control.audit_log WHERE after->>'slug' = $1 OR before->>'slug' = $1`, [slug]);
  return row.n;
}

export async function tenantCountOfReseller(dataSource: DataSource, resellerUuid: string): Promise<number> {
  const [row] = await dataSource.query('SELECT count(*)::int AS n FROM control.tenants WHERE reseller_id = $1', [resellerUuid]);
  return row.n;
}

/**
 * Runs `work` and reports the tenant schemas and roles that appeared without a control row
 * meanwhile (a half-provisioned tenant). Orphans left by others before the call are ignored.
 */
export async function newOrphansDuring(dataSource: DataSource, work: () => Promise<unknown>): Promise<{ schemas: string[]; roles: string[] }> {
  const before = await tenantObjectCounts(dataSource);
  await work();
  const after = await tenantObjectCounts(dataSource);
  return {
    schemas: after.orphanSchemas.filter((s) => !before.orphanSchemas.includes(s)),
    roles: after.orphanRoles.filter((r) => !before.orphanRoles.includes(r)),
  };
}

/** Every page of a forward connection query, bounded. */
export async function allPages<N>(client: Client, query: string, variables: Record<string, unknown>, field: string, maxPages = 20): Promise<N[]> {
  const nodes: N[] = [];
  let after: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const data: any = dataOf(await client.request(query, { ...variables, first: 100, after }));
    nodes.push(...data[field].nodes);
    if (!data[field].pageInfo.hasNextPage) return nodes;
    after = data[field].pageInfo.endCursor;
  }
  throw new Error(`more than ${maxPages} pages of ${field}`);
}
