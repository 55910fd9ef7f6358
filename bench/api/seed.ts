/**
 * Data of the API benchmark, written with set-based SQL inside each tenant's schema and role
 * (provisionTenant's seedWorkspace hook), never through the API:
 *
 *   - one large tenant: 5 users (owners), `accounts` accounts and `contacts`
 *     contacts. Half of the contacts go 10 per account to the first accounts by name, so the
 *     nested workload (50 accounts × 10 contacts) reads full pages; the rest spread over the
 *     other accounts.
 *   - `smallTenants` small tenants provisioned one after another, each with 20
 *     accounts, for the 1 vs 1,000 tenants comparison.
 *
 * Every tenant is on the `bench` plan (createBenchPlan) and gets one admin API key.
 */
import { DataSource, QueryRunner } from 'typeorm';
import { quoteTenantIdentifier } from '../../src/db/identifiers';
import { createApiKey } from '../../src/platform/api-keys';
import { TenantRecord, provisionTenant } from '../../src/platform/tenants';

export interface MainTenant {
  tenant: TenantRecord;
  token: string;
  ownerIds: string[];
  /** Every account, in name order (update targets). */
  accountIds: string[];
  /** Random accounts for the node lookups. */
  nodeIds: string[];
  accounts: number;
  contacts: number;
}

export interface SmallTenant {
  tenantId: string;
  token: string;
}

export const SMALL_TENANT_ACCOUNTS = 20;
/** The plan of every benchmark tenant: no daily budget and, where plans have one, no effective rate limit. */
export const BENCH_PLAN = 'bench';
const ACTOR = { kind: 'system', id: 'bench' } as const;

const log = (message: string) => process.stderr.write(`${message}\n`);

async function insertAccounts(db: QueryRunner, count: number, ownerIds: string[]): Promise<void> {
  await db.query(
    `INSERT INTO accounts (id, name, domain, industry, type, lifecycle_stage, owner_id, annual_revenue_amount, annual_revenue_currency,
                           employee_count, website, billing_address, tags)
     SELECT gen_random_uuid(), 'Account ' || lpad(n::text, 5, '0'), 'account' || n || '.example',
            (ARRAY['Software', 'Banking', 'Retail', 'Energy', 'Healthcare'])[1 + n % 5],
            (ARRAY['PROSPECT', 'CUSTOMER', 'PARTNER'])[1 + n % 3], 'ACTIVE',
            CASE WHEN cardinality($2::uuid[]) > 0 THEN ($2::uuid[])[1 + n % greatest(cardinality($2::uuid[]), 1)] END,
            (n * 1000)::numeric, 'EUR', n % 5000, 'https://account' || n || '.example',
            jsonb_build_object('street', n || ' Main Street', 'city', 'Berlin', 'postalCode', '10115', 'country', 'DE'),
            ARRAY['bench', 'tier' || (n % 3)]
       FROM generate_series(1, $1::int) n`,
    [count, ownerIds],
  );
}

/**
 * A plan whose limits never throttle the load: the benchmark measures the server's throughput, not
 * the plans' rate limits (their bookkeeping still runs on every request). Written with SQL rather
 * than upsertPlan so that it works whichever plan columns the control schema has.
 */
export async function createBenchPlan(dataSource: DataSource): Promise<void> {
  await dataSource.query(
    `INSERT INTO control.plans (code, name, seat_limit, record_limit, api_budget_per_day, features)
     VALUES ($1, 'Benchmark (no limits)', 1000, 100000000, NULL, '{}') ON CONFLICT (code) DO NOTHING`,
    [BENCH_PLAN],
  );
  const columns: { column_name: string }[] = await dataSource.query(
    `SELECT column_name FROM information_schema.columns WHERE table_schema = 'control' AND table_name = 'plans' AND column_name LIKE 'rate_limit_%'`,
  );
  for (const { column_name } of columns) {
    if (!/^rate_limit_[a-z_]+$/.test(column_name)) continue;
    await dataSource.query(`UPDATE control.plans SET ${column_name} = 1000000000 WHERE code = $1`, [BENCH_PLAN]);
  }
}

