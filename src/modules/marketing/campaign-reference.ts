/**
 * The check behind `primaryCampaignId` on leads and opportunities: a live campaign. Kept free of
 * the marketing module's other imports, so that leads and opportunities can use it without a cycle.
 */
import { QueryRunner } from 'typeorm';
import { queryOne } from '../../db/sql';
import { UserError, UserErrorCode, userError } from '../../graphql/user-errors';

export async function checkPrimaryCampaign(db: QueryRunner, campaignId: string | null | undefined): Promise<UserError | null> {
  if (campaignId == null) return null;
  const found = await queryOne(db, 'SELECT 1 FROM campaigns WHERE id = $1 AND deleted_at IS NULL', [campaignId]);
  return found ? null : userError(['input', 'primaryCampaignId'], 'Campaign not found', UserErrorCode.NOT_FOUND);
}
