/**
 * The hourly recomputation of value metrics, run by every app instance's periodic jobs next to the
 * other schedulers and paced the same way (control.tenant_job_runs): recency and lifecycle stages
 * move with the calendar, revenue with every deal won, so each workspace's metrics are at most
 * about an hour old. One transaction per workspace, as the workspace's role.
 */
import { DataSource } from 'typeorm';
import { Logger, defaultLogger, errorFields } from '../../ops/logger';
import { DueTenant, JobPace, claimDueTenants } from '../../platform/tenant-jobs';
import { OperationTransaction } from '../../tenancy/operation-transaction';
import { tenantMigrations } from '../../../migrations/tenant';
import { provisionedWorkspaceSettings } from '../configuration';
import { MetricsRun, rebuildValueMetrics } from './value-metrics.compute';

export const VALUE_METRICS_SWEEP: JobPace = {
  job: 'analytics.value-metrics',
  every: '55 minutes',
  minSchemaVersion: tenantMigrations.findIndex((m) => m.name === '0011-analytics-marketing') + 1,
  limit: 50,
};

const SWEEP_STATEMENT_TIMEOUT_MS = 120_000;

export interface ValueMetricsSweepResult extends MetricsRun {
  slug: string;
}

/** Recomputes the workspaces due (or, with `tenantIds`, those of them that are due). A failing workspace is logged and skipped. */
export async function sweepValueMetrics(dataSource: DataSource, log: Logger = defaultLogger(), tenantIds: string[] | null = null): Promise<ValueMetricsSweepResult[]> {
  const results: ValueMetricsSweepResult[] = [];
  for (const tenant of await claimDueTenants(dataSource, VALUE_METRICS_SWEEP, tenantIds)) {
    try {
      results.push({ slug: tenant.slug, ...(await recomputeTenant(dataSource, tenant, log)) });
    } catch (error) {
      log.error({ err: errorFields(error), tenant: tenant.slug }, 'value metrics recomputation failed');
    }
  }
  return results;
}

async function recomputeTenant(dataSource: DataSource, tenant: DueTenant, log: Logger): Promise<MetricsRun> {
  const tx = new OperationTransaction(dataSource, tenant, SWEEP_STATEMENT_TIMEOUT_MS, log);
  tx.readOnly = false;
  try {
    const db = await tx.connection();
    const settings = await provisionedWorkspaceSettings(db, tenant);
    const run = await rebuildValueMetrics(db, { currency: settings.defaultCurrency, timeZone: settings.timeZone });
    await tx.finish();
    return run;
  } catch (error) {
    await tx.rollback().catch(() => undefined);
    throw error;
  }
}
