/**
 * Below the API: each tenant's role reaches its own schema only, never another tenant's schema
 * nor the control plane; provisioning creates role, schema and control row together or not at all.
 */
import { TestTenant, dataOf, useHarness, uniqueSlug } from '../support/harness';
import { CREATE_ACCOUNT } from '../support/operations';
import { asRole, tenantObjectCounts, uuidOfId } from '../support/security-helpers';
import { Refusal } from '../../src/platform/refusal';
import { provisionTenant } from '../../src/platform/tenants';

const TEST_ACTOR = { kind: 'system', id: 'test' } as const;
const plan = { planCode: 'starter', seats: 5 };

const PERMISSION_DENIED = '42501';

const harness = useHarness();
let a: TestTenant;
let b: TestTenant;
let bAccountUuid: string;

beforeAll(async () => {
  [a, b] = await Promise.all([harness.createTenant({ name: 'Tenant A' }), harness.createTenant({ name: 'Tenant B' })]);
  await a.client.request(CREATE_ACCOUNT, { input: { name: 'A only' } });
  const created = dataOf(await b.client.request(CREATE_ACCOUNT, { input: { name: 'B secret' } }));
  bAccountUuid = uuidOfId(created.createAccount.account.id);
});

describe("a tenant's role", () => {
  test('reads its own accounts table (unqualified through search_path and schema-qualified)', async () => {
    const own = await asRole(harness.dataSource, a.tenant.roleName, `SELECT name FROM "${a.tenant.schemaName}".accounts`);
    expect(own.code).toBeUndefined();
    expect(own.rows).toEqual([{ name: 'A only' }]);
  });

  test("is denied another tenant's accounts table, schema-qualified (42501), and sees nothing of it", async () => {
    const read = await asRole(harness.dataSource, a.tenant.roleName, `SELECT * FROM "${b.tenant.schemaName}".accounts`);
    expect(read.code).toBe(PERMISSION_DENIED);
    expect(read.rows).toBeUndefined();

    const byId = await asRole(harness.dataSource, a.tenant.roleName, `SELECT name FROM "${b.tenant.schemaName}".accounts WHERE id = $1`, [bAccountUuid]);
    expect(byId.code).toBe(PERMISSION_DENIED);

    // The superuser confirms the row is there: the denial is isolation, not absence.
    const [row] = await harness.dataSource.query(`SELECT name FROM "${b.tenant.schemaName}".accounts WHERE id = $1`, [bAccountUuid]);
    expect(row).toEqual({ name: 'B secret' });
  });

  test("cannot write into another tenant's tables", async () => {
    const insert = await asRole(
      harness.dataSource,
      a.tenant.roleName,
      `INSERT INTO "${b.tenant.schemaName}".accounts (id, name, type, lifecycle_stage) VALUES (gen_random_uuid(), 'x', 'OTHER', 'PROSPECT')`,
    );
    expect(insert.code).toBe(PERMISSION_DENIED);
    const update = await asRole(harness.dataSource, a.tenant.roleName, `UPDATE "${b.tenant.schemaName}".accounts SET name = 'pwned'`);
    expect(update.code).toBe(PERMISSION_DENIED);
    const [row] = await harness.dataSource.query(`SELECT name FROM "${b.tenant.schemaName}".accounts WHERE id = $1`, [bAccountUuid]);
    expect(row.name).toBe('B secret');
  });

  test("holds no membership in another tenant's role (nor the other way round)", async () => {
    // SET ROLE is checked against the session user, so isolation rests on role membership and grants.
    const [row] = await harness.dataSource.query(
      `SELECT pg_has_role($1, $2, 'MEMBER') AS a_in_b, pg_has_role($2, $1, 'MEMBER') AS b_in_a,
              has_schema_privilege($1, $3, 'USAGE') AS a_uses_b_schema`,
      [a.tenant.roleName, b.tenant.roleName, b.tenant.schemaName],
    );
    expect(row).toEqual({ a_in_b: false, b_in_a: false, a_uses_b_schema: false });
  });

  test('is denied the control plane: control.tenants and control.api_keys (42501)', async () => {
    for (const table of ['control.tenants', 'control.api_keys']) {
      const read = await asRole(harness.dataSource, a.tenant.roleName, `SELECT * FROM ${table}`);
      expect({ table, code: read.code }).toEqual({ table, code: PERMISSION_DENIED });
    }
    const [privileges] = await harness.dataSource.query(
      `SELECT has_schema_privilege($1, 'control', 'USAGE') AS usage,
              has_table_privilege($1, 'control.tenants', 'SELECT') AS tenants,
              has_table_privilege($1, 'control.api_keys', 'SELECT') AS keys`,
      [a.tenant.roleName],
    );
    expect(privileges).toEqual({ usage: false, tenants: false, keys: false });
  });

  test('cannot log in and is not a superuser', async () => {
    const [role] = await harness.dataSource.query('SELECT rolcanlogin, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls FROM pg_roles WHERE rolname = $1', [
      a.tenant.roleName,
    ]);
    expect(role).toEqual({ rolcanlogin: false, rolsuper: false, rolcreaterole: false, rolcreatedb: false, rolbypassrls: false });
  });
});

