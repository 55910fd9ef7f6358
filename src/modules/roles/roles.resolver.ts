import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { notFound } from '../../graphql/errors';
import type { RequestContext } from '../../tenancy/request-context';
import { tenantDb } from '../../tenancy/request-context';
import * as roles from './roles.service';
import { CreateRoleInput, DeleteRoleInput, DeleteRolePayload, Role, RoleObjectType, RolePayload, UpdateRoleInput } from './roles.types';
import { roleView } from './roles.view';

@Resolver(() => Role)
export class RoleResolver {
  @Query(() => [Role], { description: 'The roles of the workspace: built-in first, then custom ones by name.' })
  async roles(@Ctx() ctx: RequestContext): Promise<Role[]> {
    return roles.listRoles(await tenantDb(ctx));
  }

  @Query(() => Role, { nullable: true, description: 'One role by key; NOT_FOUND when there is none.' })
  async role(@Ctx() ctx: RequestContext, @Arg('key') key: string): Promise<Role> {
    const role = await roles.findRole(await tenantDb(ctx), key);
    if (!role) throw notFound('Role');
    return roleView(role);
  }

  @Query(() => [RoleObjectType], { description: 'The object types roles grant access to.' })
  roleObjectTypes(): RoleObjectType[] {
    return roles.roleObjectTypes();
  }

  @Mutation(() => RolePayload, { description: 'Creates a custom role (admins).' })
  createRole(@Ctx() ctx: RequestContext, @Arg('input') input: CreateRoleInput): Promise<RolePayload> {
    return roles.createRole(ctx, input);
  }

  @Mutation(() => RolePayload, { description: 'Changes a custom role (admins); users and keys with it get the change on their next request.' })
  updateRole(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateRoleInput): Promise<RolePayload> {
    return roles.updateRole(ctx, input);
  }

  @Mutation(() => DeleteRolePayload, { description: 'Deletes a custom role (admins), moving its users to another role.' })
  deleteRole(@Ctx() ctx: RequestContext, @Arg('input') input: DeleteRoleInput): Promise<DeleteRolePayload> {
    return roles.deleteRole(ctx, input);
  }
}
