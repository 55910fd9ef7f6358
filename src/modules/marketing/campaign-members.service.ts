/**
 * Who a campaign may reach. Every candidate (given, or reached through the campaign's segments) is
 * decided by the privacy module's outreach rules for the campaign's channel and purpose (the same
 * decision as canContact), and only those allowed become members; the others are reported and
 * kept with their reason. Someone who may be reached but prefers another channel is left out too.
 * Candidates are locked while they are decided, so a concurrent withdrawal of consent is either
 * seen here or comes after the membership it would have prevented.
 */
import DataLoader from 'dataloader';
import { GraphQLSchema } from 'graphql';
import { QueryRunner } from 'typeorm';
import { entitySql } from '../../db/entity-sql';
import { SqlParams } from '../../db/sql-params';
import { queryOne, queryRows } from '../../db/sql';
import { uuidv7 } from '../../db/uuid';
import { DomainError } from '../../graphql/errors';
import { uuidOf } from '../../graphql/global-id';
import { UserError, UserErrorCode, failure, userError } from '../../graphql/user-errors';
import type { RequestContext } from '../../tenancy/request-context';
import { ContactChannel, ContactEntity, contactById, contactSpec } from '../contacts';
import { currentConsents, currentConsentsOf } from '../privacy/consent.loaders';
import { decideOutreach, withdrawConsent } from '../privacy/consent.service';
import { ConsentPurpose } from '../privacy/consent.types';
import { runMutation } from '../records/mutation';
import { recordScope, withinScope } from '../records/record-scope';
import { lockedRecord } from '../records/record-writes';
import { leadById } from '../leads';
import type { CampaignEntity } from './campaigns.entity';
import { campaignSegmentIds } from './campaigns.service';
import { campaignSpec } from './campaigns.spec';
import {
  AddCampaignMembersInput,
  AddCampaignMembersPayload,
  CampaignExclusion,
  CampaignExclusionReason,
  CampaignMember,
  CampaignResponse,
  CampaignResponseKind,
  RecordCampaignResponseInput,
  RecordCampaignResponsePayload,
} from './campaigns.types';
import { segmentContactIds } from './segments.service';

/** Most candidates one call decides (given and from segments together). */
export const MAX_CANDIDATES = 10_000;

const campaignNotFound = (): UserError => userError(['input', 'campaignId'], 'Campaign not found', UserErrorCode.NOT_FOUND);

/** The campaign, locked, if the caller sees it. */
async function openCampaign(ctx: RequestContext, db: QueryRunner, campaignId: string): Promise<{ campaign: CampaignEntity; error?: undefined } | { campaign?: undefined; error: UserError }> {
  const uuid = uuidOf(campaignId, 'Campaign');
  if (!uuid) return { error: userError(['input', 'campaignId'], `"${campaignId}" is not a valid Campaign ID`, UserErrorCode.INVALID) };
  if (!(await withinScope(ctx, db, campaignSpec, uuid))) return { error: campaignNotFound() };
  const locked = await lockedRecord(db, campaignSpec, uuid, null);
  return locked.error ? { error: campaignNotFound() } : { campaign: locked.row };
}

/** Candidates as UUIDs: the contact IDs given (checked) and, if asked, those the campaign's segments reach. */
async function candidates(ctx: RequestContext, db: QueryRunner, schema: GraphQLSchema, campaign: CampaignEntity, input: AddCampaignMembersInput): Promise<{ ids: string[]; error?: undefined } | { ids?: undefined; error: UserError }> {
  const ids = new Set<string>();
  for (const [i, id] of (input.contactIds ?? []).entries()) {
    const uuid = uuidOf(id, 'Contact');
    if (!uuid) return { error: userError(['input', 'contactIds', String(i)], `"${id}" is not a valid Contact ID`, UserErrorCode.INVALID) };
    ids.add(uuid);
  }
  if (input.fromSegments) {
    const segmentIds = await campaignSegmentIds(db, campaign.id);
    if (!segmentIds.length) return { error: userError(['input', 'fromSegments'], 'The campaign has no segments (setCampaignSegments)', UserErrorCode.INVALID_STATE) };
    try {
      for (const id of await segmentContactIds(ctx, db, schema, segmentIds)) ids.add(id);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return { error: userError(['input', 'fromSegments'], `A segment of the campaign cannot be used: ${error.message}`, error.extensions.code === 'FORBIDDEN' ? UserErrorCode.FORBIDDEN : UserErrorCode.INVALID) };
    }
  }
  if (ids.size > MAX_CANDIDATES) return { error: userError(['input'], `At most ${MAX_CANDIDATES} contacts per call, got ${ids.size}`, UserErrorCode.OUT_OF_RANGE) };
  return { ids: [...ids] };
}

