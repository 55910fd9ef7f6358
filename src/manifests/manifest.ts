/**
 * Declarative tenant manifests (tenants/*.yaml): a workspace, its users, API keys and optional
 * seed data. Parsed and checked before anything is written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { slugProblem } from '../platform/tenants';

export interface TenantManifest {
  file: string;
  slug: string;
  name: string;
  users: { email: string; name: string }[];
  apiKeys: { name: string; role: 'admin' | 'member' }[];
  seed: { accounts: SeedAccount[] };
}

export interface SeedAccount {
  [field: string]: unknown;
  owner?: string;
  contacts?: Record<string, unknown>[];
}

export class ManifestError extends Error {}

export function readManifests(target: string): TenantManifest[] {
  const files = fs.statSync(target).isDirectory()
    ? fs.readdirSync(target).filter((f) => /\.ya?ml$/.test(f)).sort().map((f) => path.join(target, f))
    : [target];
  const manifests = files.map(readManifest);
  const seen = new Map<string, string>();
  for (const m of manifests) {
    if (seen.has(m.slug)) throw new ManifestError(`${m.file}: slug "${m.slug}" is also used by ${seen.get(m.slug)}`);
    seen.set(m.slug, m.file);
  }
  return manifests;
}

function readManifest(file: string): TenantManifest {
  let doc: Record<string, unknown>;
  try {
    doc = parse(fs.readFileSync(file, 'utf8')) ?? {};
  } catch (error) {
    throw new ManifestError(`${file}: not valid YAML: ${(error as Error).message}`);
  }
  const fail = (message: string): never => {
    throw new ManifestError(`${file}: ${message}`);
  };
  if (typeof doc.slug !== 'string') fail('"slug" is required');
  const problem = slugProblem(doc.slug as string);
  if (problem) fail(problem);
  if (typeof doc.name !== 'string' || !doc.name) fail('"name" is required');
  const users = (doc.users ?? []) as TenantManifest['users'];
  const apiKeys = (doc.apiKeys ?? []) as TenantManifest['apiKeys'];
  if (!Array.isArray(users) || users.some((u) => typeof u?.email !== 'string' || typeof u?.name !== 'string')) fail('"users" must be a list of {email, name}');
  if (!Array.isArray(apiKeys) || apiKeys.some((k) => typeof k?.name !== 'string' || !['admin', 'member'].includes(k?.role))) {
    fail('"apiKeys" must be a list of {name, role: admin|member}');
  }
  const seed = (doc.seed ?? {}) as { accounts?: SeedAccount[] };
  if (seed.accounts !== undefined && !Array.isArray(seed.accounts)) fail('"seed.accounts" must be a list');
  return { file, slug: doc.slug as string, name: doc.name as string, users, apiKeys, seed: { accounts: seed.accounts ?? [] } };
}
