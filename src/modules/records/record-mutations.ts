/**
 * The shapes every CRM record's mutations share: create (with idempotency key) and write-by-id
 * (update, delete, restore). Each returns the module's payload `{ <key>: row, userErrors }`.
 */
import { QueryRunner } from 'typeorm';
import { Payload, UserError, UserErrorCode, failure, userError } from '../../graphql/user-errors';
import { RequestContext } from '../../tenancy/request-context';
import { createIdempotently } from './idempotency';
import { reserveRecords } from './record-quota';
import { runMutation } from './mutation';
import { loadRecords } from './record-lists';
import { RecordRow, RecordSpec } from './record-spec';
import { WriteResult, insertRecord } from './record-writes';
import { inputRecordId } from './references';
import { withinScope } from './record-scope';

type Values<Row> = { values: Partial<Row>; userErrors?: undefined } | { values?: undefined; userErrors: UserError[] };

/** Inserts the values `prepare` derives from the input; a retry with the same idempotency key replays the first result. */
export function createRecordMutation<Row extends RecordRow, P extends Payload>(
  ctx: RequestContext,
  spec: RecordSpec<Row>,
  payloadKey: string,
  input: { idempotencyKey?: string | null },
  prepare: (db: QueryRunner) => Promise<Values<Row>>,
): Promise<P> {
  return runMutation<P>(ctx, input, async (db) => {
    const prepared = await prepare(db);
    if (prepared.userErrors) return failure<P>(...prepared.userErrors);
    // The quota is checked only for a real create: a retry that replays the first result passes.
    const outcome = await createIdempotently(db, `create${spec.typeName}`, input, async () => {
      await reserveRecords(ctx, db, 1);
      return { row: await insertRecord(db, spec, prepared.values) };
    });
    if ('userErrors' in outcome) return failure<P>(...outcome.userErrors);
    const row = 'created' in outcome ? outcome.created : (await loadRecords(db, spec, [outcome.replayedId], { includeDeleted: true }))[0];
    return { [payloadKey]: row, userErrors: [] } as unknown as P;
  });
}

/** Resolves `input.id` to the record's UUID (an INVALID userError when malformed) and applies `write` to it. */
export function writeRecordMutation<Row extends RecordRow, P extends Payload>(
  ctx: RequestContext,
  spec: RecordSpec<Row>,
  payloadKey: string,
  input: { id: string },
  write: (db: QueryRunner, uuid: string) => Promise<WriteResult<Row>>,
): Promise<P> {
  return runMutation<P>(ctx, input, async (db) => {
    const target = inputRecordId(input.id, spec.typeName);
    if (target.error) return failure<P>(target.error);
    // Out of the caller's record scope is indistinguishable from not existing.
    if (!(await withinScope(ctx, db, spec, target.uuid))) return failure<P>(userError(['input', 'id'], `${spec.label} not found`, UserErrorCode.NOT_FOUND));
    const result = await write(db, target.uuid);
    return result.row ? ({ [payloadKey]: result.row, userErrors: [] } as unknown as P) : failure<P>(...(result.userErrors ?? []));
  });
}

