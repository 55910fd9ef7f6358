/**
 * The daily privacy sweep of every workspace: prunes the personal-data access log beyond its
 * retention and, where the policy says so, anonymises contacts due for review. Workspaces are
 * claimed through the job pacing (claimDueTenants), so several app instances never sweep the same
 * workspace twice a day, and each is swept in its own transaction as its own role.
 */
import { DataSource } from 'typeorm';
import { Logger, defaultLogger, errorFields } from '../../ops/logger';
import { OperationTransaction } from '../../tenancy/operation-transaction';
import { tenantMigrations } from '../../../migrations/tenant';
import { claimDueTenants } from '../../platform/tenant-jobs';
import { pruneAccessLog } from './access-log.service';
import { anonymizeContacts, dueContactIds, readPrivacyPolicy } from './retention.service';

/** Workspaces swept per run; the rest follow on the next run. */
const WORKSPACES_PER_RUN = 50;
const SWEEP_STATEMENT_TIMEOUT_MS = 60_000;
const RETENTION_ACTOR = { type: 'system', id: 'retention' };
/** The schema version from which a workspace has the tables swept here. */
const PRIVACY_SCHEMA_VERSION = tenantMigrations.findIndex((m) => m.name === '0007-personal-data') + 1;

export interface SweepResult {
  slug: string;
  prunedLogEntries: number;
  erasedContacts: number;
}

/** Sweeps the workspaces due (or, with `tenantIds`, only those of them that are due). */
export async function sweepPrivacy(dataSource: DataSource, log: Logger = defaultLogger(), tenantIds: string[] | null = null): Promise<SweepResult[]> {
  const due = await claimDueTenants(dataSource, { job: 'privacy.sweep', every: '1 day', minSchemaVersion: PRIVACY_SCHEMA_VERSION, limit: WORKSPACES_PER_RUN }, tenantIds);
  const results: SweepResult[] = [];
  for (const tenant of due) {
    const tx = new OperationTransaction(dataSource, tenant, SWEEP_STATEMENT_TIMEOUT_MS, log);
    tx.readOnly = false;
    try {
      const db = await tx.connection();
      const policy = await readPrivacyPolicy(db);
      const pruned = await pruneAccessLog(db, policy.accessLogRetentionDays);
      const erased =
        policy.anonymizeInactiveContacts && policy.inactiveContactReviewMonths !== null
          ? await anonymizeContacts(db, RETENTION_ACTOR, await dueContactIds(db, policy.inactiveContactReviewMonths, null))
          : { erasedContacts: 0 };
      await tx.finish();
      results.push({ slug: tenant.slug, prunedLogEntries: pruned, erasedContacts: erased.erasedContacts });
    } catch (error) {
      await tx.rollback().catch(() => undefined);
      log.error({ err: errorFields(error), tenant: tenant.slug }, 'privacy sweep failed');
    }
  }
  return results;
}


