/** Business rules for opportunities. Every function takes the request context first. */
import { QueryRunner } from 'typeorm';
import { entitySql } from '../../db/entity-sql';
import { queryOne } from '../../db/sql';
import { notFound } from '../../graphql/errors';
import { requireUuid } from '../../graphql/global-id';
import { ConnectionValue } from '../../graphql/pagination';
import { UserError, UserErrorCode, failure, staleVersion, userError } from '../../graphql/user-errors';
import { RequestContext } from '../../tenancy/request-context';
import { checkPicklistValue } from '../configuration';
import { customFieldsForCreate, customFieldsForUpdate } from '../custom-fields';
import { createIdempotently } from '../records/idempotency';
import { runMutation } from '../records/mutation';
import { inputUuid } from '../records/references';
import { listRecords, loadRecords } from '../records/record-lists';
import { writeRecordMutation } from '../records/record-mutations';
import { withinRecordLimit } from '../records/record-quota';
import { WriteResult, restoreRecord, softDeleteRecord, updateRecord } from '../records/record-writes';
import { accountSpec } from '../accounts';
import { checkPrimaryCampaign } from '../marketing/campaign-reference';
import { OpportunityEntity } from './opportunities.entity';
import { opportunityById } from './opportunities.loaders';
import { opportunitySpec } from './opportunities.spec';
import { inputStage } from './opportunities.stages';
import {
  CreateOpportunityInput,
  CreateOpportunityPayload,
  DeleteOpportunityInput,
  DeleteOpportunityPayload,
  OpportunitiesArgs,
  RestoreOpportunityInput,
  RestoreOpportunityPayload,
  UpdateOpportunityInput,
  UpdateOpportunityPayload,
} from './opportunities.types';
import { amountProblem, checkAccountAndContact, checkOwner, checkTerritory, forecastProblem, insertOpportunity, recordStageHistory } from './opportunities.writes';

export async function listOpportunities(ctx: RequestContext, args: OpportunitiesArgs): Promise<ConnectionValue<OpportunityEntity>> {
  return listRecords(ctx, opportunitySpec, args);
}

export async function getOpportunity(ctx: RequestContext, id: string): Promise<OpportunityEntity> {
  const opportunity = await opportunityById(ctx).load(requireUuid(id, 'Opportunity'));
  if (!opportunity) throw notFound('Opportunity');
  return opportunity;
}

export function createOpportunity(ctx: RequestContext, input: CreateOpportunityInput): Promise<CreateOpportunityPayload> {
  return runMutation<CreateOpportunityPayload>(ctx, input, async (db) => {
    const ids = [
      inputUuid(input.accountId, 'Account', 'accountId'),
      inputUuid(input.primaryContactId, 'Contact', 'primaryContactId'),
      inputUuid(input.ownerId, 'User', 'ownerId'),
      inputUuid(input.territoryId, 'Territory', 'territoryId'),
      inputUuid(input.stageId, 'PipelineStage', 'stageId'),
      inputUuid(input.primaryCampaignId, 'Campaign', 'primaryCampaignId'),
    ];
    const malformed = ids.flatMap((r) => ('error' in r ? [r.error] : []));
    if (malformed.length) return failure(...malformed);
    const [account, contact, owner, territory, stageId, campaignId] = ids.map((r) => ('uuid' in r ? r.uuid : undefined));
    const custom = await customFieldsForCreate(ctx, 'OPPORTUNITY', input.customFields);
    if (custom.userErrors.length) return failure(...custom.userErrors);
    const outcome = await createIdempotently(db, 'createOpportunity', input, async () => {
      const created = await insertOpportunity(ctx, db, {
        name: input.name,
        accountId: account!,
        primaryContactId: contact,
        ownerId: owner,
        amount: input.amount?.amount,
        currency: input.amount?.currency,
        stageId,
        territoryId: territory,
        campaignId,
        closeDate: input.closeDate,
        leadSource: input.leadSource,
        probability: input.probability,
        forecastCategory: input.forecastCategory,
        nextStep: input.nextStep,
        description: input.description,
        customFields: custom.values,
      });
      return 'error' in created ? { userErrors: [created.error] } : created;
    });
    if ('userErrors' in outcome) return failure(...outcome.userErrors);
    const row = 'created' in outcome ? outcome.created : (await loadRecords(db, opportunitySpec, [outcome.replayedId], { includeDeleted: true }))[0];
    return { opportunity: row, userErrors: [] } as unknown as CreateOpportunityPayload;
  });
}

