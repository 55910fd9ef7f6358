/**
 * Test data for the insight queries, written straight into the workspace's schema as the
 * superuser (so these tests do not depend on the record APIs), and the queries they ask.
 */
import { randomUUID } from 'node:crypto';
import { Client, GraphQLResponse, Harness, TestTenant } from '../support/harness';

export type Row = Record<string, any>;

export interface Workspace extends TestTenant {
  schema: string;
  /** Stage UUIDs by name (the seeded pipeline: Prospecting … Closed Lost). */
  stages: Record<string, string>;
}

export async function setUpWorkspace(harness: Harness): Promise<Workspace> {
  const tenant = await harness.createTenant({ name: 'Insights' });
  const schema = `"${tenant.tenant.schemaName}"`;
  const rows: { id: string; name: string }[] = await harness.dataSource.query(`SELECT id, name FROM ${schema}.pipeline_stages`);
  return { ...tenant, schema, stages: Object.fromEntries(rows.map((r) => [r.name, r.id])) };
}

/** Inserts accounts (one statement) and returns their UUIDs. */
export async function insertAccounts(harness: Harness, ws: Workspace, count: number, ownerUuid: string | null = null): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  await harness.dataSource.query(
    `INSERT INTO ${ws.schema}.accounts (id, name, type, lifecycle_stage, owner_id) SELECT id, 'Customer', 'CUSTOMER', 'ACTIVE', $2 FROM unnest($1::uuid[]) AS id`,
    [ids, ownerUuid],
  );
  return ids;
}

export interface OpportunityRow {
  accountId: string;
  amount?: string | null;
  currency?: string;
  status?: 'OPEN' | 'WON' | 'LOST';
  /** The stage; default by status: Prospecting, Closed Won, Closed Lost. */
  stage?: string;
  closeDate?: string | null;
  createdAt?: string;
  closedAt?: string | null;
  ownerUuid?: string | null;
  deleted?: boolean;
}

const STAGE_OF = { OPEN: 'Prospecting', WON: 'Closed Won', LOST: 'Closed Lost' };

/** Inserts opportunities (one statement) and returns their UUIDs. */
export async function insertOpportunities(harness: Harness, ws: Workspace, rows: OpportunityRow[]): Promise<string[]> {
  const ids = rows.map(() => randomUUID());
  const column = <T>(pick: (r: OpportunityRow) => T) => rows.map(pick);
  await harness.dataSource.query(
    `INSERT INTO ${ws.schema}.opportunities (id, name, account_id, stage_id, amount, currency, probability, forecast_category, status, closed_at, close_date, owner_id, created_at, deleted_at)
     SELECT v.id, 'Deal', v.account_id, s.id, v.amount, v.currency, s.probability, s.forecast_category, v.status,
            CASE WHEN v.status <> 'OPEN' THEN coalesce(v.closed_at, now()) END, v.close_date, v.owner_id, coalesce(v.created_at, now()), CASE WHEN v.deleted THEN now() END
     FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::numeric[], $5::text[], $6::text[], $7::timestamptz[], $8::date[], $9::uuid[], $10::timestamptz[], $11::boolean[])
          AS v(id, account_id, stage_id, amount, currency, status, closed_at, close_date, owner_id, created_at, deleted)
     JOIN ${ws.schema}.pipeline_stages s ON s.id = v.stage_id`,
    [
      ids,
      column((r) => r.accountId),
      column((r) => ws.stages[r.stage ?? STAGE_OF[r.status ?? 'OPEN']]),
      column((r) => r.amount ?? null),
      column((r) => r.currency ?? 'EUR'),
      column((r) => r.status ?? 'OPEN'),
      column((r) => r.closedAt ?? null),
      column((r) => r.closeDate ?? null),
      column((r) => r.ownerUuid ?? null),
      column((r) => r.createdAt ?? null),
      column((r) => r.deleted ?? false),
    ],
  );
  return ids;
}

export const setRates = async (harness: Harness, ws: Workspace, rates: Record<string, string>) => {
  await harness.dataSource.query(`DELETE FROM ${ws.schema}.currency_rates`);
  for (const [currency, rate] of Object.entries(rates)) await harness.dataSource.query(`INSERT INTO ${ws.schema}.currency_rates (currency, rate) VALUES ($1, $2)`, [currency, rate]);
};

/** Asks one insight query with a period; returns the whole response (for errors and statement counts). */
export const ask = (client: Client, query: string, period: { from: string; to: string }): Promise<GraphQLResponse> => client.request(query, { period });

export interface LeadRow {
  createdAt: string;
  status?: 'NEW' | 'WORKING' | 'CONVERTED';
  convertedOpportunityId?: string | null;
  ownerUuid?: string | null;
  deleted?: boolean;
}

/** Inserts leads (one statement); a CONVERTED one was converted a day after it was created. */
export async function insertLeads(harness: Harness, ws: Workspace, rows: LeadRow[]): Promise<void> {
  const column = <T>(pick: (r: LeadRow) => T) => rows.map(pick);
  await harness.dataSource.query(
    `INSERT INTO ${ws.schema}.leads (id, last_name, status, converted_at, converted_opportunity_id, owner_id, created_at, deleted_at)
     SELECT gen_random_uuid(), 'Lead', v.status, CASE WHEN v.status = 'CONVERTED' THEN v.created_at + interval '1 day' END, v.opportunity_id, v.owner_id, v.created_at,
            CASE WHEN v.deleted THEN now() END
     FROM unnest($1::timestamptz[], $2::text[], $3::uuid[], $4::uuid[], $5::boolean[]) AS v(created_at, status, opportunity_id, owner_id, deleted)`,
    [column((r) => r.createdAt), column((r) => r.status ?? 'NEW'), column((r) => r.convertedOpportunityId ?? null), column((r) => r.ownerUuid ?? null), column((r) => r.deleted ?? false)],
  );
}

/** Inserts stage history: per opportunity, the stages it entered (by name) and when. */
export async function insertStageHistory(harness: Harness, ws: Workspace, opportunityId: string, moves: [stage: string, at: string][]): Promise<void> {
  await harness.dataSource.query(
    `INSERT INTO ${ws.schema}.opportunity_stage_history (id, opportunity_id, event, to_stage_id, currency, probability, actor_kind, actor_id, at)
     SELECT gen_random_uuid(), $1, CASE WHEN v.ord = 1 THEN 'CREATED' ELSE 'STAGE_CHANGED' END, v.stage_id, 'EUR', 10, 'USER', 'test', v.at
     FROM unnest($2::uuid[], $3::timestamptz[]) WITH ORDINALITY AS v(stage_id, at, ord)`,
    [opportunityId, moves.map(([stage]) => ws.stages[stage]), moves.map(([, at]) => at)],
  );
}
