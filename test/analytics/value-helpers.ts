/**
 * Test data for value metrics: dates relative to today (the workspaces here keep the default time
 * zone, UTC), contracts and activities written straight into the workspace's schema, and the
 * queries that read and recompute the metrics.
 */
import { randomUUID } from 'node:crypto';
import { Client, Harness, dataOf } from '../support/harness';
import { Row, Workspace } from './insights-helpers';

/** The UTC calendar day `days` before today ("YYYY-MM-DD"). */
export const daysAgo = (days: number): string => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

export interface ContractRow {
  accountId: string;
  value: string;
  currency?: string;
  startDate: string;
  /** Drafts were never activated. */
  status?: 'ACTIVATED' | 'DRAFT' | 'EXPIRED';
  opportunityId?: string | null;
}

export async function insertContracts(harness: Harness, ws: Workspace, rows: ContractRow[]): Promise<void> {
  for (const row of rows) {
    const status = row.status ?? 'ACTIVATED';
    await harness.dataSource.query(
      `INSERT INTO ${ws.schema}.contracts (id, number, account_id, status, start_date, term_months, end_date, value, currency, opportunity_id, activated_at)
       VALUES ($1, $2, $3, $4, $5::date, 12, $5::date + interval '1 year' - interval '1 day', $6, $7, $8, CASE WHEN $4 <> 'DRAFT' THEN now() END)`,
      [randomUUID(), `T-${randomUUID().slice(0, 8)}`, row.accountId, status, row.startDate, row.value, row.currency ?? 'EUR', row.opportunityId ?? null],
    );
  }
}

export interface ActivityRow {
  accountId: string;
  kind: 'TASK' | 'CALL' | 'MEETING' | 'EMAIL' | 'NOTE';
  occurredAt: string;
  completed?: boolean;
}

export async function insertActivities(harness: Harness, ws: Workspace, rows: ActivityRow[]): Promise<void> {
  for (const row of rows) {
    await harness.dataSource.query(
      `INSERT INTO ${ws.schema}.activities (id, kind, subject, account_id, occurred_at, completed_at) VALUES ($1, $2, 'Touch', $3, $4, CASE WHEN $5 THEN $4::timestamptz END)`,
      [randomUUID(), row.kind, row.accountId, row.occurredAt, row.completed ?? false],
    );
  }
}

export const METRICS = 'revenue { amount currency } purchaseCount firstPurchaseOn lastPurchaseOn lastActivityAt abcClass recencyScore frequencyScore monetaryScore rfmScore lifetimeValue { amount } lifecycleStage computedAt';

export async function recompute(client: Client): Promise<Row> {
  const payload = dataOf(await client.request('mutation { recomputeValueMetrics { accountCount computedAt userErrors { code } } }')).recomputeValueMetrics;
  expect(payload.userErrors).toEqual([]);
  return payload;
}

/** Every account's metrics by account name. */
export async function metricsByName(client: Client): Promise<Record<string, Row | null>> {
  const accounts = dataOf(await client.request(`{ accounts(first: 100) { nodes { name valueMetrics { ${METRICS} } } } }`)).accounts.nodes;
  return Object.fromEntries(accounts.map((a: Row) => [a.name, a.valueMetrics]));
}

/** Names of the accounts a filter (and order) lists. */
export async function namesWhere(client: Client, where: Row, orderBy?: Row[]): Promise<string[]> {
  const data = dataOf(await client.request('query($where: AccountFilter, $orderBy: [AccountOrder!]) { accounts(first: 100, where: $where, orderBy: $orderBy) { nodes { name } } }', { where, orderBy }));
  return data.accounts.nodes.map((a: Row) => a.name);
}

/** Inserts accounts by name (one statement); returns their UUIDs by name. */
export async function insertNamedAccounts(harness: Harness, ws: Workspace, names: string[], ownerUuid: string | null = null): Promise<Record<string, string>> {
  const ids = names.map(() => randomUUID());
  await harness.dataSource.query(
    `INSERT INTO ${ws.schema}.accounts (id, name, type, lifecycle_stage, owner_id) SELECT v.id, v.name, 'CUSTOMER', 'ACTIVE', $3 FROM unnest($1::uuid[], $2::text[]) AS v(id, name)`,
    [ids, names, ownerUuid],
  );
  return Object.fromEntries(names.map((name, i) => [name, ids[i]]));
}
