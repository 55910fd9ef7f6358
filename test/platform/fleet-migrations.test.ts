/**
 * Fleet migrations: every tenant reaches the latest version in parallel; a tenant whose migration
 * fails stays at its old version and is reported while the others proceed; a second run resumes.
 */
import { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantMigrations } from '../../migrations/tenant';
import { withSqlTally } from '../../src/db/sql-counter';
import { migrateTenants, pendingTenantCount } from '../../src/platform/migrations';
import { TestTenant, useHarness } from '../support/harness';

const harness = useHarness();
let tenants: TestTenant[];
beforeAll(async () => {
  tenants = await Promise.all([1, 2, 3, 4].map(() => harness.createTenant()));
});

/** An additive migration that fails in any tenant holding a table named `block_migration`. */
const additive: MigrationInterface = {
  name: '9999-fleet-test-additive',
  async up(db: QueryRunner) {
    const [{ blocked }] = await db.query(`SELECT to_regclass('block_migration') IS NOT NULL AS blocked`);
    if (blocked) throw new Error('blocked on purpose');
    await db.query('ALTER TABLE accounts ADD COLUMN fleet_test_note text');
  },
  async down() {},
};
const extended = [...tenantMigrations, additive];
const ids = () => tenants.map((t) => t.tenant.id);

const versionOf = async (tenantId: string): Promise<number> =>
  (await harness.dataSource.query('SELECT schema_version FROM control.tenants WHERE id = $1', [tenantId]))[0].schema_version;
const hasColumn = async (schema: string): Promise<boolean> =>
  (await harness.dataSource.query(`SELECT 1 FROM information_schema.columns WHERE table_schema = $1 AND table_name = 'accounts' AND column_name = 'fleet_test_note'`, [schema])).length === 1;

test('one failing tenant stays at its old version and is reported; the others migrate; a rerun resumes', async () => {
  const [blocked, ...others] = tenants;
  await harness.dataSource.query(`CREATE TABLE "${blocked.tenant.schemaName}".block_migration ()`);

  const first = await migrateTenants(harness.dataSource, { migrations: extended, tenantIds: ids(), concurrency: 2 });
  expect(first.failed).toEqual([{ slug: blocked.tenant.slug, error: 'blocked on purpose' }]);
  expect(first.migrated.sort()).toEqual(others.map((t) => t.tenant.slug).sort());
  expect(await versionOf(blocked.tenant.id)).toBe(tenantMigrations.length);
  expect(await hasColumn(blocked.tenant.schemaName)).toBe(false);
  for (const t of others) {
    expect(await versionOf(t.tenant.id)).toBe(extended.length);
    expect(await hasColumn(t.tenant.schemaName)).toBe(true);
  }

  // Nothing left to do for the migrated ones: the rerun touches only the tenant that failed.
  await harness.dataSource.query(`DROP TABLE "${blocked.tenant.schemaName}".block_migration`);
  const second = await migrateTenants(harness.dataSource, { migrations: extended, tenantIds: ids() });
  expect(second).toEqual({ migrated: [blocked.tenant.slug], failed: [] });
  expect(await hasColumn(blocked.tenant.schemaName)).toBe(true);

  const third = await migrateTenants(harness.dataSource, { migrations: extended, tenantIds: ids() });
  expect(third).toEqual({ migrated: [], failed: [] });
});

test('"is anything pending?" over the whole fleet is one statement', async () => {
  const tally = { statements: 0 };
  const pending = await withSqlTally(tally, () => pendingTenantCount(harness.dataSource));
  expect(pending).toBe(0);
  expect(tally.statements).toBe(1);
});

test('two runners at once migrate each tenant exactly once', async () => {
  const more = await Promise.all([1, 2, 3].map(() => harness.createTenant()));
  const only = more.map((t) => t.tenant.id);
  const counting: MigrationInterface = {
    name: '9998-fleet-test-counting',
    async up(db: QueryRunner) {
      await db.query('CREATE TABLE fleet_test_once (id int)');
    },
    async down() {},
  };
  const [a, b] = await Promise.all([
    migrateTenants(harness.dataSource, { migrations: [...tenantMigrations, counting], tenantIds: only }),
    migrateTenants(harness.dataSource, { migrations: [...tenantMigrations, counting], tenantIds: only }),
  ]);
  // A second CREATE TABLE would fail: no tenant may be reported failed, and each is migrated once.
  expect([...a.failed, ...b.failed]).toEqual([]);
  expect([...a.migrated, ...b.migrated].sort()).toEqual(more.map((t) => t.tenant.slug).sort());
});
