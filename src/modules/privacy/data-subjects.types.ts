import { IsEmail, IsOptional, MaxLength, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageArgsType, connectionTypes } from '../../graphql/connection-types';
import { PersonalCategory, PersonalField } from '../../graphql/personal';
import { DateTimeScalar, EmailScalar, JSONObjectScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-errors';
import { Contact } from '../contacts';

export enum PrivacyRequestKind {
  EXPORT = 'EXPORT',
  ERASURE = 'ERASURE',
  RESTRICTION = 'RESTRICTION',
  RESTRICTION_LIFTED = 'RESTRICTION_LIFTED',
  RETENTION_ERASURE = 'RETENTION_ERASURE',
}
registerEnumType(PrivacyRequestKind, {
  name: 'PrivacyRequestKind',
  description: 'What a data-subject request did.',
  valuesConfig: {
    EXPORT: { description: 'Everything held about the person was exported (right to know / access).' },
    ERASURE: { description: 'The person’s personal data was anonymised everywhere (right to delete).' },
    RESTRICTION: { description: 'Processing was restricted: data kept, excluded from outreach and bulk exports.' },
    RESTRICTION_LIFTED: { description: 'A restriction of processing was lifted.' },
    RETENTION_ERASURE: { description: 'The retention policy anonymised contacts without activity.' },
  },
});

@InputType({ description: 'Whom a data-subject request is about: a contact, or an e-mail address (every contact and user with it). Exactly one.' })
export class PersonalDataSubjectInput {
  @Field(() => ID, { nullable: true, description: 'A contact (Contact ID); contacts sharing one of its e-mail addresses are the same person.' })
  contactId?: string | null;

  @Field(() => EmailScalar, { nullable: true, description: 'An e-mail address, compared without case, against contacts’ primary and further addresses and users’ sign-in addresses.' })
  @IsOptional()
  @IsEmail()
  @MaxLength(320)
  email?: string | null;
}

@InputType({ description: 'A data-subject request.' })
export class PersonalDataRequestInput {
  @Field(() => PersonalDataSubjectInput) @ValidateNested() subject!: PersonalDataSubjectInput;

  @Field(() => String, { nullable: true, description: 'Why, for the record (e.g. a ticket number); kept with the request.' })
  @IsOptional()
  @MaxLength(1000)
  reason?: string | null;
}

@ObjectType('PrivacyRequest', { description: 'A data-subject request: who asked for what about whom, when, and what it did.' })
export class PrivacyRequest {
  @Field(() => ID, { description: 'Request ID.' }) id!: string;
  @Field(() => PrivacyRequestKind, { description: 'What the request did.' }) kind!: PrivacyRequestKind;
  @Field(() => [ID], { description: 'The contacts it concerned (Contact IDs).' }) subjectContactIds!: string[];
  @Field(() => [ID], { description: 'The workspace users it concerned (User IDs).' }) subjectUserIds!: string[];
  @PersonalField(() => EmailScalar, {
    nullable: true,
    category: PersonalCategory.CONTACT_DETAILS,
    column: 'subject_email',
    guardedBy: 'Contact',
    description: 'The e-mail address asked for, if the request named one; removed when that person is erased.',
  })
  subjectEmail!: string | null;
  @Field({ description: 'Who made the request: "user:<User ID>" or "api_key:<key ID>".' }) actor!: string;
  @Field(() => String, { nullable: true, description: 'Why, as given with the request.' }) reason!: string | null;
  @Field(() => JSONObjectScalar, { description: 'What it found or changed, by source (e.g. {"contacts": 2, "consents": 3}).' }) summary!: Record<string, unknown>;
  @Field(() => DateTimeScalar, { description: 'When.' }) at!: Date;
}

export const { Connection: PrivacyRequestConnection, Edge: PrivacyRequestEdge } = connectionTypes(PrivacyRequest, 'PrivacyRequest', 'privacy request');

@InputType({ description: 'Conditions on privacy requests; fields combine with AND.' })
export class PrivacyRequestFilter {
  @Field(() => PrivacyRequestKind, { nullable: true }) kind?: PrivacyRequestKind | null;
  @Field(() => ID, { nullable: true, description: 'Requests concerning this contact (Contact ID).' }) contactId?: string | null;
}

@ArgsType()
export class PrivacyRequestsArgs extends PageArgsType {
  @Field(() => PrivacyRequestFilter, { nullable: true }) where?: PrivacyRequestFilter | null;
}

@ObjectType({ description: 'Result of exportPersonalData.' })
export class ExportPersonalDataPayload {
  @Field(() => PrivacyRequest, { nullable: true, description: 'The recorded request.' }) request?: PrivacyRequest | null;
  @Field(() => JSONObjectScalar, {
    nullable: true,
    description:
      'Everything the workspace holds about the person, as one JSON document: contacts (every stored field, sensitive ones decrypted, custom fields), consents and their history, workspace user accounts, earlier privacy requests, and who read their personal data (the access log).',
  })
  document?: Record<string, unknown> | null;
  @Field(() => [UserError], { description: 'Why nothing was exported; empty on success.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of erasePersonalData.' })
export class ErasePersonalDataPayload {
  @Field(() => PrivacyRequest, { nullable: true, description: 'The recorded request.' }) request?: PrivacyRequest | null;
  @Field(() => Int, { nullable: true, description: 'Contacts anonymised (null when nothing was erased).' }) erasedContacts?: number | null;
  @Field(() => Int, { nullable: true, description: 'Former workspace users anonymised (null when nothing was erased).' }) erasedUsers?: number | null;
  @Field(() => [UserError], { description: 'Why nothing was erased; empty on success.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of restrictProcessing and liftProcessingRestriction.' })
export class ProcessingRestrictionPayload {
  @Field(() => PrivacyRequest, { nullable: true, description: 'The recorded request.' }) request?: PrivacyRequest | null;
  @Field(() => [Contact], { nullable: true, description: 'The contacts concerned, as they are now (null when nothing changed).' }) contacts?: Contact[] | null;
  @Field(() => [UserError], { description: 'Why nothing changed; empty on success.' }) userErrors!: UserError[];
}
