import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { toGlobalId } from '../../graphql/global-id';
import type { RequestContext } from '../../tenancy/request-context';
import { PipelineStageEntity } from './pipeline-stages.entity';
import * as stages from './pipeline-stages.service';
import {
  CreatePipelineStageInput,
  CreatePipelineStagePayload,
  DeletePipelineStageInput,
  DeletePipelineStagePayload,
  PipelineStage,
  ReorderPipelineStagesInput,
  ReorderPipelineStagesPayload,
  UpdatePipelineStageInput,
  UpdatePipelineStagePayload,
} from './pipeline-stages.types';

@Resolver(() => PipelineStage)
export class PipelineStageResolver {
  @Query(() => [PipelineStage], { description: 'The stages of the opportunity pipeline, in order.' })
  pipelineStages(@Ctx() ctx: RequestContext): Promise<PipelineStageEntity[]> {
    return stages.listPipelineStages(ctx);
  }

  @Mutation(() => CreatePipelineStagePayload, { description: 'Workspace admins: adds a pipeline stage.' })
  createPipelineStage(@Ctx() ctx: RequestContext, @Arg('input') input: CreatePipelineStageInput): Promise<CreatePipelineStagePayload> {
    return stages.createPipelineStage(ctx, input);
  }

  @Mutation(() => UpdatePipelineStagePayload, { description: 'Workspace admins: changes a pipeline stage (name, probability, forecast category, outcome, position).' })
  updatePipelineStage(@Ctx() ctx: RequestContext, @Arg('input') input: UpdatePipelineStageInput): Promise<UpdatePipelineStagePayload> {
    return stages.updatePipelineStage(ctx, input);
  }

  @Mutation(() => ReorderPipelineStagesPayload, { description: 'Workspace admins: puts all pipeline stages in a new order.' })
  reorderPipelineStages(@Ctx() ctx: RequestContext, @Arg('input') input: ReorderPipelineStagesInput): Promise<ReorderPipelineStagesPayload> {
    return stages.reorderPipelineStages(ctx, input);
  }

  @Mutation(() => DeletePipelineStagePayload, { description: 'Workspace admins: deletes a pipeline stage; the last won and the last lost stage are refused.' })
  deletePipelineStage(@Ctx() ctx: RequestContext, @Arg('input') input: DeletePipelineStageInput): Promise<DeletePipelineStagePayload> {
    return stages.deletePipelineStage(ctx, input);
  }

  @FieldResolver(() => ID)
  id(@Root() stage: PipelineStageEntity): string {
    return toGlobalId('PipelineStage', stage.id);
  }
}
