/**
 * Turns a `where:` input into a SQL condition. Each filterable field maps to a trusted SQL
 * expression declared in code; every value the client sends is bound as a parameter.
 */
import { SqlParams } from '../db/sql-params';
import { badInput } from './errors';
import { uuidOf } from './global-id';

export type FilterKind = 'text' | 'number' | 'decimal' | 'datetime' | 'boolean' | 'enum' | 'tags' | 'custom' | { id: string };

export interface FilterField {
  expression: string;
  kind: FilterKind;
  /** Compare text case-insensitively for eq/neq/in too (e-mail addresses, domains). */
  caseInsensitive?: boolean;
  /** Kind 'custom': builds its own conditions from the field's input (e.g. custom fields, typed by their definitions). */
  build?: (condition: unknown, params: SqlParams) => string[];
}

export type FilterFields = Record<string, FilterField>;

interface Combinators {
  and?: unknown[] | null;
  or?: unknown[] | null;
  not?: unknown | null;
}

const MAX_DEPTH = 5;

export function filterSql(where: object | null | undefined, fields: FilterFields, params: SqlParams, depth = 0): string | null {
  if (!where) return null;
  if (depth > MAX_DEPTH) throw badInput(`Filters may nest at most ${MAX_DEPTH} levels of and/or/not`);
  const parts: string[] = [];
  for (const [name, condition] of Object.entries(where)) {
    if (condition == null) continue;
    if (name === 'and' || name === 'or') {
      const inner = (condition as Combinators['and'])!.map((w) => filterSql(w as object, fields, params, depth + 1) ?? 'true');
      if (inner.length) parts.push(`(${inner.join(name === 'and' ? ' AND ' : ' OR ')})`);
    } else if (name === 'not') {
      parts.push(`NOT coalesce(${filterSql(condition as object, fields, params, depth + 1) ?? 'true'}, false)`);
    } else {
      const field = fields[name];
      if (!field) throw new Error(`No filter mapping for field ${name}`);
      parts.push(...(field.build ? field.build(condition, params) : operatorSql(name, field, condition as Record<string, unknown>, params)));
    }
  }
  return parts.length ? parts.join(' AND ') : null;
}

function operatorSql(name: string, field: FilterField, ops: Record<string, unknown>, params: SqlParams): string[] {
  const parts: string[] = [];
  const lower = field.caseInsensitive;
  const expr = lower ? `lower(${field.expression})` : field.expression;
  const bind = (value: unknown) => params.add(convert(name, field, value, lower));
  for (const [op, value] of Object.entries(ops)) {
    if (value === undefined || value === null) continue;
    switch (op) {
      case 'eq':
        parts.push(`${expr} = ${bind(value)}`);
        break;
      case 'neq':
        // Treat "not equal" as including rows without a value, as a person reading the filter expects.
        parts.push(`${expr} IS DISTINCT FROM ${bind(value)}`);
        break;
      case 'in':
        parts.push(`${expr} = ANY(${params.add((value as unknown[]).map((v) => convert(name, field, v, lower)))})`);
        break;
      case 'lt':
      case 'lte':
      case 'gt':
      case 'gte':
        parts.push(`${expr} ${{ lt: '<', lte: '<=', gt: '>', gte: '>=' }[op]} ${bind(value)}`);
        break;
      case 'contains':
        if (field.kind === 'tags') parts.push(`${field.expression} @> ARRAY[${params.add(value)}]::text[]`);
        else parts.push(`${field.expression} ILIKE ${params.add(`%${escapeLike(String(value))}%`)}`);
        break;
      case 'startsWith':
        parts.push(`${field.expression} ILIKE ${params.add(`${escapeLike(String(value))}%`)}`);
        break;
      case 'containsAny':
        parts.push(`${field.expression} && ${params.add(value)}::text[]`);
        break;
      case 'containsAll':
        parts.push(`${field.expression} @> ${params.add(value)}::text[]`);
        break;
      case 'isNull':
        parts.push(`${field.expression} IS ${value ? '' : 'NOT '}NULL`);
        break;
      default:
        throw new Error(`Unknown filter operator ${op}`);
    }
  }
  return parts;
}

function convert(name: string, field: FilterField, value: unknown, lower?: boolean): unknown {
  if (typeof field.kind === 'object') {
    const uuid = uuidOf(String(value), field.kind.id);
    if (!uuid) throw badInput(`Filter "${name}" expects ${field.kind.id} IDs`, { argument: `where.${name}` });
    return uuid;
  }
  return lower && typeof value === 'string' ? value.toLowerCase() : value;
}

export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);
