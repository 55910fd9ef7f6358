import fs from 'node:fs';
import path from 'node:path';
import { scheduleDeletion } from '../../src/platform/lifecycle';
import { createReseller } from '../../src/platform/resellers';
import { Harness, startHarness, uniqueSlug } from '../support/harness';
import { apply, manifestDir, problemsOf, workspaceState, writeManifests } from './manifest-helpers';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.close());

const SYSTEM = { kind: 'system', id: 'manifest-test' } as const;

function acmeManifest(slug: string, overrides: Partial<Record<'name' | 'plan' | 'seats' | 'settings' | 'users' | 'apiKeys' | 'extra', string>> = {}): string {
  return [
    `slug: ${slug}`,
    `name: ${overrides.name ?? 'Acme Ltd'}`,
    overrides.plan ?? 'plan: starter',
    overrides.seats ?? 'seats: 3',
    overrides.settings ?? 'settings:\n  timeZone: UTC\n  defaultCurrency: EUR',
    'initialAdmin:\n  email: ada@acme.example\n  name: Ada Admin',
    overrides.users ?? 'users:\n  - email: sam@acme.example\n    name: Sam Sales',
    overrides.apiKeys ?? 'apiKeys:\n  - name: Ops key\n    role: admin',
    overrides.extra ?? '',
  ].join('\n');
}

test('the first apply creates the workspace with its users, keys, settings and seed data', async () => {
  const slug = uniqueSlug('mf');
  const dir = manifestDir({
    'acme.yaml': acmeManifest(slug, {
      extra: [
        'seed:',
        '  accounts:',
        '    - name: Globex',
        '      owner: sam@acme.example',
        '      annualRevenue: { amount: "1000.00", currency: EUR }',
        '      contacts:',
        '        - { firstName: Hedy, lastName: Lamarr, email: hedy@globex.example }',
        '      opportunities:',
        '        - { name: Turbines, amount: { amount: "5000.00", currency: EUR }, closeDate: "2026-01-15", owner: sam@acme.example, outcome: WON }',
        '        - { name: Pumps, amount: { amount: "700.00", currency: EUR }, outcome: LOST, lossReason: Price }',
        '        - { name: Valves }',
        '    - name: Initech',
      ].join('\n'),
    }),
  });
  const [result] = await apply(harness.dataSource, dir);
  expect(result).toMatchObject({ slug, action: 'created', dryRun: false });
  expect(result.tokens).toEqual([{ name: 'Ops key', role: 'admin', token: expect.stringMatching(/^tnt_tenant_/) }]);
  expect(result.changes).toEqual([
    'plan starter, 3 seats',
    'settings {"timeZone":"UTC","defaultCurrency":"EUR"}',
    'user ada@acme.example added',
    'user sam@acme.example added',
    'API key "Ops key" (admin) created',
    'seed: 2 account(s), 1 contact(s), 3 opportunities',
  ]);

  const state = (await workspaceState(harness.dataSource, slug))!;
  expect(state.tenant).toMatchObject({ name: 'Acme Ltd', planCode: 'starter', seats: 3, seatsUsed: 2, status: 'active', resellerId: null });
  expect(state.tenant.settings).toEqual({ timeZone: 'UTC', defaultCurrency: 'EUR' });
  expect(state.users).toEqual([
    { email: 'ada@acme.example', name: 'Ada Admin' },
    { email: 'sam@acme.example', name: 'Sam Sales' },
  ]);
  expect(state.keys).toEqual([{ name: 'Ops key', role: 'admin', revoked: false }]);
  expect(state.auditActions).toEqual(['tenant.provision']);
  expect([state.accounts, state.contacts]).toEqual([2, 1]);

  // The key works against the API, and the seed went through it (owner resolved from the e-mail).
  const listed = await harness.client(result.tokens[0].token).request('{ accounts(first: 5) { nodes { name owner { email } } } }');
  expect(listed.data?.accounts.nodes).toEqual(
    expect.arrayContaining([
      { name: 'Globex', owner: { email: 'sam@acme.example' } },
      { name: 'Initech', owner: null },
    ]),
  );
  // Opportunities are created under their account (owned by its owner unless named) and closed as the seed says.
  const deals = await harness.client(result.tokens[0].token).request('{ opportunities(first: 5, orderBy: [{ field: NAME, direction: DESC }]) { nodes { name status closeDate lossReason account { name } owner { email } amount { amount } } } }');
  expect(deals.data?.opportunities.nodes).toEqual([
    { name: 'Valves', status: 'OPEN', closeDate: null, lossReason: null, account: { name: 'Globex' }, owner: { email: 'sam@acme.example' }, amount: null },
    { name: 'Turbines', status: 'WON', closeDate: '2026-01-15', lossReason: null, account: { name: 'Globex' }, owner: { email: 'sam@acme.example' }, amount: { amount: '5000.00' } },
    { name: 'Pumps', status: 'LOST', closeDate: null, lossReason: 'Price', account: { name: 'Globex' }, owner: { email: 'sam@acme.example' }, amount: { amount: '700.00' } },
  ]);
});

