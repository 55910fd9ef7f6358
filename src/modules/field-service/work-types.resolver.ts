import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { toGlobalId } from '../../graphql/global-id';
import type { ConnectionValue } from '../../graphql/pagination';
import type { RequestContext } from '../../tenancy/request-context';
import { skillById } from './skills.loaders';
import type { WorkTypeRow } from './work-types.loaders';
import { workTypeRequirements } from './work-types.loaders';
import * as workTypes from './work-types.service';
import {
  CreateWorkTypeInput,
  CreateWorkTypePayload,
  SkillRequirement,
  UpdateWorkTypeInput,
  UpdateWorkTypePayload,
  WorkType,
  WorkTypeConnection,
  WorkTypesArgs,
} from './work-types.types';

@Resolver(() => WorkType)
export class WorkTypeResolver {
  @Query(() => WorkTypeConnection, { description: 'Work types of the workspace, by name.' })
  workTypes(@Ctx() ctx: RequestContext, @Args() args: WorkTypesArgs): Promise<ConnectionValue<WorkTypeRow>> {
    return workTypes.listWorkTypes(ctx, args);
  }

  @Query(() => WorkType, { nullable: true, description: 'One work type by ID; NOT_FOUND when it does not exist.' })
  workType(@Ctx() ctx: RequestContext, @Arg('id', () => ID, { description: 'The WorkType.' }) id: string): Promise<WorkTypeRow> {
    return workTypes.getWorkType(ctx, id);
  }

  @Mutation(() => CreateWorkTypePayload, { description: 'Workspace admins and dispatchers: creates a work type.' })
  createWorkType(@Ctx() ctx: RequestContext, @Arg('input') input: CreateWorkTypeInput): Promise<CreateWorkTypePayload> {
    return workTypes.createWorkType(ctx, input);
  }

  @Mutation(() => UpdateWorkTypePayload, { description: 'Workspace admins and dispatchers: changes, deactivates or reactivates a work type.' })
  updateWorkType(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateWorkTypeInput): Promise<UpdateWorkTypePayload> {
    return workTypes.updateWorkType(ctx, input);
  }

  @FieldResolver(() => ID)
  id(@Root() workType: WorkTypeRow): string {
    return toGlobalId('WorkType', workType.id);
  }

  /** Two statements for a whole page: the requirements, then their skills. */
  @FieldResolver(() => [SkillRequirement])
  async requiredSkills(@Ctx() ctx: RequestContext, @Root() workType: WorkTypeRow): Promise<SkillRequirement[]> {
    const requirements = await workTypeRequirements(ctx).load(workType.id);
    const skills = await skillById(ctx).loadMany(requirements.map((r) => r.skillId));
    return requirements.map((r, i) => ({ skill: skills[i] as SkillRequirement['skill'], minLevel: r.minLevel }));
  }
}
