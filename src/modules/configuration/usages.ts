/**
 * Where configuration values are used, declared in code by the module that owns the column:
 * picklist values (accounts.industry uses the `industry` picklist), pipeline stages, teams and
 * territories. Deleting a value that is in use is refused, or (for picklists and stages) its
 * records move to a replacement in the same transaction. Counts include soft-deleted records,
 * which still hold the value and come back from the recycle bin with it.
 */
import { QueryRunner } from 'typeorm';
import { queryOne } from '../../db/sql';

export interface ValueUsage {
  /** Tenant table (snake_case, unqualified). */
  table: string;
  /** Column holding the value: the picklist value, or the UUID of the stage / team / territory. */
  column: string;
  /** The column is an array (multi-select) rather than a single value. */
  array?: boolean;
  /** The table has `version` and `updated_at`, bumped when a replacement rewrites a row (default true). */
  versioned?: boolean;
}

/** What can be referenced: a picklist by key ('picklist:industry'), or a kind of configuration item. */
export type UsageTarget = `picklist:${string}` | 'PipelineStage' | 'Team' | 'Territory';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;
const registry = new Map<UsageTarget, ValueUsage[]>();

/** Declares a column that holds values of `target`. Table and column names must be plain identifiers from code. */
export function registerUsage(target: UsageTarget, usage: ValueUsage): void {
  if (!IDENTIFIER.test(usage.table) || !IDENTIFIER.test(usage.column)) throw new Error(`Invalid usage ${usage.table}.${usage.column}`);
  const list = registry.get(target) ?? [];
  if (!list.some((u) => u.table === usage.table && u.column === usage.column)) list.push({ versioned: true, ...usage });
  registry.set(target, list);
}

/** Declares a column holding values of the picklist `key`, e.g. registerPicklistUsage('lead_source', { table: 'opportunities', column: 'lead_source' }). */
export const registerPicklistUsage = (key: string, usage: ValueUsage): void => registerUsage(`picklist:${key}`, usage);

export const usagesOf = (target: UsageTarget): readonly ValueUsage[] => registry.get(target) ?? [];

/** "table.column" of each usage, for documentation and messages. */
export const usageNames = (target: UsageTarget): string[] => usagesOf(target).map((u) => `${u.table}.${u.column}`);

const matches = (u: ValueUsage, placeholder: string) => (u.array ? `${placeholder} = ANY(${u.column})` : `${u.column} = ${placeholder}`);

/** Rows holding `value`, per usage with at least one, e.g. { "accounts.industry": 3 }. */
export async function countUsages(db: QueryRunner, target: UsageTarget, value: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const usage of usagesOf(target)) {
    const row = await queryOne<{ count: number }>(db, `SELECT count(*)::int AS count FROM ${usage.table} WHERE ${matches(usage, '$1')}`, [value]);
    if (row && row.count > 0) counts[`${usage.table}.${usage.column}`] = row.count;
  }
  return counts;
}

/** Rewrites `from` to `to` wherever it is used; returns the rows changed per usage. */
export async function replaceUsages(db: QueryRunner, target: UsageTarget, from: string, to: string): Promise<Record<string, number>> {
  const changed: Record<string, number> = {};
  for (const usage of usagesOf(target)) {
    // Multi-select arrays keep their order and hold the replacement once.
    const value = usage.array
      ? `ARRAY(SELECT x FROM unnest(array_replace(${usage.column}, $1, $2)) WITH ORDINALITY AS u(x, i) GROUP BY x ORDER BY min(i))`
      : '$2';
    const touch = usage.versioned === false ? '' : ', version = version + 1, updated_at = now()';
    const row = await queryOne<{ count: number }>(
      db,
      `WITH changed AS (UPDATE ${usage.table} SET ${usage.column} = ${value}${touch} WHERE ${matches(usage, '$1')} RETURNING 1)
       SELECT count(*)::int AS count FROM changed`,
      [from, to],
    );
    if (row && row.count > 0) changed[`${usage.table}.${usage.column}`] = row.count;
  }
  return changed;
}

/** "3 accounts.industry, 1 opportunities.lead_source" */
export const describeCounts = (counts: Record<string, number>): string =>
  Object.entries(counts)
    .map(([where, n]) => `${n} ${where}`)
    .join(', ');

/** The built-in usages of the seeded picklists; later modules register theirs from their index.ts. */
registerPicklistUsage('industry', { table: 'accounts', column: 'industry' });
