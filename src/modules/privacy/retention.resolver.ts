import { Arg, Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { ConnectionValue } from '../../graphql/pagination';
import type { RequestContext } from '../../tenancy/request-context';
import { ContactConnection, ContactEntity } from '../contacts';
import * as retention from './retention.service';
import { ApplyRetentionPolicyInput, ApplyRetentionPolicyPayload, PrivacyPolicy, RetentionReviewArgs, UpdatePrivacyPolicyInput, UpdatePrivacyPolicyPayload } from './retention.types';

@Resolver()
export class RetentionResolver {
  @Query(() => PrivacyPolicy, { description: 'Workspace admins: how long personal data is kept.' })
  privacyPolicy(@Ctx() ctx: RequestContext): Promise<PrivacyPolicy> {
    return retention.getPrivacyPolicy(ctx);
  }

  @Mutation(() => UpdatePrivacyPolicyPayload, { description: 'Workspace admins: changes the retention of the access log and of inactive contacts. Audited.' })
  updatePrivacyPolicy(@Ctx() ctx: RequestContext, @Arg('input') input: UpdatePrivacyPolicyInput): Promise<UpdatePrivacyPolicyPayload> {
    return retention.updatePrivacyPolicy(ctx, input);
  }

  @Query(() => ContactConnection, {
    description: 'Workspace admins: contacts without activity for the policy’s inactiveContactReviewMonths (recycle bin included), least recently active first; empty when the policy has no review.',
  })
  contactsDueForRetentionReview(@Ctx() ctx: RequestContext, @Args() args: RetentionReviewArgs): Promise<ConnectionValue<ContactEntity>> {
    return retention.contactsDueForReview(ctx, args);
  }

  @Mutation(() => ApplyRetentionPolicyPayload, { description: 'Workspace admins: anonymises contacts due for retention review (the erasure of erasePersonalData), recorded as one RETENTION_ERASURE request.' })
  applyRetentionPolicy(@Ctx() ctx: RequestContext, @Arg('input', () => ApplyRetentionPolicyInput, { defaultValue: {} }) input: ApplyRetentionPolicyInput): Promise<ApplyRetentionPolicyPayload> {
    return retention.applyRetentionPolicy(ctx, input);
  }
}
