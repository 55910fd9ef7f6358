/**
 * The record types that carry custom fields, in one place. Opportunities join with one line here
 * (plus the `custom_fields` column in their table and the same few edits in their module).
 */
import { registerEnumType } from 'type-graphql';

export interface CustomFieldObjectInfo {
  /** GraphQL type whose `customFields` hold the values; also the permission object type. */
  typeName: string;
  /** Tenant table with the `custom_fields jsonb` column (a code constant, never input). */
  table: string;
  /** Plural for messages, e.g. "accounts". */
  plural: string;
}

export const CUSTOM_FIELD_OBJECTS = {
  ACCOUNT: { typeName: 'Account', table: 'accounts', plural: 'accounts' },
  CONTACT: { typeName: 'Contact', table: 'contacts', plural: 'contacts' },
  OPPORTUNITY: { typeName: 'Opportunity', table: 'opportunities', plural: 'opportunities' },
} as const satisfies Record<string, CustomFieldObjectInfo>;

export type CustomFieldObject = keyof typeof CUSTOM_FIELD_OBJECTS;
/** The GraphQL enum's values (same names as the list above). */
export const CustomFieldObject = Object.fromEntries(Object.keys(CUSTOM_FIELD_OBJECTS).map((name) => [name, name])) as { [K in CustomFieldObject]: K };

registerEnumType(CustomFieldObject, {
  name: 'CustomFieldObject',
  description: 'A kind of record that can carry custom fields.',
  valuesConfig: Object.fromEntries(
    Object.entries(CUSTOM_FIELD_OBJECTS).map(([name, info]) => [name, { description: `Custom fields on ${info.typeName} (${info.plural}).` }]),
  ) as Record<CustomFieldObject, { description: string }>,
});

export const objectInfo = (object: CustomFieldObject): CustomFieldObjectInfo => CUSTOM_FIELD_OBJECTS[object];

export enum CustomFieldType {
  TEXT = 'TEXT',
  NUMBER = 'NUMBER',
  MONEY = 'MONEY',
  DATE = 'DATE',
  BOOLEAN = 'BOOLEAN',
  PICKLIST = 'PICKLIST',
}
registerEnumType(CustomFieldType, {
  name: 'CustomFieldType',
  description: 'What a custom field holds; its values in `customFields` are JSON of the matching shape.',
  valuesConfig: {
    TEXT: { description: 'A string of 1 to 1000 characters.' },
    NUMBER: { description: 'A finite JSON number.' },
    MONEY: { description: 'An object { "amount": "1250.00", "currency": "EUR" }: amount a decimal string, currency an ISO 4217 code.' },
    DATE: { description: 'A calendar date as a string "YYYY-MM-DD".' },
    BOOLEAN: { description: 'true or false.' },
    PICKLIST: { description: 'One of the definition’s picklistValues (a string).' },
  },
});
