import { Arg, Args, Ctx, ID, Mutation, Query, Resolver } from 'type-graphql';
import type { ConnectionValue } from '../../graphql/pagination';
import type { RequestContext } from '../../tenancy/request-context';
import * as controlPlane from './control-plane.service';
import {
  ApiKey,
  CreateApiKeyInput,
  CreateApiKeyPayload,
  ProvisionTenantInput,
  ProvisionTenantPayload,
  RevokeApiKeyInput,
  RevokeApiKeyPayload,
  Tenant,
  TenantConnection,
  TenantsArgs,
} from './control-plane.types';

@Resolver()
export class ControlPlaneResolver {
  @Query(() => TenantConnection, { description: 'Platform admins: all workspaces.' })
  tenants(@Ctx() ctx: RequestContext, @Args() args: TenantsArgs): Promise<ConnectionValue<Tenant>> {
    return controlPlane.tenants(ctx, args);
  }

  @Query(() => Tenant, { nullable: true, description: 'Platform admins: one workspace by ID.' })
  tenant(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<Tenant> {
    return controlPlane.tenant(ctx, id);
  }

  @Mutation(() => ProvisionTenantPayload, { description: 'Platform admins: provisions a workspace (schema, role, tables) and returns its first admin key.' })
  provisionTenant(@Ctx() ctx: RequestContext, @Arg('input') input: ProvisionTenantInput): Promise<ProvisionTenantPayload> {
    return controlPlane.provision(ctx, input);
  }

  @Query(() => [ApiKey], { description: 'Workspace admins: the workspace’s API keys (never their secrets).' })
  apiKeys(@Ctx() ctx: RequestContext): Promise<ApiKey[]> {
    return controlPlane.apiKeys(ctx);
  }

  @Mutation(() => CreateApiKeyPayload, { description: 'Workspace admins: creates an API key; the token is shown once.' })
  createApiKey(@Ctx() ctx: RequestContext, @Arg('input') input: CreateApiKeyInput): Promise<CreateApiKeyPayload> {
    return controlPlane.createKey(ctx, input);
  }

  @Mutation(() => RevokeApiKeyPayload, { description: 'Workspace admins: revokes an API key at once.' })
  revokeApiKey(@Ctx() ctx: RequestContext, @Arg('input') input: RevokeApiKeyInput): Promise<RevokeApiKeyPayload> {
    return controlPlane.revokeKey(ctx, input);
  }
}
