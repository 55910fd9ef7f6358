/**
 * Applies tenant manifests: provisions missing workspaces, adds their users and keys, and seeds
 * sample data through the GraphQL API itself (so seeds pass the same validation as clients).
 */
import { GraphQLSchema, execute, parse } from 'graphql';
import { DataSource } from 'typeorm';
import { toGlobalId } from '../graphql/global-id';
import { ensureUser, findUserByEmail } from '../modules/workspace';
import { PlanRecord, findPlan } from '../platform/plans';
import { Actor } from '../platform/refusal';
import { createApiKey } from '../platform/api-keys';
import { TenantRecord, findTenantBySlug, provisionTenant } from '../platform/tenants';
import { RequestContext, createRequestContext, tenantDb } from '../tenancy/request-context';
import { SeedAccount, TenantManifest } from './manifest';

const MANIFEST_ACTOR: Actor = { kind: 'system', id: 'tenant-manifest' };

export interface ApplyResult {
  slug: string;
  action: 'created' | 'unchanged';
  /** Tokens of keys created by this apply: shown once. */
  tokens: { name: string; role: string; token: string }[];
}

export async function applyManifests(dataSource: DataSource, schema: GraphQLSchema, manifests: TenantManifest[]): Promise<ApplyResult[]> {
  const results: ApplyResult[] = [];
  for (const manifest of manifests) {
    const existing = await findTenantBySlug(dataSource, manifest.slug);
    if (existing) {
      results.push({ slug: manifest.slug, action: 'unchanged', tokens: [] });
      continue;
    }
    // The workspace and its keys appear together or not at all.
    const tenant = await provisionTenant(
      dataSource,
      MANIFEST_ACTOR,
      { slug: manifest.slug, name: manifest.name, planCode: 'professional', seats: Math.max(5, manifest.users.length) },
      {
        // Users take seats, so they are part of provisioning.
        seedWorkspace: async (db) => {
          for (const user of manifest.users) await ensureUser(db, user);
          return manifest.users.length;
        },
        afterCreate: async (db, created) => {
          const tokens: ApplyResult['tokens'] = [];
          for (const key of manifest.apiKeys) {
            const { token } = await createApiKey(db, { kind: 'tenant', tenantId: created.id, role: key.role, name: key.name });
            tokens.push({ name: key.name, role: key.role, token });
          }
          return tokens;
        },
      },
    );
    const plan = (await findPlan(dataSource, tenant.planCode))!;
    await asTenantAdmin(dataSource, schema, { ...tenant, plan }, async (ctx, run) => {
      const userIds = new Map<string, string>();
      for (const user of manifest.users) userIds.set(user.email.toLowerCase(), (await findUserByEmail(await tenantDb(ctx), user.email))!.id);
      for (const account of manifest.seed.accounts) await seedAccount(run, account, userIds, manifest.file);
    });
    results.push({ slug: manifest.slug, action: 'created', tokens: tenant.extra });
  }
  return results;
}

type Run = (query: string, variables: Record<string, unknown>) => Promise<Record<string, { userErrors: { message: string }[] } & Record<string, { id: string }>>>;

async function seedAccount(run: Run, seed: SeedAccount, userIds: Map<string, string>, file: string): Promise<void> {
  const { contacts = [], owner, ...fields } = seed;
  const ownerUuid = owner ? userIds.get(owner.toLowerCase()) : undefined;
  if (owner && !ownerUuid) throw new Error(`${file}: account "${String(fields.name)}" names unknown owner ${owner}`);
  const created = await run('mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id } userErrors { field message } } }', {
    input: { ...fields, ownerId: ownerUuid ? toGlobalId('User', ownerUuid) : undefined },
  });
  const accountId = created.createAccount.account.id;
  for (const contact of contacts) {
    await run('mutation($input: CreateContactInput!) { createContact(input: $input) { contact { id } userErrors { field message } } }', {
      input: { ...contact, accountId },
    });
  }
}

async function asTenantAdmin(
  dataSource: DataSource,
  schema: GraphQLSchema,
  tenant: TenantRecord & { plan: PlanRecord },
  work: (ctx: RequestContext, run: Run) => Promise<void>): Promise<void> {
  const ctx = createRequestContext({
    requestId: 'manifest',
    principal: { kind: 'tenant', keyId: 'manifest', tenant, role: 'admin' },
    dataSource,
    statementTimeoutMs: 60_000,
  });
  const tx = ctx.tx!;
  tx.readOnly = false;
  const run: Run = async (query, variables) => {
    const result = await execute({ schema, document: parse(query), contextValue: ctx, variableValues: variables });
    if (result.errors?.length) throw new Error(result.errors.map((e) => e.message).join('; '));
    const data = result.data as Awaited<ReturnType<Run>>;
    const problems = Object.values(data).flatMap((payload) => payload.userErrors);
    if (problems.length) throw new Error(`seed data rejected: ${JSON.stringify(problems)}`);
    return data;
  };
  try {
    await work(ctx, run);
    await tx.finish();
  } catch (error) {
    await tx.rollback();
    throw error;
  }
}