/** The candidates the caller sees, locked for the decision (FOR SHARE: a consent change waits for us). */
async function lockedContacts(ctx: RequestContext, db: QueryRunner, ids: string[]): Promise<ContactEntity[]> {
  const sql = entitySql(db.connection, ContactEntity);
  const params = new SqlParams();
  const conditions = [`c.id = ANY(${params.add(ids)}::uuid[])`, 'c.deleted_at IS NULL'];
  const scope = recordScope(ctx, contactSpec)(params);
  if (scope) conditions.push(scope);
  return queryRows<ContactEntity>(db, `SELECT ${sql.selectList('c')} FROM contacts c WHERE ${conditions.join(' AND ')} ORDER BY c.id FOR SHARE OF c`, params.values);
}

/** Why the contact may not join (or be reached as a member), or null when they may. */
export function exclusionReason(contact: ContactEntity, consents: Parameters<typeof decideOutreach>[1], campaign: Pick<CampaignEntity, 'channel' | 'purpose'>): CampaignExclusionReason | null {
  const decision = decideOutreach(contact, consents, campaign.channel as ContactChannel, campaign.purpose as ConsentPurpose);
  if (!decision.allowed) return decision.reason as unknown as CampaignExclusionReason;
  if (decision.preferredChannel && !decision.isPreferredChannel) return CampaignExclusionReason.PREFERS_OTHER_CHANNEL;
  return null;
}

export function addCampaignMembers(ctx: RequestContext, schema: GraphQLSchema, input: AddCampaignMembersInput): Promise<AddCampaignMembersPayload> {
  return runMutation<AddCampaignMembersPayload>(ctx, input, async (db) => {
    const open = await openCampaign(ctx, db, input.campaignId);
    if (open.error) return failure(open.error);
    const { campaign } = open;
    if (campaign.status !== 'PLANNED' && campaign.status !== 'ACTIVE') {
      return failure(userError(['input', 'campaignId'], `A ${campaign.status} campaign takes no new members`, UserErrorCode.INVALID_STATE));
    }
    const wanted = await candidates(ctx, db, schema, campaign, input);
    if (wanted.error) return failure(wanted.error);
    const contacts = await lockedContacts(ctx, db, wanted.ids);
    if (contacts.length < wanted.ids.length) {
      const seen = new Set(contacts.map((c) => c.id));
      const index = (input.contactIds ?? []).findIndex((id) => !seen.has(uuidOf(id, 'Contact')!));
      return failure(userError(index >= 0 ? ['input', 'contactIds', String(index)] : ['input'], 'Contact not found', UserErrorCode.NOT_FOUND));
    }
    const consents = await currentConsentsOf(db, contacts.map((c) => c.id));
    const allowed: string[] = [];
    const excluded: { contactId: string; reason: CampaignExclusionReason }[] = [];
    contacts.forEach((contact, i) => {
      const reason = exclusionReason(contact, consents[i], campaign);
      if (reason) excluded.push({ contactId: contact.id, reason });
      else allowed.push(contact.id);
    });
    const inserted = await queryRows<{ contactId: string }>(
      db,
      `INSERT INTO campaign_members (id, campaign_id, contact_id) SELECT uuid, $1, contact FROM unnest($2::uuid[], $3::uuid[]) AS v(uuid, contact)
       ON CONFLICT (campaign_id, contact_id) DO UPDATE SET status = 'TARGETED', added_at = now() WHERE campaign_members.status = 'OPTED_OUT'
       RETURNING contact_id AS "contactId"`,
      [campaign.id, allowed.map(() => uuidv7()), allowed],
    );
    // The latest verdict per person: exclusions of those now let in are cleared, the others refreshed,
    // and members who may no longer be reached (consent withdrawn since, …) are taken off the list.
    await db.query('DELETE FROM campaign_exclusions WHERE campaign_id = $1 AND contact_id = ANY($2::uuid[])', [campaign.id, allowed]);
    await db.query(`UPDATE campaign_members SET status = 'OPTED_OUT' WHERE campaign_id = $1 AND contact_id = ANY($2::uuid[]) AND status <> 'OPTED_OUT'`, [
      campaign.id,
      excluded.map((e) => e.contactId),
    ]);
    const at = await queryRows<CampaignExclusion>(
      db,
      `INSERT INTO campaign_exclusions (campaign_id, contact_id, reason) SELECT $1, v.contact, v.reason FROM unnest($2::uuid[], $3::text[]) AS v(contact, reason)
       ON CONFLICT (campaign_id, contact_id) DO UPDATE SET reason = EXCLUDED.reason, at = now()
       RETURNING contact_id AS "contactId", reason, at`,
      [campaign.id, excluded.map((e) => e.contactId), excluded.map((e) => e.reason)],
    );
    return { added: inserted.length, alreadyMembers: allowed.length - inserted.length, excluded: at, campaign, userErrors: [] };
  });
}