/** The live opportunity, locked until commit, with the caller's expected version checked. */
export async function lockedOpportunity(db: QueryRunner, id: string, expectedVersion: number | null | undefined): Promise<{ row: OpportunityEntity } | { error: UserError }> {
  const row = await queryOne<OpportunityEntity>(
    db,
    `SELECT ${entitySql(db.connection, OpportunityEntity).selectList('o')} FROM opportunities o WHERE o.id = $1 AND o.deleted_at IS NULL FOR UPDATE`,
    [id],
  );
  if (!row) return { error: userError(['input', 'id'], 'Opportunity not found', UserErrorCode.NOT_FOUND) };
  const conflict = staleVersion('Opportunity', expectedVersion, row.version);
  return conflict ? { error: conflict } : { row };
}

const closedRefusal = (field: string, status: string) =>
  userError(['input', field], `The opportunity is ${status.toLowerCase()}: reopen it (reopenOpportunity) before changing its ${field === 'stageId' ? 'stage' : field}`, UserErrorCode.INVALID_STATE);

/**
 * With a price book, the amount is the line items' sum (products module) and the currency the
 * price book's: an update may not overwrite either.
 */
async function lineItemsProblem(db: QueryRunner, current: OpportunityEntity, amount: UpdateOpportunityInput['amount']): Promise<UserError | null> {
  if (amount === undefined || current.priceBookId === null) return null;
  if (amount !== null && amount.currency.toUpperCase() !== current.currency) {
    return userError(['input', 'amount'], `The opportunity is priced from a price book in ${current.currency}; its currency cannot change`, UserErrorCode.INVALID_STATE);
  }
  const items = await queryOne(db, 'SELECT 1 FROM opportunity_line_items WHERE opportunity_id = $1 LIMIT 1', [current.id]);
  return items ? userError(['input', 'amount'], 'The opportunity has line items: its amount is their total (change the line items instead)', UserErrorCode.INVALID_STATE) : null;
}