test('a second apply of the same files changes nothing, says so and writes no audit row', async () => {
  const slug = uniqueSlug('mf');
  const dir = manifestDir({ 'acme.yaml': acmeManifest(slug, { extra: 'seed:\n  accounts:\n    - name: Globex' }) });
  await apply(harness.dataSource, dir);
  const before = (await workspaceState(harness.dataSource, slug))!;

  const [again] = await apply(harness.dataSource, dir);
  expect(again).toEqual({ slug, file: expect.stringMatching(/acme\.yaml$/), action: 'unchanged', changes: [], tokens: [], dryRun: false });
  const after = (await workspaceState(harness.dataSource, slug))!;
  expect(after).toEqual(before);
  expect(after.tenant.updatedAt).toEqual(before.tenant.updatedAt);
});

test('changing name, plan, seats, settings, users and keys updates exactly those, then is unchanged', async () => {
  const slug = uniqueSlug('mf');
  const dir = manifestDir({ 'acme.yaml': acmeManifest(slug, { extra: 'seed:\n  accounts:\n    - name: Globex' }) });
  await apply(harness.dataSource, dir);

  writeManifests(dir, {
    'acme.yaml': acmeManifest(slug, {
      name: 'Acme Group',
      plan: 'plan: professional',
      seats: 'seats: 10',
      settings: 'settings:\n  timeZone: Europe/Berlin\n  locale: de-DE',
      users: 'users:\n  - email: sam@acme.example\n    name: Sam Sales\n  - email: lin@acme.example\n    name: Lin Lead',
      apiKeys: 'apiKeys:\n  - name: Ops key\n    role: admin\n  - name: Website form\n    role: service_agent',
      // Seeds apply only at creation: a changed seed is not a change.
      extra: 'seed:\n  accounts:\n    - name: Umbrella',
    }),
  });
  const [result] = await apply(harness.dataSource, dir);
  expect(result.action).toBe('updated');
  expect(result.changes).toEqual([
    'name: "Acme Ltd" → "Acme Group"',
    'settings.timeZone: "UTC" → "Europe/Berlin"',
    'settings.locale: (not set) → "de-DE"',
    'plan: starter → professional',
    'seats: 3 → 10',
    'user lin@acme.example added',
    'API key "Website form" (service_agent) created',
  ]);
  expect(result.tokens).toEqual([{ name: 'Website form', role: 'service_agent', token: expect.stringMatching(/^tnt_tenant_/) }]);

  const state = (await workspaceState(harness.dataSource, slug))!;
  expect(state.tenant).toMatchObject({ name: 'Acme Group', planCode: 'professional', seats: 10, seatsUsed: 3 });
  // Settings the manifest gives are set; the others stay.
  expect(state.tenant.settings).toEqual({ timeZone: 'Europe/Berlin', locale: 'de-DE', defaultCurrency: 'EUR' });
  expect(state.users.map((u) => u.email)).toEqual(['ada@acme.example', 'lin@acme.example', 'sam@acme.example']);
  expect(state.keys).toEqual([
    { name: 'Ops key', role: 'admin', revoked: false },
    { name: 'Website form', role: 'service_agent', revoked: false },
  ]);
  expect(state.accounts).toBe(1);
  expect(state.auditActions).toEqual(['tenant.provision', 'tenant.update', 'tenant.change_plan', 'tenant.add_users', 'tenant.create_api_keys']);

  const [again] = await apply(harness.dataSource, dir);
  expect(again.action).toBe('unchanged');
  expect(await workspaceState(harness.dataSource, slug)).toEqual(state);
});

