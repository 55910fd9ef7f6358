/**
 * Custom field values on records: checked against the workspace's definitions before any write,
 * merged into the stored object on update, and masked on output for callers without the personal
 * permission on the record type.
 */
import { SqlParams } from '../../db/sql-params';
import { CurrencyScalar } from '../../graphql/scalars';
import { UserError, UserErrorCode, userError } from '../../graphql/user-errors';
import { notePersonalRead } from '../privacy/access-log.collector';
import { RequestContext } from '../../tenancy/request-context';
import { CustomFieldDefinitionRow, byKey, definitionsOf } from './custom-fields.definitions';
import { CustomFieldObject, CustomFieldType, objectInfo } from './custom-fields.objects';
import { openSealedValues, sealSensitiveValues } from './custom-fields.sealed';

export type CustomFieldValues = Record<string, unknown>;

export const MAX_TEXT_LENGTH = 1000;
/** Exact decimal strings, as the Decimal scalar accepts them. */
export const DECIMAL = /^-?\d{1,18}(\.\d{1,6})?$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDate(value: unknown): value is string {
  const match = typeof value === 'string' ? DATE.exec(value) : null;
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** An ISO 4217 code the CurrencyCode scalar knows, written in upper case as the standard does. */
export function isCurrencyCode(value: unknown): value is string {
  try {
    return typeof value === 'string' && /^[A-Z]{3}$/.test(value) && CurrencyScalar.parseValue(value) === value;
  } catch {
    return false;
  }
}

export type ValueCheck = { value: unknown; problem?: undefined } | { value?: undefined; problem: { code: UserErrorCode; message: string } };

const invalid = (message: string): ValueCheck => ({ problem: { code: UserErrorCode.INVALID, message } });

/** Checks one non-null value against its definition; returns the value to store. */
export function checkValue(definition: CustomFieldDefinitionRow, value: unknown): ValueCheck {
  const name = `Custom field "${definition.key}"`;
  switch (definition.type) {
    case CustomFieldType.TEXT:
      if (typeof value !== 'string') return invalid(`${name} expects text (a string)`);
      if (!value.trim()) return { problem: { code: definition.required ? UserErrorCode.REQUIRED : UserErrorCode.INVALID, message: `${name} must not be blank; use null to remove it` } };
      if (value.length > MAX_TEXT_LENGTH) return { problem: { code: UserErrorCode.TOO_LONG, message: `${name} must be at most ${MAX_TEXT_LENGTH} characters` } };
      return { value };
    case CustomFieldType.NUMBER:
      return typeof value === 'number' && Number.isFinite(value) ? { value } : invalid(`${name} expects a number`);
    case CustomFieldType.MONEY: {
      const money = value as Record<string, unknown>;
      const shaped = typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(money).sort().join(',') === 'amount,currency';
      if (!shaped || typeof money.amount !== 'string' || !DECIMAL.test(money.amount) || !isCurrencyCode(money.currency)) {
        return invalid(`${name} expects money: { "amount": "1250.00", "currency": "EUR" } with a decimal string amount and an ISO 4217 currency code`);
      }
      return { value: { amount: money.amount, currency: money.currency } };
    }
    case CustomFieldType.DATE:
      return isCalendarDate(value) ? { value } : invalid(`${name} expects a date "YYYY-MM-DD"`);
    case CustomFieldType.BOOLEAN:
      return typeof value === 'boolean' ? { value } : invalid(`${name} expects true or false`);
    case CustomFieldType.PICKLIST:
      return typeof value === 'string' && definition.picklistValues.includes(value)
        ? { value }
        : invalid(`${name} expects one of: ${definition.picklistValues.map((v) => JSON.stringify(v)).join(', ')}`);
  }
}

const path = (key: string): string[] => ['input', 'customFields', key];

/** Per-key checks of an input object: unknown keys, types, required keys set to null. */
function checkEntries(definitions: Map<string, CustomFieldDefinitionRow>, typeName: string, input: CustomFieldValues) {
  const set: CustomFieldValues = {};
  const removed: string[] = [];
  const userErrors: UserError[] = [];
  for (const [key, value] of Object.entries(input)) {
    const definition = definitions.get(key);
    if (!definition) {
      userErrors.push(userError(path(key), `Unknown custom field "${key}" on ${typeName}; see customFieldDefinitions`, UserErrorCode.INVALID));
    } else if (value === null) {
      if (definition.required) userErrors.push(userError(path(key), `Custom field "${key}" is required`, UserErrorCode.REQUIRED));
      else removed.push(key);
    } else {
      const checked = checkValue(definition, value);
      if (checked.problem) userErrors.push(userError(path(key), checked.problem.message, checked.problem.code));
      else set[key] = checked.value;
    }
  }
  return { set, removed, userErrors };
}

/** The custom field values of a new record (null entries are left out), or why they are refused. */
export async function customFieldsForCreate(
  ctx: RequestContext,
  object: CustomFieldObject,
  input: CustomFieldValues | null | undefined,
): Promise<{ values: CustomFieldValues; userErrors: UserError[] }> {
  const definitions = await definitionsOf(ctx, object);
  const { typeName } = objectInfo(object);
  const known = byKey(definitions);
  const { set, userErrors } = checkEntries(known, typeName, input ?? {});
  for (const definition of definitions) {
    if (definition.required && !Object.hasOwn(input ?? {}, definition.key)) {
      userErrors.push(userError(path(definition.key), `Custom field "${definition.key}" (${definition.label}) is required`, UserErrorCode.REQUIRED));
    }
  }
  return { values: userErrors.length ? set : await sealSensitiveValues(ctx, typeName, known, set), userErrors };
}

/** SET clauses of an update (trusted SQL, bound values), evaluated against the row aliased `r`. */
export type ExtraAssignments = (params: SqlParams) => string[];

/**
 * How an update changes the stored values: the input is merged into them and keys set to null are
 * removed; null for the whole object removes every value. Omitted: nothing to change, nothing read.
 */
export async function customFieldsForUpdate(
  ctx: RequestContext,
  object: CustomFieldObject,
  input: CustomFieldValues | null | undefined,
): Promise<{ assignments: ExtraAssignments; userErrors: UserError[] }> {
  if (input === undefined) return { assignments: () => [], userErrors: [] };
  const definitions = await definitionsOf(ctx, object);
  if (input === null) {
    const required = definitions.filter((d) => d.required);
    const userErrors = required.map((d) => userError(path(d.key), `Custom field "${d.key}" (${d.label}) is required and cannot be removed`, UserErrorCode.REQUIRED));
    return { assignments: () => [`custom_fields = '{}'::jsonb`], userErrors };
  }
  const { typeName } = objectInfo(object);
  const known = byKey(definitions);
  const { set, removed, userErrors } = checkEntries(known, typeName, input);
  if ((!Object.keys(set).length && !removed.length) || userErrors.length) return { assignments: () => [], userErrors };
  const stored = JSON.stringify(await sealSensitiveValues(ctx, typeName, known, set));
  return {
    assignments: (params) => [`custom_fields = (r.custom_fields || ${params.add(stored)}::jsonb) - ${params.add(removed)}::text[]`],
    userErrors,
  };
}

/** Stored values without those of personal definitions (and without keys no definition explains). */
export function withoutPersonalValues(stored: CustomFieldValues, definitions: CustomFieldDefinitionRow[]): CustomFieldValues {
  const visible = new Set(definitions.filter((d) => !d.personal).map((d) => d.key));
  return Object.fromEntries(Object.entries(stored).filter(([key]) => visible.has(key)));
}

/**
 * What a caller sees of a record's custom fields: everything with the personal permission on the
 * record type, sensitive values decrypted; otherwise personal values (sensitive ones included) are
 * left out (not an error). Reads definitions only then.
 */
export async function visibleCustomFields(ctx: RequestContext, object: CustomFieldObject, recordId: string, stored: CustomFieldValues | null | undefined): Promise<CustomFieldValues> {
  const values = stored ?? {};
  const { typeName } = objectInfo(object);
  if (!Object.keys(values).length) return values;
  const definitions = await definitionsOf(ctx, object);
  if (!ctx.can.personal(typeName)) return withoutPersonalValues(values, definitions);
  // Personal values leave unmasked: logged like personal fields ("customFields.<key>").
  for (const definition of definitions) if (definition.personal && definition.key in values) notePersonalRead(ctx, typeName, recordId, `customFields.${definition.key}`);
  return openSealedValues(ctx, typeName, values);
}