export function updateOpportunity(ctx: RequestContext, input: UpdateOpportunityInput): Promise<UpdateOpportunityPayload> {
  return writeRecordMutation(ctx, opportunitySpec, 'opportunity', input, async (db, id): Promise<WriteResult<OpportunityEntity>> => {
    const locked = await lockedOpportunity(db, id, input.expectedVersion);
    if ('error' in locked) return { userErrors: [locked.error] };
    const current = locked.row;
    const ids = [
      inputUuid(input.accountId, 'Account', 'accountId'),
      inputUuid(input.primaryContactId, 'Contact', 'primaryContactId'),
      inputUuid(input.ownerId, 'User', 'ownerId'),
      inputUuid(input.territoryId, 'Territory', 'territoryId'),
      inputUuid(input.primaryCampaignId, 'Campaign', 'primaryCampaignId'),
    ];
    const malformed = ids.flatMap((r) => ('error' in r ? [r.error] : []));
    if (malformed.length) return { userErrors: malformed };
    const [accountId, contactId, ownerId, territoryId, campaignId] = ids.map((r) => ('uuid' in r ? r.uuid : undefined));
    // Stage, amount, probability and forecast of a closed opportunity are its outcome's.
    if (current.status !== 'OPEN') {
      const frozen = (['stageId', 'amount', 'probability', 'forecastCategory'] as const).filter((field) => input[field] !== undefined);
      if (frozen.length) return { userErrors: frozen.map((field) => closedRefusal(field, current.status)) };
    }
    const problems = [
      amountProblem(input.amount?.amount, ['input', 'amount']),
      forecastProblem(input.forecastCategory, ['input', 'forecastCategory']),
      await lineItemsProblem(db, current, input.amount),
    ];
    const stage = input.stageId === undefined ? null : await inputStage(db, input.stageId, 'open', ['input', 'stageId']);
    if (stage && 'error' in stage) problems.push(stage.error);
    // References are checked against what the opportunity will be: its contact must be of its (new) account.
    const account = accountId ?? current.accountId;
    const contact = contactId === undefined ? current.primaryContactId : contactId;
    if (accountId !== undefined || contactId !== undefined) problems.push(await checkAccountAndContact(ctx, account, contact));
    problems.push(await checkTerritory(ctx, territoryId));
    problems.push(await checkPrimaryCampaign(db, campaignId));
    problems.push(await checkPicklistValue(ctx, db, 'lead_source', input.leadSource, ['input', 'leadSource'], async () => current.leadSource));
    const owner = await checkOwner(ctx, db, ownerId, false);
    if ('error' in owner) problems.push(owner.error);
    const custom = await customFieldsForUpdate(ctx, 'OPPORTUNITY', input.customFields);
    const userErrors = [...problems.filter((p): p is UserError => p !== null), ...custom.userErrors];
    if (userErrors.length) return { userErrors };
    const newStage = stage && 'stage' in stage && stage.stage.id !== current.stageId ? stage.stage : null;
    const fromStage = newStage ?? (await stageDefaults(db, current.stageId));
    const values: Partial<OpportunityEntity> = {
      name: input.name,
      accountId: accountId ?? undefined,
      primaryContactId: contactId,
      ownerId: 'uuid' in owner ? owner.uuid : undefined,
      amount: input.amount === undefined ? undefined : (input.amount?.amount ?? null),
      currency: input.amount?.currency?.toUpperCase(),
      stageId: newStage?.id,
      closeDate: input.closeDate,
      territoryId,
      campaignId,
      nextStep: input.nextStep,
      leadSource: input.leadSource,
      description: input.description,
      // A stage move or a null brings the stage's values back; a value given overrides them.
      ...(input.probability != null
        ? { probability: input.probability, probabilityOverridden: true }
        : input.probability === null || newStage
          ? { probability: fromStage.probability, probabilityOverridden: false }
          : {}),
      ...(input.forecastCategory != null
        ? { forecastCategory: input.forecastCategory }
        : input.forecastCategory === null || newStage
          ? { forecastCategory: fromStage.forecastCategory }
          : {}),
    };
    const result = await updateRecord(db, opportunitySpec, id, values, input.expectedVersion, custom.assignments);
    if (result.row && newStage) await recordStageHistory(ctx, db, result.row, 'STAGE_CHANGED', current.stageId);
    return result;
  });
}

/** Probability and forecast category of the opportunity's current stage. */
async function stageDefaults(db: QueryRunner, stageId: string): Promise<{ probability: number; forecastCategory: string }> {
  return (await queryOne<{ probability: number; forecastCategory: string }>(
    db,
    'SELECT probability, forecast_category AS "forecastCategory" FROM pipeline_stages WHERE id = $1',
    [stageId],
  ))!;
}

export function deleteOpportunity(ctx: RequestContext, input: DeleteOpportunityInput): Promise<DeleteOpportunityPayload> {
  return writeRecordMutation(ctx, opportunitySpec, 'opportunity', input, (db, id) => softDeleteRecord(db, opportunitySpec, id, input.expectedVersion));
}

/** Restores an opportunity; one whose account is in the recycle bin waits for the account. */
export function restoreOpportunity(ctx: RequestContext, input: RestoreOpportunityInput): Promise<RestoreOpportunityPayload> {
  return writeRecordMutation(ctx, opportunitySpec, 'opportunity', input, async (db, id) => {
    const result = await withinRecordLimit(ctx, db, () => restoreRecord(db, opportunitySpec, id));
    // Whether the account is live, seen or not: the caller's scope may not include it.
    if (result.row && !(await loadRecords(db, accountSpec, [result.row.accountId]))[0]) {
      return { userErrors: [userError(['input', 'id'], 'The opportunity’s account is in the recycle bin; restore the account first', UserErrorCode.INVALID_STATE)] };
    }
    return result;
  });
}
