/**
 * Personal data is declared once, on the GraphQL field. From this one declaration the shield
 * assembly derives the guard, the schema description says so, and later features (export,
 * erasure, masking, access log) read the same registry.
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
}

const personalFields = new Map<string, PersonalFieldMeta>();
const exemptions = new Map<string, string>();
const key = (typeName: string, fieldName: string) => `${typeName}.${fieldName}`;

/** A GraphQL field holding personal data. The object type's class name must equal its GraphQL name. */
export function PersonalField(
  returnType: ReturnTypeFunc,
  options: FieldOptions & { category: PersonalCategory; description: string },
): PropertyDecorator {
  const { category, ...fieldOptions } = options;
  return (target, property) => {
    const typeName = target.constructor.name;
    const fieldName = String(property);
    personalFields.set(key(typeName, fieldName), { typeName, fieldName, category });
    Field(returnType, {
      ...fieldOptions,
      description: `${options.description} Personal data (${category.toLowerCase().replace('_', ' ')}): requires the personal permission on ${typeName}.`,
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
