/**
 * `where: { customFields: [{ key, eq | neq | in | lt | lte | gt | gte | contains | isNull }] }`:
 * conditions typed by the field's definition. The key is checked against the definitions and then
 * bound as a parameter (`custom_fields -> $n`) like every value; no input ever becomes SQL text.
 */
import { SqlParams } from '../../db/sql-params';
import { DomainError, badInput } from '../../graphql/errors';
import { FilterFields, escapeLike } from '../../graphql/filter-sql';
import { RequestContext } from '../../tenancy/request-context';
import { CustomFieldDefinitionRow, byKey, definitionsOf } from './custom-fields.definitions';
import { CustomFieldObject, CustomFieldType, objectInfo } from './custom-fields.objects';
import { DECIMAL, isCalendarDate } from './custom-fields.values';

export interface CustomFieldCondition {
  key: string;
  eq?: unknown;
  neq?: unknown;
  in?: unknown[] | null;
  lt?: unknown;
  lte?: unknown;
  gt?: unknown;
  gte?: unknown;
  contains?: string | null;
  isNull?: boolean | null;
}

export interface CustomFieldFilterScope {
  typeName: string;
  /** The record's `custom_fields` column, qualified with the list's alias (trusted SQL). */
  column: string;
  definitions: Map<string, CustomFieldDefinitionRow>;
  /** The caller has the personal permission on the record type. */
  personal: boolean;
}

const ARGUMENT = 'where.customFields';
const MAX_IN = 100;
const COMPARISONS = { lt: '<', lte: '<=', gt: '>', gte: '>=' } as const;
/** Types stored as plain JSON scalars: equality is jsonb containment, which the GIN index serves. */
const CONTAINMENT_TYPES = new Set([CustomFieldType.TEXT, CustomFieldType.PICKLIST, CustomFieldType.NUMBER, CustomFieldType.DATE, CustomFieldType.BOOLEAN]);
const ORDERED_TYPES = new Set([CustomFieldType.NUMBER, CustomFieldType.MONEY, CustomFieldType.DATE]);

const refuse = (message: string) => badInput(message, { argument: ARGUMENT });

/** A filter operand in the definition's terms: numbers for NUMBER, decimal strings for MONEY amounts, … */
function operand(definition: CustomFieldDefinitionRow, op: string, value: unknown): unknown {
  const name = `Filter on custom field "${definition.key}" (${definition.type})`;
  switch (definition.type) {
    case CustomFieldType.NUMBER:
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      throw refuse(`${name}: "${op}" expects a number`);
    case CustomFieldType.MONEY:
      if (typeof value === 'string' && DECIMAL.test(value)) return value;
      throw refuse(`${name}: "${op}" expects the amount as a decimal string, e.g. "1250.00"`);
    case CustomFieldType.DATE:
      if (isCalendarDate(value)) return value;
      throw refuse(`${name}: "${op}" expects a date "YYYY-MM-DD"`);
    case CustomFieldType.BOOLEAN:
      if (typeof value === 'boolean') return value;
      throw refuse(`${name}: "${op}" expects true or false`);
    case CustomFieldType.TEXT:
    case CustomFieldType.PICKLIST:
      if (typeof value === 'string') return value;
      throw refuse(`${name}: "${op}" expects a string`);
  }
}

/** SQL for the conditions of one `customFields` list; every condition must hold. */
export function customFieldConditions(conditions: CustomFieldCondition[], scope: CustomFieldFilterScope, params: SqlParams): string[] {
  const parts: string[] = [];
  for (const condition of conditions ?? []) {
    if (!condition) continue;
    const definition = typeof condition.key === 'string' ? scope.definitions.get(condition.key) : undefined;
    if (!definition) throw refuse(`Unknown custom field "${condition.key}" on ${scope.typeName}; see customFieldDefinitions`);
    if (definition.personal && !scope.personal) {
      throw new DomainError('FORBIDDEN', `Filtering on the personal custom field "${definition.key}" requires the personal permission on ${scope.typeName}`);
    }
    if (definition.sensitive) refuseSensitive(condition, definition);
    parts.push(...conditionSql(condition, definition, scope.column, params));
  }
  return parts;
}

/**
 * Sensitive values are sealed: the database cannot compare them, only tell whether one is there.
 * Refused rather than matching nothing, so a caller never mistakes "cannot" for "none".
 */
function refuseSensitive(condition: CustomFieldCondition, definition: CustomFieldDefinitionRow): void {
  const used = Object.entries(condition).filter(([op, value]) => op !== 'key' && op !== 'isNull' && value != null);
  if (used.length) {
    throw refuse(`Custom field "${definition.key}" is sensitive and encrypted at rest: it cannot be filtered with "${used[0][0]}", only with "isNull"`);
  }
}

