/**
 * What campaigns brought, for all campaigns of a response in one statement: members, responses,
 * exclusions, attributed leads and opportunities, won revenue converted into each campaign's
 * currency (amount × rate of its currency ÷ rate of the campaign's, the workspace currency having
 * rate 1), cost per lead and return on investment. Campaign-level figures: they count every
 * attributed record, whoever owns it (the attributed lists themselves are scoped).
 */
import DataLoader from 'dataloader';
import { queryRows } from '../../db/sql';
import { moneyAmount } from '../../graphql/values';
import { RequestContext, tenantDb } from '../../tenancy/request-context';
import { money } from '../forecasts/forecasts.sql';
import { workspaceCurrency } from '../forecasts/workspace-currency';
import type { CampaignEntity } from './campaigns.entity';
import type { CampaignMetrics } from './campaigns.types';

interface MetricsRow {
  campaignId: string;
  memberCount: number;
  optedOutCount: number;
  respondedCount: number;
  excludedCount: number;
  leadCount: number;
  opportunityCount: number;
  wonOpportunityCount: number;
  wonRevenue: string;
  unconvertedOpportunities: number;
  costPerLead: string | null;
  roi: number | null;
  responseRate: number | null;
}

// $1 = campaign ids, $2 = the workspace currency.
const rate = (currency: string) => `CASE WHEN ${currency}::text = $2::text THEN 1 ELSE (SELECT r.rate FROM currency_rates r WHERE r.currency = ${currency}) END`;

const METRICS = `
  WITH figures AS (
    SELECT k.id, k.actual_cost,
           (SELECT count(*)::int FROM campaign_members m WHERE m.campaign_id = k.id AND m.status <> 'OPTED_OUT') AS members,
           (SELECT count(*)::int FROM campaign_members m WHERE m.campaign_id = k.id AND m.status = 'OPTED_OUT') AS opted_out,
           (SELECT count(*)::int FROM campaign_members m WHERE m.campaign_id = k.id AND m.responded_at IS NOT NULL) AS responded,
           (SELECT count(*)::int FROM campaign_exclusions e WHERE e.campaign_id = k.id) AS excluded,
           (SELECT count(*)::int FROM leads l WHERE l.campaign_id = k.id AND l.deleted_at IS NULL) AS leads,
           deals.*
      FROM campaigns k
      CROSS JOIN LATERAL (
        SELECT count(*)::int AS opportunities,
               (count(*) FILTER (WHERE o.status = 'WON'))::int AS won,
               sum(CASE WHEN o.currency = k.currency THEN coalesce(o.amount, 0) ELSE coalesce(o.amount, 0) * ${rate('o.currency')} / ${rate('k.currency')} END) FILTER (WHERE o.status = 'WON') AS revenue,
               (count(*) FILTER (WHERE o.status = 'WON' AND o.currency <> k.currency AND (${rate('o.currency')}) * (${rate('k.currency')}) IS NULL))::int AS unconverted
          FROM opportunities o
         WHERE o.campaign_id = k.id AND o.deleted_at IS NULL
      ) deals
     WHERE k.id = ANY($1::uuid[])
  )
  SELECT id AS "campaignId", members AS "memberCount", opted_out AS "optedOutCount", responded AS "respondedCount", excluded AS "excludedCount",
         leads AS "leadCount", opportunities AS "opportunityCount", won AS "wonOpportunityCount", ${money('revenue')} AS "wonRevenue",
         unconverted AS "unconvertedOpportunities",
         CASE WHEN actual_cost > 0 AND leads > 0 THEN round(actual_cost / leads, 2)::text END AS "costPerLead",
         CASE WHEN actual_cost > 0 THEN round((coalesce(revenue, 0) - actual_cost) / actual_cost, 4)::float8 END AS roi,
         CASE WHEN members + opted_out > 0 THEN round(responded::numeric / (members + opted_out), 4)::float8 END AS "responseRate"
    FROM figures`;

export const metricsByCampaign = (ctx: RequestContext): DataLoader<CampaignEntity, CampaignMetrics> =>
  ctx.loaders.get(
    'campaigns.metrics',
    () =>
      new DataLoader<CampaignEntity, CampaignMetrics, string>(
        async (campaigns) => {
          const rows = await queryRows<MetricsRow>(await tenantDb(ctx), METRICS, [campaigns.map((c) => c.id), await workspaceCurrency(ctx)]);
          const byId = new Map(rows.map((r) => [r.campaignId, r]));
          return campaigns.map((campaign) => {
            const { campaignId: _id, wonRevenue, costPerLead, ...counts } = byId.get(campaign.id)!;
            return {
              ...counts,
              wonRevenue: { amount: moneyAmount(wonRevenue), currency: campaign.currency },
              costPerLead: costPerLead === null ? null : { amount: moneyAmount(costPerLead), currency: campaign.currency },
            };
          });
        },
        { cacheKeyFn: (campaign) => campaign.id },
      ),
  );
