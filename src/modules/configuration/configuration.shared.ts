/**
 * Pieces the configuration services share: optimistic-locking checks, name cleaning, refusals
 * of concurrent duplicates, idempotent creates, contiguous positions in ordered lists, and
 * name-ordered connections (shared with the users list, hence in records/).
 */
import { QueryRunner } from 'typeorm';
import { Payload, UserError, UserErrorCode, failure, userError } from '../../graphql/user-errors';
import { createIdempotently } from '../records/idempotency';

export { staleVersion } from '../../graphql/user-errors';

export const notFoundError = (field: string[], label: string): UserError => userError(field, `${label} not found`, UserErrorCode.NOT_FOUND);

/** Trims a name; REQUIRED when blank (null counts as blank: names cannot be cleared). */
export function cleanName(value: string | null | undefined, field: string[], label: string, maxLength: number): { value?: string; error?: UserError } {
  if (value === undefined) return {};
  const trimmed = (value ?? '').trim();
  if (!trimmed) return { error: userError(field, `${label} must not be empty`, UserErrorCode.REQUIRED) };
  if (trimmed.length > maxLength) return { error: userError(field, `${label} must be at most ${maxLength} characters`, UserErrorCode.TOO_LONG) };
  return { value: trimmed };
}

/**
 * The unique-index violation a concurrent writer can still cause after our own check, as the
 * constraint name; the caller turns it into a DUPLICATE userError (the payload then writes nothing).
 */
export function violatedConstraint(error: unknown, sqlState: '23505' | '23503' = '23505'): string | null {
  const e = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const code = e?.code ?? e?.driverError?.code;
  return code === sqlState ? (e.constraint ?? e.driverError?.constraint ?? null) : null;
}

/**
 * Runs a mutation whose uniqueness is left to the database's indexes (race-free): a violation of
 * one of the named indexes aborted the work, which the transaction has already undone, and is
 * answered as its userError (DUPLICATE); any other error is thrown on.
 */
export async function answeringDuplicates<P extends Payload>(work: Promise<P>, duplicates: Record<string, UserError>): Promise<P> {
  try {
    return await work;
  } catch (error) {
    const constraint = violatedConstraint(error);
    if (constraint && duplicates[constraint]) return failure<P>(duplicates[constraint]);
    throw error;
  }
}

/**
 * A create that a retry with the same idempotency key answers with the first result (loaded by
 * `load`) instead of creating twice. The whole create runs inside, so a retry never meets its own
 * first result as a duplicate.
 */
export async function createOnce<Row extends { id: string }>(
  db: QueryRunner,
  operation: string,
  label: string,
  input: { idempotencyKey?: string | null },
  create: () => Promise<{ row?: Row; userErrors?: UserError[] }>,
  load: (id: string) => Promise<Row | null>,
): Promise<{ row: Row; userErrors?: undefined } | { row?: undefined; userErrors: UserError[] }> {
  const outcome = await createIdempotently(db, operation, input, create);
  if ('userErrors' in outcome) return { userErrors: outcome.userErrors };
  if ('created' in outcome) return { row: outcome.created };
  const first = await load(outcome.replayedId);
  if (first) return { row: first };
  return { userErrors: [userError(['input', 'idempotencyKey'], `The ${label} created with this idempotency key has since been deleted`, UserErrorCode.NOT_FOUND)] };
}

/**
 * Writes positions 1..n in the given order to the rows of `table` (a code constant) whose position
 * changed, bumping their version (a row's place in its list is part of the row) except for
 * `ownVersioned`, the row the caller writes itself and bumps once.
 */
export async function writePositions(db: QueryRunner, table: 'picklist_values' | 'pipeline_stages', orderedIds: string[], ownVersioned?: string): Promise<void> {
  await db.query(
    `UPDATE ${table} t SET position = o.position::int, version = t.version + CASE WHEN t.id = $2 THEN 0 ELSE 1 END, updated_at = now()
       FROM unnest($1::uuid[]) WITH ORDINALITY AS o(id, position)
      WHERE t.id = o.id AND t.position <> o.position`,
    [orderedIds, ownVersioned ?? null],
  );
}

/** `ids` with `id` moved to 1-based `position` (clamped to the list). */
export function moveTo(ids: string[], id: string, position: number): string[] {
  const rest = ids.filter((x) => x !== id);
  const index = Math.min(Math.max(position, 1), rest.length + 1) - 1;
  return [...rest.slice(0, index), id, ...rest.slice(index)];
}

export { nameOrderedPage } from '../records/name-ordered-page';
export type { NamedRow } from '../records/name-ordered-page';
