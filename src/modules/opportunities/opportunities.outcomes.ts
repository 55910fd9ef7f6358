/**
 * Closing and reopening: the only ways an opportunity's status changes. Each takes the stage of
 * the outcome (won, lost, or open again), sets probability and forecast category from it, and
 * records the step in the stage history.
 */
import { QueryRunner } from 'typeorm';
import { Payload, UserError, UserErrorCode, userError } from '../../graphql/user-errors';
import { RequestContext } from '../../tenancy/request-context';
import { PipelineStageEntity, checkPicklistValue } from '../configuration';
import { writeRecordMutation } from '../records/record-mutations';
import { WriteResult, updateRecord } from '../records/record-writes';
import { OpportunityEntity, StageHistoryEvent } from './opportunities.entity';
import { opportunitySpec } from './opportunities.spec';
import { StageOutcome, inputStage } from './opportunities.stages';
import { lockedOpportunity } from './opportunities.service';
import {
  CloseOpportunityAsLostInput,
  CloseOpportunityAsLostPayload,
  CloseOpportunityAsWonInput,
  CloseOpportunityAsWonPayload,
  ReopenOpportunityInput,
  ReopenOpportunityPayload,
} from './opportunities.types';
import { recordStageHistory } from './opportunities.writes';

interface Transition {
  /** Where the opportunity goes: the stage's outcome decides the status. */
  to: StageOutcome;
  event: StageHistoryEvent;
  /** The status it must not have already. */
  refuseWhen: (status: OpportunityEntity['status']) => string | null;
  reason: string | null;
  /** Checks beyond the stage (the loss reason against its picklist). */
  check?: (db: QueryRunner) => Promise<UserError | null>;
}

const STATUS: Record<StageOutcome, OpportunityEntity['status']> = { open: 'OPEN', won: 'WON', lost: 'LOST' };

function transition<P extends Payload>(ctx: RequestContext, input: { id: string; stageId?: string | null; expectedVersion?: number | null }, t: Transition, extra: Partial<OpportunityEntity> = {}): Promise<P> {
  return writeRecordMutation<OpportunityEntity, P>(ctx, opportunitySpec, 'opportunity', input, async (db, id): Promise<WriteResult<OpportunityEntity>> => {
    const locked = await lockedOpportunity(db, id, input.expectedVersion);
    if ('error' in locked) return { userErrors: [locked.error] };
    const current = locked.row;
    const refusal = t.refuseWhen(current.status);
    if (refusal) return { userErrors: [userError(['input', 'id'], refusal, UserErrorCode.INVALID_STATE)] };
    const stage = await inputStage(db, input.stageId, t.to, ['input', 'stageId']);
    const problems = [...('error' in stage ? [stage.error] : []), ...[await t.check?.(db)].filter((p): p is UserError => !!p)];
    if (problems.length || 'error' in stage) return { userErrors: problems };
    const to: PipelineStageEntity = stage.stage;
    const result = await updateRecord(
      db,
      opportunitySpec,
      id,
      { ...extra, stageId: to.id, status: STATUS[t.to], probability: to.probability, probabilityOverridden: false, forecastCategory: to.forecastCategory },
      input.expectedVersion,
      () => [t.to === 'open' ? 'closed_at = NULL' : 'closed_at = now()'],
    );
    if (result.row) await recordStageHistory(ctx, db, result.row, t.event, current.stageId, t.reason);
    return result;
  });
}

const alreadyClosed = (status: string) => (status === 'OPEN' ? null : `The opportunity is already ${status.toLowerCase()}; reopen it first to close it again`);

export function closeOpportunityAsWon(ctx: RequestContext, input: CloseOpportunityAsWonInput): Promise<CloseOpportunityAsWonPayload> {
  return transition(ctx, input, { to: 'won', event: 'WON', refuseWhen: alreadyClosed, reason: null }, { lossReason: null });
}

export function closeOpportunityAsLost(ctx: RequestContext, input: CloseOpportunityAsLostInput): Promise<CloseOpportunityAsLostPayload> {
  return transition(
    ctx,
    input,
    {
      to: 'lost',
      event: 'LOST',
      refuseWhen: alreadyClosed,
      reason: input.lossReason,
      check: (db) => checkPicklistValue(ctx, db, 'loss_reason', input.lossReason, ['input', 'lossReason']),
    },
    { lossReason: input.lossReason },
  );
}

export function reopenOpportunity(ctx: RequestContext, input: ReopenOpportunityInput): Promise<ReopenOpportunityPayload> {
  return transition(
    ctx,
    input,
    { to: 'open', event: 'REOPENED', refuseWhen: (status) => (status === 'OPEN' ? 'The opportunity is open; only a won or lost opportunity can be reopened' : null), reason: input.reason ?? null },
    { lossReason: null },
  );
}
