/**
 * Writes other modules build on: creating an opportunity with the workspace's defaults (lead
 * conversion uses it too), the stage history every move appends to, and the amount line items set.
 */
import { QueryRunner } from 'typeorm';
import { queryOne } from '../../db/sql';
import { uuidv7 } from '../../db/uuid';
import { UserError, UserErrorCode, userError } from '../../graphql/user-errors';
import { actorOf } from '../../tenancy/principal';
import { RequestContext, tenantOf } from '../../tenancy/request-context';
import { accountById } from '../accounts';
import { checkPicklistValue, territoryById } from '../configuration';
import { checkPrimaryCampaign } from '../marketing/campaign-reference';
// The effective default currency (provisioning settings show through until an admin changes them).
import { getWorkspaceSettings } from '../configuration';
import { contactById } from '../contacts';
import { permittedOwner } from '../records/record-scope';
import { reserveRecords } from '../records/record-quota';
import { insertRecord } from '../records/record-writes';
import { userById } from '../workspace';
import { OpportunityEntity, StageHistoryEvent } from './opportunities.entity';
import { opportunitySpec } from './opportunities.spec';
import { stageOrDefault } from './opportunities.stages';

/** What a new opportunity is made of. IDs are UUIDs (not global IDs); omitted values take the defaults. */
export interface NewOpportunity {
  name: string;
  accountId: string;
  primaryContactId?: string | null;
  /** Default: the caller's user (or, for a key acting for nobody, the account's owner). */
  ownerId?: string | null;
  /** Exact decimal string. */
  amount?: string | null;
  /** Default: the workspace's default currency. */
  currency?: string | null;
  /** An open stage; default: the first open stage of the pipeline. */
  stageId?: string | null;
  /** A territory (for forecasts by territory). */
  territoryId?: string | null;
  /** The campaign the deal is attributed to. */
  campaignId?: string | null;
  /** "YYYY-MM-DD". */
  closeDate?: string | null;
  /** A value of the lead_source picklist. */
  leadSource?: string | null;
  /** Given: overrides the stage's probability (probabilityOverridden). */
  probability?: number | null;
  /** Given: overrides the stage's forecast category (not CLOSED: that belongs to won stages). */
  forecastCategory?: string | null;
  nextStep?: string | null;
  description?: string | null;
  /** Already checked custom field values (customFieldsForCreate). */
  customFields?: Record<string, unknown>;
}

/** numeric(18, 6): at most 12 integer digits. */
const AMOUNT = /^\d{1,12}(\.\d{1,6})?$/;

export function amountProblem(amount: string | null | undefined, field: string[]): UserError | null {
  if (amount == null || AMOUNT.test(amount)) return null;
  return userError(field, 'The amount must be between 0 and 999999999999.999999 (at most 6 decimals)', UserErrorCode.OUT_OF_RANGE);
}

/** An override of the forecast category: CLOSED is what a won stage brings, never chosen for an open opportunity. */
export function forecastProblem(category: string | null | undefined, field: string[]): UserError | null {
  if (category !== 'CLOSED') return null;
  return userError(field, 'CLOSED is the forecast category of won opportunities; close it with closeOpportunityAsWon', UserErrorCode.INVALID);
}

export async function workspaceCurrency(ctx: RequestContext): Promise<string> {
  return (await getWorkspaceSettings(ctx)).defaultCurrency;
}

/** The account (visible to the caller) and the contact, which must be one of that account's. */
export async function checkAccountAndContact(ctx: RequestContext, accountId: string, contactId: string | null | undefined): Promise<UserError | null> {
  if (!(await accountById(ctx).load(accountId))) return userError(['input', 'accountId'], 'Account not found', UserErrorCode.NOT_FOUND);
  if (contactId == null) return null;
  const contact = await contactById(ctx).load(contactId);
  if (!contact) return userError(['input', 'primaryContactId'], 'Contact not found', UserErrorCode.NOT_FOUND);
  if (contact.accountId !== accountId) return userError(['input', 'primaryContactId'], 'The primary contact must be a contact of the opportunity’s account', UserErrorCode.INVALID);
  return null;
}

export async function checkTerritory(ctx: RequestContext, territoryId: string | null | undefined): Promise<UserError | null> {
  if (territoryId == null || (await territoryById(ctx).load(territoryId))) return null;
  return userError(['input', 'territoryId'], 'Territory not found', UserErrorCode.NOT_FOUND);
}

