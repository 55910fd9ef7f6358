/**
 * Applies tenant manifests in two steps. Planning reads the database only: it resolves plans and
 * resellers, compares each existing workspace with its manifest and checks seats and seed data, so
 * every problem of every file is known before anything is written. Applying then provisions missing
 * workspaces (users and keys in the same transaction, seed data through the GraphQL API itself, so
 * seeds pass the same validation as clients) and brings existing ones up to date: name, settings,
 * plan and seats, missing users and missing API keys. Nothing is removed. A workspace that already
 * matches its manifest is not written to at all (no audit row either).
 */
import { GraphQLInputType, GraphQLSchema, coerceInputValue, execute, parse } from 'graphql';
import { DataSource, QueryRunner } from 'typeorm';
import { queryOne, queryRows } from '../db/sql';
import { toGlobalId } from '../graphql/global-id';
import { ensureUser, findUserByEmail } from '../modules/workspace';
import { listTenantApiKeys, createApiKey } from '../platform/api-keys';
import { recordAudit } from '../platform/audit';
import { withControlTransaction } from '../platform/control-transaction';
import { changePlan } from '../platform/lifecycle';
import { PlanRecord, listPlans } from '../platform/plans';
import { Actor, Refusal } from '../platform/refusal';
import { ResellerRecord, findReseller, findResellerByCode } from '../platform/resellers';
import { TENANT_COLUMNS, TenantRecord, auditView, findTenantBySlug, inTenantScope, provisionTenant } from '../platform/tenants';
import type { MasterKeyring } from '../platform/encryption';
import { RequestContext, createRequestContext, tenantDb } from '../tenancy/request-context';
import { ManifestApiKey, ManifestError, ManifestPath, ManifestProblem, ManifestUser, SeedAccount, TenantManifest, TenantSettings, manifestUsers } from './manifest';

const MANIFEST_ACTOR: Actor = { kind: 'system', id: 'tenant-manifest' };
const DEFAULT_PLAN = 'starter';
/** Seats bought by default when the plan allows (as provisionTenant's API input). */
const DEFAULT_SEATS = 5;

export interface ApplyResult {
  slug: string;
  file: string;
  /** What the apply did, or for a dry run what it would do. */
  action: 'created' | 'updated' | 'unchanged';
  /** What was (or would be) created or changed, one line each. */
  changes: string[];
  /** Tokens of keys created by this apply: shown once. */
  tokens: { name: string; role: string; token: string }[];
  dryRun: boolean;
}

export interface ApplyOptions {
  /** Plan only: compute and return what would change, write nothing. */
  dryRun?: boolean;
  /** Called as soon as each workspace is done, so keys created before a later failure are not lost. */
  onResult?: (result: ApplyResult) => void;
  /** Master keys: new workspaces get their data key, seed data may hold sealed (sensitive) values. */
  keyring?: MasterKeyring;
}

interface CreatePlan {
  kind: 'create';
  manifest: TenantManifest;
  plan: PlanRecord;
  seats: number;
  reseller: ResellerRecord | null;
  changes: string[];
}

interface UpdatePlan {
  kind: 'update';
  manifest: TenantManifest;
  tenant: TenantRecord;
  rename?: string;
  settings?: Record<string, unknown>;
  planChange?: { planCode: string; seats: number };
  addUsers: ManifestUser[];
  addKeys: ManifestApiKey[];
  changes: string[];
}

export type TenantPlan = CreatePlan | UpdatePlan;

export const planAction = (plan: TenantPlan): ApplyResult['action'] => (plan.kind === 'create' ? 'created' : plan.changes.length ? 'updated' : 'unchanged');

/**
 * Creates or updates the workspaces described by the manifests. Throws a ManifestError listing
 * every problem, before writing anything, when a manifest cannot be applied.
 */
export async function applyManifests(dataSource: DataSource, schema: GraphQLSchema, manifests: TenantManifest[], options: ApplyOptions = {}): Promise<ApplyResult[]> {
  const { plans, problems } = await planManifests(dataSource, schema, manifests);
  if (problems.length) throw new ManifestError(problems);
  return options.dryRun ? plans.map((plan) => dryRunResult(plan, options)) : executePlans(dataSource, schema, plans, options);
}

export function dryRunResult(plan: TenantPlan, options: ApplyOptions = {}): ApplyResult {
  const result: ApplyResult = { slug: plan.manifest.slug, file: plan.manifest.file, action: planAction(plan), changes: plan.changes, tokens: [], dryRun: true };
  options.onResult?.(result);
  return result;
}

