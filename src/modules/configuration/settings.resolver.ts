import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../tenancy/request-context';
import * as settings from './settings.service';
import { UpdateWorkspaceSettingsInput, UpdateWorkspaceSettingsPayload, WorkspaceConfiguration } from './settings.types';

@Resolver(() => WorkspaceConfiguration)
export class WorkspaceSettingsResolver {
  @Query(() => WorkspaceConfiguration, { description: 'The workspace settings: time zone, locale, default currency, fiscal year.' })
  workspaceSettings(@Ctx() ctx: RequestContext): Promise<WorkspaceConfiguration> {
    return settings.getWorkspaceSettings(ctx);
  }

  @Mutation(() => UpdateWorkspaceSettingsPayload, { description: 'Workspace admins: changes the workspace settings (recorded in the admin audit log).' })
  updateWorkspaceSettings(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateWorkspaceSettingsInput): Promise<UpdateWorkspaceSettingsPayload> {
    return settings.updateWorkspaceSettings(ctx, input);
  }
}
