/**
 * The plan's record limit. It bites where records come to life: creates and restores from the
 * recycle bin answer QUOTA_EXCEEDED and write nothing. Near the limit, writers of one workspace
 * take a transaction-scoped advisory lock so that concurrent creates cannot together pass it;
 * far from it they do not wait for each other.
 */
import { QueryRunner } from 'typeorm';
import { queryOne } from '../../db/sql';
import { DomainError } from '../../graphql/errors';
import { RequestContext, tenantOf } from '../../tenancy/request-context';

/** Below this many free records no two writers can race past the limit (pools hold far fewer). */
const LOCK_MARGIN = 1000;
/** First key of the advisory lock pair; the second is the workspace schema's hash. */
const QUOTA_LOCK = 7_420_002;

const liveRecords = async (db: QueryRunner): Promise<number> =>
  Number((await queryOne<{ count: string }>(db, 'SELECT crm_record_count() AS count'))!.count);

function quotaExceeded(ctx: RequestContext): DomainError {
  const { recordLimit, name } = tenantOf(ctx).tenant.plan;
  return new DomainError('QUOTA_EXCEEDED', `The ${name} plan allows ${recordLimit} records and this workspace has reached that; delete records or change the plan`, {
    limit: recordLimit,
  });
}

/** Checks that `adding` more records fit, serialising with the workspace's other writers when close. */
export async function reserveRecords(ctx: RequestContext, db: QueryRunner, adding: number): Promise<void> {
  const limit = tenantOf(ctx).tenant.plan.recordLimit;
  let count = await liveRecords(db);
  if (limit - count < LOCK_MARGIN) {
    await db.query('SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))', [QUOTA_LOCK]);
    count = await liveRecords(db);
  }
  if (count + adding > limit) throw quotaExceeded(ctx);
}

/**
 * Runs a write that may bring several records back (a restored account brings its contacts):
 * serialised like creates near the limit, and undone with QUOTA_EXCEEDED if it passes the limit.
 */
export async function withinRecordLimit<T>(ctx: RequestContext, db: QueryRunner, write: () => Promise<T>): Promise<T> {
  await reserveRecords(ctx, db, 0);
  const result = await write();
  if ((await liveRecords(db)) > tenantOf(ctx).tenant.plan.recordLimit) throw quotaExceeded(ctx);
  return result;
}
