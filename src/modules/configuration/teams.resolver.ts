import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { toGlobalId } from '../../graphql/global-id';
import type { ConnectionValue } from '../../graphql/pagination';
import type { RequestContext } from '../../tenancy/request-context';
import { User, UserEntity } from '../workspace';
import { TeamEntity } from './teams.entity';
import { teamMembers, teamsOfUser } from './teams.loaders';
import * as teams from './teams.service';
import {
  CreateTeamInput,
  CreateTeamPayload,
  DeleteTeamInput,
  DeleteTeamPayload,
  Team,
  TeamConnection,
  TeamsArgs,
  UpdateTeamInput,
  UpdateTeamPayload,
} from './teams.types';

@Resolver(() => Team)
export class TeamResolver {
  @Query(() => TeamConnection, { description: 'Teams of the workspace, by name.' })
  teams(@Ctx() ctx: RequestContext, @Args() args: TeamsArgs): Promise<ConnectionValue<TeamEntity>> {
    return teams.listTeams(ctx, args);
  }

  @Query(() => Team, { nullable: true, description: 'One team by ID; NOT_FOUND when it does not exist.' })
  team(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<TeamEntity> {
    return teams.getTeam(ctx, id);
  }

  @Mutation(() => CreateTeamPayload, { description: 'Workspace admins: creates a team.' })
  createTeam(@Ctx() ctx: RequestContext, @Arg('input') input: CreateTeamInput): Promise<CreateTeamPayload> {
    return teams.createTeam(ctx, input);
  }

  @Mutation(() => UpdateTeamPayload, { description: 'Workspace admins: renames a team, changes its description or members.' })
  updateTeam(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateTeamInput): Promise<UpdateTeamPayload> {
    return teams.updateTeam(ctx, input);
  }

  @Mutation(() => DeleteTeamPayload, { description: 'Workspace admins: deletes a team that nothing refers to.' })
  deleteTeam(@Ctx() ctx: RequestContext, @Arg('input') input: DeleteTeamInput): Promise<DeleteTeamPayload> {
    return teams.deleteTeam(ctx, input);
  }

  @FieldResolver(() => ID)
  id(@Root() team: TeamEntity): string {
    return toGlobalId('Team', team.id);
  }

  @FieldResolver(() => [User])
  members(@Ctx() ctx: RequestContext, @Root() team: TeamEntity): Promise<UserEntity[]> {
    return teamMembers(ctx).load(team.id);
  }
}

/** `User.teams`: teams extend the user type without the workspace module knowing them. */
@Resolver(() => User)
export class UserTeamsResolver {
  @FieldResolver(() => [Team], { description: 'Teams the user belongs to, by name (batched across users).' })
  teams(@Ctx() ctx: RequestContext, @Root() user: UserEntity): Promise<TeamEntity[]> {
    return teamsOfUser(ctx).load(user.id);
  }
}
