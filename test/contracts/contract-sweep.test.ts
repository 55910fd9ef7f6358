/**
 * The contract scheduler: activated contracts past their end date (in the workspace's time zone)
 * expire or, flagged auto-renew, are renewed with an activated successor; every change is in the
 * status history with the scheduler as actor. Safe with overlapping runs and several app
 * instances, idempotent, paced hourly per workspace, and a failing workspace does not stop others.
 *
 * Contracts are set up in SQL (activated, with dates in the past): what is tested is the job.
 */
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/data-source';
import { allEntities } from '../../src/modules';
import { sweepContracts, sweepTenantContracts } from '../../src/modules/contracts/contracts.sweep';
import { createLogger } from '../../src/ops/logger';
import { createAccount } from '../support/crm-operations';
import { TestTenant, useHarness } from '../support/harness';

const harness = useHarness();
const quiet = createLogger({ level: 'silent' });

interface Contract {
  id: string;
  number: string;
  status: string;
  startDate: string;
  endDate: string;
  predecessorId: string | null;
  autoRenew: boolean;
}

interface HistoryRow {
  contractId: string;
  fromStatus: string | null;
  toStatus: string;
  relatedContractId: string | null;
  actorKind: string;
  actorId: string;
}

/**
 * A workspace (in a time zone: set by the workspace, or given at provisioning and never changed)
 * with an account to hang contracts on, and SQL into its schema.
 */
async function workspace(timeZone = 'UTC', zoneFrom: 'workspace' | 'provisioning' = 'workspace') {
  const tenant: TestTenant = await harness.createTenant({ name: 'Contract scheduler' });
  const schema = `"${tenant.tenant.schemaName}"`;
  const sql = <T = any>(text: string, params: unknown[] = []): Promise<T[]> => harness.dataSource.query(text.replaceAll('$schema', schema), params);
  if (zoneFrom === 'workspace') await sql('UPDATE $schema.workspace_settings SET time_zone = $1, version = version + 1', [timeZone]);
  else await sql(`UPDATE control.tenants SET settings = jsonb_build_object('timeZone', $1::text) WHERE id = $2`, [timeZone, tenant.tenant.id]);
  const accountId = Buffer.from((await createAccount(tenant.client, { name: 'Customer' })).id, 'base64url').toString().split(':')[1];
  /** The workspace's date `days` from today, in its time zone. */
  const day = async (days: number): Promise<string> => (await sql<{ d: string }>('SELECT ((now() AT TIME ZONE $1)::date + $2::int)::text AS d', [timeZone, days]))[0].d;
  /** An activated contract ending on `endDate` (its term ends there). */
  const activated = async (endDate: string, options: { autoRenew?: boolean; termMonths?: number; entitlement?: boolean } = {}): Promise<string> => {
    const id = randomUUID();
    const termMonths = options.termMonths ?? 12;
    await sql(
      `INSERT INTO $schema.contracts (id, number, account_id, status, start_date, term_months, end_date, value, currency, auto_renew, activated_at)
       VALUES ($1, 'CTR-' || lpad(nextval('$schema.contract_number_seq')::text, 6, '0'), $2, 'ACTIVATED',
               ($3::date + 1 - make_interval(months => $4))::date, $4, $3::date, 1200, 'EUR', $5, now())`,
      [id, accountId, endDate, termMonths, options.autoRenew ?? false],
    );
    if (options.entitlement) {
      await sql(`INSERT INTO $schema.entitlements (id, contract_id, name, response_minutes, resolution_minutes, position) VALUES ($1, $2, 'Gold', 60, 480, 1)`, [randomUUID(), id]);
    }
    return id;
  };
  const contracts = (): Promise<Contract[]> =>
    sql<Contract>(
      `SELECT id, number, status, start_date::text AS "startDate", end_date::text AS "endDate", predecessor_id AS "predecessorId", auto_renew AS "autoRenew"
         FROM $schema.contracts ORDER BY start_date, number`,
    );
  const contract = async (id: string): Promise<Contract> => (await contracts()).find((c) => c.id === id)!;
  const history = (): Promise<HistoryRow[]> =>
    sql<HistoryRow>(
      `SELECT contract_id AS "contractId", from_status AS "fromStatus", to_status AS "toStatus", related_contract_id AS "relatedContractId",
              actor_kind AS "actorKind", actor_id AS "actorId" FROM $schema.contract_status_history ORDER BY at, id`,
    );
  /** Moves the workspace's last run of the scheduler into the past (a PostgreSQL interval ago). */
  const lastRunAgo = (interval: string) =>
    harness.dataSource.query(`UPDATE control.tenant_job_runs SET last_run_at = now() - $2::interval WHERE tenant_id = $1 AND job = 'contracts.sweep'`, [tenant.tenant.id, interval]);
  return { tenant, sql, day, activated, contracts, contract, history, lastRunAgo, accountId };
}

