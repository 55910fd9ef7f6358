import { ArrayMaxSize, IsOptional, Max, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../graphql/node';
import { DateTimeScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-errors';
import type { PipelineStageEntity } from './pipeline-stages.entity';

export enum ForecastCategory {
  PIPELINE = 'PIPELINE',
  BEST_CASE = 'BEST_CASE',
  COMMIT = 'COMMIT',
  CLOSED = 'CLOSED',
  OMITTED = 'OMITTED',
}
registerEnumType(ForecastCategory, {
  name: 'ForecastCategory',
  description: 'How opportunities in a stage count in the forecast.',
  valuesConfig: {
    PIPELINE: { description: 'Open, early: counts as pipeline.' },
    BEST_CASE: { description: 'Open, likely with some luck.' },
    COMMIT: { description: 'Open, the owner commits to closing it.' },
    CLOSED: { description: 'Won: closed revenue (the won stages).' },
    OMITTED: { description: 'Not forecast (lost stages, parked deals).' },
  },
});

@ObjectType('PipelineStage', { implements: Node, description: 'A stage of the opportunity pipeline.' })
export class PipelineStage implements Node {
  @Field(() => ID, { description: 'Opaque global ID.' }) id!: string;
  @Field({ description: 'Name, unique ignoring case, e.g. "Proposal".' }) name!: string;
  @Field(() => Int, { description: 'Place in the pipeline, from 1.' }) position!: number;
  @Field(() => Int, { description: 'Default probability of winning, 0–100 percent (100 for won stages, 0 for lost ones).' }) probability!: number;
  @Field(() => ForecastCategory, { description: 'How opportunities in this stage count in the forecast.' }) forecastCategory!: ForecastCategory;
  @Field({ description: 'Opportunities in this stage are won. At least one stage is a won stage.' }) isWon!: boolean;
  @Field({ description: 'Opportunities in this stage are lost. At least one stage is a lost stage.' }) isLost!: boolean;
  @Field(() => Int, { description: 'Increases with every change (also when its position changes); pass it as expectedVersion to avoid lost updates.' }) version!: number;
  @Field(() => DateTimeScalar, { description: 'When the stage was created.' }) createdAt!: Date;
  @Field(() => DateTimeScalar, { description: 'When the stage last changed.' }) updatedAt!: Date;
}

@InputType({ description: 'A new pipeline stage. Won stages have probability 100 and category CLOSED, lost stages 0 and OMITTED (the defaults for them).' })
export class CreatePipelineStageInput {
  @Field({ description: 'Name, 1–100 characters, unique ignoring case.' }) name!: string;
  @Field(() => Int, { nullable: true, description: 'Probability 0–100; required for open stages.' }) @IsOptional() @Min(0) @Max(100) probability?: number | null;
  @Field(() => ForecastCategory, { nullable: true, description: 'Default: PIPELINE for open stages, CLOSED for won, OMITTED for lost.' }) forecastCategory?: ForecastCategory | null;
  @Field(() => Boolean, { nullable: true, description: 'A won stage; default false.' }) isWon?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'A lost stage; default false.' }) isLost?: boolean | null;
  @Field(() => Int, { nullable: true, description: 'Place from 1; default: after the last open stage (open stages) or at the end (won and lost stages).' })
  @IsOptional()
  @Min(1)
  position?: number | null;
  @Field(() => String, { nullable: true, description: 'Retrying with the same key returns the first result instead of creating twice.' })
  @IsOptional()
  @MaxLength(200)
  idempotencyKey?: string | null;
}

@InputType({ description: 'Changes to a pipeline stage. Omitted (or null) fields stay as they are.' })
export class UpdatePipelineStageInput {
  @Field(() => ID, { description: 'The PipelineStage.' }) id!: string;
  @Field(() => String, { nullable: true, description: 'New name.' }) name?: string | null;
  @Field(() => Int, { nullable: true, description: 'New probability, 0–100.' }) @IsOptional() @Min(0) @Max(100) probability?: number | null;
  @Field(() => ForecastCategory, { nullable: true, description: 'New forecast category.' }) forecastCategory?: ForecastCategory | null;
  @Field(() => Boolean, { nullable: true, description: 'Make it a won stage, or an open one (not the last won stage).' }) isWon?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Make it a lost stage, or an open one (not the last lost stage).' }) isLost?: boolean | null;
  @Field(() => Int, { nullable: true, description: 'New place, from 1.' }) @IsOptional() @Min(1) position?: number | null;
  @Field(() => Int, { nullable: true, description: 'Refuse the change with CONFLICT unless the stage is at this version.' }) expectedVersion?: number | null;
}

@InputType({ description: 'The new order of the pipeline: every stage exactly once.' })
export class ReorderPipelineStagesInput {
  @Field(() => [ID], { description: 'All stage IDs in their new order.' }) @ArrayMaxSize(100) stageIds!: string[];
}

@InputType({ description: 'A pipeline stage to delete. The last won and the last lost stage cannot be deleted.' })
export class DeletePipelineStageInput {
  @Field(() => ID, { description: 'The PipelineStage.' }) id!: string;
  @Field(() => ID, { nullable: true, description: 'Another stage that records in this stage move to; required when the stage is in use.' }) replaceWith?: string | null;
  @Field(() => Int, { nullable: true, description: 'Refuse with CONFLICT unless the stage is at this version.' }) expectedVersion?: number | null;
}

@ObjectType('PipelineStagePayload')
class PipelineStagePayload {
  @Field(() => PipelineStage, { nullable: true, description: 'The stage, when the mutation succeeded.' }) pipelineStage?: PipelineStageEntity | null;
  @Field(() => [UserError], { description: 'Why the mutation wrote nothing; empty on success.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of createPipelineStage.' }) export class CreatePipelineStagePayload extends PipelineStagePayload {}
@ObjectType({ description: 'Result of updatePipelineStage.' }) export class UpdatePipelineStagePayload extends PipelineStagePayload {}

@ObjectType({ description: 'Result of reorderPipelineStages.' })
export class ReorderPipelineStagesPayload {
  @Field(() => [PipelineStage], { nullable: true, description: 'The stages in their new order, when the mutation succeeded.' }) pipelineStages?: PipelineStageEntity[] | null;
  @Field(() => [UserError], { description: 'Why the mutation wrote nothing; empty on success.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of deletePipelineStage.' })
export class DeletePipelineStagePayload {
  @Field(() => ID, { nullable: true, description: 'ID of the deleted stage, when the mutation succeeded.' }) deletedPipelineStageId?: string | null;
  @Field(() => [PipelineStage], { nullable: true, description: 'The remaining stages in order.' }) pipelineStages?: PipelineStageEntity[] | null;
  @Field(() => [UserError], { description: 'Why the mutation wrote nothing; empty on success.' }) userErrors!: UserError[];
}
