/**
 * Campaigns: their record (one currency for all its money, a status machine, channel and purpose
 * fixed once there are members) and the segments its target list is built from.
 */
import DataLoader from 'dataloader';
import { QueryRunner } from 'typeorm';
import { calendarDate } from '../../db/calendar-date';
import { queryRows } from '../../db/sql';
import { notFound } from '../../graphql/errors';
import { requireUuid, uuidOf } from '../../graphql/global-id';
import type { ConnectionValue } from '../../graphql/pagination';
import { UserError, UserErrorCode, failure, userError } from '../../graphql/user-errors';
import type { MoneyInput } from '../../graphql/values';
import { RequestContext, tenantDb } from '../../tenancy/request-context';
import { workspaceCurrency } from '../forecasts/workspace-currency';
import { runMutation } from '../records/mutation';
import { writeRecordMutation } from '../records/record-mutations';
import { listRecords, loadRecords } from '../records/record-lists';
import { resolveRecordOwner } from '../records/record-owner';
import { recordScope } from '../records/record-scope';
import { insertRecord, lockedRecord, softDeleteRecord, updateRecord } from '../records/record-writes';
import { CampaignEntity } from './campaigns.entity';
import { campaignSpec } from './campaigns.spec';
import {
  CampaignStatus,
  CampaignsArgs,
  CreateCampaignInput,
  CreateCampaignPayload,
  DeleteCampaignInput,
  DeleteCampaignPayload,
  SetCampaignSegmentsInput,
  SetCampaignSegmentsPayload,
  UpdateCampaignInput,
  UpdateCampaignPayload,
} from './campaigns.types';
import { SegmentEntity } from './segments.entity';
import { segmentSpec } from './segments.spec';

/** Live campaigns by UUID within the caller's scope, batched per request. */
export const campaignById = (ctx: RequestContext): DataLoader<string, CampaignEntity | null> =>
  ctx.loaders.get('campaigns.byId', () => new DataLoader(async (ids) => loadRecords(await tenantDb(ctx), campaignSpec, ids, { scope: recordScope(ctx, campaignSpec) })));

export function listCampaigns(ctx: RequestContext, args: CampaignsArgs): Promise<ConnectionValue<CampaignEntity>> {
  return listRecords(ctx, campaignSpec, args);
}

export async function getCampaign(ctx: RequestContext, id: string): Promise<CampaignEntity> {
  const campaign = await campaignById(ctx).load(requireUuid(id, 'Campaign'));
  if (!campaign) throw notFound('Campaign');
  return campaign;
}

/** The transitions the status machine allows. */
const NEXT_STATUS: Record<CampaignStatus, CampaignStatus[]> = {
  PLANNED: [CampaignStatus.ACTIVE, CampaignStatus.ABORTED],
  ACTIVE: [CampaignStatus.COMPLETED, CampaignStatus.ABORTED],
  COMPLETED: [],
  ABORTED: [],
};

type MoneyFields = Pick<CreateCampaignInput, 'budget' | 'actualCost' | 'expectedRevenue'>;
const MONEY_FIELDS = ['budget', 'actualCost', 'expectedRevenue'] as const;

/** Every amount given is in `currency`; the first that is not, as a userError. */
function foreignAmount(input: MoneyFields, currency: string): UserError | null {
  const field = MONEY_FIELDS.find((f) => input[f] && input[f]!.currency.toUpperCase() !== currency);
  return field ? userError(['input', field, 'currency'], `All amounts of a campaign are in its currency, ${currency}`, UserErrorCode.INVALID) : null;
}

const amount = (money: MoneyInput | null | undefined) => (money === undefined ? undefined : (money?.amount ?? null));

function datesInOrder(startDate: string | null | undefined, endDate: string | null | undefined): UserError | null {
  return startDate && endDate && endDate < startDate ? userError(['input', 'endDate'], 'endDate must not be before startDate', UserErrorCode.INVALID) : null;
}

export function createCampaign(ctx: RequestContext, input: CreateCampaignInput): Promise<CreateCampaignPayload> {
  return runMutation<CreateCampaignPayload>(ctx, input, async (db) => {
    const owner = await resolveRecordOwner(ctx, db, 'Campaign', input.ownerId, true);
    if (owner.error) return failure(owner.error);
    const given = MONEY_FIELDS.map((f) => input[f]?.currency).find(Boolean);
    const currency = (input.currency ?? given ?? (await workspaceCurrency(ctx))).toUpperCase();
    const problem = foreignAmount(input, currency) ?? datesInOrder(input.startDate, input.endDate);
    if (problem) return failure(problem);
    const campaign = await insertRecord(db, campaignSpec, {
      name: input.name.trim(),
      type: input.type,
      channel: input.channel,
      purpose: input.purpose,
      startDate: input.startDate ?? null,
      endDate: input.endDate ?? null,
      budget: amount(input.budget) ?? null,
      actualCost: amount(input.actualCost) ?? null,
      expectedRevenue: amount(input.expectedRevenue) ?? null,
      currency,
      description: input.description ?? null,
      ownerId: owner.uuid ?? null,
    });
    return { campaign, userErrors: [] };
  });
}

/** Why the campaign's channel or purpose may not change now (they decided who was let in), or null. */
async function reachFixed(db: QueryRunner, campaign: CampaignEntity, input: UpdateCampaignInput): Promise<UserError | null> {
  const changes = (input.channel && input.channel !== campaign.channel) || (input.purpose && input.purpose !== campaign.purpose);
  if (!changes) return null;
  const [members] = await queryRows<{ any: boolean }>(db, 'SELECT EXISTS (SELECT 1 FROM campaign_members WHERE campaign_id = $1) AS any', [campaign.id]);
  return members.any ? userError(['input', input.channel ? 'channel' : 'purpose'], 'Channel and purpose are fixed once the campaign has members (they were checked against them)', UserErrorCode.INVALID_STATE) : null;
}

