/** The workspace's pipeline as opportunities use it: stage lookups and the defaults they bring. */
import { QueryRunner } from 'typeorm';
import { entitySql } from '../../db/entity-sql';
import { queryOne } from '../../db/sql';
import { uuidOf } from '../../graphql/global-id';
import { UserError, UserErrorCode, userError } from '../../graphql/user-errors';
import { PipelineStageEntity } from '../configuration';

export type StageOutcome = 'open' | 'won' | 'lost';

export const outcomeOf = (stage: PipelineStageEntity): StageOutcome => (stage.isWon ? 'won' : stage.isLost ? 'lost' : 'open');

const OUTCOME_SQL: Record<StageOutcome, string> = {
  open: 'NOT s.is_won AND NOT s.is_lost',
  won: 's.is_won',
  lost: 's.is_lost',
};

/** Locks the stage against deletion until commit (the opportunity is about to reference it). */
async function stageRow(db: QueryRunner, condition: string, params: unknown[]): Promise<PipelineStageEntity | null> {
  return queryOne<PipelineStageEntity>(
    db,
    `SELECT ${entitySql(db.connection, PipelineStageEntity).selectList('s')} FROM pipeline_stages s WHERE ${condition} ORDER BY s.position, s.id LIMIT 1 FOR KEY SHARE`,
    params,
  );
}

/** The first stage (by position) with the outcome: the default of creates, closes and reopens. */
export async function firstStage(db: QueryRunner, outcome: StageOutcome, field: string[]): Promise<{ stage: PipelineStageEntity } | { error: UserError }> {
  const stage = await stageRow(db, OUTCOME_SQL[outcome], []);
  return stage ? { stage } : { error: userError(field, `The pipeline has no ${outcome} stage; ask a workspace admin to add one`, UserErrorCode.INVALID_STATE) };
}

/**
 * The stage a UUID names, which must have the outcome: an open stage for creates, moves and
 * reopens, a won or lost one for the closes (the outcome decides the status).
 */
export async function stageWithOutcome(db: QueryRunner, uuid: string, outcome: StageOutcome, field: string[]): Promise<{ stage: PipelineStageEntity } | { error: UserError }> {
  const stage = await stageRow(db, 's.id = $1', [uuid]);
  if (!stage) return { error: userError(field, 'Pipeline stage not found', UserErrorCode.NOT_FOUND) };
  if (outcomeOf(stage) === outcome) return { stage };
  const how =
    outcome === 'open'
      ? `"${stage.name}" is a ${outcomeOf(stage)} stage: close an opportunity with closeOpportunityAsWon or closeOpportunityAsLost`
      : `"${stage.name}" is not a ${outcome} stage`;
  return { error: userError(field, how, UserErrorCode.INVALID) };
}

type StageResult = { stage: PipelineStageEntity } | { error: UserError };

/** The stage a UUID names, or the default of the outcome when there is none. */
export const stageOrDefault = (db: QueryRunner, uuid: string | null | undefined, outcome: StageOutcome, field: string[]): Promise<StageResult> =>
  uuid == null ? firstStage(db, outcome, field) : stageWithOutcome(db, uuid, outcome, field);

/** A stage given as a global ID in an input (INVALID when malformed), or the default of the outcome. */
export async function inputStage(db: QueryRunner, id: string | null | undefined, outcome: StageOutcome, field: string[]): Promise<StageResult> {
  if (id == null) return firstStage(db, outcome, field);
  const uuid = uuidOf(id, 'PipelineStage');
  if (!uuid) return { error: userError(field, `"${field[field.length - 1]}" is not a valid PipelineStage ID`, UserErrorCode.INVALID) };
  return stageWithOutcome(db, uuid, outcome, field);
}
