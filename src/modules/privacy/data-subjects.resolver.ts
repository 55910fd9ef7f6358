import { Arg, Args, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { ConnectionValue } from '../../graphql/pagination';
import type { RequestContext } from '../../tenancy/request-context';
import * as subjects from './data-subjects.service';
import { listPrivacyRequests } from './privacy-requests';
import {
  ErasePersonalDataPayload,
  ExportPersonalDataPayload,
  PersonalDataRequestInput,
  PrivacyRequest,
  PrivacyRequestConnection,
  PrivacyRequestsArgs,
  ProcessingRestrictionPayload,
} from './data-subjects.types';

@Resolver()
export class DataSubjectsResolver {
  @Mutation(() => ExportPersonalDataPayload, { description: 'Workspace admins: everything held about a person, as one JSON document (right to know and of access). Recorded as a privacy request.' })
  exportPersonalData(@Ctx() ctx: RequestContext, @Arg('input') input: PersonalDataRequestInput): Promise<ExportPersonalDataPayload> {
    return subjects.exportPersonalData(ctx, input);
  }

  @Mutation(() => ErasePersonalDataPayload, {
    description:
      'Workspace admins: irreversibly anonymises every personal field of a person everywhere (contacts incl. the recycle bin, personal custom fields, consent evidence, former user accounts, earlier requests naming their address) while keeping business records. Refused for active workspace users (deactivate first). Recorded without the address.',
  })
  erasePersonalData(@Ctx() ctx: RequestContext, @Arg('input') input: PersonalDataRequestInput): Promise<ErasePersonalDataPayload> {
    return subjects.erasePersonalData(ctx, input);
  }

  @Mutation(() => ProcessingRestrictionPayload, { description: 'Workspace admins: keeps a person’s data but excludes it from outreach (canContact) and bulk exports. Recorded.' })
  restrictProcessing(@Ctx() ctx: RequestContext, @Arg('input') input: PersonalDataRequestInput): Promise<ProcessingRestrictionPayload> {
    return subjects.restrictProcessing(ctx, input);
  }

  @Mutation(() => ProcessingRestrictionPayload, { description: 'Workspace admins: lifts a restriction of processing. Recorded.' })
  liftProcessingRestriction(@Ctx() ctx: RequestContext, @Arg('input') input: PersonalDataRequestInput): Promise<ProcessingRestrictionPayload> {
    return subjects.liftProcessingRestriction(ctx, input);
  }

  @Query(() => PrivacyRequestConnection, { description: 'Workspace admins: data-subject requests and retention erasures, newest first.' })
  privacyRequests(@Ctx() ctx: RequestContext, @Args() args: PrivacyRequestsArgs): Promise<ConnectionValue<PrivacyRequest>> {
    return listPrivacyRequests(ctx, args);
  }
}