/** The stored value as SQL that compares like the type: null when absent or malformed, never a cast error. */
function comparable(type: CustomFieldType, json: string, text: string): string {
  switch (type) {
    case CustomFieldType.NUMBER:
      return `(CASE WHEN jsonb_typeof(${json}) = 'number' THEN ${text}::numeric END)`;
    case CustomFieldType.MONEY:
      return `(CASE WHEN (${json} ->> 'amount') ~ '^-?[0-9]+(\\.[0-9]+)?$' THEN (${json} ->> 'amount')::numeric END)`;
    case CustomFieldType.DATE:
      // "YYYY-MM-DD" orders like the dates it names when compared byte by byte.
      return `(CASE WHEN ${text} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN ${text} END) COLLATE "C"`;
    default:
      return `${text} COLLATE "C"`;
  }
}

function conditionSql(condition: CustomFieldCondition, definition: CustomFieldDefinitionRow, column: string, params: SqlParams): string[] {
  const type = definition.type;
  // Bound once the condition has an operator: an unused parameter would have no type.
  if (!Object.entries(condition).some(([op, value]) => op !== 'key' && value != null)) return [];
  const key = `${params.add(definition.key)}::text`;
  const json = `(${column} -> ${key})`;
  const text = `(${column} ->> ${key})`;
  const typed = comparable(type, json, text);
  const numeric = type === CustomFieldType.NUMBER || type === CustomFieldType.MONEY;
  const bindTyped = (value: unknown) => (numeric ? `${params.add(String(value))}::numeric` : `${params.add(value)}::text`);
  const equals = (value: unknown) =>
    CONTAINMENT_TYPES.has(type) ? `${column} @> jsonb_build_object(${key}, ${params.add(JSON.stringify(value))}::jsonb)` : `${typed} = ${bindTyped(value)}`;

  const parts: string[] = [];
  for (const [op, raw] of Object.entries(condition)) {
    if (op === 'key' || raw === undefined || raw === null) continue;
    switch (op) {
      case 'eq':
        parts.push(equals(operand(definition, op, raw)));
        break;
      case 'neq':
        // Like every neq: records without a value match too.
        parts.push(`NOT coalesce(${equals(operand(definition, op, raw))}, false)`);
        break;
      case 'in': {
        if ((raw as unknown[]).length > MAX_IN) throw refuse(`"in" takes at most ${MAX_IN} values`);
        const values = (raw as unknown[]).map((v) => operand(definition, op, v));
        parts.push(
          CONTAINMENT_TYPES.has(type)
            ? `${json} = ANY(${params.add(values.map((v) => JSON.stringify(v)))}::jsonb[])`
            : `${typed} = ANY(${params.add(values.map(String))}::numeric[])`,
        );
        break;
      }
      case 'lt':
      case 'lte':
      case 'gt':
      case 'gte':
        if (!ORDERED_TYPES.has(type)) throw refuse(`"${op}" applies to NUMBER, MONEY and DATE custom fields, not to "${definition.key}" (${type})`);
        parts.push(`${typed} ${COMPARISONS[op]} ${bindTyped(operand(definition, op, raw))}`);
        break;
      case 'contains':
        if (type !== CustomFieldType.TEXT) throw refuse(`"contains" applies to TEXT custom fields, not to "${definition.key}" (${type})`);
        if (typeof raw !== 'string') throw refuse(`"contains" expects a string`);
        parts.push(`${text} ILIKE ${params.add(`%${escapeLike(raw)}%`)}`);
        break;
      case 'isNull':
        parts.push(raw ? `NOT (${column} ? ${key})` : `(${column} ? ${key})`);
        break;
      default:
        throw new Error(`Unknown custom field filter operator ${op}`);
    }
  }
  return parts;
}

/** Whether a `where:` (with its and/or/not) mentions custom fields at all. */
export function mentionsCustomFields(where: unknown, depth = 0): boolean {
  if (!where || typeof where !== 'object' || depth > 10) return false;
  return Object.entries(where).some(([name, value]) => {
    if (value == null) return false;
    if (name === 'customFields') return true;
    if (name === 'and' || name === 'or') return (value as unknown[]).some((w) => mentionsCustomFields(w, depth + 1));
    if (name === 'not') return mentionsCustomFields(value, depth + 1);
    return false;
  });
}

/**
 * The `customFields` filter of a record list (RecordSpec.requestFilters): definitions are read
 * only when the `where:` uses custom fields.
 */
export function customFieldFilters(object: CustomFieldObject, alias: string) {
  return async (ctx: RequestContext, where: object): Promise<FilterFields> => {
    if (!mentionsCustomFields(where)) return {};
    const { typeName } = objectInfo(object);
    const scope: CustomFieldFilterScope = {
      typeName,
      column: `${alias}.custom_fields`,
      definitions: byKey(await definitionsOf(ctx, object)),
      personal: ctx.can.personal(typeName),
    };
    return {
      customFields: {
        expression: scope.column,
        kind: 'custom',
        build: (condition, params) => customFieldConditions(condition as CustomFieldCondition[], scope, params),
      },
    };
  };
}
