import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { toGlobalId } from '../../graphql/global-id';
import type { ConnectionValue } from '../../graphql/pagination';
import type { RequestContext } from '../../tenancy/request-context';
import type { SkillRow } from './skills.loaders';
import * as skills from './skills.service';
import { CreateSkillInput, CreateSkillPayload, DeleteSkillInput, DeleteSkillPayload, Skill, SkillConnection, SkillsArgs, UpdateSkillInput, UpdateSkillPayload } from './skills.types';

@Resolver(() => Skill)
export class SkillResolver {
  @Query(() => SkillConnection, { description: 'Skills of the workspace, by name.' })
  skills(@Ctx() ctx: RequestContext, @Args() args: SkillsArgs): Promise<ConnectionValue<SkillRow>> {
    return skills.listSkills(ctx, args);
  }

  @Query(() => Skill, { nullable: true, description: 'One skill by ID; NOT_FOUND when it does not exist.' })
  skill(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'The Skill.' }) id: string): Promise<SkillRow> {
    return skills.getSkill(ctx, id);
  }

  @Mutation(() => CreateSkillPayload, { description: 'Workspace admins and dispatchers: creates a skill.' })
  createSkill(@Ctx() ctx: RequestContext, @Arg('input') input: CreateSkillInput): Promise<CreateSkillPayload> {
    return skills.createSkill(ctx, input);
  }

  @Mutation(() => UpdateSkillPayload, { description: 'Workspace admins and dispatchers: renames or describes a skill.' })
  updateSkill(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateSkillInput): Promise<UpdateSkillPayload> {
    return skills.updateSkill(ctx, input);
  }

  @Mutation(() => DeleteSkillPayload, { description: 'Workspace admins and dispatchers: deletes a skill no technician or work type uses.' })
  deleteSkill(@Ctx() ctx: RequestContext, @Arg('input') input: DeleteSkillInput): Promise<DeleteSkillPayload> {
    return skills.deleteSkill(ctx, input);
  }

  @FieldResolver(() => ID)
  id(@Root() skill: SkillRow): string {
    return toGlobalId('Skill', skill.id);
  }
}
