/**
 * The opportunity pipeline: ordered stages with a probability and a forecast category. At least
 * one won and one lost stage always exist; won stages have probability 100 and category CLOSED,
 * lost stages 0 and OMITTED, and CLOSED belongs to won stages only. Writers of the pipeline take a
 * table lock (readers are not blocked) so that positions stay 1..n under concurrent changes.
 */
import { QueryRunner } from 'typeorm';
import { entitySql } from '../../db/entity-sql';
import { queryRows } from '../../db/sql';
import { uuidv7 } from '../../db/uuid';
import { toGlobalId, uuidOf } from '../../graphql/global-id';
import { UserError, UserErrorCode, failure, userError } from '../../graphql/user-errors';
import { RequestContext, tenantDb } from '../../tenancy/request-context';
import { recordAdminChange } from '../admin-audit';
import { runMutation } from '../records/mutation';
import { inputRecordId } from '../records/references';
import { cleanName, createOnce, moveTo, notFoundError, staleVersion, violatedConstraint, writePositions } from './configuration.shared';
import { PipelineStageEntity } from './pipeline-stages.entity';
import { pipelineStageById } from './pipeline-stages.loaders';
import {
  CreatePipelineStageInput,
  CreatePipelineStagePayload,
  DeletePipelineStageInput,
  DeletePipelineStagePayload,
  ForecastCategory,
  ReorderPipelineStagesInput,
  ReorderPipelineStagesPayload,
  UpdatePipelineStageInput,
  UpdatePipelineStagePayload,
} from './pipeline-stages.types';
import { countUsages, describeCounts, replaceUsages } from './usages';

const NAME_MAX = 100;

async function stagesOf(db: QueryRunner): Promise<PipelineStageEntity[]> {
  return queryRows<PipelineStageEntity>(db, `SELECT ${entitySql(db.connection, PipelineStageEntity).selectList('s')} FROM pipeline_stages s ORDER BY s.position, s.id`);
}

export async function listPipelineStages(ctx: RequestContext): Promise<PipelineStageEntity[]> {
  return stagesOf(await tenantDb(ctx));
}

/** Serialises writers of the pipeline (positions, the won/lost invariant); reads go on. */
async function lockedStages(db: QueryRunner): Promise<PipelineStageEntity[]> {
  await db.query('LOCK TABLE pipeline_stages IN SHARE ROW EXCLUSIVE MODE');
  return stagesOf(db);
}

const auditStage = (s: PipelineStageEntity) => ({
  id: toGlobalId('PipelineStage', s.id),
  name: s.name,
  position: s.position,
  probability: s.probability,
  forecastCategory: s.forecastCategory,
  isWon: s.isWon,
  isLost: s.isLost,
  version: s.version,
});

const auditOrder = (stages: PipelineStageEntity[]) => ({ order: stages.map((s) => ({ id: toGlobalId('PipelineStage', s.id), name: s.name })) });

interface StageState {
  probability: number;
  forecastCategory: ForecastCategory;
  isWon: boolean;
  isLost: boolean;
}

/** The rules between outcome, probability and forecast category. */
function stageProblems(s: StageState): UserError[] {
  const problems: UserError[] = [];
  if (s.isWon && s.isLost) problems.push(userError(['input', 'isLost'], 'A stage cannot be both won and lost', UserErrorCode.INVALID));
  else if (s.isWon) {
    if (s.probability !== 100) problems.push(userError(['input', 'probability'], 'A won stage has probability 100', UserErrorCode.INVALID));
    if (s.forecastCategory !== ForecastCategory.CLOSED) problems.push(userError(['input', 'forecastCategory'], 'A won stage has forecast category CLOSED', UserErrorCode.INVALID));
  } else if (s.isLost) {
    if (s.probability !== 0) problems.push(userError(['input', 'probability'], 'A lost stage has probability 0', UserErrorCode.INVALID));
    if (s.forecastCategory !== ForecastCategory.OMITTED) problems.push(userError(['input', 'forecastCategory'], 'A lost stage has forecast category OMITTED', UserErrorCode.INVALID));
  } else if (s.forecastCategory === ForecastCategory.CLOSED) {
    problems.push(userError(['input', 'forecastCategory'], 'CLOSED is the forecast category of won stages; choose PIPELINE, BEST_CASE, COMMIT or OMITTED for an open stage', UserErrorCode.INVALID));
  }
  return problems;
}