/** Reads the database only: what each manifest would create or change, and every problem found. */
export async function planManifests(
  dataSource: DataSource,
  schema: GraphQLSchema,
  manifests: TenantManifest[],
): Promise<{ plans: TenantPlan[]; problems: ManifestProblem[] }> {
  const plans: TenantPlan[] = [];
  const problems: ManifestProblem[] = [];
  const knownPlans = await listPlans(dataSource);
  for (const manifest of manifests) {
    const found: ManifestProblem[] = [];
    const problem = (at: ManifestPath, message: string) => found.push({ file: manifest.file, line: manifest.lineOf(at), message });
    checkSeed(schema, manifest, problem);
    const plan = await planOne(dataSource, manifest, knownPlans, problem);
    if (found.length) problems.push(...found);
    else if (plan) plans.push(plan);
  }
  return { plans, problems };
}

type Problem = (at: ManifestPath, message: string) => void;

async function planOne(dataSource: DataSource, manifest: TenantManifest, knownPlans: PlanRecord[], problem: Problem): Promise<TenantPlan | null> {
  const reseller = manifest.reseller ? await findResellerByCode(dataSource, manifest.reseller) : null;
  if (manifest.reseller && !reseller) problem(['reseller'], `"reseller": unknown reseller "${manifest.reseller}"`);
  const planNamed = (code: string): PlanRecord | undefined => {
    const plan = knownPlans.find((p) => p.code === code);
    if (!plan) problem(['plan'], `"plan": unknown plan "${code}" (known: ${knownPlans.map((p) => p.code).join(', ')})`);
    return plan;
  };
  const userCount = manifestUsers(manifest).length;
  const existing = await findTenantBySlug(dataSource, manifest.slug);

  if (!existing) {
    const plan = planNamed(manifest.plan ?? DEFAULT_PLAN);
    if (!plan) return null;
    const seats = manifest.seats ?? Math.max(userCount, Math.min(DEFAULT_SEATS, plan.seatLimit));
    if (seats > plan.seatLimit) {
      if (manifest.seats !== undefined) problem(['seats'], `"seats": ${seats} seats exceed the ${plan.seatLimit} the plan "${plan.code}" allows`);
      else problem(['users'], `${userCount} users need more seats than the ${plan.seatLimit} the plan "${plan.code}" allows`);
      return null;
    }
    const changes = [`plan ${plan.code}, ${seats} seats${reseller ? `, reseller ${reseller.code}` : ''}`];
    if (manifest.settings && Object.keys(manifest.settings).length) changes.push(`settings ${JSON.stringify(manifest.settings)}`);
    for (const user of manifestUsers(manifest)) changes.push(`user ${user.email} added`);
    for (const key of manifest.apiKeys) changes.push(`API key "${key.name}" (${key.role}) created`);
    if (manifest.seed.accounts.length) changes.push(seedSummary(manifest.seed.accounts));
    return { kind: 'create', manifest, plan, seats, reseller, changes };
  }

  if (existing.status === 'deleted') {
    problem(['slug'], `"slug": the workspace "${manifest.slug}" was deleted; its slug cannot be used again`);
    return null;
  }
  if (reseller && existing.resellerId !== reseller.id) {
    const current = existing.resellerId ? await findReseller(dataSource, existing.resellerId) : null;
    problem(
      ['reseller'],
      `"reseller": the workspace "${manifest.slug}" belongs to ${current ? `reseller "${current.code}"` : 'no reseller'}; moving a workspace to another reseller is not supported`,
    );
  }
  const changes: string[] = [];
  const update: UpdatePlan = { kind: 'update', manifest, tenant: existing, addUsers: [], addKeys: [], changes };

  if (manifest.name !== existing.name) {
    update.rename = manifest.name;
    changes.push(`name: ${JSON.stringify(existing.name)} → ${JSON.stringify(manifest.name)}`);
  }
  const settingChanges = diffSettings(existing.settings, manifest.settings);
  if (settingChanges.length) {
    update.settings = { ...existing.settings, ...manifest.settings };
    changes.push(...settingChanges);
  }

  const present = await readWorkspace(dataSource, existing);
  update.addUsers = manifestUsers(manifest).filter((u) => !present.emails.has(u.email.toLowerCase()));
  // Seats in use as the control plane counts them (changePlan checks against that) or as the users show.
  const seatsNeeded = Math.max(existing.seatsUsed, present.activeUsers + update.addUsers.length);

  const plan = planNamed(manifest.plan ?? existing.planCode);
  if (plan) {
    // Omitted seats are kept, or raised to fit the users the manifest adds.
    const seats = manifest.seats ?? Math.max(existing.seats, seatsNeeded);
    if (seats > plan.seatLimit) {
      if (manifest.seats !== undefined) problem(['seats'], `"seats": ${seats} seats exceed the ${plan.seatLimit} the plan "${plan.code}" allows`);
      else problem(manifest.plan ? ['plan'] : ['users'], `the workspace needs ${seats} seats but the plan "${plan.code}" allows at most ${plan.seatLimit}`);
    } else if (seats < seatsNeeded) {
      problem(['seats'], `"seats": ${seats} seats are fewer than the ${seatsNeeded} the workspace needs (${present.activeUsers} users present, ${update.addUsers.length} to add)`);
    }
    if (plan.code !== existing.planCode || seats !== existing.seats) {
      update.planChange = { planCode: plan.code, seats };
      if (plan.code !== existing.planCode) changes.push(`plan: ${existing.planCode} → ${plan.code}`);
      if (seats !== existing.seats) changes.push(`seats: ${existing.seats} → ${seats}`);
    }
  }
  for (const user of update.addUsers) changes.push(`user ${user.email} added`);

  const now = Date.now();
  const liveKeys = (await listTenantApiKeys(dataSource, existing.id)).filter((k) => !k.revokedAt && (!k.expiresAt || k.expiresAt.getTime() > now));
  manifest.apiKeys.forEach((key, i) => {
    const live = liveKeys.filter((k) => k.name === key.name);
    if (!live.length) {
      update.addKeys.push(key);
      changes.push(`API key "${key.name}" (${key.role}) created`);
    } else if (!live.some((k) => k.role === key.role)) {
      problem(['apiKeys', i, 'role'], `"apiKeys[${i}].role": the key "${key.name}" exists with role ${live[0].role}; a key's role cannot change (revoke it to have a new one created)`);
    }
  });

  if (changes.length && existing.status === 'pending_deletion') {
    problem(['slug'], `the workspace "${manifest.slug}" is scheduled for deletion; cancel the deletion before changing it (${changes.join('; ')})`);
  }
  return update;
}

