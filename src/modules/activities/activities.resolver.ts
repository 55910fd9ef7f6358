import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { PageArgsType } from '../../graphql/connection-types';
import { toGlobalId } from '../../graphql/global-id';
import type { ConnectionValue } from '../../graphql/pagination';
import type { RequestContext } from '../../tenancy/request-context';
import { Account, AccountEntity, accountById } from '../accounts';
import { Contact, ContactEntity, contactById } from '../contacts';
import { Lead, LeadEntity, leadById } from '../leads';
import { Opportunity, OpportunityEntity, opportunityById } from '../opportunities';
import { User, UserEntity, userById } from '../workspace';
import { ActivityEntity } from './activities.entity';
import { ActivityParent, activitiesByParent } from './activities.loaders';
import * as activities from './activities.service';
import {
  ActivitiesArgs,
  Activity,
  ActivityConnection,
  ActivityOrderField,
  CompleteActivityInput,
  CompleteActivityPayload,
  CreateActivityInput,
  CreateActivityPayload,
  DeleteActivityInput,
  DeleteActivityPayload,
  RecordActivitiesArgs,
  RestoreActivityInput,
  RestoreActivityPayload,
  TimelineArgs,
  UpdateActivityInput,
  UpdateActivityPayload,
} from './activities.types';

@Resolver(() => Activity)
export class ActivityResolver {
  @Query(() => ActivityConnection, { description: 'Activities of the workspace, filtered, sorted and paginated.' })
  activities(@Ctx() ctx: RequestContext, @Args() args: ActivitiesArgs): Promise<ConnectionValue<ActivityEntity>> {
    return activities.listActivities(ctx, args);
  }

