import { ArrayMaxSize, IsNotEmpty, IsOptional, MaxLength, ValidateIf, ValidateNested } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PageArgsType, SortDirection, connectionTypes } from '../../graphql/connection-types';
import { BooleanFilter, DateTimeFilter, IDFilter, StringFilter, enumFilter } from '../../graphql/filter-types';
import { Node } from '../../graphql/node';
import { PersonalCategory, PersonalField } from '../../graphql/personal';
import { DateScalar, DateTimeScalar, EmailScalar, JSONObjectScalar, PhoneScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-errors';
import { Address, AddressInput } from '../../graphql/values';
import { CUSTOM_FIELDS_INPUT_DESCRIPTION, CustomFieldFilter, customFieldsOutputDescription } from '../custom-fields';

/** What erasure leaves as the family name (the column is required). */
export const ERASED_NAME = 'Erased';

export enum ContactChannel {
  EMAIL = 'EMAIL',
  PHONE = 'PHONE',
  SMS = 'SMS',
  POST = 'POST',
  VISIT = 'VISIT',
}
registerEnumType(ContactChannel, { name: 'ContactChannel', description: 'A way to reach a person.' });

export enum ContactOrderField {
  LAST_NAME = 'LAST_NAME',
  FIRST_NAME = 'FIRST_NAME',
  EMAIL = 'EMAIL',
  CREATED_AT = 'CREATED_AT',
  UPDATED_AT = 'UPDATED_AT',
}
registerEnumType(ContactOrderField, { name: 'ContactOrderField', description: 'Fields contacts can be sorted by.' });

@ObjectType('Contact', { implements: Node, description: 'A person the workspace talks to, usually at an account.' })
export class Contact implements Node {
  @Field(() => ID, { description: 'Opaque global ID.' }) id!: string;
  @PersonalField(() => String, { nullable: true, category: PersonalCategory.IDENTITY, column: 'first_name', description: 'Given name.' }) firstName!: string | null;
  @PersonalField(() => String, { category: PersonalCategory.IDENTITY, column: 'last_name', erasedValue: ERASED_NAME, description: 'Family name.' }) lastName!: string;
  @PersonalField(() => String, { category: PersonalCategory.IDENTITY, derivedFrom: ['firstName', 'lastName'], description: 'Full name for display.' }) name!: string;
  @PersonalField(() => EmailScalar, { nullable: true, category: PersonalCategory.CONTACT_DETAILS, column: 'email', description: 'Primary e-mail address.' }) email!: string | null;
  @PersonalField(() => [EmailScalar], { category: PersonalCategory.CONTACT_DETAILS, column: 'additional_emails', erasedValue: [], description: 'Further e-mail addresses.' })
  additionalEmails!: string[];
  @PersonalField(() => PhoneScalar, { nullable: true, category: PersonalCategory.CONTACT_DETAILS, column: 'phone', description: 'Work phone (E.164).' }) phone!: string | null;
  @PersonalField(() => PhoneScalar, { nullable: true, category: PersonalCategory.CONTACT_DETAILS, column: 'mobile_phone', description: 'Mobile phone (E.164).' }) mobilePhone!: string | null;
  @PersonalField(() => String, { nullable: true, category: PersonalCategory.IDENTITY, column: 'job_title', description: 'Job title.' }) jobTitle!: string | null;
  @PersonalField(() => Address, { nullable: true, category: PersonalCategory.LOCATION, column: 'mailing_address', description: 'Postal address for mail.' }) mailingAddress!: Address | null;
  @PersonalField(() => DateScalar, { nullable: true, category: PersonalCategory.SENSITIVE, column: 'birth_date_sealed', description: 'Date of birth.' }) birthDate!: string | null;
  @Field(() => ContactChannel, { nullable: true, description: 'How the person prefers to be reached.' }) preferredChannel!: ContactChannel | null;
  @Field({ description: 'The person asked not to be contacted at all.' }) doNotContact!: boolean;
  @Field({ description: 'No e-mail to this person.' }) doNotEmail!: boolean;
  @Field({ description: 'No phone calls to this person.' }) doNotCall!: boolean;
  @Field({ description: 'No postal mail to this person.' }) doNotMail!: boolean;
  @Field({ description: 'The person has died: no outreach of any kind.' }) deceased!: boolean;
  @Field({ description: 'The person asked to restrict processing (restrictProcessing): the data is kept but excluded from outreach and bulk exports.' }) processingRestricted!: boolean;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the person’s personal data was erased (erasePersonalData or the retention policy); the business record remains.' })
  erasedAt!: Date | null;
  @Field(() => DateTimeScalar, { description: 'Last change to the contact or its consents (activities count too once they exist); the retention policy measures inactivity from here.' })
  lastActivityAt!: Date;
  @Field(() => JSONObjectScalar, { description: customFieldsOutputDescription('Contact') }) customFields!: Record<string, unknown>;
  @Field(() => Int, { description: 'Increases with every change; pass it as expectedVersion to avoid lost updates.' }) version!: number;
  @Field(() => DateTimeScalar, { description: 'When the contact was created.' }) createdAt!: Date;
  @Field(() => DateTimeScalar, { description: 'When the contact last changed.' }) updatedAt!: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the contact was moved to the recycle bin.' }) deletedAt!: Date | null;
}

export const { Connection: ContactConnection, Edge: ContactEdge } = connectionTypes(Contact, 'Contact', 'contact');

@InputType({ description: 'Sort contacts by a field.' })
export class ContactOrder {
  @Field(() => ContactOrderField) field!: ContactOrderField;
  @Field(() => SortDirection, { defaultValue: SortDirection.ASC }) direction!: SortDirection;
}

export const ContactChannelFilter = enumFilter(ContactChannel, 'ContactChannel');

@InputType({ description: 'Conditions on contacts; fields combine with AND.' })
export class ContactFilter {
  @Field(() => IDFilter, { nullable: true }) id?: IDFilter;
  @Field(() => IDFilter, { nullable: true, description: 'Account (Account ID).' }) account?: IDFilter;
  @Field(() => IDFilter, { nullable: true, description: 'Owner (User ID).' }) owner?: IDFilter;
  @Field(() => StringFilter, { nullable: true }) firstName?: StringFilter;
  @Field(() => StringFilter, { nullable: true }) lastName?: StringFilter;
  @Field(() => StringFilter, { nullable: true, description: 'Compared without case.' }) email?: StringFilter;
  @Field(() => StringFilter, { nullable: true }) jobTitle?: StringFilter;
  @Field(() => ContactChannelFilter, { nullable: true }) preferredChannel?: InstanceType<typeof ContactChannelFilter>;
  @Field(() => BooleanFilter, { nullable: true }) doNotContact?: BooleanFilter;
  @Field(() => DateTimeFilter, { nullable: true }) createdAt?: DateTimeFilter;
  @Field(() => DateTimeFilter, { nullable: true }) updatedAt?: DateTimeFilter;
  @Field(() => [CustomFieldFilter], { nullable: true, description: 'Conditions on custom fields; all must hold.' }) customFields?: CustomFieldFilter[];
  @Field(() => [ContactFilter], { nullable: true, description: 'All of these.' }) and?: ContactFilter[];
  @Field(() => [ContactFilter], { nullable: true, description: 'Any of these.' }) or?: ContactFilter[];
  @Field(() => ContactFilter, { nullable: true, description: 'Not this.' }) not?: ContactFilter;
}

@ArgsType()
export class ContactsArgs extends PageArgsType {
  @Field(() => ContactFilter, { nullable: true }) where?: ContactFilter;
  @Field(() => [ContactOrder], { nullable: true, description: 'Default: last name, then first name.' }) orderBy?: ContactOrder[];
  @Field(() => Boolean, { defaultValue: false, description: 'List the recycle bin (soft-deleted contacts) instead.' }) inRecycleBin!: boolean;
}

/** Arguments of the nested `Account.contacts` list. */
@ArgsType()
export class AccountContactsArgs extends PageArgsType {
  @Field(() => ContactFilter, { nullable: true }) where?: ContactFilter;
  @Field(() => [ContactOrder], { nullable: true, description: 'Default: last name, then first name.' }) orderBy?: ContactOrder[];
}

@InputType('ContactFields')
class ContactFields {
  @Field(() => ID, { nullable: true, description: 'Account (Account ID); null detaches.' }) accountId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Owner (User ID). A new contact without one is owned by the signed-in user (or the key\'s user).' }) ownerId?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(255) firstName?: string | null;
  @Field(() => EmailScalar, { nullable: true }) @IsOptional() @MaxLength(320) email?: string | null;
  @Field(() => [EmailScalar], { nullable: true }) @IsOptional() @ArrayMaxSize(10) additionalEmails?: string[] | null;
  @Field(() => PhoneScalar, { nullable: true }) phone?: string | null;
  @Field(() => PhoneScalar, { nullable: true }) mobilePhone?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(255) jobTitle?: string | null;
  @Field(() => AddressInput, { nullable: true }) @IsOptional() @ValidateNested() mailingAddress?: AddressInput | null;
  @Field(() => ContactChannel, { nullable: true }) preferredChannel?: ContactChannel | null;
  @Field(() => Boolean, { nullable: true }) doNotContact?: boolean;
  @Field(() => Boolean, { nullable: true }) doNotEmail?: boolean;
  @Field(() => Boolean, { nullable: true }) doNotCall?: boolean;
  @Field(() => Boolean, { nullable: true }) doNotMail?: boolean;
  @Field(() => Boolean, { nullable: true, description: 'The person has died: stops all outreach.' }) deceased?: boolean;
  @Field(() => DateScalar, { nullable: true, description: 'Date of birth; stored encrypted.' }) birthDate?: string | null;
  @Field(() => JSONObjectScalar, { nullable: true, description: CUSTOM_FIELDS_INPUT_DESCRIPTION }) customFields?: Record<string, unknown> | null;
}

