import { IsNotEmpty, IsOptional, MaxLength } from 'class-validator';
import { ArgsType, Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { PageArgsType, connectionTypes } from '../../graphql/connection-types';
import { PersonalCategory, PersonalField } from '../../graphql/personal';
import { DateTimeScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-errors';
import { Contact, ContactChannel, type ContactEntity } from '../contacts';

export enum ConsentPurpose {
  MARKETING = 'MARKETING',
  SERVICE = 'SERVICE',
  ANALYTICS = 'ANALYTICS',
}
registerEnumType(ConsentPurpose, {
  name: 'ConsentPurpose',
  description: 'What contacting a person (or using their data) is for.',
  valuesConfig: {
    MARKETING: { description: 'Promotion, newsletters, offers: needs the person’s explicit consent.' },
    SERVICE: { description: 'Serving an existing relationship (appointments, contract and service messages): allowed unless the person withdrew it.' },
    ANALYTICS: { description: 'Tracking and analysing the person’s behaviour: needs the person’s explicit consent.' },
  },
});

export enum ConsentStatus {
  GRANTED = 'GRANTED',
  WITHDRAWN = 'WITHDRAWN',
}
registerEnumType(ConsentStatus, {
  name: 'ConsentStatus',
  description: 'Whether a consent record gives or takes back permission.',
  valuesConfig: { GRANTED: { description: 'The person agreed.' }, WITHDRAWN: { description: 'The person withdrew (or refused) their consent.' } },
});

export enum ContactDecisionReason {
  ERASED = 'ERASED',
  DECEASED = 'DECEASED',
  DO_NOT_CONTACT = 'DO_NOT_CONTACT',
  PROCESSING_RESTRICTED = 'PROCESSING_RESTRICTED',
  CHANNEL_OPTED_OUT = 'CHANNEL_OPTED_OUT',
  NO_ADDRESS = 'NO_ADDRESS',
  CONSENT_WITHDRAWN = 'CONSENT_WITHDRAWN',
  NO_CONSENT = 'NO_CONSENT',
  CONSENT_GRANTED = 'CONSENT_GRANTED',
  SERVICE_RELATIONSHIP = 'SERVICE_RELATIONSHIP',
  NOT_FOUND = 'NOT_FOUND',
}
/** The order canContact applies its rules in (the schema lists enum values alphabetically). */
export const DECISION_ORDER =
  'The first that applies decides: ERASED, DECEASED, DO_NOT_CONTACT, PROCESSING_RESTRICTED, CHANNEL_OPTED_OUT, NO_ADDRESS, CONSENT_WITHDRAWN; then MARKETING and ANALYTICS need a granted consent (CONSENT_GRANTED, else NO_CONSENT), while SERVICE is allowed unless withdrawn (SERVICE_RELATIONSHIP, or CONSENT_GRANTED when consent was given).';

registerEnumType(ContactDecisionReason, {
  name: 'ContactDecisionReason',
  description: `Why outreach is allowed or not. ${DECISION_ORDER}`,
  valuesConfig: {
    ERASED: { description: 'Not allowed: the person’s personal data was erased.' },
    DECEASED: { description: 'Not allowed: the person has died.' },
    DO_NOT_CONTACT: { description: 'Not allowed: the person asked not to be contacted at all (doNotContact).' },
    PROCESSING_RESTRICTED: { description: 'Not allowed: the person asked to restrict processing of their data.' },
    CHANNEL_OPTED_OUT: { description: 'Not allowed: the person opted out of the channel (doNotEmail for EMAIL, doNotCall for PHONE and SMS, doNotMail for POST and VISIT).' },
    NO_ADDRESS: {
      description: 'Not allowed: nothing to reach the person on that channel (EMAIL: no e-mail address; PHONE: no phone or mobile; SMS: no mobile; POST and VISIT: no mailing address with street and city or postal code).',
    },
    CONSENT_WITHDRAWN: { description: 'Not allowed: the person’s current consent for this channel and purpose is withdrawn.' },
    NO_CONSENT: { description: 'Not allowed: MARKETING and ANALYTICS need consent for the channel, and there is none.' },
    CONSENT_GRANTED: { description: 'Allowed: the person’s current consent for this channel and purpose is granted.' },
    SERVICE_RELATIONSHIP: { description: 'Allowed: SERVICE messages need no consent, and the person did not withdraw it.' },
    NOT_FOUND: { description: 'Not allowed (canContactMany only): the contact does not exist, is in the recycle bin or is outside what your role sees.' },
  },
});

/** Contacts one canContactMany answers for (an outreach tool checks a page of its list at a time). */
export const MAX_DECISIONS = 100;

const CONTACT_CHANNEL = 'Channel: EMAIL, PHONE, SMS, POST or VISIT.';

@ObjectType('Consent', { description: 'One consent record of a contact for a channel and purpose. Records are never changed: a newer record supersedes an older one.' })
export class Consent {
  @Field(() => ID, { description: 'Opaque global ID of the record.' }) id!: string;
  @Field(() => ContactChannel, { description: 'The channel the consent is about.' }) channel!: ContactChannel;
  @Field(() => ConsentPurpose, { description: 'The purpose the consent is about.' }) purpose!: ConsentPurpose;
  @Field(() => ConsentStatus, { description: 'Granted or withdrawn.' }) status!: ConsentStatus;
  @Field({ description: 'Where the consent was given or withdrawn, e.g. "web form", "phone call", "unsubscribe link".' }) source!: string;
  @PersonalField(() => String, {
    nullable: true,
    category: PersonalCategory.IDENTITY,
    column: 'evidence',
    guardedBy: 'Contact',
    description: 'Proof of the consent, e.g. form version, double-opt-in confirmation, IP address.',
  })
  evidence!: string | null;
  @Field(() => DateTimeScalar, { description: 'When the consent took effect (given or withdrawn); the latest decides the current state.' }) effectiveAt!: Date;
  @Field(() => DateTimeScalar, { description: 'When the record was written.' }) recordedAt!: Date;
  @Field({ description: 'What kind of principal recorded it (api_key or user).' }) recordedByKind!: string;
  @Field({ description: 'Who recorded it: the acting key (its ID) or user (User ID).' }) recordedBy!: string;
}

export const { Connection: ConsentConnection, Edge: ConsentEdge } = connectionTypes(Consent, 'Consent', 'consent record');

@ArgsType()
export class ConsentHistoryArgs extends PageArgsType {
  @Field(() => ContactChannel, { nullable: true, description: 'Only records for this channel.' }) channel?: ContactChannel | null;
  @Field(() => ConsentPurpose, { nullable: true, description: 'Only records for this purpose.' }) purpose?: ConsentPurpose | null;
}

@ObjectType('ContactDecision', { description: 'Whether a contact may be reached on a channel for a purpose, and why.' })
export class ContactDecision {
  @Field(() => ID, { description: 'The contact asked about (Contact ID).' }) contactId!: string;
  @Field(() => Contact, { nullable: true, description: 'The contact (null when NOT_FOUND).' }) contact!: ContactEntity | null;
  @Field(() => ContactChannel, { description: 'The channel asked about.' }) channel!: ContactChannel;
  @Field(() => ConsentPurpose, { description: 'The purpose asked about.' }) purpose!: ConsentPurpose;
  @Field({ description: 'Whether the contact may be reached.' }) allowed!: boolean;
  @Field(() => ContactDecisionReason, { description: 'The rule that decided.' }) reason!: ContactDecisionReason;
  @Field({ description: 'The reason in words, for a person.' }) explanation!: string;
  @Field(() => Consent, { nullable: true, description: 'The current consent for the channel and purpose, when there is one.' }) consent!: Consent | null;
  @Field(() => ContactChannel, { nullable: true, description: 'How the person prefers to be reached.' }) preferredChannel!: ContactChannel | null;
  @Field({ description: 'Whether the channel asked about is the person’s preferred one.' }) isPreferredChannel!: boolean;
}

@ArgsType()
export class CanContactManyArgs {
  @Field(() => [ID], { description: `Contacts (Contact IDs), 1–${MAX_DECISIONS}; answered in this order, one decision per ID.` }) contactIds!: string[];
  @Field(() => ContactChannel, { description: CONTACT_CHANNEL }) channel!: ContactChannel;
  @Field(() => ConsentPurpose, { description: 'Purpose of the outreach.' }) purpose!: ConsentPurpose;
}

@InputType('ConsentChange')
class ConsentChange {
  @Field(() => ID, { description: 'The contact (Contact ID).' }) contactId!: string;
  @Field(() => ContactChannel, { description: CONTACT_CHANNEL }) channel!: ContactChannel;
  @Field(() => ConsentPurpose, { description: 'Purpose the consent is for.' }) purpose!: ConsentPurpose;
  @Field({ description: 'Where the consent was given or withdrawn, e.g. "web form" (1–200 characters).' }) @IsNotEmpty() @MaxLength(200) source!: string;
  @Field(() => String, { nullable: true, description: 'Proof, e.g. form version, double-opt-in confirmation ID (up to 2000 characters). Personal data.' })
  @IsOptional()
  @MaxLength(2000)
  evidence?: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When it took effect; default now. May lie in the past (importing history), not in the future (5 minutes of clock skew are tolerated).' })
  effectiveAt?: Date | null;
  @Field(() => String, { nullable: true, description: 'Retrying with the same key returns the first result instead of recording twice.' })
  @IsOptional()
  @MaxLength(200)
  idempotencyKey?: string | null;
}

@InputType({ description: 'A consent (or its withdrawal) to record for a contact.' })
export class RecordConsentInput extends ConsentChange {
  @Field(() => ConsentStatus, { defaultValue: ConsentStatus.GRANTED, description: 'Granted (default) or withdrawn.' }) status!: ConsentStatus;
}

@InputType({ description: 'A withdrawal of consent to record for a contact.' })
export class WithdrawConsentInput extends ConsentChange {}

@ObjectType('ConsentPayload')
class ConsentPayload {
  @Field(() => Consent, { nullable: true, description: 'The consent record written, when the mutation succeeded.' }) consent?: Consent | null;
  @Field(() => Contact, { nullable: true, description: 'The contact, with its current consents, when the mutation succeeded.' }) contact?: ContactEntity | null;
  @Field(() => [UserError], { description: 'Why the mutation wrote nothing; empty on success.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of recordConsent.' }) export class RecordConsentPayload extends ConsentPayload {}
@ObjectType({ description: 'Result of withdrawConsent.' }) export class WithdrawConsentPayload extends ConsentPayload {}