/**
 * Whether each member may be reached now (the same decision as when they were added, on today's
 * facts: a consent withdrawn since shows here at once), batched for a page of members.
 */
export const memberReach = (ctx: RequestContext): DataLoader<CampaignMember, CampaignExclusionReason | 'REACHABLE' | null, string> =>
  ctx.loaders.get('campaigns.memberReach', () =>
    new DataLoader<CampaignMember, CampaignExclusionReason | 'REACHABLE' | null, string>(
      async (members) => {
        const contacts = await contactById(ctx).loadMany(members.map((m) => m.contactId));
        const consents = await currentConsents(ctx).loadMany(members.map((m) => m.contactId));
        return members.map((member, i) => {
          const contact = contacts[i];
          const rows = consents[i];
          if (!contact || contact instanceof Error || rows instanceof Error) return null;
          return exclusionReason(contact, rows, member.campaign) ?? 'REACHABLE';
        });
      },
      { cacheKeyFn: (member) => `${member.campaign.id}:${member.contactId}` },
    ),
  );

export function recordCampaignResponse(ctx: RequestContext, input: RecordCampaignResponseInput): Promise<RecordCampaignResponsePayload> {
  return runMutation<RecordCampaignResponsePayload>(ctx, input, async (db) => {
    const open = await openCampaign(ctx, db, input.campaignId);
    if (open.error) return failure(open.error);
    const { campaign } = open;
    if (!input.contactId === !input.leadId) return failure(userError(['input'], 'Give either contactId (a member) or leadId', UserErrorCode.INVALID));
    const contactUuid = input.contactId ? uuidOf(input.contactId, 'Contact') : null;
    const leadUuid = input.leadId ? uuidOf(input.leadId, 'Lead') : null;
    if (input.contactId) {
      const member = contactUuid && (await lockedContacts(ctx, db, [contactUuid])).length
        ? await queryOne<{ id: string }>(db, 'SELECT id FROM campaign_members WHERE campaign_id = $1 AND contact_id = $2', [campaign.id, contactUuid])
        : null;
      if (!member) return failure(userError(['input', 'contactId'], 'The contact is not a member of the campaign', UserErrorCode.NOT_FOUND));
      const status = input.kind === CampaignResponseKind.UNSUBSCRIBED ? 'OPTED_OUT' : 'RESPONDED';
      // A response does not put someone who opted out back on the list.
      await db.query(`UPDATE campaign_members SET status = CASE WHEN status = 'OPTED_OUT' THEN status ELSE $2 END, responded_at = coalesce(responded_at, now()) WHERE id = $1`, [
        member.id,
        status,
      ]);
      if (input.kind === CampaignResponseKind.UNSUBSCRIBED) {
        const withdrawal = await withdrawConsent(ctx, {
          contactId: input.contactId,
          channel: campaign.channel as ContactChannel,
          purpose: campaign.purpose as ConsentPurpose,
          source: `Unsubscribed from campaign "${campaign.name}"`.slice(0, 200),
        });
        if (withdrawal.userErrors.length) return failure(...withdrawal.userErrors);
      }
    } else if (!leadUuid || !(await leadById(ctx).load(leadUuid))) {
      return failure(userError(['input', 'leadId'], 'Lead not found', UserErrorCode.NOT_FOUND));
    }
    const response = await queryOne<CampaignResponse>(
      db,
      `INSERT INTO campaign_responses (id, campaign_id, contact_id, lead_id, kind, note) VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING id, contact_id AS "contactId", lead_id AS "leadId", kind, note, responded_at AS "respondedAt"`,
      [uuidv7(), campaign.id, contactUuid, leadUuid, input.kind, input.note ?? null],
    );
    return { response, userErrors: [] };
  });
}