const SCHEDULER = { actorKind: 'system', actorId: 'contract-scheduler' };

describe('the contract scheduler', () => {
  test('expires contracts past their end and renews auto-renew ones, each recorded with the scheduler as actor', async () => {
    const w = await workspace();
    const yesterday = await w.day(-1);
    const expiring = await w.activated(yesterday);
    const renewing = await w.activated(yesterday, { autoRenew: true, termMonths: 12, entitlement: true });
    const running = await w.activated(await w.day(30), { autoRenew: true });

    const [result] = await sweepContracts(harness.dataSource, quiet, [w.tenant.tenant.id]);
    expect(result).toEqual({ slug: w.tenant.tenant.slug, expired: 1, autoRenewed: 1, renewed: 0 });

    expect((await w.contract(expiring)).status).toBe('EXPIRED');
    expect((await w.contract(running)).status).toBe('ACTIVATED');
    expect((await w.contract(renewing)).status).toBe('RENEWED');
    const successor = (await w.contracts()).find((c) => c.predecessorId === renewing)!;
    // The next term starts the day after the old one ended and runs as long.
    expect(successor).toMatchObject({ status: 'ACTIVATED', startDate: await w.day(0), autoRenew: true });
    const [{ endDate: expectedEnd }] = await w.sql<{ endDate: string }>(`SELECT ($1::date + interval '12 months' - interval '1 day')::date::text AS "endDate"`, [await w.day(0)]);
    expect(successor.endDate).toBe(expectedEnd);
    expect(successor.number).toMatch(/^CTR-\d{6}$/);
    expect(await w.sql('SELECT name FROM $schema.entitlements WHERE contract_id = $1', [successor.id])).toEqual([{ name: 'Gold' }]);
    // The terms as activated are kept as version 1.
    expect(await w.sql('SELECT version, actor_id AS "actorId" FROM $schema.contract_versions WHERE contract_id = $1', [successor.id])).toEqual([{ version: 1, actorId: 'contract-scheduler' }]);

    const history = await w.history();
    expect(history.map(({ contractId, fromStatus, toStatus, relatedContractId }) => ({ contractId, fromStatus, toStatus, relatedContractId }))).toEqual(
      expect.arrayContaining([
        { contractId: expiring, fromStatus: 'ACTIVATED', toStatus: 'EXPIRED', relatedContractId: null },
        { contractId: successor.id, fromStatus: null, toStatus: 'DRAFT', relatedContractId: renewing },
        { contractId: successor.id, fromStatus: 'DRAFT', toStatus: 'ACTIVATED', relatedContractId: renewing },
        { contractId: renewing, fromStatus: 'ACTIVATED', toStatus: 'RENEWED', relatedContractId: successor.id },
      ]),
    );
    expect(history).toHaveLength(4);
    for (const row of history) expect(row).toMatchObject(SCHEDULER);
  });

  test('a contract ending today in the workspace’s time zone is not yet expired, whatever the time in UTC', async () => {
    // 25 hours apart: at any moment of the day, one of the two disagrees with UTC about "today".
    for (const [zone, zoneFrom] of [
      ['Pacific/Kiritimati', 'workspace'],
      ['Pacific/Pago_Pago', 'workspace'],
      ['Pacific/Kiritimati', 'provisioning'],
      ['Pacific/Pago_Pago', 'provisioning'],
    ] as const) {
      const w = await workspace(zone, zoneFrom);
      const endsToday = await w.activated(await w.day(0));
      const endedYesterday = await w.activated(await w.day(-1));
      const [result] = await sweepContracts(harness.dataSource, quiet, [w.tenant.tenant.id]);
      expect(result).toMatchObject({ expired: 1 });
      expect([(await w.contract(endsToday)).status, (await w.contract(endedYesterday)).status]).toEqual(['ACTIVATED', 'EXPIRED']);
    }
  });

  test('a contract whose successor is already active becomes RENEWED; one whose renewal is still a draft expires', async () => {
    const w = await workspace();
    const yesterday = await w.day(-1);
    const renewed = await w.activated(yesterday, { autoRenew: true });
    const successor = await w.activated(await w.day(365));
    await w.sql('UPDATE $schema.contracts SET predecessor_id = $1 WHERE id = $2', [renewed, successor]);
    const pending = await w.activated(yesterday, { autoRenew: true });
    const draft = await w.activated(await w.day(365));
    await w.sql(`UPDATE $schema.contracts SET predecessor_id = $1, status = 'DRAFT', activated_at = NULL WHERE id = $2`, [pending, draft]);

    const [result] = await sweepContracts(harness.dataSource, quiet, [w.tenant.tenant.id]);
    expect(result).toMatchObject({ expired: 1, autoRenewed: 0, renewed: 1 });
    expect((await w.contract(renewed)).status).toBe('RENEWED');
    // Auto-renewal does not bypass the approval of a renewal someone has started: it stays a draft.
    expect([(await w.contract(pending)).status, (await w.contract(draft)).status]).toEqual(['EXPIRED', 'DRAFT']);
    expect((await w.history()).map((h) => [h.contractId, h.toStatus, h.relatedContractId])).toEqual(
      expect.arrayContaining([
        [renewed, 'RENEWED', successor],
        [pending, 'EXPIRED', null],
      ]),
    );
    expect(await w.contracts()).toHaveLength(4);
  });

  test('catches up a long-unswept auto-renew chain in one run', async () => {
    const w = await workspace();
    // Three-month terms, the first ended a year and a day ago: four renewals are past, the fifth runs.
    const [{ end }] = await w.sql<{ end: string }>(`SELECT ((now() AT TIME ZONE 'UTC')::date - interval '12 months' - interval '1 day')::date::text AS end`);
    const first = await w.activated(end, { autoRenew: true, termMonths: 3 });

    const [result] = await sweepContracts(harness.dataSource, quiet, [w.tenant.tenant.id]);
    expect(result).toMatchObject({ expired: 0, autoRenewed: 5, renewed: 0 });
    const chain = await w.contracts();
    expect(chain.map((c) => c.status)).toEqual(['RENEWED', 'RENEWED', 'RENEWED', 'RENEWED', 'RENEWED', 'ACTIVATED']);
    expect(chain[0].id).toBe(first);
    for (let i = 1; i < chain.length; i++) {
      expect(chain[i].predecessorId).toBe(chain[i - 1].id);
      const [{ next }] = await w.sql<{ next: string }>('SELECT ($1::date + 1)::text AS next', [chain[i - 1].endDate]);
      expect(chain[i].startDate).toBe(next);
    }
    expect(chain[5].endDate >= (await w.day(0))).toBe(true);
    expect(chain[4].endDate < (await w.day(0))).toBe(true);
  });

  test('paced hourly per workspace: a second run is a no-op, and a run when due again changes nothing more', async () => {
    const w = await workspace();
    await w.activated(await w.day(-3), { autoRenew: true });
    await w.activated(await w.day(-3));
    await sweepContracts(harness.dataSource, quiet, [w.tenant.tenant.id]);
    const before = { contracts: await w.contracts(), history: await w.history() };

    expect(await sweepContracts(harness.dataSource, quiet, [w.tenant.tenant.id])).toEqual([]);
    await w.lastRunAgo('50 minutes');
    expect(await sweepContracts(harness.dataSource, quiet, [w.tenant.tenant.id])).toEqual([]);
    // Due again a little under an hour later, so that hourly ticks of the periodic jobs never skip one.
    await w.lastRunAgo('56 minutes');
    expect(await sweepContracts(harness.dataSource, quiet, [w.tenant.tenant.id])).toEqual([{ slug: w.tenant.tenant.slug, expired: 0, autoRenewed: 0, renewed: 0 }]);
    expect({ contracts: await w.contracts(), history: await w.history() }).toEqual(before);
  });

  test('a failing workspace is logged and the others are still swept', async () => {
    const broken = await workspace();
    const fine = await workspace();
    await broken.activated(await broken.day(-1));
    const due = await fine.activated(await fine.day(-1));
    // A time zone PostgreSQL does not know makes the broken workspace's run fail.
    await broken.sql(`UPDATE $schema.workspace_settings SET time_zone = 'Nowhere/Atlantis'`);
    const lines: string[] = [];
    const log = createLogger({ level: 'error', destination: { write: (line: string) => void lines.push(line) } });

    const results = await sweepContracts(harness.dataSource, log, [broken.tenant.tenant.id, fine.tenant.tenant.id]);
    expect(results).toEqual([{ slug: fine.tenant.tenant.slug, expired: 1, autoRenewed: 0, renewed: 0 }]);
    expect((await fine.contract(due)).status).toBe('EXPIRED');
    expect((await broken.contracts()).map((c) => c.status)).toEqual(['ACTIVATED']);
    expect(lines.map((l) => JSON.parse(l))).toEqual([expect.objectContaining({ msg: 'contract sweep failed', tenant: broken.tenant.tenant.slug })]);
  });
});