test('a change to one field writes only that field and one audit row', async () => {
  const slug = uniqueSlug('mf');
  const dir = manifestDir({ 'acme.yaml': acmeManifest(slug) });
  await apply(harness.dataSource, dir);
  const before = (await workspaceState(harness.dataSource, slug))!;

  writeManifests(dir, { 'acme.yaml': acmeManifest(slug, { seats: 'seats: 4' }) });
  const [result] = await apply(harness.dataSource, dir);
  expect(result.changes).toEqual(['seats: 3 → 4']);
  const after = (await workspaceState(harness.dataSource, slug))!;
  expect(after.tenant).toEqual({ ...before.tenant, seats: 4, updatedAt: expect.any(Date) });
  expect(after.auditActions).toEqual(['tenant.provision', 'tenant.change_plan']);
  expect({ ...after, tenant: null, auditActions: null }).toEqual({ ...before, tenant: null, auditActions: null });
});

test('omitted plan and settings are left as they are; omitted seats grow to fit added users', async () => {
  const slug = uniqueSlug('mf');
  const dir = manifestDir({ 'acme.yaml': acmeManifest(slug, { plan: 'plan: professional', seats: 'seats: 2' }) });
  await apply(harness.dataSource, dir);

  writeManifests(dir, {
    'acme.yaml': acmeManifest(slug, {
      plan: '',
      seats: '',
      settings: '',
      users: 'users:\n  - email: sam@acme.example\n    name: Sam Sales\n  - email: lin@acme.example\n    name: Lin Lead',
    }),
  });
  const [result] = await apply(harness.dataSource, dir);
  expect(result.changes).toEqual(['seats: 2 → 3', 'user lin@acme.example added']);
  const state = (await workspaceState(harness.dataSource, slug))!;
  expect(state.tenant).toMatchObject({ planCode: 'professional', seats: 3, seatsUsed: 3, settings: { timeZone: 'UTC', defaultCurrency: 'EUR' } });
});

test('a dry run reports the plan and writes nothing', async () => {
  const existing = uniqueSlug('mf');
  const fresh = uniqueSlug('mf');
  const dir = manifestDir({ 'a.yaml': acmeManifest(existing) });
  await apply(harness.dataSource, dir);
  const before = (await workspaceState(harness.dataSource, existing))!;

  writeManifests(dir, {
    'a.yaml': acmeManifest(existing, { name: 'Renamed', seats: 'seats: 5', users: 'users:\n  - email: new@acme.example\n    name: New Person' }),
    'b.yaml': acmeManifest(fresh),
  });
  const seen: string[] = [];
  const results = await apply(harness.dataSource, dir, { dryRun: true, onResult: (r) => seen.push(r.slug) });
  expect(results.map((r) => [r.slug, r.action, r.dryRun, r.tokens])).toEqual([
    [existing, 'updated', true, []],
    [fresh, 'created', true, []],
  ]);
  expect(seen).toEqual([existing, fresh]);
  expect(results[0].changes).toEqual(['name: "Acme Ltd" → "Renamed"', 'seats: 3 → 5', 'user new@acme.example added']);
  expect(await workspaceState(harness.dataSource, existing)).toEqual(before);
  expect(await workspaceState(harness.dataSource, fresh)).toBeNull();
});

test('a reseller is set at creation and cannot be changed by a manifest', async () => {
  const code = uniqueSlug('rs');
  const other = uniqueSlug('rs');
  const reseller = await createReseller(harness.dataSource, SYSTEM, { code, name: 'Partner' });
  await createReseller(harness.dataSource, SYSTEM, { code: other, name: 'Other partner' });
  const slug = uniqueSlug('mf');
  const dir = manifestDir({ 'acme.yaml': `slug: ${slug}\nname: Resold\nreseller: ${code}\n` });
  const [created] = await apply(harness.dataSource, dir);
  expect(created.action).toBe('created');
  const state = (await workspaceState(harness.dataSource, slug))!;
  expect(state.tenant).toMatchObject({ resellerId: reseller.id, planCode: 'starter', seats: 5, seatsUsed: 0 });

  writeManifests(dir, { 'acme.yaml': `slug: ${slug}\nname: Resold\nreseller: ${other}\n` });
  expect(await problemsOf(harness.dataSource, dir)).toEqual([
    `${dir}/acme.yaml:3: "reseller": the workspace "${slug}" belongs to reseller "${code}"; moving a workspace to another reseller is not supported`,
  ]);
  await expect(apply(harness.dataSource, dir)).rejects.toThrow('moving a workspace to another reseller is not supported');
  expect(await workspaceState(harness.dataSource, slug)).toEqual(state);

  // Leaving the reseller out leaves it as it is.
  writeManifests(dir, { 'acme.yaml': `slug: ${slug}\nname: Resold\n` });
  expect((await apply(harness.dataSource, dir))[0].action).toBe('unchanged');
});

