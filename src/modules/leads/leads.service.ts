/** Business rules for leads: capture, qualification and the recycle bin. Conversion is in lead-conversion.ts. */
import { QueryRunner } from 'typeorm';
import { entitySql } from '../../db/entity-sql';
import { queryOne } from '../../db/sql';
import { notFound } from '../../graphql/errors';
import { requireUuid } from '../../graphql/global-id';
import { ConnectionValue } from '../../graphql/pagination';
import { UserError, UserErrorCode, userError } from '../../graphql/user-errors';
import { RequestContext } from '../../tenancy/request-context';
import { checkPicklistValue } from '../configuration';
import { listRecords } from '../records/record-lists';
import { createRecordMutation, writeRecordMutation } from '../records/record-mutations';
import { checkPrimaryCampaign } from '../marketing/campaign-reference';
import { resolveRecordOwner } from '../records/record-owner';
import { inputUuid } from '../records/references';
import { WriteResult, restoreRecord, softDeleteRecord, updateRecord } from '../records/record-writes';
import { leadDomain } from './lead-domain';
import { LeadEntity } from './leads.entity';
import { leadById } from './leads.loaders';
import { leadSpec } from './leads.spec';
import {
  CreateLeadInput,
  CreateLeadPayload,
  DeleteLeadInput,
  DeleteLeadPayload,
  DisqualifyLeadInput,
  DisqualifyLeadPayload,
  LeadStatus,
  LeadsArgs,
  QualifyLeadInput,
  QualifyLeadPayload,
  RestoreLeadInput,
  RestoreLeadPayload,
  UpdateLeadInput,
  UpdateLeadPayload,
} from './leads.types';

/** Statuses a lead may be put in by createLead / updateLead; the others have their own mutations. */
const OPEN_STATUSES: (string | null | undefined)[] = [LeadStatus.NEW, LeadStatus.WORKING, null, undefined];

export async function listLeads(ctx: RequestContext, args: LeadsArgs): Promise<ConnectionValue<LeadEntity>> {
  return listRecords(ctx, leadSpec, args);
}

export async function getLead(ctx: RequestContext, id: string): Promise<LeadEntity> {
  const lead = await leadById(ctx).load(requireUuid(id, 'Lead'));
  if (!lead) throw notFound('Lead');
  return lead;
}

export function createLead(ctx: RequestContext, input: CreateLeadInput): Promise<CreateLeadPayload> {
  return createRecordMutation(ctx, leadSpec, 'lead', input, async (db) => {
    const campaign = inputUuid(input.primaryCampaignId, 'Campaign', 'primaryCampaignId');
    if ('error' in campaign) return { userErrors: [campaign.error] };
    const problem =
      statusProblem(input.status) ?? (await checkPicklistValue(ctx, db, 'lead_source', input.source, ['input', 'source'])) ?? (await checkPrimaryCampaign(db, campaign.uuid));
    if (problem) return { userErrors: [problem] };
    const owner = await resolveRecordOwner(ctx, db, 'Lead', input.ownerId, true);
    if (owner.error) return { userErrors: [owner.error] };
    return {
      values: {
        ...leadValues(input),
        campaignId: campaign.uuid ?? null,
        lastName: input.lastName,
        ownerId: owner.uuid ?? null,
        status: input.status ?? LeadStatus.NEW,
        domain: leadDomain(input.website, input.email),
      },
    };
  });
}

export function updateLead(ctx: RequestContext, input: UpdateLeadInput): Promise<UpdateLeadPayload> {
  return writeLead(ctx, input, async (db, lead) => {
    const campaign = inputUuid(input.primaryCampaignId, 'Campaign', 'primaryCampaignId');
    if ('error' in campaign) return { userErrors: [campaign.error] };
    const problem =
      statusProblem(input.status) ??
      (await checkPicklistValue(ctx, db, 'lead_source', input.source, ['input', 'source'], async () => lead.source)) ??
      (await checkPrimaryCampaign(db, campaign.uuid));
    if (problem) return { userErrors: [problem] };
    const owner = await resolveRecordOwner(ctx, db, 'Lead', input.ownerId, false);
    if (owner.error) return { userErrors: [owner.error] };
    const reopening = input.status != null && lead.status === LeadStatus.UNQUALIFIED;
    const values: Partial<LeadEntity> = {
      ...leadValues(input),
      campaignId: campaign.uuid,
      lastName: input.lastName,
      ownerId: owner.uuid,
      status: input.status ?? undefined,
      disqualificationReason: reopening ? null : undefined,
    };
    // The domain follows the website and e-mail it is derived from.
    if (input.website !== undefined || input.email !== undefined) {
      values.domain = leadDomain(input.website === undefined ? lead.website : input.website, input.email === undefined ? lead.email : input.email);
    }
    return updateRecord(db, leadSpec, lead.id, values, input.expectedVersion);
  });
}