  @Query(() => Activity, { nullable: true, description: 'One activity by ID; NOT_FOUND when it does not exist or is deleted.' })
  activity(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<ActivityEntity> {
    return activities.getActivity(ctx, id);
  }

  @Query(() => ActivityConnection, { description: 'Your open tasks, soonest due first (tasks without a due time last). Needs a signed-in user or a key acting for one.' })
  myOpenTasks(@Ctx() ctx: RequestContext, @Args() args: PageArgsType): Promise<ConnectionValue<ActivityEntity>> {
    return activities.listMyOpenTasks(ctx, args);
  }

  @Mutation(() => CreateActivityPayload, { description: 'Creates an activity; one linked to a contact marks the contact as active.' })
  createActivity(@Ctx() ctx: RequestContext, @Arg('input') input: CreateActivityInput): Promise<CreateActivityPayload> {
    return activities.createActivity(ctx, input);
  }

  @Mutation(() => UpdateActivityPayload, { description: 'Changes an activity (`completed: false` reopens it).' })
  updateActivity(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateActivityInput): Promise<UpdateActivityPayload> {
    return activities.updateActivity(ctx, input);
  }

  @Mutation(() => CompleteActivityPayload, { description: 'Completes an open activity now; one linked to a contact marks the contact as active.' })
  completeActivity(@Ctx() ctx: RequestContext, @Arg('input') input: CompleteActivityInput): Promise<CompleteActivityPayload> {
    return activities.completeActivity(ctx, input);
  }

  @Mutation(() => DeleteActivityPayload, { description: 'Moves an activity to the recycle bin.' })
  deleteActivity(@Ctx() ctx: RequestContext, @Arg('input') input: DeleteActivityInput): Promise<DeleteActivityPayload> {
    return activities.deleteActivity(ctx, input);
  }

  @Mutation(() => RestoreActivityPayload, { description: 'Restores an activity from the recycle bin.' })
  restoreActivity(@Ctx() ctx: RequestContext, @Arg('input') input: RestoreActivityInput): Promise<RestoreActivityPayload> {
    return activities.restoreActivity(ctx, input);
  }

  @FieldResolver(() => ID)
  id(@Root() activity: ActivityEntity): string {
    return toGlobalId('Activity', activity.id);
  }

  @FieldResolver(() => Boolean)
  completed(@Root() activity: ActivityEntity): boolean {
    return activity.completedAt !== null;
  }

  @FieldResolver(() => User, { nullable: true, description: 'The user who owns the activity.' })
  owner(@Ctx() ctx: RequestContext, @Root() activity: ActivityEntity): Promise<UserEntity | null> | null {
    return activity.ownerId ? userById(ctx).load(activity.ownerId) : null;
  }

  @FieldResolver(() => Account, { nullable: true, description: 'The account (given, or that of the contact or opportunity); null when none or outside what your role sees.' })
  account(@Ctx() ctx: RequestContext, @Root() activity: ActivityEntity): Promise<AccountEntity | null> | null {
    return activity.accountId ? accountById(ctx).load(activity.accountId) : null;
  }

  @FieldResolver(() => Contact, { nullable: true, description: 'The contact; null when none or outside what your role sees.' })
  contact(@Ctx() ctx: RequestContext, @Root() activity: ActivityEntity): Promise<ContactEntity | null> | null {
    return activity.contactId ? contactById(ctx).load(activity.contactId) : null;
  }

  @FieldResolver(() => Opportunity, { nullable: true, description: 'The opportunity; null when none or outside what your role sees.' })
  opportunity(@Ctx() ctx: RequestContext, @Root() activity: ActivityEntity): Promise<OpportunityEntity | null> | null {
    return activity.opportunityId ? opportunityById(ctx).load(activity.opportunityId) : null;
  }

  @FieldResolver(() => Lead, { nullable: true, description: 'The lead; null when none or outside what your role sees.' })
  lead(@Ctx() ctx: RequestContext, @Root() activity: ActivityEntity): Promise<LeadEntity | null> | null {
    return activity.leadId ? leadById(ctx).load(activity.leadId) : null;
  }
}

const NEWEST_FIRST = [{ field: ActivityOrderField.OCCURRED_AT, direction: 'DESC' as const }];

function recordActivities(ctx: RequestContext, parent: ActivityParent, parentId: string, args: RecordActivitiesArgs): Promise<ConnectionValue<ActivityEntity>> {
  return activitiesByParent(ctx, parent, { ...args }).load(parentId);
}

/** `Account.timeline`: activities extend the account type without the accounts module knowing them. */
@Resolver(() => Account)
export class AccountTimelineResolver {
  @FieldResolver(() => ActivityConnection, {
    description: 'Activities of the account, including those on its contacts and opportunities, newest first (by occurredAt, then id); batched across accounts.',
  })
  timeline(@Ctx() ctx: RequestContext, @Root() account: AccountEntity, @Args() { kinds, ...page }: TimelineArgs): Promise<ConnectionValue<ActivityEntity>> {
    return activitiesByParent(ctx, 'account_id', { ...page, where: kinds ? { kind: { in: kinds } } : null, orderBy: NEWEST_FIRST }).load(account.id);
  }
}

/** `Contact.activities`. */
@Resolver(() => Contact)
export class ContactActivitiesResolver {
  @FieldResolver(() => ActivityConnection, { description: 'Activities with this contact, newest first unless ordered otherwise (batched across contacts).' })
  activities(@Ctx() ctx: RequestContext, @Root() contact: ContactEntity, @Args() args: RecordActivitiesArgs): Promise<ConnectionValue<ActivityEntity>> {
    return recordActivities(ctx, 'contact_id', contact.id, args);
  }
}

/** `Opportunity.activities`. */
@Resolver(() => Opportunity)
export class OpportunityActivitiesResolver {
  @FieldResolver(() => ActivityConnection, { description: 'Activities on this opportunity, newest first unless ordered otherwise (batched across opportunities).' })
  activities(@Ctx() ctx: RequestContext, @Root() opportunity: OpportunityEntity, @Args() args: RecordActivitiesArgs): Promise<ConnectionValue<ActivityEntity>> {
    return recordActivities(ctx, 'opportunity_id', opportunity.id, args);
  }
}
