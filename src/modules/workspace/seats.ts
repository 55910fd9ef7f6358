/**
 * Seats: invited and active users each take one, up to the seats the workspace bought (within
 * its plan's limit). Checked under a lock on the users table, so two concurrent invitations
 * cannot both take the last seat; the control plane's count follows after commit.
 */
import { QueryRunner } from 'typeorm';
import { queryOne } from '../../db/sql';
import { UserError, UserErrorCode, userError } from '../../graphql/user-errors';
import { RequestContext, tenantOf } from '../../tenancy/request-context';

export async function seatsTaken(db: QueryRunner): Promise<number> {
  return (await queryOne<{ count: number }>(db, "SELECT count(*)::int AS count FROM users WHERE status IN ('invited', 'active')"))!.count;
}

/** QUOTA_EXCEEDED when one more user would need a seat the workspace does not have. */
export async function reserveSeat(ctx: RequestContext, db: QueryRunner, field: string[]): Promise<UserError | null> {
  await db.query('LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE');
  const { seats } = tenantOf(ctx).tenant;
  const taken = await seatsTaken(db);
  if (taken < seats) return null;
  return userError(field, `All ${seats} seats of the workspace are taken; deactivate a user or buy more seats`, UserErrorCode.QUOTA_EXCEEDED);
}

/** Writes the seat count to the control plane once the change is committed. */
export async function syncSeatsAfterCommit(ctx: RequestContext, db: QueryRunner): Promise<void> {
  const taken = await seatsTaken(db);
  const tenantId = tenantOf(ctx).tenant.id;
  ctx.tx!.afterCommit(async () => {
    await ctx.dataSource.query('UPDATE control.tenants SET seats_used = $2, updated_at = now() WHERE id = $1', [tenantId, taken]);
  });
}
