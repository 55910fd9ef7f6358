import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { toGlobalId } from '../../graphql/global-id';
import type { ConnectionValue } from '../../graphql/pagination';
import type { RequestContext } from '../../tenancy/request-context';
import { consentHistory, currentConsents } from './consent.loaders';
import type { ConsentRow } from './consent.loaders';
import * as consents from './consent.service';
import { Contact, ContactChannel, type ContactEntity } from '../contacts';
import {
  CanContactManyArgs,
  Consent,
  ConsentConnection,
  ConsentHistoryArgs,
  ConsentPurpose,
  ContactDecision,
  DECISION_ORDER,
  RecordConsentInput,
  RecordConsentPayload,
  WithdrawConsentInput,
  WithdrawConsentPayload,
} from './consent.types';

@Resolver(() => Consent)
export class ConsentResolver {
  @Query(() => ContactDecision, { description: `Whether the contact may be reached on the channel for the purpose, and why. ${DECISION_ORDER} NOT_FOUND when the contact does not exist, is in the recycle bin or is outside what your role sees.` })
  canContact(
    @Ctx() ctx: RequestContext,
    @Arg('contactId', () => ID, { description: 'The contact (Contact ID).' }) contactId: string,
    @Arg('channel', () => ContactChannel, { description: 'Channel of the outreach.' }) channel: ContactChannel,
    @Arg('purpose', () => ConsentPurpose, { description: 'Purpose of the outreach.' }) purpose: ConsentPurpose,
  ): Promise<consents.ContactDecisionValue> {
    return consents.canContact(ctx, contactId, channel, purpose);
  }

  @Query(() => [ContactDecision], { description: `canContact for a list of contacts (an outreach tool checking its recipients), in the order given. Contacts the caller cannot see answer with reason NOT_FOUND.` })
  canContactMany(@Ctx() ctx: RequestContext, @Args() args: CanContactManyArgs): Promise<consents.ContactDecisionValue[]> {
    return consents.canContactMany(ctx, args.contactIds, args.channel, args.purpose);
  }

  @Mutation(() => RecordConsentPayload, { description: 'Records a contact’s consent (or its withdrawal) for a channel and purpose, with its source and evidence. Refused with INVALID_STATE when granting for an erased or deceased contact.' })
  recordConsent(@Ctx() ctx: RequestContext, @Arg('input') input: RecordConsentInput): Promise<RecordConsentPayload> {
    return consents.recordConsent(ctx, input);
  }

  @Mutation(() => WithdrawConsentPayload, { description: 'Records that a contact withdrew consent for a channel and purpose. Always accepted.' })
  withdrawConsent(@Ctx() ctx: RequestContext, @Arg('input') input: WithdrawConsentInput): Promise<WithdrawConsentPayload> {
    return consents.withdrawConsent(ctx, input);
  }

  @FieldResolver(() => ID)
  id(@Root() consent: ConsentRow): string {
    return toGlobalId('Consent', consent.id);
  }
}

/** `Contact.consents` and `Contact.consentHistory`: consent extends the contact type without the contacts module knowing it. */
@Resolver(() => Contact)
export class ContactConsentsResolver {
  @FieldResolver(() => [Consent], { description: 'The current consent per channel and purpose that has any record (batched across contacts).' })
  consents(@Ctx() ctx: RequestContext, @Root() contact: ContactEntity): Promise<ConsentRow[]> {
    return currentConsents(ctx).load(contact.id);
  }

  @FieldResolver(() => ConsentConnection, { description: 'Every consent record, newest (by effective time) first (batched across contacts).' })
  consentHistory(@Ctx() ctx: RequestContext, @Root() contact: ContactEntity, @Args() args: ConsentHistoryArgs): Promise<ConnectionValue<ConsentRow>> {
    return consentHistory(ctx, { ...args }).load(contact.id);
  }
}