describe('provisioning', () => {
  test('creates the role, the schema (owned by the role, with the CRM tables) and the control row', async () => {
    const slug = uniqueSlug('prov');
    const tenant = await provisionTenant(harness.dataSource, TEST_ACTOR, { slug, name: 'Provisioned', ...plan });
    expect(tenant.schemaName).toMatch(/^t_[a-z0-9_]+$/);
    expect(tenant.roleName).toMatch(/^t_[a-z0-9_]+$/);

    const [role] = await harness.dataSource.query('SELECT rolcanlogin FROM pg_roles WHERE rolname = $1', [tenant.roleName]);
    expect(role).toEqual({ rolcanlogin: false });
    const [schema] = await harness.dataSource.query(
      'SELECT pg_get_userbyid(nspowner) AS owner FROM pg_namespace WHERE nspname = $1',
      [tenant.schemaName],
    );
    expect(schema).toEqual({ owner: tenant.roleName });
    const tables = await harness.dataSource.query(
      `SELECT tablename, tableowner FROM pg_tables WHERE schemaname = $1 ORDER BY tablename`,
      [tenant.schemaName],
    );
    expect(tables.map((t: { tablename: string }) => t.tablename)).toEqual(expect.arrayContaining(['accounts', 'contacts', 'users']));
    for (const table of tables) expect(table.tableowner).toBe(tenant.roleName);
    const [row] = await harness.dataSource.query('SELECT slug, schema_name, role_name, status FROM control.tenants WHERE id = $1', [tenant.id]);
    expect(row).toEqual({ slug, schema_name: tenant.schemaName, role_name: tenant.roleName, status: 'active' });
  });

  test('with a duplicate slug fails and leaves no schema, role or control row behind', async () => {
    const slug = uniqueSlug('dup');
    await provisionTenant(harness.dataSource, TEST_ACTOR, { slug, name: 'First', ...plan });
    const before = await tenantObjectCounts(harness.dataSource);

    await expect(provisionTenant(harness.dataSource, TEST_ACTOR, { slug, name: 'Second', ...plan })).rejects.toMatchObject({ code: 'DUPLICATE', field: 'slug' });

    const after = await tenantObjectCounts(harness.dataSource);
    // Other test files may provision concurrently: compare what grew with how many tenants appeared.
    expect(after.schemas - before.schemas).toBe(after.tenants - before.tenants);
    expect(after.roles - before.roles).toBe(after.tenants - before.tenants);
    expect(after.orphanSchemas).toEqual([]);
    expect(after.orphanRoles).toEqual([]);
    const [rows] = await harness.dataSource.query('SELECT count(*)::int AS count FROM control.tenants WHERE slug = $1', [slug]);
    expect(rows.count).toBe(1);
  });

  test('two concurrent provisionings of one slug: exactly one tenant, no orphans', async () => {
    const slug = uniqueSlug('race');
    const results = await Promise.allSettled([
      provisionTenant(harness.dataSource, TEST_ACTOR, { slug, name: 'One', ...plan }),
      provisionTenant(harness.dataSource, TEST_ACTOR, { slug, name: 'Two', ...plan }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected).toHaveLength(1);
    expect(rejected[0].reason).toBeInstanceOf(Refusal);
    expect((rejected[0].reason as Refusal).code).toBe('DUPLICATE');
    const counts = await tenantObjectCounts(harness.dataSource);
    expect(counts.orphanSchemas).toEqual([]);
    expect(counts.orphanRoles).toEqual([]);
  });

  test('an invalid slug is refused before anything is created', async () => {
    const before = await tenantObjectCounts(harness.dataSource);
    await expect(provisionTenant(harness.dataSource, TEST_ACTOR, { slug: 'Bad Slug; DROP SCHEMA control', name: 'x', ...plan })).rejects.toThrow(/Slug/);
    const after = await tenantObjectCounts(harness.dataSource);
    expect(after.schemas - before.schemas).toBe(after.tenants - before.tenants);
    expect(after.orphanSchemas).toEqual([]);
    expect(after.orphanRoles).toEqual([]);
  });
});
