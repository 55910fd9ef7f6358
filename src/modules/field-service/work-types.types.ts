import { ArrayMaxSize, IsInt, IsOptional, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PageArgsType, connectionTypes } from '../../graphql/connection-types';
import { Node } from '../../graphql/node';
import { DateTimeScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-errors';
import { Skill } from './skills.types';
import type { WorkTypeRow } from './work-types.loaders';

@ObjectType({ description: 'A skill a work type needs, and the lowest level (1–5) a technician must have in it.' })
export class SkillRequirement {
  @Field(() => Skill, { description: 'The skill.' }) skill!: Skill;
  @Field(() => Int, { description: 'Lowest acceptable level, 1–5.' }) minLevel!: number;
}

@ObjectType('WorkType', { implements: Node, description: 'A kind of field work: how long a visit usually takes and which skills it needs.' })
export class WorkType implements Node {
  @Field(() => ID, { description: 'Opaque global ID.' }) id!: string;
  @Field({ description: 'Name, unique ignoring case.' }) name!: string;
  @Field(() => String, { nullable: true, description: 'What the work involves.' }) description!: string | null;
  @Field(() => Int, { description: 'Usual length of a visit in minutes (5–1440); new work orders take it unless given.' }) defaultDurationMinutes!: number;
  @Field(() => [SkillRequirement], { description: 'Skills a technician needs for this work, by skill name.' }) requiredSkills!: SkillRequirement[];
  @Field({ description: 'Inactive work types stay on existing work orders but cannot be chosen for new ones.' }) active!: boolean;
  @Field(() => Int, { description: 'Increases with every change; pass it as expectedVersion to avoid lost updates.' }) version!: number;
  @Field(() => DateTimeScalar, { description: 'When the work type was created.' }) createdAt!: Date;
  @Field(() => DateTimeScalar, { description: 'When the work type last changed.' }) updatedAt!: Date;
}

export const { Connection: WorkTypeConnection, Edge: WorkTypeEdge } = connectionTypes(WorkType, 'WorkType', 'work type');

@ArgsType()
export class WorkTypesArgs extends PageArgsType {
  @Field(() => Boolean, { nullable: true, description: 'true: only active work types; false: only inactive ones; omitted: all.' }) active?: boolean | null;
}

@InputType({ description: 'A skill a work type requires.' })
export class SkillRequirementInput {
  @Field(() => ID, { description: 'The Skill (each at most once).' }) skillId!: string;
  @Field(() => Int, { nullable: true, description: 'Lowest acceptable level, 1–5 (default 1).' }) @IsOptional() @IsInt() @Min(1) @Max(5) minLevel?: number | null;
}

const REQUIRED_SKILLS = 'Skills a technician needs (up to 50).';

@InputType({ description: 'A new work type.' })
export class CreateWorkTypeInput {
  @Field({ description: 'Name, 1–100 characters, unique ignoring case.' }) name!: string;
  @Field(() => String, { nullable: true, description: 'What the work involves (up to 1000 characters).' }) @IsOptional() @MaxLength(1000) description?: string | null;
  @Field(() => Int, { description: 'Usual length of a visit in minutes, 5–1440.' }) @IsInt() @Min(5) @Max(1440) defaultDurationMinutes!: number;
  @Field(() => [SkillRequirementInput], { nullable: true, description: `${REQUIRED_SKILLS} Default: none.` }) @IsOptional() @ArrayMaxSize(50) @ValidateNested() requiredSkills?: SkillRequirementInput[] | null;
  @Field(() => String, { nullable: true, description: 'Retrying with the same key returns the first result instead of creating twice.' })
  @IsOptional()
  @MaxLength(200)
  idempotencyKey?: string | null;
}

@InputType({ description: 'Changes to a work type; omitted fields stay as they are, a list given replaces the old one.' })
export class UpdateWorkTypeInput {
  @Field(() => ID, { description: 'The WorkType.' }) id!: string;
  @Field(() => String, { nullable: true, description: 'New name (cannot be cleared).' }) name?: string | null;
  @Field(() => String, { nullable: true, description: 'New description; null clears it.' }) @IsOptional() @MaxLength(1000) description?: string | null;
  @Field(() => Int, { nullable: true, description: 'New usual visit length in minutes, 5–1440.' }) @IsOptional() @IsInt() @Min(5) @Max(1440) defaultDurationMinutes?: number | null;
  @Field(() => [SkillRequirementInput], { nullable: true, description: `${REQUIRED_SKILLS} Replaces the old list.` }) @IsOptional() @ArrayMaxSize(50) @ValidateNested() requiredSkills?: SkillRequirementInput[] | null;
  @Field(() => Boolean, { nullable: true, description: 'false deactivates the work type (existing work orders keep it); true reactivates it.' }) active?: boolean | null;
  @Field(() => Int, { nullable: true, description: 'Refuse the change with CONFLICT unless the work type is at this version.' }) expectedVersion?: number | null;
}

@ObjectType('WorkTypePayload')
class WorkTypePayload {
  @Field(() => WorkType, { nullable: true, description: 'The work type, when the mutation succeeded.' }) workType?: WorkTypeRow | null;
  @Field(() => [UserError], { description: 'Why the mutation wrote nothing; empty on success.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of createWorkType.' }) export class CreateWorkTypePayload extends WorkTypePayload {}
@ObjectType({ description: 'Result of updateWorkType.' }) export class UpdateWorkTypePayload extends WorkTypePayload {}
