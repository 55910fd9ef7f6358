import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../tenancy/request-context';
import * as keys from './api-keys.service';
import { ApiKey, CreateApiKeyInput, CreateApiKeyPayload, RevokeApiKeyInput, RevokeApiKeyPayload } from './api-keys.types';

@Resolver()
export class ApiKeyResolver {
  @Query(() => [ApiKey], { description: 'Workspace admins: the workspace’s API keys (never their secrets).' })
  apiKeys(@Ctx() ctx: RequestContext): Promise<ApiKey[]> {
    return keys.apiKeys(ctx);
  }

  @Mutation(() => CreateApiKeyPayload, { description: 'Workspace admins: creates an API key; the token is shown once.' })
  createApiKey(@Ctx() ctx: RequestContext, @Arg('input') input: CreateApiKeyInput): Promise<CreateApiKeyPayload> {
    return keys.createKey(ctx, input);
  }

  @Mutation(() => RevokeApiKeyPayload, { description: 'Workspace admins: revokes an API key at once.' })
  revokeApiKey(@Ctx() ctx: RequestContext, @Arg('input') input: RevokeApiKeyInput): Promise<RevokeApiKeyPayload> {
    return keys.revokeKey(ctx, input);
  }
}
