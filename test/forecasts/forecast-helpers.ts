/**
 * Test data for pipeline summaries and forecasts, written straight into the workspace's schema as
 * the superuser (so these tests do not depend on the opportunities API), and the queries they ask.
 */
import { randomUUID } from 'node:crypto';
import { Client, Harness, TestTenant, dataOf } from '../support/harness';

export type Row = Record<string, any>;

export interface Workspace extends TestTenant {
  schema: string;
  /** Stage UUIDs by name (the seeded pipeline: Prospecting … Closed Lost). */
  stages: Record<string, string>;
  accountId: string;
}

export async function setUpWorkspace(harness: Harness): Promise<Workspace> {
  const tenant = await harness.createTenant({ name: 'Forecasts' });
  const schema = `"${tenant.tenant.schemaName}"`;
  const rows: { id: string; name: string }[] = await harness.dataSource.query(`SELECT id, name FROM ${schema}.pipeline_stages`);
  const accountId = randomUUID();
  await harness.dataSource.query(`INSERT INTO ${schema}.accounts (id, name, type, lifecycle_stage) VALUES ($1, 'Forecast Co', 'CUSTOMER', 'ACTIVE')`, [accountId]);
  return { ...tenant, schema, stages: Object.fromEntries(rows.map((r) => [r.name, r.id])), accountId };
}

export interface OpportunityRow {
  stage: string;
  amount?: string | null;
  currency?: string;
  /** Default: the stage's probability. */
  probability?: number;
  /** Default: the stage's category. */
  forecastCategory?: string;
  status?: 'OPEN' | 'WON' | 'LOST';
  closeDate?: string | null;
  ownerUuid?: string | null;
  territoryUuid?: string | null;
  deleted?: boolean;
}

/** Inserts opportunities (one statement) and returns their UUIDs. */
export async function insertOpportunities(harness: Harness, ws: Workspace, rows: OpportunityRow[]): Promise<string[]> {
  const ids = rows.map(() => randomUUID());
  const column = <T>(pick: (r: OpportunityRow) => T) => rows.map(pick);
  await harness.dataSource.query(
    `INSERT INTO ${ws.schema}.opportunities (id, name, account_id, stage_id, amount, currency, probability, forecast_category, status, closed_at, close_date, owner_id, territory_id, deleted_at)
     SELECT v.id, 'Deal', $2, s.id, v.amount, v.currency, coalesce(v.probability, s.probability), coalesce(v.category, s.forecast_category), v.status,
            CASE WHEN v.status = 'OPEN' THEN NULL ELSE now() END, v.close_date, v.owner_id, v.territory_id, CASE WHEN v.deleted THEN now() END
     FROM unnest($1::uuid[], $3::uuid[], $4::numeric[], $5::text[], $6::int[], $7::text[], $8::text[], $9::date[], $10::uuid[], $11::uuid[], $12::boolean[])
          AS v(id, stage_id, amount, currency, probability, category, status, close_date, owner_id, territory_id, deleted)
     JOIN ${ws.schema}.pipeline_stages s ON s.id = v.stage_id`,
    [
      ids,
      ws.accountId,
      column((r) => ws.stages[r.stage]),
      column((r) => r.amount ?? null),
      column((r) => r.currency ?? 'EUR'),
      column((r) => r.probability ?? null),
      column((r) => r.forecastCategory ?? null),
      column((r) => r.status ?? 'OPEN'),
      column((r) => r.closeDate ?? null),
      column((r) => r.ownerUuid ?? null),
      column((r) => r.territoryUuid ?? null),
      column((r) => r.deleted ?? false),
    ],
  );
  return ids;
}

export const clearOpportunities = (harness: Harness, ws: Workspace) => harness.dataSource.query(`DELETE FROM ${ws.schema}.opportunities`);

export const setRates = async (harness: Harness, ws: Workspace, rates: Record<string, string>) => {
  await harness.dataSource.query(`DELETE FROM ${ws.schema}.currency_rates`);
  for (const [currency, rate] of Object.entries(rates)) await harness.dataSource.query(`INSERT INTO ${ws.schema}.currency_rates (currency, rate) VALUES ($1, $2)`, [currency, rate]);
};

const AMOUNTS = 'count amount { amount currency } weightedAmount { amount currency } unconvertedCount';
export const PIPELINE_SUMMARY = `query($where: PipelineSummaryFilter) {
  pipelineSummary(where: $where) {
    currency
    stages { stage { id name } ${AMOUNTS} }
    total { ${AMOUNTS} unconverted { currency count amount { amount currency } weightedAmount { amount currency } } }
  }
}`;

const FORECAST_AMOUNTS = 'closedWon { amount currency } commit { amount } bestCase { amount } pipeline { amount } omitted { amount } count unconvertedCount';
export const FORECAST = `query($period: ForecastPeriodInput!, $groupBy: ForecastGroupBy!, $where: ForecastFilter) {
  forecast(period: $period, groupBy: $groupBy, where: $where) {
    from to groupBy currency
    rows { owner { id name } territory { id name } stage { id name } ${FORECAST_AMOUNTS} }
    total { ${FORECAST_AMOUNTS} unconverted { currency count closedWon { amount currency } commit { amount } bestCase { amount } pipeline { amount } omitted { amount } } }
  }
}`;

export const summaryOf = async (client: Client, where?: Row): Promise<Row> => dataOf(await client.request(PIPELINE_SUMMARY, { where })).pipelineSummary;

export const forecastOf = async (client: Client, period: Row, groupBy: string, where?: Row): Promise<Row> => dataOf(await client.request(FORECAST, { period, groupBy, where })).forecast;

/** Per stage name: [count, amount, weightedAmount]. */
export const stageAmounts = (summary: Row): Record<string, [number, string, string]> =>
  Object.fromEntries(summary.stages.map((s: Row) => [s.stage.name, [s.count, s.amount.amount, s.weightedAmount.amount]]));

/** [closedWon, commit, bestCase, pipeline, omitted, count] of a forecast row or total. */
export const forecastAmounts = (r: Row): [string, string, string, string, string, number] => [r.closedWon.amount, r.commit.amount, r.bestCase.amount, r.pipeline.amount, r.omitted.amount, r.count];
