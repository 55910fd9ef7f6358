/** Which custom field keys are acceptable: well-formed, and not a name the record type already uses. */
import { GraphQLSchema, isInputObjectType, isObjectType } from 'graphql';
import { UserError, UserErrorCode, userError } from '../../graphql/user-errors';

export const KEY_PATTERN = /^[a-z][a-zA-Z0-9]{0,39}$/;

/** Words a key may never be: filter combinators, GraphQL and JavaScript object names. */
export const RESERVED_WORDS = [
  '__typename',
  'and',
  'or',
  'not',
  'id',
  'customFields',
  'constructor',
  'prototype',
  'toString',
  'toJSON',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
];

/**
 * Reserved keys of a record type: every field of its object type, of its filter and of its create
 * and update inputs (as the schema has them, so fields added later are covered), plus the words above.
 */
export function reservedKeys(schema: GraphQLSchema, typeName: string): Set<string> {
  const names = new Set(RESERVED_WORDS);
  for (const name of [typeName, `${typeName}Filter`, `Create${typeName}Input`, `Update${typeName}Input`]) {
    const type = schema.getType(name);
    if (isObjectType(type) || isInputObjectType(type)) for (const field of Object.keys(type.getFields())) names.add(field);
  }
  return names;
}

/** Why a key is refused, or null. Names compare without case, so "Name" and "name" cannot both exist. */
export function keyProblem(key: string, typeName: string, reserved: ReadonlySet<string>): UserError | null {
  const field = ['input', 'key'];
  if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
    return userError(
      field,
      `Custom field key "${key}" is invalid: start with a lowercase letter, then use only letters and digits, at most 40 characters (e.g. "renewalDate")`,
      UserErrorCode.INVALID,
    );
  }
  const lower = key.toLowerCase();
  const clash = [...reserved].find((name) => name.toLowerCase() === lower);
  if (clash) {
    const why = RESERVED_WORDS.includes(clash) ? `"${clash}" is a reserved word` : `${typeName} already has a field "${clash}"`;
    return userError(field, `Custom field key "${key}" is reserved: ${why}`, UserErrorCode.INVALID);
  }
  return null;
}
