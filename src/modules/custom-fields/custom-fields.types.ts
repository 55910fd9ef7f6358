import { ArrayMaxSize, IsNotEmpty, IsOptional, MaxLength, ValidateIf } from 'class-validator';
import { GraphQLScalarType } from 'graphql';
import { JSONResolver } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-errors';
import { CustomFieldObject, CustomFieldType } from './custom-fields.objects';

export const MAX_LABEL_LENGTH = 100;
export const MAX_DESCRIPTION_LENGTH = 1000;
export const MAX_PICKLIST_VALUES = 200;
export const MAX_PICKLIST_VALUE_LENGTH = 100;

const PERSONAL_RULE =
  'Values of personal custom fields are personal data: a credential without the personal permission on the record type does not see them in `customFields` (they are left out, not an error), and its filters on them are refused with FORBIDDEN.';

const SENSITIVE_RULE =
  'Values of sensitive custom fields (special categories: health, beliefs, …) are personal data and encrypted at rest with the workspace’s data key: `customFields` shows them decrypted to callers with the personal permission; filters on them take only `isNull` (other operators are BAD_USER_INPUT, as the database cannot compare encrypted values); once the workspace’s key is destroyed, reading or writing them answers DATA_KEY_DESTROYED.';

/** Description of the `customFields` output field of a record type. */
export const customFieldsOutputDescription = (typeName: string): string =>
  `Values of the workspace's custom fields, by key (see customFieldDefinitions); keys without a value are absent. Values of personal custom fields are left out unless the caller has the personal permission on ${typeName}.`;

/** Description of the `customFields` input field of create and update inputs. */
export const CUSTOM_FIELDS_INPUT_DESCRIPTION =
  'Custom field values by key, checked against the definitions (see customFieldDefinitions): unknown keys, wrong types and missing required fields are refused as userErrors at ["input", "customFields", key]. On update the values are merged into the stored ones; a key set to null removes its value, and null for the whole object removes every value.';

export const CustomFieldValueScalar = new GraphQLScalarType({
  ...JSONResolver.toConfig(),
  name: 'CustomFieldValue',
  description:
    'A value compared with a custom field, shaped by the field’s type: a string for TEXT and PICKLIST, a number for NUMBER, "YYYY-MM-DD" for DATE, true/false for BOOLEAN, and the amount as a decimal string (e.g. "1250.00") for MONEY.',
  specifiedByURL: undefined,
});

@ObjectType({
  description: `A custom field the workspace defined on a kind of record: its values live in that record type's \`customFields\` object under \`key\`. ${PERSONAL_RULE}`,
})
export class CustomFieldDefinition {
  @Field(() => ID, { description: 'Opaque global ID.' }) id!: string;
  @Field(() => CustomFieldObject, { description: 'The kind of record the field belongs to.' }) object!: CustomFieldObject;
  @Field({ description: 'The key of the value in `customFields`; never changes.' }) key!: string;
  @Field({ description: 'Name for people, e.g. in forms.' }) label!: string;
  @Field(() => String, { nullable: true, description: 'What the field is for, written by the workspace.' }) description!: string | null;
  @Field(() => CustomFieldType, { description: 'What the field holds; never changes.' }) type!: CustomFieldType;
  @Field({ description: 'Every record of the object type must have a value: creates without one, and removing it, are refused (REQUIRED).' })
  required!: boolean;
  @Field({ description: `The values are personal data. ${PERSONAL_RULE}` }) personal!: boolean;
  @Field({ description: `The values are sensitive personal data, encrypted at rest (implies personal; never changes). ${SENSITIVE_RULE}` }) sensitive!: boolean;
  @Field(() => [String], { description: 'For PICKLIST: the values a record may take, in display order. Empty for other types.' }) picklistValues!: string[];
  @Field({ description: 'Whether this caller sees the field’s values and may filter on them (false for a personal field without the personal permission on the record type).' })
  visibleToCaller!: boolean;
  @Field(() => Int, { description: 'Increases with every change; pass it as expectedVersion to avoid lost updates.' }) version!: number;
  @Field(() => DateTimeScalar, { description: 'When the field was defined.' }) createdAt!: Date;
  @Field(() => DateTimeScalar, { description: 'When the definition last changed.' }) updatedAt!: Date;
}

@InputType({
  description:
    'A condition on one custom field, typed by its definition: NUMBER compares as numbers, DATE as dates, MONEY by its amount (any currency). An unknown key is BAD_USER_INPUT; a personal field needs the personal permission on the record type (else FORBIDDEN); a sensitive (encrypted) field takes only isNull (else BAD_USER_INPUT). Operators combine with AND.',
})
export class CustomFieldFilter {
  @Field({ description: 'The custom field’s key.' }) key!: string;
  @Field(() => CustomFieldValueScalar, { nullable: true, description: 'Equal to.' }) eq?: unknown;
  @Field(() => CustomFieldValueScalar, { nullable: true, description: 'Not equal to (records without a value match too).' }) neq?: unknown;
  @Field(() => [CustomFieldValueScalar], { nullable: true, description: 'Equal to one of these (at most 100).' }) in?: unknown[];
  @Field(() => CustomFieldValueScalar, { nullable: true, description: 'Less than (NUMBER, MONEY, DATE).' }) lt?: unknown;
  @Field(() => CustomFieldValueScalar, { nullable: true, description: 'Less than or equal to (NUMBER, MONEY, DATE).' }) lte?: unknown;
  @Field(() => CustomFieldValueScalar, { nullable: true, description: 'Greater than (NUMBER, MONEY, DATE).' }) gt?: unknown;
  @Field(() => CustomFieldValueScalar, { nullable: true, description: 'Greater than or equal to (NUMBER, MONEY, DATE).' }) gte?: unknown;
  @Field(() => String, { nullable: true, description: 'Contains this text, ignoring case (TEXT).' }) contains?: string;
  @Field(() => Boolean, { nullable: true, description: 'true: the record has no value; false: it has one.' }) isNull?: boolean;
}