test('a revoked key named in the manifest is created again; a key whose role differs is a problem', async () => {
  const slug = uniqueSlug('mf');
  const dir = manifestDir({ 'acme.yaml': acmeManifest(slug) });
  await apply(harness.dataSource, dir);
  const { tenant } = (await workspaceState(harness.dataSource, slug))!;
  await harness.dataSource.query(`UPDATE control.api_keys SET revoked_at = now() WHERE tenant_id = $1`, [tenant.id]);

  const [result] = await apply(harness.dataSource, dir);
  expect(result.changes).toEqual(['API key "Ops key" (admin) created']);
  expect(result.tokens).toHaveLength(1);

  writeManifests(dir, { 'acme.yaml': acmeManifest(slug, { apiKeys: 'apiKeys:\n  - name: Ops key\n    role: service_agent' }) });
  expect(await problemsOf(harness.dataSource, dir)).toEqual([
    `${dir}/acme.yaml:16: "apiKeys[0].role": the key "Ops key" exists with role admin; a key's role cannot change (revoke it to have a new one created)`,
  ]);
});

test('tenants/demo.yaml is valid and applies with its seed data', async () => {
  const demo = fs.readFileSync(path.resolve(__dirname, '..', '..', 'tenants', 'demo.yaml'), 'utf8');
  expect(await problemsOf(harness.dataSource, path.resolve(__dirname, '..', '..', 'tenants'))).toEqual([]);
  const slug = uniqueSlug('demo');
  const dir = manifestDir({ 'demo.yaml': demo.replace(/^slug: demo$/m, `slug: ${slug}`) });
  const [result] = await apply(harness.dataSource, dir);
  expect(result.action).toBe('created');
  const state = (await workspaceState(harness.dataSource, slug))!;
  expect(state.tenant).toMatchObject({ planCode: 'professional', seats: 5, seatsUsed: 2, settings: { timeZone: 'Europe/Berlin', locale: 'en-GB', defaultCurrency: 'EUR' } });
  expect([state.accounts, state.contacts]).toEqual([3, 5]);
  expect((await apply(harness.dataSource, dir))[0].action).toBe('unchanged');
});

test('seats below the users present, and changes to a workspace scheduled for deletion, are problems', async () => {
  const slug = uniqueSlug('mf');
  const dir = manifestDir({ 'acme.yaml': acmeManifest(slug) });
  await apply(harness.dataSource, dir);
  const { tenant } = (await workspaceState(harness.dataSource, slug))!;

  // The manifest lists one user, but the workspace has two: seats cannot drop below that.
  writeManifests(dir, { 'acme.yaml': acmeManifest(slug, { seats: 'seats: 1', users: '' }) });
  expect(await problemsOf(harness.dataSource, dir)).toEqual([`${dir}/acme.yaml:4: "seats": 1 seats are fewer than the 2 the workspace needs (2 users present, 0 to add)`]);

  await scheduleDeletion(harness.dataSource, SYSTEM, tenant.id, {}, 30);
  writeManifests(dir, { 'acme.yaml': acmeManifest(slug) });
  expect((await apply(harness.dataSource, dir))[0].action).toBe('unchanged');
  writeManifests(dir, { 'acme.yaml': acmeManifest(slug, { name: 'Still here?' }) });
  expect(await problemsOf(harness.dataSource, dir)).toEqual([
    `${dir}/acme.yaml:1: the workspace "${slug}" is scheduled for deletion; cancel the deletion before changing it (name: "Acme Ltd" → "Still here?")`,
  ]);
});
