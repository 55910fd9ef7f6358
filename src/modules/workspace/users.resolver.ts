import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { toGlobalId } from '../../graphql/global-id';
import type { ConnectionValue } from '../../graphql/pagination';
import type { RequestContext } from '../../tenancy/request-context';
import { Role, roleByKey, roleView } from '../roles';
import * as admin from './users.admin';
import { UserEntity } from './users.entity';
import { userById } from './users.loaders';
import { UpdateUserInput, User, UserConnection, UserPayload, UserStatusInput, UsersArgs } from './users.types';

@Resolver(() => User)
export class UserResolver {
  @Query(() => UserConnection, { description: 'Users of the workspace by name (admins).' })
  users(@Ctx() ctx: RequestContext, @Args() args: UsersArgs): Promise<ConnectionValue<UserEntity>> {
    return admin.listUsers(ctx, args);
  }

  @Query(() => User, { nullable: true, description: 'The signed-in user, or the user an API key acts for; null for a key acting for nobody.' })
  async me(@Ctx() ctx: RequestContext): Promise<UserEntity | null> {
    return ctx.can.userId ? userById(ctx).load(ctx.can.userId) : null;
  }

  @Mutation(() => UserPayload, { description: 'Renames a user or changes their role (admins); a new role applies from their next request.' })
  updateUser(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateUserInput): Promise<UserPayload> {
    return admin.updateUser(ctx, input);
  }

  @Mutation(() => UserPayload, { description: 'Deactivates a user (admins): their sessions, invitations and API keys end at once; their seat is freed.' })
  deactivateUser(@Ctx() ctx: RequestContext, @Arg('input') input: UserStatusInput): Promise<UserPayload> {
    return admin.deactivateUser(ctx, input);
  }

  @Mutation(() => UserPayload, { description: 'Reactivates a deactivated user (admins), taking a seat.' })
  reactivateUser(@Ctx() ctx: RequestContext, @Arg('input') input: UserStatusInput): Promise<UserPayload> {
    return admin.reactivateUser(ctx, input);
  }

  @FieldResolver(() => ID)
  id(@Root() user: UserEntity): string {
    return toGlobalId('User', user.id);
  }

  @FieldResolver(() => Role, { nullable: true, description: 'The user’s role (null if it was deleted meanwhile).' })
  async role(@Ctx() ctx: RequestContext, @Root() user: UserEntity): Promise<Role | null> {
    const role = await roleByKey(ctx).load(user.roleKey);
    return role && roleView(role);
  }
}
