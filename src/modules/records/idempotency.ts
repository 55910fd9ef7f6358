/**
 * Creates that carry an idempotency key return their first result when retried. The key row is
 * inserted first: a concurrent retry waits on it, then finds the committed result.
 */
import { createHash } from 'node:crypto';
import { QueryRunner } from 'typeorm';
import { queryOne } from '../../db/sql';
import { UserError, UserErrorCode, userError } from '../../graphql/user-errors';

export type IdempotentOutcome<Row> = { replayedId: string } | { created: Row } | { userErrors: UserError[] };

const hashRequest = (input: object): string => {
  const { idempotencyKey: _key, ...rest } = input as Record<string, unknown>;
  void _key;
  return createHash('sha256').update(JSON.stringify(rest)).digest('hex');
};

export async function createIdempotently<Row extends { id: string }>(
  db: QueryRunner,
  operation: string,
  input: { idempotencyKey?: string | null },
  create: () => Promise<{ row?: Row; userErrors?: UserError[] }>,
): Promise<IdempotentOutcome<Row>> {
  const key = input.idempotencyKey;
  if (!key) return wrap(await create());
  const requestHash = hashRequest(input);
  const reserved = await queryOne(
    db,
    `INSERT INTO idempotency_keys (key, operation, request_hash) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING RETURNING key`,
    [key, operation, requestHash],
  );
  if (!reserved) {
    const first = await queryOne<{ operation: string; request_hash: string; result_id: string | null }>(
      db,
      'SELECT operation, request_hash, result_id FROM idempotency_keys WHERE key = $1',
      [key],
    );
    if (!first || first.operation !== operation || first.request_hash !== requestHash || !first.result_id) {
      return { userErrors: [userError(['input', 'idempotencyKey'], 'This idempotency key was already used for a different request', UserErrorCode.CONFLICT)] };
    }
    return { replayedId: first.result_id };
  }
  const outcome = wrap(await create());
  if ('created' in outcome) await db.query('UPDATE idempotency_keys SET result_id = $2 WHERE key = $1', [key, outcome.created.id]);
  return outcome;
}

function wrap<Row>(result: { row?: Row; userErrors?: UserError[] }): IdempotentOutcome<Row> {
  return result.row ? { created: result.row } : { userErrors: result.userErrors ?? [] };
}
