import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { toGlobalId } from '../../graphql/global-id';
import type { ConnectionValue } from '../../graphql/pagination';
import type { RequestContext } from '../../tenancy/request-context';
import { Account, AccountEntity, accountById } from '../accounts';
import { Contact, ContactEntity, contactById } from '../contacts';
import { Opportunity, OpportunityEntity, opportunityById } from '../opportunities';
import { User, UserEntity, userById } from '../workspace';
import { convertLead } from './lead-conversion';
import { ConvertLeadInput, ConvertLeadPayload } from './lead-conversion.types';
import { LeadEntity } from './leads.entity';
import { accountsByDomain, contactsByEmail } from './leads.loaders';
import * as leads from './leads.service';
import {
  CreateLeadInput,
  CreateLeadPayload,
  DeleteLeadInput,
  DeleteLeadPayload,
  DisqualifyLeadInput,
  DisqualifyLeadPayload,
  Lead,
  LeadConnection,
  LeadDuplicates,
  LeadsArgs,
  QualifyLeadInput,
  QualifyLeadPayload,
  RestoreLeadInput,
  RestoreLeadPayload,
  UpdateLeadInput,
  UpdateLeadPayload,
} from './leads.types';

@Resolver(() => Lead)
export class LeadResolver {
  @Query(() => LeadConnection, { description: 'Leads of the workspace, filtered, sorted and paginated.' })
  leads(@Ctx() ctx: RequestContext, @Args() args: LeadsArgs): Promise<ConnectionValue<LeadEntity>> {
    return leads.listLeads(ctx, args);
  }

  @Query(() => Lead, { nullable: true, description: 'One lead by ID; NOT_FOUND when it does not exist or is deleted.' })
  lead(@Ctx() ctx: RequestContext, @Arg('id', () => ID) id: string): Promise<LeadEntity> {
    return leads.getLead(ctx, id);
  }

  @Mutation(() => CreateLeadPayload, { description: 'Captures a lead.' })
  createLead(@Ctx() ctx: RequestContext, @Arg('input') input: CreateLeadInput): Promise<CreateLeadPayload> {
    return leads.createLead(ctx, input);
  }

  @Mutation(() => UpdateLeadPayload, { description: 'Changes a lead; a converted lead is INVALID_STATE.' })
  updateLead(@Ctx() ctx: RequestContext, @Arg('input') input: UpdateLeadInput): Promise<UpdateLeadPayload> {
    return leads.updateLead(ctx, input);
  }

  @Mutation(() => QualifyLeadPayload, { description: 'Marks a lead as worth pursuing (status QUALIFIED).' })
  qualifyLead(@Ctx() ctx: RequestContext, @Arg('input') input: QualifyLeadInput): Promise<QualifyLeadPayload> {
    return leads.qualifyLead(ctx, input);
  }

  @Mutation(() => DisqualifyLeadPayload, { description: 'Marks a lead as not worth pursuing (status UNQUALIFIED), with the reason.' })
  disqualifyLead(@Ctx() ctx: RequestContext, @Arg('input') input: DisqualifyLeadInput): Promise<DisqualifyLeadPayload> {
    return leads.disqualifyLead(ctx, input);
  }

  @Mutation(() => DeleteLeadPayload, { description: 'Moves a lead to the recycle bin.' })
  deleteLead(@Ctx() ctx: RequestContext, @Arg('input') input: DeleteLeadInput): Promise<DeleteLeadPayload> {
    return leads.deleteLead(ctx, input);
  }

  @Mutation(() => RestoreLeadPayload, { description: 'Restores a lead from the recycle bin.' })
  restoreLead(@Ctx() ctx: RequestContext, @Arg('input') input: RestoreLeadInput): Promise<RestoreLeadPayload> {
    return leads.restoreLead(ctx, input);
  }

  @Mutation(() => ConvertLeadPayload, {
    description: 'Converts a lead into an account (created or linked), a contact (created from the lead or linked) and optionally an opportunity, all or nothing.',
  })
  convertLead(@Ctx() ctx: RequestContext, @Arg('input') input: ConvertLeadInput): Promise<ConvertLeadPayload> {
    return convertLead(ctx, input);
  }

  @FieldResolver(() => ID)
  id(@Root() lead: LeadEntity): string {
    return toGlobalId('Lead', lead.id);
  }

  @FieldResolver(() => String)
  name(@Root() lead: LeadEntity): string {
    return [lead.firstName, lead.lastName].filter(Boolean).join(' ');
  }

  @FieldResolver(() => User, { nullable: true, description: 'The user who owns the lead.' })
  owner(@Ctx() ctx: RequestContext, @Root() lead: LeadEntity): Promise<UserEntity | null> | null {
    return lead.ownerId ? userById(ctx).load(lead.ownerId) : null;
  }

  @FieldResolver(() => LeadDuplicates, { description: 'Contacts and accounts that look like this lead’s person or company (batched across leads).' })
  duplicates(@Root() lead: LeadEntity): DuplicatesOf {
    return { lead };
  }

  @FieldResolver(() => Account, { nullable: true, description: 'The account the lead was converted into (null when out of what your role sees).' })
  convertedAccount(@Ctx() ctx: RequestContext, @Root() lead: LeadEntity): Promise<AccountEntity | null> | null {
    return lead.convertedAccountId ? accountById(ctx).load(lead.convertedAccountId) : null;
  }

  @FieldResolver(() => Contact, { nullable: true, description: 'The contact the lead was converted into (null when out of what your role sees).' })
  convertedContact(@Ctx() ctx: RequestContext, @Root() lead: LeadEntity): Promise<ContactEntity | null> | null {
    return lead.convertedContactId ? contactById(ctx).load(lead.convertedContactId) : null;
  }

  @FieldResolver(() => Opportunity, { nullable: true, description: 'The opportunity opened by the conversion (null when none, or out of what your role sees).' })
  convertedOpportunity(@Ctx() ctx: RequestContext, @Root() lead: LeadEntity): Promise<OpportunityEntity | null> | null {
    return lead.convertedOpportunityId ? opportunityById(ctx).load(lead.convertedOpportunityId) : null;
  }
}

/** The lead whose duplicates are asked for; each half is loaded only when selected (each has its own rule). */
interface DuplicatesOf {
  lead: LeadEntity;
}

/** `Lead.duplicates`: one statement per half for every lead of the response. */
@Resolver(() => LeadDuplicates)
export class LeadDuplicatesResolver {
  @FieldResolver(() => [Contact])
  contacts(@Ctx() ctx: RequestContext, @Root() { lead }: DuplicatesOf): Promise<ContactEntity[]> | ContactEntity[] {
    return lead.email ? contactsByEmail(ctx).load(lead.email.toLowerCase()) : [];
  }

  @FieldResolver(() => [Account])
  accounts(@Ctx() ctx: RequestContext, @Root() { lead }: DuplicatesOf): Promise<AccountEntity[]> | AccountEntity[] {
    return lead.domain ? accountsByDomain(ctx).load(lead.domain) : [];
  }
}
