import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { toGlobalId } from '../../graphql/global-id';
import type { ConnectionValue } from '../../graphql/pagination';
import { JSONObjectScalar } from '../../graphql/scalars';
import type { RequestContext } from '../../tenancy/request-context';
import { AccountConnection } from '../accounts';
import type { AccountEntity } from '../accounts';
import { ContactConnection } from '../contacts';
import type { ContactEntity } from '../contacts';
import { User, userById } from '../workspace';
import type { UserEntity } from '../workspace';
import { segmentMembersPage } from './segment-members';
import type { SegmentEntity } from './segments.entity';
import { visibleFilter } from './segments.filter';
import * as segments from './segments.service';
import {
  CreateSegmentInput,
  CreateSegmentPayload,
  DeleteSegmentInput,
  DeleteSegmentPayload,
  Segment,
  SegmentAccountsArgs,
  SegmentConnection,
  SegmentContactsArgs,
  SegmentsArgs,
  UpdateSegmentInput,
  UpdateSegmentPayload,
} from './segments.types';

@Resolver(() => Segment)
export class SegmentResolver {
  @Query(() => SegmentConnection, { description: 'Saved segments of accounts and contacts.' })
  segments(@Ctx() ctx: RequestContext, @Args() args: SegmentsArgs): Promise<ConnectionValue<SegmentEntity>> {
    return segments.listSegments(ctx, args);
  }

  @Query(() => Segment, { nullable: true, description: 'One segment by ID; NOT_FOUND when it does not exist or is deleted.' })
  segment(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<SegmentEntity> {
    return segments.getSegment(ctx, id);
  }

  @Mutation(() => CreateSegmentPayload, { description: 'Saves a segment; its filter must work as a list filter for you (INVALID or FORBIDDEN otherwise).' })
  createSegment(@Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo, @Arg('input') input: CreateSegmentInput): Promise<CreateSegmentPayload> {
    return segments.createSegment(ctx, info.schema, input);
  }

  @Mutation(() => UpdateSegmentPayload, { description: 'Changes a segment (a new filter is checked like a new segment’s).' })
  updateSegment(@Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo, @Arg('input') input: UpdateSegmentInput): Promise<UpdateSegmentPayload> {
    return segments.updateSegment(ctx, info.schema, input);
  }

  @Mutation(() => DeleteSegmentPayload, { description: 'Deletes a segment; campaigns keep the members already added from it.' })
  deleteSegment(@Ctx() ctx: RequestContext, @Arg('input') input: DeleteSegmentInput): Promise<DeleteSegmentPayload> {
    return segments.deleteSegment(ctx, input);
  }

  @FieldResolver(() => ID)
  id(@Root() segment: SegmentEntity): string {
    return toGlobalId('Segment', segment.id);
  }

  @FieldResolver(() => JSONObjectScalar)
  filter(@Ctx() ctx: RequestContext, @Root() segment: SegmentEntity): Promise<Record<string, unknown>> {
    return visibleFilter(ctx, segment.object, segment.filter);
  }

  @FieldResolver(() => User, { nullable: true, description: 'The user who owns the segment.' })
  owner(@Ctx() ctx: RequestContext, @Root() segment: SegmentEntity): Promise<UserEntity | null> | null {
    return segment.ownerId ? userById(ctx).load(segment.ownerId) : null;
  }

  @FieldResolver(() => Int, {
    description: 'How many records the filter matches now, within your record scope (one statement for all segments of a response). A filter that no longer works for you (e.g. a deleted custom field) is this field’s error.',
  })
  memberCount(@Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo, @Root() segment: SegmentEntity): Promise<number> {
    return segments.memberCountBySegment(ctx, info.schema).load(segment);
  }

  @FieldResolver(() => AccountConnection, { nullable: true, description: 'The accounts the filter matches now, within your record scope; null for a contact segment. One statement per segment: ask it of one segment at a time.' })
  accounts(@Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo, @Root() segment: SegmentEntity, @Args() args: SegmentAccountsArgs): Promise<ConnectionValue<AccountEntity>> | null {
    return segment.object === 'ACCOUNT' ? segmentMembersPage(ctx, info.schema, segment, 'ACCOUNT', args) : null;
  }

  @FieldResolver(() => ContactConnection, {
    description: 'The contacts the segment reaches now, within your record scope: its contacts, or the contacts of its accounts. One statement per segment: ask it of one segment at a time.',
  })
  contacts(@Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo, @Root() segment: SegmentEntity, @Args() args: SegmentContactsArgs): Promise<ConnectionValue<ContactEntity>> {
    return segmentMembersPage(ctx, info.schema, segment, 'CONTACT', args);
  }
}