export function updateCampaign(ctx: RequestContext, input: UpdateCampaignInput): Promise<UpdateCampaignPayload> {
  return writeRecordMutation<CampaignEntity, UpdateCampaignPayload>(ctx, campaignSpec, 'campaign', input, async (db, id) => {
    const locked = await lockedRecord(db, campaignSpec, id, input.expectedVersion);
    if (locked.error) return { userErrors: [locked.error] };
    const campaign = locked.row;
    const status = input.status ?? undefined;
    if (status && status !== campaign.status && !NEXT_STATUS[campaign.status as CampaignStatus].includes(status)) {
      return { userErrors: [userError(['input', 'status'], `A ${campaign.status} campaign cannot become ${status}`, UserErrorCode.INVALID_STATE)] };
    }
    const owner = await resolveRecordOwner(ctx, db, 'Campaign', input.ownerId, false);
    if (owner.error) return { userErrors: [owner.error] };
    // The dates the campaign will have: those given, or the stored ones.
    const startDate = input.startDate === undefined ? calendarDate(campaign.startDate) : input.startDate;
    const endDate = input.endDate === undefined ? calendarDate(campaign.endDate) : input.endDate;
    const problem = foreignAmount(input, campaign.currency) ?? datesInOrder(startDate, endDate) ?? (await reachFixed(db, campaign, input));
    if (problem) return { userErrors: [problem] };
    return updateRecord(db, campaignSpec, id, {
      name: input.name?.trim(),
      type: input.type ?? undefined,
      status,
      channel: input.channel ?? undefined,
      purpose: input.purpose ?? undefined,
      startDate: input.startDate,
      endDate: input.endDate,
      budget: amount(input.budget),
      actualCost: amount(input.actualCost),
      expectedRevenue: amount(input.expectedRevenue),
      description: input.description,
      ownerId: owner.uuid,
    });
  });
}

export function deleteCampaign(ctx: RequestContext, input: DeleteCampaignInput): Promise<DeleteCampaignPayload> {
  return writeRecordMutation(ctx, campaignSpec, 'campaign', input, (db, id) => softDeleteRecord(db, campaignSpec, id, input.expectedVersion));
}

export function setCampaignSegments(ctx: RequestContext, input: SetCampaignSegmentsInput): Promise<SetCampaignSegmentsPayload> {
  return writeRecordMutation<CampaignEntity, SetCampaignSegmentsPayload>(ctx, campaignSpec, 'campaign', { ...input, id: input.campaignId }, async (db, id) => {
    const locked = await lockedRecord(db, campaignSpec, id, null);
    if (locked.error) return { userErrors: [locked.error] };
    const uuids: string[] = [];
    for (const [i, segmentId] of input.segmentIds.entries()) {
      const uuid = uuidOf(segmentId, 'Segment');
      if (!uuid) return { userErrors: [userError(['input', 'segmentIds', String(i)], `"${segmentId}" is not a valid Segment ID`, UserErrorCode.INVALID)] };
      uuids.push(uuid);
    }
    const segments = await loadRecords(db, segmentSpec, uuids, { scope: recordScope(ctx, segmentSpec) });
    const missing = segments.findIndex((s) => !s);
    if (missing >= 0) return { userErrors: [userError(['input', 'segmentIds', String(missing)], 'Segment not found', UserErrorCode.NOT_FOUND)] };
    await db.query('DELETE FROM campaign_segments WHERE campaign_id = $1', [id]);
    await db.query('INSERT INTO campaign_segments (campaign_id, segment_id) SELECT $1, s FROM unnest($2::uuid[]) AS s ON CONFLICT DO NOTHING', [id, uuids]);
    return updateRecord(db, campaignSpec, id, {});
  });
}

/** The live segments each campaign targets, within the caller's scope, for all campaigns of a response at once. */
export const segmentsByCampaign = (ctx: RequestContext): DataLoader<string, SegmentEntity[]> =>
  ctx.loaders.get('campaigns.segments', () =>
    new DataLoader(async (campaignIds) => {
      const links = await queryRows<{ campaignId: string; segmentId: string }>(
        await tenantDb(ctx),
        'SELECT campaign_id AS "campaignId", segment_id AS "segmentId" FROM campaign_segments WHERE campaign_id = ANY($1::uuid[])',
        [campaignIds],
      );
      const segments = await loadRecords(await tenantDb(ctx), segmentSpec, [...new Set(links.map((l) => l.segmentId))], { scope: recordScope(ctx, segmentSpec) });
      const byId = new Map(segments.filter((s): s is SegmentEntity => !!s).map((s) => [s.id, s]));
      return campaignIds.map((id) =>
        links
          .filter((l) => l.campaignId === id)
          .map((l) => byId.get(l.segmentId))
          .filter((s): s is SegmentEntity => !!s)
          .sort((a, b) => a.name.localeCompare(b.name)),
      );
    }),
  );

/** The campaign's segment UUIDs (for adding members from them). */
export async function campaignSegmentIds(db: QueryRunner, campaignId: string): Promise<string[]> {
  return (await queryRows<{ id: string }>(db, 'SELECT segment_id AS id FROM campaign_segments WHERE campaign_id = $1', [campaignId])).map((r) => r.id);
}
