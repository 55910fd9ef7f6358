import { FieldResolver, ID, Resolver, Root } from 'type-graphql';
import { toGlobalId } from '../../graphql/global-id';
import { User } from './users.types';
import { UserEntity } from './users.entity';

@Resolver(() => User)
export class UserResolver {
  @FieldResolver(() => ID)
  id(@Root() user: UserEntity): string {
    return toGlobalId('User', user.id);
  }
}
