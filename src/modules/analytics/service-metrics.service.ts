/**
 * SLA compliance in one statement: grouping sets give the per-priority rows and the totals. The
 * MET / VIOLATED / PENDING rule is cases.milestones.ts's, stated in SQL with the statement's clock.
 */
import { SqlParams } from '../../db/sql-params';
import { queryRows } from '../../db/sql';
import { RequestContext, tenantDb } from '../../tenancy/request-context';
import { salesSettings } from '../forecasts/workspace-currency';
import { recordScope } from '../records/record-scope';
import { serviceCaseSpec } from '../service/cases.spec';
import { CasePriority } from '../service/cases.types';
import { InsightsPeriodInput, checkPeriod, dayWithin, ratio } from './insights.period';
import type { ServiceLevelCompliance, ServiceLevelCounts } from './service-metrics.types';

type CountRow = ServiceLevelCounts & { priority: CasePriority | null };

/** FILTER conditions of one milestone with due column `due` and completion column `done`. */
const milestone = (due: string, done: string) => ({
  met: `${done} <= ${due}`,
  violated: `${due} < coalesce(${done}, now())`,
  pending: `${done} IS NULL AND now() <= ${due}`,
});

function countsSql(name: 'response' | 'resolution', due: string, done: string): string {
  const rule = milestone(due, done);
  const count = (condition: string) => `count(*) FILTER (WHERE sc.entitlement_id IS NOT NULL AND ${condition})::int`;
  return `${count(rule.met)} AS "${name}Met", ${count(rule.violated)} AS "${name}Violated", ${count(rule.pending)} AS "${name}Pending",
          ${ratio(count(rule.met), `${count(rule.met)} + ${count(rule.violated)}`)} AS "${name}Compliance"`;
}

const ZERO: ServiceLevelCounts = {
  cases: 0,
  withoutEntitlement: 0,
  responseMet: 0,
  responseViolated: 0,
  responsePending: 0,
  responseCompliance: null,
  resolutionMet: 0,
  resolutionViolated: 0,
  resolutionPending: 0,
  resolutionCompliance: null,
};

export async function serviceLevelCompliance(ctx: RequestContext, period: InsightsPeriodInput): Promise<ServiceLevelCompliance> {
  checkPeriod(period);
  const { timeZone } = await salesSettings(ctx);
  const params = new SqlParams();
  const conditions = ['sc.deleted_at IS NULL', dayWithin(params, timeZone, 'sc.opened_at', period)];
  const scope = recordScope(ctx, serviceCaseSpec)(params);
  if (scope) conditions.push(scope);
  const rows = await queryRows<CountRow & { isTotal: boolean }>(
    await tenantDb(ctx),
    `SELECT sc.priority, GROUPING(sc.priority) = 1 AS "isTotal", count(*)::int AS cases,
            count(*) FILTER (WHERE sc.entitlement_id IS NULL)::int AS "withoutEntitlement",
            ${countsSql('response', 'sc.response_due_at', 'sc.first_responded_at')},
            ${countsSql('resolution', 'sc.resolution_due_at', 'sc.resolved_at')}
     FROM service_cases sc WHERE ${conditions.join(' AND ')}
     GROUP BY GROUPING SETS ((sc.priority), ())`,
    params.values,
  );
  const strip = ({ isTotal: _isTotal, priority: _priority, ...counts }: CountRow & { isTotal: boolean }): ServiceLevelCounts => counts;
  const total = rows.find((r) => r.isTotal);
  return {
    from: period.from,
    to: period.to,
    ...(total ? strip(total) : ZERO),
    byPriority: Object.values(CasePriority).map((priority) => {
      const row = rows.find((r) => !r.isTotal && r.priority === priority);
      return { priority, ...(row ? strip(row) : ZERO) };
    }),
  };
}
