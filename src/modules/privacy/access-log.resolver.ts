import { Args, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import type { ConnectionValue } from '../../graphql/pagination';
import type { RequestContext } from '../../tenancy/request-context';
import { User, UserEntity, userById } from '../workspace';
import type { AccessLogRow } from './access-log.service';
import { listAccessLog, recordIdsOf } from './access-log.service';
import { PersonalDataAccessLogArgs, PersonalDataAccessLogConnection, PersonalDataAccessLogEntry } from './access-log.types';

@Resolver(() => PersonalDataAccessLogEntry)
export class AccessLogResolver {
  @Query(() => PersonalDataAccessLogConnection, {
    description:
      'Workspace admins: who read which personal data (fields and records, not values), newest first. Reads with masked access are not logged. Entries are kept for the workspace’s access log retention period.',
  })
  personalDataAccessLog(@Ctx() ctx: RequestContext, @Args() args: PersonalDataAccessLogArgs): Promise<ConnectionValue<AccessLogRow>> {
    return listAccessLog(ctx, args);
  }

  @FieldResolver(() => [ID])
  records(@Root() row: AccessLogRow): string[] {
    return recordIdsOf(row);
  }

  @FieldResolver(() => Int)
  recordCount(@Root() row: AccessLogRow): number {
    return row.recordIds.length;
  }

  @FieldResolver(() => User, { nullable: true })
  user(@Ctx() ctx: RequestContext, @Root() row: AccessLogRow): Promise<UserEntity | null> | null {
    return row.userId ? userById(ctx).load(row.userId) : null;
  }
}