const SETTING_KEYS: (keyof TenantSettings)[] = ['timeZone', 'locale', 'defaultCurrency'];

function diffSettings(current: Record<string, unknown>, wanted: TenantSettings | undefined): string[] {
  if (!wanted) return [];
  return SETTING_KEYS.filter((key) => wanted[key] !== undefined && current[key] !== wanted[key]).map(
    (key) => `settings.${key}: ${current[key] === undefined ? '(not set)' : JSON.stringify(current[key])} → ${JSON.stringify(wanted[key])}`,
  );
}

/** The workspace's users, read in a read-only transaction in its schema and role. */
async function readWorkspace(dataSource: DataSource, tenant: TenantRecord): Promise<{ emails: Set<string>; activeUsers: number }> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    await runner.query('SET TRANSACTION READ ONLY');
    const rows = await inTenantScope(runner, tenant, (db) => queryRows<{ email: string; active: boolean }>(db, 'SELECT lower(email) AS email, active FROM users'));
    return { emails: new Set(rows.map((r) => r.email)), activeUsers: rows.filter((r) => r.active).length };
  } finally {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    await runner.release();
  }
}

/** "seed: 3 account(s), 4 contact(s)", with the opportunities when there are any. */
function seedSummary(accounts: SeedAccount[]): string {
  const count = (list: 'contacts' | 'opportunities') => accounts.reduce((n, a) => n + (a[list]?.length ?? 0), 0);
  const opportunities = count('opportunities');
  return `seed: ${accounts.length} account(s), ${count('contacts')} contact(s)${opportunities ? `, ${opportunities} opportunit${opportunities === 1 ? 'y' : 'ies'}` : ''}`;
}

