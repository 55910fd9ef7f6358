/** Helpers for the tenant manifest tests: manifest folders in a temp dir, and what a workspace looks like in the database. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { buildApiSchema } from '../../src/graphql/schema';
import { ApplyOptions, applyManifests, planManifests } from '../../src/manifests/apply';
import { formatProblem, loadManifests, readManifests, sortProblems } from '../../src/manifests/manifest';
import { modules } from '../../src/modules';
import { TenantRecord, findTenantBySlug } from '../../src/platform/tenants';

export const apiSchema = buildApiSchema(modules).schema;

/** A fresh temp folder holding these files (name → YAML text). */
export function manifestDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tenantry-manifests-'));
  writeManifests(dir, files);
  return dir;
}

export function writeManifests(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
}

export const apply = (dataSource: DataSource, dir: string, options?: ApplyOptions) => applyManifests(dataSource, apiSchema, readManifests(dir), options);

/** Every problem of a folder, as the CLI prints them (`file:line: reason`). */
export async function problemsOf(dataSource: DataSource, dir: string): Promise<string[]> {
  const loaded = loadManifests(dir);
  const planned = await planManifests(dataSource, apiSchema, loaded.manifests);
  return sortProblems([...loaded.problems, ...planned.problems]).map(formatProblem);
}

export interface WorkspaceState {
  tenant: TenantRecord;
  users: { email: string; name: string }[];
  keys: { name: string; role: string; revoked: boolean }[];
  auditActions: string[];
  accounts: number;
  contacts: number;
}

/** Everything the apply may touch for one workspace (read as the test database's superuser). */
export async function workspaceState(dataSource: DataSource, slug: string): Promise<WorkspaceState | null> {
  const tenant = await findTenantBySlug(dataSource, slug);
  if (!tenant) return null;
  const schema = `"${tenant.schemaName}"`;
  const users = await dataSource.query(`SELECT email, name FROM ${schema}.users ORDER BY email`);
  const keys = await dataSource.query(`SELECT name, role, revoked_at IS NOT NULL AS revoked FROM control.api_keys WHERE tenant_id = $1 ORDER BY created_at, id`, [tenant.id]);
  const audit = await dataSource.query(`SELECT action FROM control.audit_log WHERE tenant_id = $1 ORDER BY id`, [tenant.id]);
  const [{ accounts }] = await dataSource.query(`SELECT count(*)::int AS accounts FROM ${schema}.accounts`);
  const [{ contacts }] = await dataSource.query(`SELECT count(*)::int AS contacts FROM ${schema}.contacts`);
  return { tenant, users, keys, auditActions: audit.map((a: { action: string }) => a.action), accounts, contacts };
}

/** Audit rows written by manifests anywhere (tests run in parallel, so compare per workspace where possible). */
export async function auditCount(dataSource: DataSource, tenantId: string): Promise<number> {
  const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM control.audit_log WHERE tenant_id = $1`, [tenantId]);
  return count;
}
