/**
 * Seats: invited and active users each take one, up to the seats the workspace bought (within
 * its plan's limit). Checked under a lock on the users table, so two concurrent invitations
 * cannot both take the last seat; the control plane's count follows after commit.
 */
import { QueryRunner } from 'typeorm';
import { queryOne } from '../../db/sql';
import { UserError, UserErrorCode, userError } from '../../graphql/user-errors';
import { quoteTenantIdentifier } from '../../db/identifiers';
import { RequestContext, tenantOf } from '../../tenancy/request-context';

export async function seatsTaken(db: QueryRunner): Promise<number> {
  return (await queryOne<{ count: number }>(db, "SELECT count(*)::int AS count FROM users WHERE status IN ('invited', 'active')"))!.count;
}

/**
 * Serializes the changes whose checks count users (free seats, the last active admin, a unique
 * e-mail): taken before such a check, so that two concurrent changes cannot both pass it.
 */
export async function lockUsers(db: QueryRunner): Promise<void> {
  await db.query('LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE');
}

/** QUOTA_EXCEEDED when one more user would need a seat the workspace does not have. */
export async function reserveSeat(ctx: RequestContext, db: QueryRunner, field: string[]): Promise<UserError | null> {
  await lockUsers(db);
  const { seats } = tenantOf(ctx).tenant;
  const taken = await seatsTaken(db);
  if (taken < seats) return null;
  return userError(field, `All ${seats} seats of the workspace are taken; deactivate a user or buy more seats`, UserErrorCode.QUOTA_EXCEEDED);
}

/**
 * Once the change is committed, the control plane's seat count is recounted from the workspace's
 * users (counted then, not now, so two quick changes cannot write their counts out of order).
 */
export async function syncSeatsAfterCommit(ctx: RequestContext): Promise<void> {
  const { tenant } = tenantOf(ctx);
  ctx.tx!.afterCommit(async () => {
    await ctx.dataSource.query(
      `UPDATE control.tenants SET seats_used = (SELECT count(*) FROM ${quoteTenantIdentifier(tenant.schemaName)}.users WHERE status IN ('invited', 'active')), updated_at = now()
        WHERE id = $1`,
      [tenant.id],
    );
  });
}