/** Checks seed accounts, contacts and opportunities against the API's input types, so bad seed data is found before writing. */
function checkSeed(schema: GraphQLSchema, manifest: TenantManifest, problem: Problem): void {
  const accountInput = schema.getType('CreateAccountInput') as GraphQLInputType | undefined;
  const contactInput = schema.getType('CreateContactInput') as GraphQLInputType | undefined;
  const opportunityInput = schema.getType('CreateOpportunityInput') as GraphQLInputType | undefined;
  if (!accountInput || !contactInput || !opportunityInput) return;
  const check = (type: GraphQLInputType, value: Record<string, unknown>, at: ManifestPath, where: string) =>
    coerceInputValue(value, type, (errorPath, _invalid, error) => {
      // Unknown and missing fields are reported on their object: name the field itself.
      const named = /^Field "(\w+)" (is not defined by type|of required type)/.exec(error.message)?.[1];
      const field = named ? [...errorPath, named] : [...errorPath];
      problem([...at, ...field], `"${[where, ...field.map((p) => (typeof p === 'number' ? `[${p}]` : p))].join('.').replace(/\.\[/g, '[')}": ${error.message}`);
    });
  manifest.seed.accounts.forEach((account, i) => {
    const { contacts = [], opportunities = [], owner, ...fields } = account;
    check(accountInput, { ...fields, ownerId: owner ? 'owner' : undefined }, ['seed', 'accounts', i], `seed.accounts[${i}]`);
    contacts.forEach((contact, j) => check(contactInput, { ...contact, accountId: 'account' }, ['seed', 'accounts', i, 'contacts', j], `seed.accounts[${i}].contacts[${j}]`));
    opportunities.forEach(({ owner: opportunityOwner, outcome: _outcome, lossReason: _lossReason, ...opportunity }, j) =>
      check(opportunityInput, { ...opportunity, accountId: 'account', ownerId: opportunityOwner ? 'owner' : undefined }, ['seed', 'accounts', i, 'opportunities', j], `seed.accounts[${i}].opportunities[${j}]`),
    );
  });
}

/** Writes what the plans say, one workspace after the other. */
export async function executePlans(dataSource: DataSource, schema: GraphQLSchema, plans: TenantPlan[], options: ApplyOptions = {}): Promise<ApplyResult[]> {
  const results: ApplyResult[] = [];
  for (const plan of plans) {
    const result = plan.kind === 'create' ? await create(dataSource, schema, plan, options) : await update(dataSource, plan);
    if (plan.kind === 'update') options.onResult?.(result);
    results.push(result);
  }
  return results;
}

