/**
 * Which entitlement serves a case, and its SLA due times.
 *
 * Candidates are the entitlements of the account's contracts that are serving (ACTIVATED, or
 * RENEWED and still running) on the date the case was opened, in the workspace's time zone. An
 * entitlement listing covered products matches only a case about one of them; one without covers
 * any case. The best match is, in order: product-specific before general, the shortest response
 * time, the contract ending first (use up the running contract before its renewal), then the
 * entitlement's position and id so the choice is stable.
 */
import { QueryRunner } from 'typeorm';
import { queryRows } from '../../db/sql';
import { UserError, UserErrorCode, userError } from '../../graphql/user-errors';
import { RequestContext } from '../../tenancy/request-context';
import { workspaceTimeZone } from '../configuration';
import { SERVING_STATUSES } from '../contracts/contracts.status';
import { addBusinessMinutes } from './business-calendar';
import { loadServiceCalendar } from './service-calendar';

export interface Candidate {
  id: string;
  responseMinutes: number;
  resolutionMinutes: number;
  coverage: 'BUSINESS_HOURS' | 'ALL_HOURS';
  territoryId: string | null;
  /** It lists covered products. */
  specific: boolean;
  /** It covers the case's product (or covers everything). */
  covers: boolean;
}

/** Every entitlement serving the account on the opened date, best match first. */
async function candidates(ctx: RequestContext, db: QueryRunner, accountId: string, openedAt: Date, productId: string | null): Promise<Candidate[]> {
  return queryRows<Candidate>(
    db,
    `WITH opened AS (SELECT ($2::timestamptz AT TIME ZONE $3::text)::date AS day)
     SELECT e.id, e.response_minutes AS "responseMinutes", e.resolution_minutes AS "resolutionMinutes", e.coverage, e.territory_id AS "territoryId",
            p.specific, (NOT p.specific OR p.covers) AS covers
       FROM entitlements e
       JOIN contracts c ON c.id = e.contract_id
       CROSS JOIN opened
       CROSS JOIN LATERAL (
         SELECT count(*) > 0 AS specific, coalesce(bool_or(ep.product_id = $4::uuid), false) AS covers
           FROM entitlement_products ep WHERE ep.entitlement_id = e.id
       ) p
      WHERE c.account_id = $1 AND c.deleted_at IS NULL AND c.status = ANY($5::text[])
        AND c.start_date <= opened.day AND c.end_date >= opened.day
      ORDER BY (NOT p.specific OR p.covers) DESC, p.specific DESC, e.response_minutes, c.end_date, e.position, e.id`,
    [accountId, openedAt, await workspaceTimeZone(ctx, db), productId, SERVING_STATUSES],
  );
}

/**
 * The entitlement for a case: the one asked for (it must serve the account on the opened date,
 * else INVALID) or the best match; null when none covers it.
 */
export async function matchEntitlement(
  ctx: RequestContext,
  db: QueryRunner,
  c: { accountId: string; openedAt: Date; productId: string | null },
  requested: string | null | undefined,
): Promise<{ entitlement: Candidate | null } | { error: UserError }> {
  if (requested === null) return { entitlement: null };
  const found = await candidates(ctx, db, c.accountId, c.openedAt, c.productId);
  if (requested === undefined) return { entitlement: found.find((e) => e.covers) ?? null };
  const chosen = found.find((e) => e.id === requested);
  return chosen
    ? { entitlement: chosen }
    : { error: userError(['input', 'entitlementId'], 'The entitlement does not belong to a running contract of the case’s account covering the date it was opened', UserErrorCode.INVALID) };
}

/** Response and resolution due times under the entitlement, in business time of its calendar. */
export async function dueTimes(
  ctx: RequestContext,
  db: QueryRunner,
  entitlement: Candidate | null,
  openedAt: Date,
): Promise<{ responseDueAt: Date | null; resolutionDueAt: Date | null } | { error: UserError }> {
  if (!entitlement) return { responseDueAt: null, resolutionDueAt: null };
  const calendar = await loadServiceCalendar(ctx, db, entitlement.coverage, entitlement.territoryId, openedAt);
  const responseDueAt = addBusinessMinutes(openedAt, entitlement.responseMinutes, calendar);
  const resolutionDueAt = addBusinessMinutes(openedAt, entitlement.resolutionMinutes, calendar);
  if (!responseDueAt || !resolutionDueAt) {
    return { error: userError(['input', 'entitlementId'], 'The entitlement’s calendar has no business hours ahead: its due times cannot be computed', UserErrorCode.INVALID_STATE) };
  }
  return { responseDueAt, resolutionDueAt };
}