@InputType({ description: 'A new custom field.' })
export class CreateCustomFieldDefinitionInput {
  @Field(() => CustomFieldObject, { description: 'The kind of record that gets the field.' }) object!: CustomFieldObject;
  @Field({
    description:
      'Key of the value in `customFields`: a lowercase letter, then letters and digits, at most 40 characters (e.g. "renewalDate"); unique per object, not a field name of the record type nor a reserved word (and, or, not, …). Cannot be changed later.',
  })
  key!: string;
  @Field({ description: 'Name for people.' }) @IsNotEmpty() @MaxLength(MAX_LABEL_LENGTH) label!: string;
  @Field(() => CustomFieldType, { description: 'What the field holds. Cannot be changed later.' }) type!: CustomFieldType;
  @Field({ defaultValue: false, description: 'Every record must have a value. Refused (INVALID_STATE) while records of the type exist.' }) required!: boolean;
  @Field({ defaultValue: false, description: 'The values are personal data (see CustomFieldDefinition.personal).' }) personal!: boolean;
  @Field({
    defaultValue: false,
    description: 'The values are sensitive personal data, encrypted at rest (see CustomFieldDefinition.sensitive). Requires personal: true (else INVALID). Cannot be changed later.',
  })
  sensitive!: boolean;
  @Field(() => [String], { nullable: true, description: `PICKLIST only, and required for it: 1 to ${MAX_PICKLIST_VALUES} distinct values.` })
  @IsOptional()
  @ArrayMaxSize(MAX_PICKLIST_VALUES)
  picklistValues?: string[] | null;
  @Field(() => String, { nullable: true, description: 'What the field is for.' }) @IsOptional() @MaxLength(MAX_DESCRIPTION_LENGTH) description?: string | null;
}

@InputType({ description: 'Changes to a custom field. The key, type, personal and sensitive flags cannot change; omitted fields stay as they are.' })
export class UpdateCustomFieldDefinitionInput {
  @Field(() => ID, { description: 'The definition to change.' }) id!: string;
  @Field(() => Int, { nullable: true, description: 'Refuse the change with CONFLICT unless the definition is at this version.' }) expectedVersion?: number | null;
  @Field(() => String, { nullable: true, description: 'New name for people (cannot be cleared).' })
  @ValidateIf((input) => input.label != null)
  @MaxLength(MAX_LABEL_LENGTH)
  label?: string | null;
  @Field(() => String, { nullable: true, description: 'New description; null clears it.' }) @IsOptional() @MaxLength(MAX_DESCRIPTION_LENGTH) description?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Make the field required (refused with INVALID_STATE while records lack a value) or optional.' })
  required?: boolean | null;
  @Field(() => [String], {
    nullable: true,
    description: 'PICKLIST only: the new list of values. Records keep a value removed from the list until it is changed; new writes must use a listed value.',
  })
  @IsOptional()
  @ArrayMaxSize(MAX_PICKLIST_VALUES)
  picklistValues?: string[] | null;
}

@InputType({ description: 'The custom field to delete, with its values on every record.' })
export class DeleteCustomFieldDefinitionInput {
  @Field(() => ID, { description: 'The definition to delete.' }) id!: string;
  @Field(() => Int, { nullable: true, description: 'Refuse with CONFLICT unless the definition is at this version.' }) expectedVersion?: number | null;
}

@ObjectType('CustomFieldDefinitionPayload', { description: 'A custom field definition mutation’s result.' })
class CustomFieldDefinitionPayload {
  @Field(() => CustomFieldDefinition, { nullable: true, description: 'The definition, when the mutation succeeded.' }) customFieldDefinition?: CustomFieldDefinition | null;
  @Field(() => [UserError], { description: 'Why the mutation wrote nothing; empty on success.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of createCustomFieldDefinition.' }) export class CreateCustomFieldDefinitionPayload extends CustomFieldDefinitionPayload {}
@ObjectType({ description: 'Result of updateCustomFieldDefinition.' }) export class UpdateCustomFieldDefinitionPayload extends CustomFieldDefinitionPayload {}

@ObjectType({ description: 'Result of deleteCustomFieldDefinition.' })
export class DeleteCustomFieldDefinitionPayload extends CustomFieldDefinitionPayload {
  @Field(() => Int, { nullable: true, description: 'How many records (including the recycle bin) lost their value of the field.' }) clearedRecordCount?: number | null;
}