export async function seedMainTenant(dataSource: DataSource, options: { accounts: number; contacts: number }): Promise<MainTenant> {
  const started = performance.now();
  let ownerIds: string[] = [];
  const tenant = await provisionTenant(
    dataSource,
    ACTOR,
    { slug: 'bench-main', name: 'Benchmark workspace', planCode: BENCH_PLAN, seats: 10 },
    {
      seedWorkspace: async (db) => {
        const users: { id: string }[] = await db.query(
          `INSERT INTO users (id, email, name, role_key)
           SELECT gen_random_uuid(), 'owner' || n || '@bench.example', 'Owner ' || n, 'sales_rep' FROM generate_series(1, 5) n RETURNING id`,
        );
        ownerIds = users.map((u) => u.id);
        await insertAccounts(db, options.accounts, ownerIds);
        // Accounts 1..dense get 10 contacts each (half of all contacts); the rest spread round-robin over the others.
        const dense = Math.min(options.accounts, Math.floor(options.contacts / 2 / 10));
        await db.query(
          `WITH acc AS (SELECT id, owner_id, row_number() OVER (ORDER BY name, id) AS rn FROM accounts)
           INSERT INTO contacts (id, account_id, first_name, last_name, email, job_title, owner_id)
           SELECT gen_random_uuid(), acc.id, 'First' || m, 'Last ' || lpad(m::text, 6, '0'), 'contact' || m || '@people.example', 'Engineer', acc.owner_id
             FROM generate_series(1, $1::int) m
             JOIN acc ON acc.rn = CASE WHEN m <= $2::int * 10 THEN (m - 1) / 10 + 1
                                       ELSE $2::int + 1 + (m - $2::int * 10 - 1) % greatest($3::int - $2::int, 1) END`,
          [options.contacts, dense, options.accounts],
        );
        return ownerIds.length;
      },
    },
  );
  const schema = quoteTenantIdentifier(tenant.schemaName);
  // Statistics for the planner, and the insert-triggered autovacuum done now rather than during a measured run.
  await dataSource.query(`VACUUM (ANALYZE) ${schema}.users, ${schema}.accounts, ${schema}.contacts`);
  const accountIds = (await dataSource.query(`SELECT id FROM ${schema}.accounts ORDER BY name, id`)).map((r: { id: string }) => r.id);
  const nodeIds = (await dataSource.query(`SELECT id FROM ${schema}.accounts ORDER BY random() LIMIT 1000`)).map((r: { id: string }) => r.id);
  const [{ contacts }] = await dataSource.query(`SELECT count(*)::int AS contacts FROM ${schema}.contacts`);
  const { token } = await createApiKey(dataSource, { kind: 'tenant', tenantId: tenant.id, role: 'admin', name: 'bench' });
  log(`  main tenant: ${accountIds.length} accounts, ${contacts} contacts in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { tenant, token, ownerIds, accountIds, nodeIds, accounts: accountIds.length, contacts };
}

export async function seedSmallTenants(dataSource: DataSource, count: number): Promise<SmallTenant[]> {
  const started = performance.now();
  const tenants: SmallTenant[] = [];
  for (let i = 0; i < count; i++) {
    const tenant = await provisionTenant(
      dataSource,
      ACTOR,
      { slug: `bench-small-${String(i).padStart(4, '0')}`, name: `Small tenant ${i}`, planCode: BENCH_PLAN, seats: 5 },
      {
        seedWorkspace: async (db) => {
          await insertAccounts(db, SMALL_TENANT_ACCOUNTS, []);
          return 0;
        },
      },
    );
    const { token } = await createApiKey(dataSource, { kind: 'tenant', tenantId: tenant.id, role: 'admin', name: 'bench' });
    tenants.push({ tenantId: tenant.id, token });
    if ((i + 1) % Math.max(1, Math.floor(count / 5)) === 0) log(`  small tenants: ${i + 1}/${count} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
  return tenants;
}
