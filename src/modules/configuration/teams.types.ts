import { ArrayMaxSize, IsOptional, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PageArgsType, connectionTypes } from '../../graphql/connection-types';
import { Node } from '../../graphql/node';
import { DateTimeScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-errors';
import { User } from '../workspace';
import type { TeamEntity } from './teams.entity';

@ObjectType('Team', { implements: Node, description: 'A team of users, e.g. "Inside Sales EMEA".' })
export class Team implements Node {
  @Field(() => ID, { description: 'Opaque global ID.' }) id!: string;
  @Field({ description: 'Name, unique ignoring case.' }) name!: string;
  @Field(() => String, { nullable: true, description: 'What the team does.' }) description!: string | null;
  @Field(() => [User], { description: 'Members, by name.' }) members!: User[];
  @Field(() => Int, { description: 'Increases with every change; pass it as expectedVersion to avoid lost updates.' }) version!: number;
  @Field(() => DateTimeScalar, { description: 'When the team was created.' }) createdAt!: Date;
  @Field(() => DateTimeScalar, { description: 'When the team last changed.' }) updatedAt!: Date;
}

export const { Connection: TeamConnection, Edge: TeamEdge } = connectionTypes(Team, 'Team', 'team');

@ArgsType()
export class TeamsArgs extends PageArgsType {}

const MEMBERS = 'Members (User IDs); duplicates count once.';

@InputType({ description: 'A new team.' })
export class CreateTeamInput {
  @Field({ description: 'Name, 1–100 characters, unique ignoring case.' }) name!: string;
  @Field(() => String, { nullable: true, description: 'What the team does (up to 1000 characters).' }) @IsOptional() @MaxLength(1000) description?: string | null;
  @Field(() => [ID], { nullable: true, description: MEMBERS }) @IsOptional() @ArrayMaxSize(500) memberIds?: string[] | null;
  @Field(() => String, { nullable: true, description: 'Retrying with the same key returns the first result instead of creating twice.' })
  @IsOptional()
  @MaxLength(200)
  idempotencyKey?: string | null;
}

@InputType({ description: 'Changes to a team. Omitted fields stay as they are; null clears the description.' })
export class UpdateTeamInput {
  @Field(() => ID, { description: 'The Team.' }) id!: string;
  @Field(() => String, { nullable: true, description: 'New name.' }) name?: string | null;
  @Field(() => String, { nullable: true, description: 'New description; null clears it.' }) @IsOptional() @MaxLength(1000) description?: string | null;
  @Field(() => [ID], { nullable: true, description: `The complete new list of members (User IDs); omitted keeps the members, [] removes all.` })
  @IsOptional()
  @ArrayMaxSize(500)
  memberIds?: string[] | null;
  @Field(() => Int, { nullable: true, description: 'Refuse the change with CONFLICT unless the team is at this version.' }) expectedVersion?: number | null;
}

@InputType({ description: 'A team to delete (its memberships go with it).' })
export class DeleteTeamInput {
  @Field(() => ID, { description: 'The Team.' }) id!: string;
  @Field(() => Int, { nullable: true, description: 'Refuse with CONFLICT unless the team is at this version.' }) expectedVersion?: number | null;
}

@ObjectType('TeamPayload')
class TeamPayload {
  @Field(() => Team, { nullable: true, description: 'The team, when the mutation succeeded.' }) team?: TeamEntity | null;
  @Field(() => [UserError], { description: 'Why the mutation wrote nothing; empty on success.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of createTeam.' }) export class CreateTeamPayload extends TeamPayload {}
@ObjectType({ description: 'Result of updateTeam.' }) export class UpdateTeamPayload extends TeamPayload {}

@ObjectType({ description: 'Result of deleteTeam.' })
export class DeleteTeamPayload {
  @Field(() => ID, { nullable: true, description: 'ID of the deleted team, when the mutation succeeded.' }) deletedTeamId?: string | null;
  @Field(() => [UserError], { description: 'Why the mutation wrote nothing; empty on success.' }) userErrors!: UserError[];
}