async function create(dataSource: DataSource, schema: GraphQLSchema, plan: CreatePlan, options: ApplyOptions): Promise<ApplyResult> {
  const { manifest } = plan;
  const users = manifestUsers(manifest);
  // The workspace, its users and its keys appear together or not at all.
  const tenant = await provisionTenant(
    dataSource,
    MANIFEST_ACTOR,
    { slug: manifest.slug, name: manifest.name, planCode: plan.plan.code, seats: plan.seats, resellerId: plan.reseller?.id ?? null, settings: { ...manifest.settings } },
    {
      seedWorkspace: async (db) => {
        for (const user of users) await ensureUser(db, user);
        return users.length;
      },
      afterCreate: (db, created) => createKeys(db, created.id, manifest.apiKeys),
      keyring: options.keyring,
    },
  );
  const result: ApplyResult = { slug: manifest.slug, file: manifest.file, action: 'created', changes: plan.changes, tokens: tenant.extra, dryRun: false };
  // Report the keys before seeding: they are shown once, and the workspace exists from here on.
  options.onResult?.(result);
  if (manifest.seed.accounts.length) {
    try {
      await asTenantAdmin(dataSource, schema, { ...tenant, plan: plan.plan }, options.keyring, async (ctx, run) => {
        const userIds = new Map<string, string>();
        for (const user of users) userIds.set(user.email.toLowerCase(), (await findUserByEmail(await tenantDb(ctx), user.email))!.id);
        for (const account of manifest.seed.accounts) await seedAccount(run, account, userIds);
      });
    } catch (error) {
      throw new Error(`${manifest.file}: the workspace "${manifest.slug}" was created, but its seed data was rejected and not applied: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
  return result;
}

async function createKeys(db: QueryRunner, tenantId: string, keys: ManifestApiKey[]): Promise<ApplyResult['tokens']> {
  const tokens: ApplyResult['tokens'] = [];
  for (const key of keys) {
    const { token } = await createApiKey(db, { kind: 'tenant', tenantId, role: key.role, name: key.name });
    tokens.push({ name: key.name, role: key.role, token });
  }
  return tokens;
}

async function update(dataSource: DataSource, plan: UpdatePlan): Promise<ApplyResult> {
  const { manifest, tenant } = plan;
  const result: ApplyResult = { slug: manifest.slug, file: manifest.file, action: planAction(plan), changes: plan.changes, tokens: [], dryRun: false };
  if (!plan.changes.length) return result;

  if (plan.rename !== undefined || plan.settings) {
    await withControlTransaction(dataSource, async (db) => {
      const before = (await queryOne<TenantRecord>(db, `SELECT ${TENANT_COLUMNS} FROM control.tenants WHERE id = $1 FOR UPDATE`, [tenant.id]))!;
      const after = (await queryOne<TenantRecord>(
        db,
        `UPDATE control.tenants SET name = $2, settings = $3, updated_at = now() WHERE id = $1 RETURNING ${TENANT_COLUMNS}`,
        [tenant.id, plan.rename ?? before.name, JSON.stringify({ ...before.settings, ...(plan.settings ? manifest.settings : {}) })],
      ))!;
      await recordAudit(
        db,
        MANIFEST_ACTOR,
        'tenant.update',
        { tenantId: tenant.id, resellerId: after.resellerId },
        { ...auditView(before), settings: before.settings },
        { ...auditView(after), settings: after.settings },
      );
    });
  }

  if (plan.planChange) await changePlan(dataSource, MANIFEST_ACTOR, tenant.id, {}, plan.planChange);

  if (plan.addUsers.length || plan.addKeys.length) {
    result.tokens = await withControlTransaction(dataSource, async (db) => {
      const locked = (await queryOne<TenantRecord>(db, `SELECT ${TENANT_COLUMNS} FROM control.tenants WHERE id = $1 FOR UPDATE`, [tenant.id]))!;
      if (plan.addUsers.length) {
        const seatsUsed = await inTenantScope(db, locked, async (scoped) => {
          for (const user of plan.addUsers) await ensureUser(scoped, user);
          return (await queryOne<{ count: number }>(scoped, 'SELECT count(*)::int AS count FROM users WHERE active'))!.count;
        });
        if (seatsUsed > locked.seats) throw new Refusal('QUOTA_EXCEEDED', 'seats', `${manifest.file}: ${seatsUsed} users need more than the ${locked.seats} seats bought`);
        await db.query('UPDATE control.tenants SET seats_used = $2, updated_at = now() WHERE id = $1', [tenant.id, seatsUsed]);
        await recordAudit(db, MANIFEST_ACTOR, 'tenant.add_users', { tenantId: tenant.id, resellerId: locked.resellerId }, { seatsUsed: locked.seatsUsed }, {
          seatsUsed,
          added: plan.addUsers.length,
        });
      }
      const tokens = await createKeys(db, tenant.id, plan.addKeys);
      if (plan.addKeys.length) {
        await recordAudit(db, MANIFEST_ACTOR, 'tenant.create_api_keys', { tenantId: tenant.id, resellerId: locked.resellerId }, null, {
          keys: plan.addKeys.map((k) => ({ name: k.name, role: k.role })),
        });
      }
      return tokens;
    });
  }
  return result;
}

type Run = (query: string, variables: Record<string, unknown>) => Promise<Record<string, { userErrors: { message: string }[] } & Record<string, { id: string }>>>;

async function seedAccount(run: Run, seed: SeedAccount, userIds: Map<string, string>): Promise<void> {
  const { contacts = [], opportunities = [], owner, ...fields } = seed;
  const ownerId = (email: string | undefined) => {
    const uuid = email ? userIds.get(email.toLowerCase()) : undefined;
    return uuid ? toGlobalId('User', uuid) : undefined;
  };
  const created = await run('mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id } userErrors { field message } } }', {
    input: { ...fields, ownerId: ownerId(owner) },
  });
  const accountId = created.createAccount.account.id;
  for (const contact of contacts) {
    await run('mutation($input: CreateContactInput!) { createContact(input: $input) { contact { id } userErrors { field message } } }', {
      input: { ...contact, accountId },
    });
  }
  for (const { owner: opportunityOwner, outcome, lossReason, ...opportunity } of opportunities) {
    const opened = await run('mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { opportunity { id } userErrors { field message } } }', {
      input: { ...opportunity, accountId, ownerId: ownerId(opportunityOwner) },
    });
    const id = opened.createOpportunity.opportunity.id;
    if (outcome === 'WON') await run('mutation($id: ID!) { closeOpportunityAsWon(input: { id: $id }) { opportunity { id } userErrors { field message } } }', { id });
    if (outcome === 'LOST') {
      await run('mutation($id: ID!, $reason: String!) { closeOpportunityAsLost(input: { id: $id, lossReason: $reason }) { opportunity { id } userErrors { field message } } }', {
        id,
        reason: lossReason ?? 'Other',
      });
    }
  }
}

async function asTenantAdmin(
  dataSource: DataSource,
  schema: GraphQLSchema,
  tenant: TenantRecord & { plan: PlanRecord },
  keyring: MasterKeyring | undefined,
  work: (ctx: RequestContext, run: Run) => Promise<void>,
): Promise<void> {
  const ctx = createRequestContext({
    keyring,
    requestId: 'manifest',
    principal: { kind: 'tenant', tenant, credential: { type: 'api_key', keyId: 'manifest', roleKey: 'admin', userId: null, readOnly: false } },
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
    if (problems.length) throw new Error(JSON.stringify(problems));
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