const defaultCategory = (s: { isWon: boolean; isLost: boolean }) => (s.isWon ? ForecastCategory.CLOSED : s.isLost ? ForecastCategory.OMITTED : ForecastCategory.PIPELINE);

const duplicateName = (name: string): UserError =>
  userError(['input', 'name'], `A pipeline stage named "${name}" already exists (names are unique ignoring case)`, UserErrorCode.DUPLICATE);

const nameTaken = (stages: PipelineStageEntity[], name: string, except?: string) => stages.some((s) => s.id !== except && s.name.toLowerCase() === name.toLowerCase());

export function createPipelineStage(ctx: RequestContext, input: CreatePipelineStageInput): Promise<CreatePipelineStagePayload> {
  return runMutation<CreatePipelineStagePayload>(ctx, input, async (db) => {
    const name = cleanName(input.name, ['input', 'name'], 'The name', NAME_MAX);
    if (name.error) return failure(name.error);
    const isWon = input.isWon ?? false;
    const isLost = input.isLost ?? false;
    const probability = input.probability ?? (isWon ? 100 : isLost ? 0 : null);
    if (probability === null) return failure(userError(['input', 'probability'], 'An open stage needs a probability (0–100)', UserErrorCode.REQUIRED));
    const state = { probability, forecastCategory: input.forecastCategory ?? defaultCategory({ isWon, isLost }), isWon, isLost };
    const problems = stageProblems(state);
    if (problems.length) return failure(...problems);
    const created = await createOnce(
      db,
      'createPipelineStage',
      'pipeline stage',
      input,
      async () => {
        const stages = await lockedStages(db);
        if (nameTaken(stages, name.value!)) return { userErrors: [duplicateName(name.value!)] };
        const lastOpen = stages.filter((s) => !s.isWon && !s.isLost).reduce((max, s) => Math.max(max, s.position), 0);
        const position = input.position ?? (isWon || isLost ? stages.length + 1 : lastOpen + 1);
        if (position > stages.length + 1) return { userErrors: [userError(['input', 'position'], `position must be between 1 and ${stages.length + 1}`, UserErrorCode.OUT_OF_RANGE)] };
        const id = uuidv7();
        await db.query(
          `INSERT INTO pipeline_stages (id, name, position, probability, forecast_category, is_won, is_lost) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [id, name.value, position, state.probability, state.forecastCategory, isWon, isLost],
        );
        await writePositions(db, 'pipeline_stages', moveTo([...stages.map((s) => s.id), id], id, position), id);
        const stage = (await stagesOf(db)).find((s) => s.id === id)!;
        await recordAdminChange(ctx, db, { action: 'pipeline_stage.create', targetType: 'PipelineStage', targetId: toGlobalId('PipelineStage', id), before: null, after: auditStage(stage) });
        return { row: stage };
      },
      (id) => pipelineStageById(ctx).load(id),
    );
    return created.row ? { pipelineStage: created.row, userErrors: [] } : failure(...created.userErrors);
  });
}

/** The stage behind an input ID among `stages`, or the userError at `field`. */
function findStage(stages: PipelineStageEntity[], id: string, field: string[]): { stage: PipelineStageEntity } | { error: UserError } {
  const uuid = uuidOf(id, 'PipelineStage');
  if (!uuid) return { error: userError(field, `"${field[field.length - 1]}" is not a valid PipelineStage ID`, UserErrorCode.INVALID) };
  const stage = stages.find((s) => s.id === uuid);
  return stage ? { stage } : { error: notFoundError(field, 'Pipeline stage') };
}

const lastOf = (stages: PipelineStageEntity[], stage: PipelineStageEntity, flag: 'isWon' | 'isLost') => stage[flag] && !stages.some((s) => s.id !== stage.id && s[flag]);

export function updatePipelineStage(ctx: RequestContext, input: UpdatePipelineStageInput): Promise<UpdatePipelineStagePayload> {
  return runMutation<UpdatePipelineStagePayload>(ctx, input, async (db) => {
    const target = inputRecordId(input.id, 'PipelineStage');
    if (target.error) return failure(target.error);
    const name = input.name === undefined ? {} : cleanName(input.name, ['input', 'name'], 'The name', NAME_MAX);
    if (name.error) return failure(name.error);
    const stages = await lockedStages(db);
    const found = findStage(stages, input.id, ['input', 'id']);
    if ('error' in found) return failure(found.error);
    const { stage } = found;
    const conflict = staleVersion('The pipeline stage', input.expectedVersion, stage.version);
    if (conflict) return failure(conflict);
    const isWon = input.isWon ?? stage.isWon;
    const isLost = input.isLost ?? stage.isLost;
    const outcomeChanged = isWon !== stage.isWon || isLost !== stage.isLost;
    // A stage that becomes won or lost takes that outcome's probability and category unless given.
    const next: StageState = {
      isWon,
      isLost,
      probability: input.probability ?? (outcomeChanged && isWon ? 100 : outcomeChanged && isLost ? 0 : stage.probability),
      forecastCategory: input.forecastCategory ?? (outcomeChanged ? defaultCategory({ isWon, isLost }) : stage.forecastCategory),
    };
    const problems = stageProblems(next);
    if (stage.isWon && !isWon && lastOf(stages, stage, 'isWon')) {
      problems.push(userError(['input', 'isWon'], `"${stage.name}" is the last won stage; the pipeline needs at least one (mark another stage as won first)`, UserErrorCode.INVALID_STATE));
    }
    if (stage.isLost && !isLost && lastOf(stages, stage, 'isLost')) {
      problems.push(userError(['input', 'isLost'], `"${stage.name}" is the last lost stage; the pipeline needs at least one (mark another stage as lost first)`, UserErrorCode.INVALID_STATE));
    }
    if (name.value !== undefined && nameTaken(stages, name.value, stage.id)) problems.push(duplicateName(name.value));
    const position = input.position ?? stage.position;
    if (position > stages.length) problems.push(userError(['input', 'position'], `position must be between 1 and ${stages.length}`, UserErrorCode.OUT_OF_RANGE));
    if (problems.length) return failure(...problems);
    const newName = name.value ?? stage.name;
    const same =
      newName === stage.name &&
      position === stage.position &&
      next.probability === stage.probability &&
      next.forecastCategory === stage.forecastCategory &&
      next.isWon === stage.isWon &&
      next.isLost === stage.isLost;
    if (same) return { pipelineStage: stage, userErrors: [] };
    await writePositions(db, 'pipeline_stages', moveTo(stages.map((s) => s.id), stage.id, position), stage.id);
    try {
      await db.query(
        `UPDATE pipeline_stages SET name = $2, probability = $3, forecast_category = $4, is_won = $5, is_lost = $6, version = version + 1, updated_at = now() WHERE id = $1`,
        [stage.id, newName, next.probability, next.forecastCategory, next.isWon, next.isLost],
      );
    } catch (error) {
      if (violatedConstraint(error) === 'pipeline_stages_name_key') return failure(duplicateName(newName));
      throw error;
    }
    const updated = (await stagesOf(db)).find((s) => s.id === stage.id)!;
    await recordAdminChange(ctx, db, { action: 'pipeline_stage.update', targetType: 'PipelineStage', targetId: toGlobalId('PipelineStage', stage.id), before: auditStage(stage), after: auditStage(updated) });
    return { pipelineStage: updated, userErrors: [] };
  });
}

export function reorderPipelineStages(ctx: RequestContext, input: ReorderPipelineStagesInput): Promise<ReorderPipelineStagesPayload> {
  return runMutation<ReorderPipelineStagesPayload>(ctx, input, async (db) => {
    const stages = await lockedStages(db);
    const problems: UserError[] = [];
    const order: string[] = [];
    input.stageIds.forEach((id, i) => {
      const found = findStage(stages, id, ['input', 'stageIds', String(i)]);
      if ('error' in found) problems.push(found.error);
      else if (order.includes(found.stage.id)) problems.push(userError(['input', 'stageIds', String(i)], `"${found.stage.name}" is listed twice`, UserErrorCode.DUPLICATE));
      else order.push(found.stage.id);
    });
    const missing = stages.filter((s) => !order.includes(s.id));
    if (!problems.length && missing.length) {
      problems.push(userError(['input', 'stageIds'], `List every stage exactly once; missing: ${missing.map((s) => `"${s.name}"`).join(', ')}`, UserErrorCode.INVALID));
    }
    if (problems.length) return failure(...problems);
    if (order.every((id, i) => stages[i].id === id)) return { pipelineStages: stages, userErrors: [] };
    await writePositions(db, 'pipeline_stages', order);
    const reordered = await stagesOf(db);
    await recordAdminChange(ctx, db, { action: 'pipeline_stage.reorder', targetType: 'PipelineStage', targetId: null, before: auditOrder(stages), after: auditOrder(reordered) });
    return { pipelineStages: reordered, userErrors: [] };
  });
}

export function deletePipelineStage(ctx: RequestContext, input: DeletePipelineStageInput): Promise<DeletePipelineStagePayload> {
  return runMutation<DeletePipelineStagePayload>(ctx, input, async (db) => {
    const target = inputRecordId(input.id, 'PipelineStage');
    if (target.error) return failure(target.error);
    const stages = await lockedStages(db);
    const found = findStage(stages, input.id, ['input', 'id']);
    if ('error' in found) return failure(found.error);
    const { stage } = found;
    const conflict = staleVersion('The pipeline stage', input.expectedVersion, stage.version);
    if (conflict) return failure(conflict);
    for (const [flag, outcome] of [['isWon', 'won'], ['isLost', 'lost']] as const) {
      if (lastOf(stages, stage, flag)) {
        return failure(userError(['input', 'id'], `"${stage.name}" is the last ${outcome} stage; the pipeline needs at least one ${outcome} stage`, UserErrorCode.INVALID_STATE));
      }
    }
    let replacement: PipelineStageEntity | undefined;
    if (input.replaceWith != null) {
      const other = findStage(stages, input.replaceWith, ['input', 'replaceWith']);
      if ('error' in other) return failure(other.error);
      replacement = other.stage;
      if (replacement.id === stage.id) return failure(userError(['input', 'replaceWith'], 'The replacement must be another stage than the one deleted', UserErrorCode.INVALID));
      if (replacement.isWon !== stage.isWon || replacement.isLost !== stage.isLost) {
        return failure(userError(['input', 'replaceWith'], 'The replacement must have the same outcome (open, won or lost) as the deleted stage', UserErrorCode.INVALID));
      }
    }
    const inUse = await countUsages(db, 'PipelineStage', stage.id);
    if (Object.keys(inUse).length && !replacement) {
      return failure(userError(['input', 'id'], `"${stage.name}" is in use (${describeCounts(inUse)}); pass replaceWith to move those records to another stage`, UserErrorCode.INVALID_STATE));
    }
    const replaced = replacement ? await replaceUsages(db, 'PipelineStage', stage.id, replacement.id) : {};
    await db.query('DELETE FROM pipeline_stages WHERE id = $1', [stage.id]);
    await writePositions(
      db,
      'pipeline_stages',
      stages.filter((s) => s.id !== stage.id).map((s) => s.id),
    );
    await recordAdminChange(ctx, db, {
      action: 'pipeline_stage.delete',
      targetType: 'PipelineStage',
      targetId: toGlobalId('PipelineStage', stage.id),
      before: auditStage(stage),
      after: replacement ? { replacedWith: toGlobalId('PipelineStage', replacement.id), replacedInRecords: replaced } : null,
    });
    return { deletedPipelineStageId: toGlobalId('PipelineStage', stage.id), pipelineStages: await stagesOf(db), userErrors: [] };
  });
}