/** An owner UUID: an active user the caller's record scope may hand opportunities to. */
export async function checkOwner(ctx: RequestContext, db: QueryRunner, ownerId: string | null | undefined, creating: boolean): Promise<{ uuid: string | null | undefined } | { error: UserError }> {
  if (ownerId != null && (await userById(ctx).load(ownerId))?.active !== true) return { error: userError(['input', 'ownerId'], 'User not found', UserErrorCode.NOT_FOUND) };
  const permitted = await permittedOwner(ctx, db, 'Opportunity', ownerId, creating);
  return permitted.error ? { error: permitted.error } : { uuid: permitted.uuid };
}

/**
 * Creates an opportunity in the caller's transaction: checks references and picklists, applies the
 * defaults (owner, currency, first open stage with its probability and forecast category) and
 * records the CREATED history entry. Nothing is written when it answers an error.
 */
export async function insertOpportunity(ctx: RequestContext, db: QueryRunner, values: NewOpportunity): Promise<{ row: OpportunityEntity } | { error: UserError }> {
  const problem =
    amountProblem(values.amount, ['input', 'amount']) ??
    forecastProblem(values.forecastCategory, ['input', 'forecastCategory']) ??
    (await checkAccountAndContact(ctx, values.accountId, values.primaryContactId)) ??
    (await checkTerritory(ctx, values.territoryId)) ??
    (await checkPrimaryCampaign(db, values.campaignId)) ??
    (await checkPicklistValue(ctx, db, 'lead_source', values.leadSource, ['input', 'leadSource']));
  if (problem) return { error: problem };
  const owner = await checkOwner(ctx, db, values.ownerId, true);
  if ('error' in owner) return owner;
  const stage = await stageOrDefault(db, values.stageId, 'open', ['input', 'stageId']);
  if ('error' in stage) return stage;
  await reserveRecords(ctx, db, 1);
  const ownerId = owner.uuid ?? (values.ownerId === undefined ? ((await accountById(ctx).load(values.accountId))?.ownerId ?? null) : null);
  const row = await insertRecord(db, opportunitySpec, {
    name: values.name,
    accountId: values.accountId,
    primaryContactId: values.primaryContactId ?? null,
    ownerId,
    amount: values.amount ?? null,
    currency: (values.currency ?? (await workspaceCurrency(ctx))).toUpperCase(),
    stageId: stage.stage.id,
    probability: values.probability ?? stage.stage.probability,
    probabilityOverridden: values.probability != null,
    forecastCategory: values.forecastCategory ?? stage.stage.forecastCategory,
    closeDate: values.closeDate ?? null,
    territoryId: values.territoryId ?? null,
    campaignId: values.campaignId ?? null,
    leadSource: values.leadSource ?? null,
    nextStep: values.nextStep ?? null,
    description: values.description ?? null,
    status: 'OPEN',
    customFields: values.customFields ?? {},
  });
  await recordStageHistory(ctx, db, row, 'CREATED', null);
  return { row };
}

/**
 * Appends to the stage history: the opportunity as it is now (stage, amount, probability), the
 * stage it came from, who and (by the database clock) when.
 */
export async function recordStageHistory(
  ctx: RequestContext,
  db: QueryRunner,
  row: OpportunityEntity,
  event: StageHistoryEvent,
  fromStageId: string | null,
  reason: string | null = null,
): Promise<void> {
  const actor = actorOf(tenantOf(ctx));
  await db.query(
    `INSERT INTO opportunity_stage_history (id, opportunity_id, event, from_stage_id, to_stage_id, amount, currency, probability, reason, actor_kind, actor_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [uuidv7(), row.id, event, fromStageId, row.stageId, row.amount, row.currency, row.probability, reason, actor.type, actor.id],
  );
}

/**
 * Sets the amount (line items: their total), bumping the version. No history entry: the history
 * records stage moves and outcomes, each with the amount at that time.
 */
export async function setOpportunityAmount(db: QueryRunner, opportunityId: string, amount: string | null): Promise<void> {
  await queryOne(db, 'UPDATE opportunities SET amount = $2, version = version + 1, updated_at = now() WHERE id = $1 RETURNING id', [opportunityId, amount]);
}
