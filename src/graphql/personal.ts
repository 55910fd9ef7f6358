/**
 * Personal data is declared once, on the GraphQL field. From this one declaration come the field's
 * shield rule (the personal permission), its masking, the schema description, its place in
 * data-subject exports and erasure (through `column`), access logging of its reads, and for the
 * SENSITIVE category encryption at rest (the column holds sealed bytes). Nothing else lists
 * personal fields, so a new one cannot be forgotten by any of these.
 */
import { Field, FieldOptions } from 'type-graphql';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ReturnTypeFunc = (type?: void) => any;

export enum PersonalCategory {
  IDENTITY = 'IDENTITY',
  CONTACT_DETAILS = 'CONTACT_DETAILS',
  LOCATION = 'LOCATION',
  SENSITIVE = 'SENSITIVE',
}

export interface PersonalFieldMeta {
  typeName: string;
  fieldName: string;
  category: PersonalCategory;
  /** Whose personal permission guards the field: its own type unless it describes another's person (a contact's consent). */
  guardedBy: string;
  /** The column of the type's table holding the value (export, erasure). */
  column?: string;
  /** Instead of a column: the fields the value is computed from (a full name from given and family name). */
  derivedFrom?: string[];
  /** What erasure leaves in the column: null unless the column is NOT NULL. */
  erasedValue: ErasedValue;
}

/** A constant, or trusted SQL over the row for columns that must stay unique (`{ sql: "'erased-' || id" }`). */
export type ErasedValue = string | string[] | null | { sql: string };

export interface PersonalFieldOptions extends FieldOptions {
  category: PersonalCategory;
  description: string;
  /** See PersonalFieldMeta.column. SENSITIVE fields name the column of the sealed value. */
  column?: string;
  derivedFrom?: string[];
  erasedValue?: ErasedValue;
  guardedBy?: string;
}

const personalFields = new Map<string, PersonalFieldMeta>();
const exemptions = new Map<string, string>();
const key = (typeName: string, fieldName: string) => `${typeName}.${fieldName}`;

/** A GraphQL field holding personal data. The object type's class name must equal its GraphQL name. */
export function PersonalField(returnType: ReturnTypeFunc, options: PersonalFieldOptions): PropertyDecorator {
  const { category, column, derivedFrom, erasedValue = null, guardedBy, ...fieldOptions } = options;
  return (target, property) => {
    const typeName = target.constructor.name;
    const fieldName = String(property);
    const guard = guardedBy ?? typeName;
    personalFields.set(key(typeName, fieldName), { typeName, fieldName, category, guardedBy: guard, column, derivedFrom, erasedValue });
    const sealed = category === PersonalCategory.SENSITIVE ? ' Encrypted at rest.' : '';
    Field(returnType, {
      ...fieldOptions,
      description: `${options.description} Personal data (${category.toLowerCase().replace('_', ' ')}): requires the personal permission on ${guard}.${sealed}`,
    })(target, property);
  };
}

/**
 * Marks a field whose name looks personal but is not (a company's switchboard phone), with the
 * reason, so the schema audit can tell a decision from an oversight.
 */
export function NotPersonal(reason: string): PropertyDecorator {
  return (target, property) => {
    exemptions.set(key(target.constructor.name, String(property)), reason);
  };
}

export const personalField = (typeName: string, fieldName: string): PersonalFieldMeta | undefined =>
  personalFields.get(key(typeName, fieldName));
export const personalExemption = (typeName: string, fieldName: string): string | undefined => exemptions.get(key(typeName, fieldName));
export const allPersonalFields = (): PersonalFieldMeta[] => [...personalFields.values()];
/** What a sealed value of a SENSITIVE field is bound to (it opens only for the same field). */
export const sealingContext = (field: Pick<PersonalFieldMeta, 'typeName' | 'fieldName'>): string => `${field.typeName}.${field.fieldName}`;
export const personalFieldsOf = (typeName: string): PersonalFieldMeta[] => allPersonalFields().filter((f) => f.typeName === typeName);