@InputType({ description: 'A new contact.' })
export class CreateContactInput extends ContactFields {
  @Field({ description: 'Family name.' }) @IsNotEmpty() @MaxLength(255) lastName!: string;
  @Field(() => String, { nullable: true, description: 'Retrying with the same key returns the first result instead of creating twice.' })
  @IsOptional()
  @MaxLength(200)
  idempotencyKey?: string | null;
}

@InputType({ description: 'Changes to a contact. Omitted fields stay as they are; null clears a field.' })
export class UpdateContactInput extends ContactFields {
  @Field(() => ID) id!: string;
  @Field(() => Int, { nullable: true, description: 'Refuse the change with CONFLICT unless the contact is at this version.' }) expectedVersion?: number | null;
  // Omitted means unchanged; null would clear a required field, so it is refused like an empty string.
  @Field(() => String, { nullable: true }) @ValidateIf((input) => input.lastName !== undefined) @IsNotEmpty() @MaxLength(255) lastName?: string;
}

@InputType({ description: 'The contact to move to the recycle bin.' })
export class DeleteContactInput {
  @Field(() => ID) id!: string;
  @Field(() => Int, { nullable: true }) expectedVersion?: number | null;
}

@InputType({ description: 'The contact to restore from the recycle bin.' })
export class RestoreContactInput {
  @Field(() => ID) id!: string;
}

@ObjectType('ContactPayload')
class ContactPayload {
  @Field(() => Contact, { nullable: true, description: 'The contact, when the mutation succeeded.' }) contact?: Contact | null;
  @Field(() => [UserError], { description: 'Why the mutation wrote nothing; empty on success.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of createContact.' }) export class CreateContactPayload extends ContactPayload {}
@ObjectType({ description: 'Result of updateContact.' }) export class UpdateContactPayload extends ContactPayload {}
@ObjectType({ description: 'Result of deleteContact.' }) export class DeleteContactPayload extends ContactPayload {}
@ObjectType({ description: 'Result of restoreContact.' }) export class RestoreContactPayload extends ContactPayload {}