describe('the contract scheduler run twice at once', () => {
  let second: DataSource;
  beforeAll(async () => {
    // A second app instance: its own pool.
    second = await createDataSource({ url: process.env.DATABASE_URL!, poolSize: 3, entities: allEntities() });
  });
  afterAll(async () => {
    await second?.destroy();
  });

  /** A workspace with `n` contracts to expire and `n` to renew, all due. */
  async function busyWorkspace(n: number) {
    const w = await workspace();
    const yesterday = await w.day(-1);
    const expiring: string[] = [];
    const renewing: string[] = [];
    for (let i = 0; i < n; i++) {
      expiring.push(await w.activated(yesterday));
      renewing.push(await w.activated(yesterday, { autoRenew: true }));
    }
    return { ...w, expiring, renewing };
  }

  /** Each due contract changed once: one successor per renewed contract, one history row per change. */
  async function expectEachChangedOnce(w: Awaited<ReturnType<typeof busyWorkspace>>) {
    const contracts = await w.contracts();
    for (const id of w.expiring) expect(contracts.find((c) => c.id === id)!.status).toBe('EXPIRED');
    for (const id of w.renewing) {
      expect(contracts.find((c) => c.id === id)!.status).toBe('RENEWED');
      expect(contracts.filter((c) => c.predecessorId === id)).toHaveLength(1);
    }
    expect(contracts).toHaveLength(w.expiring.length + 2 * w.renewing.length);
    const history = await w.history();
    const changes = history.map((h) => `${h.contractId} ${h.fromStatus} ${h.toStatus}`);
    expect(new Set(changes).size).toBe(changes.length);
    // Expiry: 1 row each; renewal: predecessor RENEWED + successor created + successor activated.
    expect(history).toHaveLength(w.expiring.length + 3 * w.renewing.length);
  }

  test('on two instances: one of them claims the workspace, and every contract is changed once', async () => {
    const w = await busyWorkspace(5);
    const ids = [w.tenant.tenant.id];
    const results = await Promise.all([sweepContracts(harness.dataSource, quiet, ids), sweepContracts(second, quiet, ids), sweepContracts(harness.dataSource, quiet, ids)]);
    expect(results.flat()).toEqual([{ slug: w.tenant.tenant.slug, expired: 5, autoRenewed: 5, renewed: 0 }]);
    await expectEachChangedOnce(w);
  });

  test('two overlapping runs of the same workspace (pacing bypassed) share the work without doing any twice', async () => {
    const w = await busyWorkspace(20);
    const results = await Promise.all([sweepTenantContracts(harness.dataSource, w.tenant.tenant, quiet), sweepTenantContracts(second, w.tenant.tenant, quiet)]);
    expect(results[0].expired + results[1].expired).toBe(20);
    expect(results[0].autoRenewed + results[1].autoRenewed).toBe(20);
    await expectEachChangedOnce(w);
    // And once more changes nothing.
    expect(await sweepTenantContracts(second, w.tenant.tenant, quiet)).toEqual({ expired: 0, autoRenewed: 0, renewed: 0 });
    await expectEachChangedOnce(w);
  });
});
