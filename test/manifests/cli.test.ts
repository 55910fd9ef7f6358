/** The `tenants apply` command itself, built and run as a separate process against the test database. */
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { Harness, startHarness, uniqueSlug } from '../support/harness';
import { apply, manifestDir, workspaceState, writeManifests } from './manifest-helpers';

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'src', 'cli', 'main.js');

let harness: Harness;
beforeAll(async () => {
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'pipe' });
  harness = await startHarness();
}, 180_000);
afterAll(() => harness.close());

function tenantry(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL, NODE_ENV: 'development', TENANTRY_DEMO: 'false' },
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const manifest = (slug: string, name = 'Acme Ltd') => `slug: ${slug}\nname: ${name}\ninitialAdmin: { email: ada@acme.example, name: Ada }\napiKeys: [{ name: Ops, role: admin }]\n`;

test('--dry-run prints the plan, exits 0 and writes nothing', async () => {
  const [existing, fresh] = [uniqueSlug('cli'), uniqueSlug('cli')];
  const dir = manifestDir({ 'a.yaml': manifest(existing) });
  await apply(harness.dataSource, dir);
  const before = await workspaceState(harness.dataSource, existing);
  writeManifests(dir, { 'a.yaml': manifest(existing, 'Renamed'), 'b.yaml': manifest(fresh) });

  const run = tenantry('tenants', 'apply', dir, '--dry-run');
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(run.stdout.split('\n')).toEqual([
    'Dry run: nothing is written.',
    `${existing}: would be updated (${dir}/a.yaml)`,
    '  - name: "Acme Ltd" → "Renamed"',
    `${fresh}: would be created (${dir}/b.yaml)`,
    '  - plan starter, 5 seats',
    '  - user ada@acme.example added',
    '  - API key "Ops" (admin) created',
    '2 workspace(s): 1 to create, 1 to update, 0 unchanged.',
    '',
  ]);
  expect(await workspaceState(harness.dataSource, existing)).toEqual(before);
  expect(await workspaceState(harness.dataSource, fresh)).toBeNull();
});

test('apply creates, prints the new key once, and a second apply says nothing changed', async () => {
  const slug = uniqueSlug('cli');
  const dir = manifestDir({ 'a.yaml': manifest(slug) });
  const first = tenantry('tenants', 'apply', dir);
  expect(first.status).toBe(0);
  expect(first.stdout).toContain(`${slug}: created (${dir}/a.yaml)`);
  expect(first.stdout).toMatch(/ {2}admin key "Ops" \(shown once\): tnt_tenant_\w+_\S+/);
  expect((await workspaceState(harness.dataSource, slug))?.keys).toEqual([{ name: 'Ops', role: 'admin', revoked: false }]);

  const second = tenantry('tenants', 'apply', dir);
  expect(second.status).toBe(0);
  expect(second.stdout).toBe(`${slug}: unchanged (${dir}/a.yaml)\nNothing to change: all 1 workspace(s) match their manifests.\n`);
});

test('an invalid manifest: every problem on stderr as file:line: reason, exit 1, nothing written', async () => {
  const [valid, badPlan] = [uniqueSlug('cli'), uniqueSlug('cli')];
  const dir = manifestDir({
    'a.yaml': manifest(valid),
    'b.yaml': `slug: ${badPlan}\nname: Bad plan\nplan: platinum\n`,
    'c.yaml': `slug: ${uniqueSlug('cli')}\nname: Typo\nuser: []\n`,
  });
  const run = tenantry('tenants', 'apply', dir, '--dry-run');
  expect(run.status).toBe(1);
  expect(run.stdout).toBe('');
  const lines = run.stderr.trim().split('\n');
  expect(lines).toEqual([
    expect.stringMatching(new RegExp(`^${dir}/b.yaml:3: "plan": unknown plan "platinum"`)),
    `${dir}/c.yaml:3: unknown key "user" (expected one of: slug, name, reseller, plan, seats, settings, initialAdmin, users, apiKeys, seed)`,
    `2 problem(s) in the manifests in ${dir}; nothing was written.`,
  ]);
  // Without --dry-run, too.
  expect(tenantry('tenants', 'apply', dir).status).toBe(1);
  expect(await workspaceState(harness.dataSource, valid)).toBeNull();
  expect(await workspaceState(harness.dataSource, badPlan)).toBeNull();
});

test('a folder that does not exist is a problem, not a crash', () => {
  const run = tenantry('tenants', 'apply', '/nonexistent/tenants', '--dry-run');
  expect(run.status).toBe(1);
  expect(run.stderr).toContain('/nonexistent/tenants: no such file or directory');
});
