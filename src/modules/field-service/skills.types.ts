import { IsOptional, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PageArgsType, connectionTypes } from '../../graphql/connection-types';
import { Node } from '../../graphql/node';
import { DateTimeScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-errors';
import type { SkillRow } from './skills.loaders';

@ObjectType('Skill', { implements: Node, description: 'Something a technician can do (e.g. "Gas boiler repair"); work types require skills at a minimum level.' })
export class Skill implements Node {
  @Field(() => ID, { description: 'Opaque global ID.' }) id!: string;
  @Field({ description: 'Name, unique ignoring case.' }) name!: string;
  @Field(() => String, { nullable: true, description: 'What the skill covers.' }) description!: string | null;
  @Field(() => Int, { description: 'Increases with every change; pass it as expectedVersion to avoid lost updates.' }) version!: number;
  @Field(() => DateTimeScalar, { description: 'When the skill was created.' }) createdAt!: Date;
  @Field(() => DateTimeScalar, { description: 'When the skill last changed.' }) updatedAt!: Date;
}

export const { Connection: SkillConnection, Edge: SkillEdge } = connectionTypes(Skill, 'Skill', 'skill');

@ArgsType()
export class SkillsArgs extends PageArgsType {}

@InputType({ description: 'A new skill.' })
export class CreateSkillInput {
  @Field({ description: 'Name, 1–100 characters, unique ignoring case.' }) name!: string;
  @Field(() => String, { nullable: true, description: 'What the skill covers (up to 1000 characters).' }) @IsOptional() @MaxLength(1000) description?: string | null;
  @Field(() => String, { nullable: true, description: 'Retrying with the same key returns the first result instead of creating twice.' })
  @IsOptional()
  @MaxLength(200)
  idempotencyKey?: string | null;
}

@InputType({ description: 'Changes to a skill; omitted fields stay as they are.' })
export class UpdateSkillInput {
  @Field(() => ID, { description: 'The Skill.' }) id!: string;
  @Field(() => String, { nullable: true, description: 'New name (cannot be cleared).' }) name?: string | null;
  @Field(() => String, { nullable: true, description: 'New description; null clears it.' }) @IsOptional() @MaxLength(1000) description?: string | null;
  @Field(() => Int, { nullable: true, description: 'Refuse the change with CONFLICT unless the skill is at this version.' }) expectedVersion?: number | null;
}

@InputType({ description: 'A skill to delete: refused with INVALID_STATE while a technician or work type uses it.' })
export class DeleteSkillInput {
  @Field(() => ID, { description: 'The Skill.' }) id!: string;
  @Field(() => Int, { nullable: true, description: 'Refuse with CONFLICT unless the skill is at this version.' }) expectedVersion?: number | null;
}

@ObjectType('SkillPayload')
class SkillPayload {
  @Field(() => Skill, { nullable: true, description: 'The skill, when the mutation succeeded.' }) skill?: SkillRow | null;
  @Field(() => [UserError], { description: 'Why the mutation wrote nothing; empty on success.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of createSkill.' }) export class CreateSkillPayload extends SkillPayload {}
@ObjectType({ description: 'Result of updateSkill.' }) export class UpdateSkillPayload extends SkillPayload {}

@ObjectType({ description: 'Result of deleteSkill.' })
export class DeleteSkillPayload {
  @Field(() => ID, { nullable: true, description: 'ID of the deleted skill, when the mutation succeeded.' }) deletedSkillId?: string | null;
  @Field(() => [UserError], { description: 'Why the mutation wrote nothing; empty on success.' }) userErrors!: UserError[];
}
