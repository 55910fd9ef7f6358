/**
 * Usage per tenant and day. Requests and cost points are counted in memory and flushed in one
 * statement for all tenants every few seconds, so serving a request adds no write. Record counts
 * and storage are measured by a periodic snapshot, bounded in work per run.
 */
import { DataSource } from 'typeorm';
import { quoteTenantIdentifier } from '../db/identifiers';
import { Queryable, queryRows } from '../db/sql';
import { Logger, defaultLogger, errorFields } from '../ops/logger';
import { recordKeysUsed } from './api-keys';

export interface UsageDay {
  tenantId: string;
  day: string;
  apiRequests: number;
  costPoints: number;
  recordCount: number | null;
  storageBytes: number | null;
}

const DAY_COLUMNS = `tenant_id AS "tenantId", to_char(day, 'YYYY-MM-DD') AS day, api_requests::float8 AS "apiRequests",
  cost_points::float8 AS "costPoints", record_count::float8 AS "recordCount", storage_bytes::float8 AS "storageBytes"`;

export class UsageCollector {
  private pending = new Map<string, { requests: number; cost: number }>();
  private keysUsed = new Map<string, Date>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly log: Logger = defaultLogger(),
  ) {}

  record(tenantId: string, costPoints: number): void {
    const entry = this.pending.get(tenantId) ?? { requests: 0, cost: 0 };
    entry.requests += 1;
    entry.cost += costPoints;
    this.pending.set(tenantId, entry);
  }

  /** Remembers that an API key was used now; written with the next flush. */
  keyUsed(keyId: string): void {
    this.keysUsed.set(keyId, new Date());
  }

  start(intervalMs: number): void {
    this.timer = setInterval(() => void this.flush().catch((error: unknown) => this.log.error({ err: errorFields(error) }, 'usage flush failed')), intervalMs);
    this.timer.unref();
  }

  /** Adds what was counted since the last flush to today's rows (UTC), in one statement. */
  async flush(): Promise<void> {
    await this.flushKeysUsed();
    if (!this.pending.size) return;
    const batch = this.pending;
    this.pending = new Map();
    const ids = [...batch.keys()];
    try {
      await queryRows(
        this.dataSource,
        `INSERT INTO control.usage_daily AS u (tenant_id, day, api_requests, cost_points)
         SELECT t.id, (now() AT TIME ZONE 'UTC')::date, t.requests, t.cost FROM unnest($1::uuid[], $2::bigint[], $3::bigint[]) AS t(id, requests, cost)
         ON CONFLICT (tenant_id, day) DO UPDATE SET api_requests = u.api_requests + excluded.api_requests, cost_points = u.cost_points + excluded.cost_points`,
        [ids, ids.map((id) => batch.get(id)!.requests), ids.map((id) => batch.get(id)!.cost)],
      );
    } catch (error) {
      // Keep the counts for the next attempt rather than lose them.
      for (const [id, entry] of batch) {
        const merged = this.pending.get(id) ?? { requests: 0, cost: 0 };
        this.pending.set(id, { requests: merged.requests + entry.requests, cost: merged.cost + entry.cost });
      }
      throw error;
    }
  }

  private async flushKeysUsed(): Promise<void> {
    const batch = this.keysUsed;
    this.keysUsed = new Map();
    try {
      await recordKeysUsed(this.dataSource, batch);
    } catch (error) {
      for (const [id, at] of batch) if (!this.keysUsed.has(id)) this.keysUsed.set(id, at);
      throw error;
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}

/**
 * Today's record count and schema size for each live tenant (one statement per tenant, as the
 * sizes are per schema). Meant for a scheduled job, not the request path.
 */
export async function snapshotStorage(dataSource: DataSource, tenantIds?: string[]): Promise<number> {
  const tenants = await queryRows<{ id: string; schemaName: string }>(
    dataSource,
    `SELECT id, schema_name AS "schemaName" FROM control.tenants WHERE status <> 'deleted' AND ($1::uuid[] IS NULL OR id = ANY($1))`,
    [tenantIds ?? null],
  );
  for (const tenant of tenants) {
    const schema = quoteTenantIdentifier(tenant.schemaName);
    await queryRows(
      dataSource,
      `INSERT INTO control.usage_daily AS u (tenant_id, day, record_count, storage_bytes)
       SELECT $1, (now() AT TIME ZONE 'UTC')::date, ${schema}.crm_record_count(),
              (SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c WHERE c.relnamespace = $2::regnamespace AND c.relkind IN ('r', 'm'))
       ON CONFLICT (tenant_id, day) DO UPDATE SET record_count = excluded.record_count, storage_bytes = excluded.storage_bytes`,
      [tenant.id, tenant.schemaName],
    );
  }
  return tenants.length;
}

export async function tenantUsage(db: Queryable, tenantId: string, from: string, to: string): Promise<UsageDay[]> {
  return (await usageOfTenants(db, [tenantId], from, to))[0];
}

/** Usage days of many tenants in one statement, in the order of `tenantIds`. */
export async function usageOfTenants(db: Queryable, tenantIds: readonly string[], from: string, to: string): Promise<UsageDay[][]> {
  const rows = await queryRows<UsageDay>(
    db,
    `SELECT ${DAY_COLUMNS} FROM control.usage_daily WHERE tenant_id = ANY($1::uuid[]) AND day BETWEEN $2 AND $3 ORDER BY tenant_id, day`,
    [tenantIds, from, to],
  );
  return tenantIds.map((id) => rows.filter((row) => row.tenantId === id));
}

export interface ResellerUsage {
  resellerId: string;
  tenants: number;
  apiRequests: number;
  costPoints: number;
  storageBytes: number;
}

/** Totals per reseller over a period (storage: the latest snapshot per tenant in the period). */
export async function resellerUsageSummary(db: Queryable, from: string, to: string, resellerId?: string): Promise<ResellerUsage[]> {
  return queryRows<ResellerUsage>(
    db,
    `WITH per_tenant AS (
       SELECT u.tenant_id, sum(u.api_requests) AS requests, sum(u.cost_points) AS cost,
              (array_agg(u.storage_bytes ORDER BY u.day DESC) FILTER (WHERE u.storage_bytes IS NOT NULL))[1] AS storage
         FROM control.usage_daily u WHERE u.day BETWEEN $1 AND $2 GROUP BY u.tenant_id)
     SELECT r.id AS "resellerId", (count(t.id) FILTER (WHERE t.status <> 'deleted'))::int AS tenants, coalesce(sum(p.requests), 0)::float8 AS "apiRequests",
            coalesce(sum(p.cost), 0)::float8 AS "costPoints", coalesce(sum(p.storage), 0)::float8 AS "storageBytes"
       FROM control.resellers r
       -- Deleted tenants' usage in the period still counts (it was served and billed).
       LEFT JOIN control.tenants t ON t.reseller_id = r.id
       LEFT JOIN per_tenant p ON p.tenant_id = t.id
      WHERE ($3::uuid IS NULL OR r.id = $3)
      GROUP BY r.id ORDER BY r.id`,
    [from, to, resellerId ?? null],
  );
}