/** Marks the lead worth pursuing (also re-qualifies a disqualified one). */
export function qualifyLead(ctx: RequestContext, input: QualifyLeadInput): Promise<QualifyLeadPayload> {
  return writeLead(ctx, input, (db, lead) =>
    updateRecord(db, leadSpec, lead.id, { status: LeadStatus.QUALIFIED, disqualificationReason: null }, input.expectedVersion),
  );
}

export function disqualifyLead(ctx: RequestContext, input: DisqualifyLeadInput): Promise<DisqualifyLeadPayload> {
  return writeLead(ctx, input, (db, lead) =>
    updateRecord(db, leadSpec, lead.id, { status: LeadStatus.UNQUALIFIED, disqualificationReason: input.reason }, input.expectedVersion),
  );
}

export function deleteLead(ctx: RequestContext, input: DeleteLeadInput): Promise<DeleteLeadPayload> {
  return writeRecordMutation(ctx, leadSpec, 'lead', input, (db, id) => softDeleteRecord(db, leadSpec, id, input.expectedVersion));
}

export function restoreLead(ctx: RequestContext, input: RestoreLeadInput): Promise<RestoreLeadPayload> {
  return writeRecordMutation(ctx, leadSpec, 'lead', input, (db, id) => restoreRecord(db, leadSpec, id));
}

/**
 * The live lead, locked for the rest of the transaction: a conversion running at the same time
 * waits, then sees the lead converted (and the other way round).
 */
export async function lockLead(db: QueryRunner, id: string): Promise<LeadEntity | null> {
  const sql = entitySql(db.connection, LeadEntity);
  return queryOne<LeadEntity>(db, `SELECT ${sql.selectList('l')} FROM ${sql.table} l WHERE l.id = $1 AND l.deleted_at IS NULL FOR UPDATE`, [id]);
}

/** A converted lead is history: it records what it became and changes no more. */
export function convertedProblem(lead: LeadEntity): UserError | null {
  if (lead.status !== LeadStatus.CONVERTED) return null;
  return userError(['input', 'id'], 'The lead is converted and can no longer change', UserErrorCode.INVALID_STATE);
}

/** A write to a live, unconverted lead within the caller's scope. */
function writeLead<P extends { userErrors: UserError[] }>(
  ctx: RequestContext,
  input: { id: string },
  write: (db: QueryRunner, lead: LeadEntity) => Promise<WriteResult<LeadEntity>>,
): Promise<P> {
  return writeRecordMutation(ctx, leadSpec, 'lead', input, async (db, id) => {
    const lead = await lockLead(db, id);
    if (!lead) return { userErrors: [userError(['input', 'id'], 'Lead not found', UserErrorCode.NOT_FOUND)] };
    const converted = convertedProblem(lead);
    return converted ? { userErrors: [converted] } : write(db, lead);
  });
}

function statusProblem(status: LeadStatus | null | undefined): UserError | null {
  if (OPEN_STATUSES.includes(status)) return null;
  return userError(['input', 'status'], `Set ${status} with ${status === LeadStatus.CONVERTED ? 'convertLead' : status === LeadStatus.QUALIFIED ? 'qualifyLead' : 'disqualifyLead'}`, UserErrorCode.INVALID);
}

/** Input fields to columns: undefined leaves a column alone, null clears it. */
function leadValues(input: CreateLeadInput | UpdateLeadInput): Partial<LeadEntity> {
  return {
    firstName: input.firstName,
    email: input.email,
    phone: input.phone,
    jobTitle: input.jobTitle,
    company: input.company,
    website: input.website,
    source: input.source,
    campaign: input.campaign,
    rating: input.rating,
  };
}
