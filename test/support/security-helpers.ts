/**
 * Helpers for the security and platform suites: raw HTTP with chosen headers, global IDs,
 * SQL under a tenant role, catalogue counts, and the "no internals in errors" check.
 */
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { GraphQLResponse } from './harness';

/** Global IDs as the API encodes them (base64url of "<Type>:<uuid>"), built independently of src. */
export const globalId = (type: string, uuid: string): string => Buffer.from(`${type}:${uuid}`).toString('base64url');

export function decodeGlobalId(id: string): { type: string; uuid: string } {
  const decoded = Buffer.from(id, 'base64url').toString('utf8');
  const colon = decoded.indexOf(':');
  return { type: decoded.slice(0, colon), uuid: decoded.slice(colon + 1) };
}

export const uuidOfId = (id: string): string => decodeGlobalId(id).uuid;

/** A well-formed ID of the type for a record that exists nowhere. */
export const randomGlobalId = (type: string): string => globalId(type, randomUUID());

export interface RawResponse extends GraphQLResponse {
  text: string;
}

/** POSTs a GraphQL request with exactly the headers given (plus content-type). */
export async function rawRequest(
  url: string,
  body: { query: string; variables?: Record<string, unknown> },
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  const text = await response.text();
  let parsed: object = {};
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON: keep the text only.
  }
  return { status: response.status, text, ...parsed };
}

export interface SqlOutcome {
  rows?: any[];
  /** SQLSTATE of the failure. */
  code?: string;
  message?: string;
}

const SAFE_IDENTIFIER = /^t_[a-z0-9_]+$/;

/** Runs one statement in its own transaction under `SET LOCAL ROLE <role>`; always rolls back. */
export async function asRole(dataSource: DataSource, role: string, sql: string, params: unknown[] = []): Promise<SqlOutcome> {
  if (!SAFE_IDENTIFIER.test(role)) throw new Error(`unexpected role name ${role}`);
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('BEGIN');
    await runner.query(`SET LOCAL ROLE "${role}"`);
    try {
      return { rows: await runner.query(sql, params) };
    } catch (error) {
      const e = error as { code?: string; message?: string; driverError?: { code?: string } };
      return { code: e.driverError?.code ?? e.code, message: e.message };
    }
  } finally {
    await runner.query('ROLLBACK').catch(() => undefined);
    await runner.release();
  }
}

export interface TenantObjectCounts {
  schemas: number;
  roles: number;
  tenants: number;
  /** `t_…` schemas that no control row names. */
  orphanSchemas: string[];
  /** `t_…` roles that no control row names. */
  orphanRoles: string[];
}

/** Counts tenant schemas, roles and control rows in ONE statement (one snapshot), so concurrent provisioning elsewhere cannot skew the comparison. */
export async function tenantObjectCounts(dataSource: DataSource): Promise<TenantObjectCounts> {
  const [row] = await dataSource.query(`
    SELECT (SELECT count(*)::int FROM pg_namespace WHERE nspname LIKE 't\\_%') AS schemas,
           (SELECT count(*)::int FROM pg_roles WHERE rolname LIKE 't\\_%') AS roles,
           (SELECT count(*)::int FROM control.tenants) AS tenants,
           ARRAY(SELECT nspname::text FROM pg_namespace n WHERE nspname LIKE 't\\_%'
                   AND NOT EXISTS (SELECT 1 FROM control.tenants t WHERE t.schema_name = n.nspname)) AS "orphanSchemas",
           ARRAY(SELECT rolname::text FROM pg_roles r WHERE rolname LIKE 't\\_%'
                   AND NOT EXISTS (SELECT 1 FROM control.tenants t WHERE t.role_name = r.rolname)) AS "orphanRoles"`);
  return row;
}

/** One row of a tenant table read below the API (schema-qualified, as the superuser). */
export async function tenantRow(dataSource: DataSource, schemaName: string, table: 'accounts' | 'contacts' | 'users', uuid: string): Promise<any> {
  if (!SAFE_IDENTIFIER.test(schemaName)) throw new Error(`unexpected schema name ${schemaName}`);
  const [row] = await dataSource.query(`SELECT * FROM "${schemaName}".${table} WHERE id = $1`, [uuid]);
  return row ?? null;
}

export async function tenantRowCount(dataSource: DataSource, schemaName: string, table: 'accounts' | 'contacts' | 'users', where = 'true'): Promise<number> {
  if (!SAFE_IDENTIFIER.test(schemaName)) throw new Error(`unexpected schema name ${schemaName}`);
  const [row] = await dataSource.query(`SELECT count(*)::int AS count FROM "${schemaName}".${table} WHERE ${where}`);
  return row.count;
}

/** Words that would show SQL, the schema layout or driver internals in a client-facing message. */
const INTERNAL_TEXT = [
  /\bSELECT\b/i,
  /\bINSERT\b/i,
  /\bUPDATE\s+\S+\s+SET\b/i,
  /\bDELETE\s+FROM\b/i,
  /\bFROM\s+"?[a-z_]+"?\.[a-z_]+/i,
  /_key\b/,
  /_fkey\b/,
  /_pkey\b/,
  /_check\b/,
  /\bconstraint\b/i,
  /\bviolates\b/i,
  /\bduplicate key\b/i,
  /\brelation\b/i,
  /syntax error at or near/i,
  /\bpermission denied\b/i,
  /\bt_[0-9a-f]{8,}/,
  /\bcontrol\.(tenants|api_keys)\b/,
  /\bQueryFailedError\b/,
  /\bat \S+ \(.*:\d+:\d+\)/,
  /node_modules/,
  /\/src\//,
];

/** Problems found in a response's errors: stack traces, exception dumps, SQL or internal names. */
export function internalsIn(response: GraphQLResponse): string[] {
  const problems: string[] = [];
  for (const error of response.errors ?? []) {
    const extensions = error.extensions ?? {};
    if ('stacktrace' in extensions) problems.push(`stacktrace in extensions of "${error.message}"`);
    if ('exception' in extensions) problems.push(`exception in extensions of "${error.message}"`);
    const texts = [error.message, JSON.stringify(extensions)];
    for (const text of texts) {
      for (const pattern of INTERNAL_TEXT) if (pattern.test(text)) problems.push(`${pattern} matches ${JSON.stringify(text)}`);
    }
  }
  return problems;
}

/** Backend pids of the connections a DataSource's pg pool currently holds. */
export function poolBackendPids(dataSource: DataSource): number[] {
  const pool = (dataSource.driver as unknown as { master: { _clients?: { processID?: number }[] } }).master;
  return (pool._clients ?? []).map((c) => c.processID).filter((pid): pid is number => typeof pid === 'number');
}
