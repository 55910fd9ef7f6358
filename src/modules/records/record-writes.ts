/**
 * Writes shared by CRM records: insert with a time-ordered id, optimistic-locked update,
 * soft delete into the recycle bin and restore. Failures come back as userErrors.
 */
import { QueryRunner } from 'typeorm';
import { entitySql } from '../../db/entity-sql';
import { SqlParams } from '../../db/sql-params';
import { queryOne } from '../../db/sql';
import { uuidv7 } from '../../db/uuid';
import { UserError, UserErrorCode, staleVersion, userError } from '../../graphql/user-errors';
import { RecordRow, RecordSpec } from './record-spec';

export type WriteResult<Row> = { row: Row; userErrors?: undefined } | { row?: undefined; userErrors: UserError[] };

export async function insertRecord<Row extends RecordRow>(db: QueryRunner, spec: RecordSpec<Row>, values: Partial<Row>): Promise<Row> {
  const params = new SqlParams();
  const row = await queryOne<Row>(db, entitySql(db.connection, spec.entity).insert({ ...values, id: uuidv7() } as Partial<Row>, params), params.values);
  return row!;
}

/**
 * Updates a live record. With `expectedVersion`, a stale version is a CONFLICT userError and
 * nothing is written (no lost updates); the version increases by one on every write.
 * `extraAssignments` adds SET clauses computed from the row itself (trusted SQL over alias `r`,
 * values bound), e.g. merging custom field values into the stored ones.
 */
export async function updateRecord<Row extends RecordRow>(
  db: QueryRunner,
  spec: RecordSpec<Row>,
  id: string,
  values: Partial<Row>,
  expectedVersion?: number | null,
  extraAssignments: (params: SqlParams) => string[] = () => [],
): Promise<WriteResult<Row>> {
  const sql = entitySql(db.connection, spec.entity);
  const params = new SqlParams();
  const set = [...sql.assignments(values, params), ...extraAssignments(params), 'version = r.version + 1', 'updated_at = now()'];
  const conditions = [`r.id = ${params.add(id)}`, 'r.deleted_at IS NULL'];
  if (expectedVersion != null) conditions.push(`r.version = ${params.add(expectedVersion)}`);
  const row = await queryOne<Row>(
    db,
    `UPDATE ${sql.table} AS r SET ${set.join(', ')} WHERE ${conditions.join(' AND ')} RETURNING ${sql.selectList('r')}`,
    params.values,
  );
  if (row) return { row };
  return { userErrors: [await whyNotWritable(db, spec, id, expectedVersion)] };
}

export async function softDeleteRecord<Row extends RecordRow>(
  db: QueryRunner,
  spec: RecordSpec<Row>,
  id: string,
  expectedVersion?: number | null,
): Promise<WriteResult<Row>> {
  const sql = entitySql(db.connection, spec.entity);
  const versionCheck = expectedVersion != null ? ' AND r.version = $2' : '';
  const row = await queryOne<Row>(
    db,
    `UPDATE ${sql.table} AS r SET deleted_at = now(), version = r.version + 1, updated_at = now()
      WHERE r.id = $1 AND r.deleted_at IS NULL${versionCheck} RETURNING ${sql.selectList('r')}`,
    expectedVersion != null ? [id, expectedVersion] : [id],
  );
  if (row) return { row };
  return { userErrors: [await whyNotWritable(db, spec, id, expectedVersion)] };
}

export async function restoreRecord<Row extends RecordRow>(db: QueryRunner, spec: RecordSpec<Row>, id: string): Promise<WriteResult<Row>> {
  const sql = entitySql(db.connection, spec.entity);
  const row = await queryOne<Row>(
    db,
    `UPDATE ${sql.table} AS r SET deleted_at = NULL, version = r.version + 1, updated_at = now()
      WHERE r.id = $1 AND r.deleted_at IS NOT NULL RETURNING ${sql.selectList('r')}`,
    [id],
  );
  if (row) return { row };
  return { userErrors: [userError(['input', 'id'], `${spec.label} not found in the recycle bin`, UserErrorCode.NOT_FOUND)] };
}

async function whyNotWritable<Row extends RecordRow>(db: QueryRunner, spec: RecordSpec<Row>, id: string, expectedVersion?: number | null): Promise<UserError> {
  const current = await queryOne<{ version: number }>(db, `SELECT version FROM ${entitySql(db.connection, spec.entity).table} WHERE id = $1 AND deleted_at IS NULL`, [id]);
  if (!current) return userError(['input', 'id'], `${spec.label} not found`, UserErrorCode.NOT_FOUND);
  return userError(
    ['input', 'expectedVersion'],
    `${spec.label} was changed by someone else (expected version ${expectedVersion}, current version ${current.version}); reload and retry`,
    UserErrorCode.CONFLICT,
  );
}

/**
 * The live record, locked until commit (concurrent writers of one record take turns, e.g. status
 * transitions), at the caller's expected version: NOT_FOUND or CONFLICT otherwise.
 */
export async function lockedRecord<Row extends RecordRow>(
  db: QueryRunner,
  spec: Pick<RecordSpec<Row>, 'entity' | 'alias' | 'label'>,
  id: string,
  expectedVersion: number | null | undefined,
): Promise<{ row: Row; error?: undefined } | { row?: undefined; error: UserError }> {
  const sql = entitySql(db.connection, spec.entity);
  const row = await queryOne<Row>(db, `SELECT ${sql.selectList(spec.alias)} FROM ${sql.table} ${spec.alias} WHERE ${spec.alias}.id = $1 AND ${spec.alias}.deleted_at IS NULL FOR UPDATE`, [id]);
  if (!row) return { error: userError(['input', 'id'], `${spec.label} not found`, UserErrorCode.NOT_FOUND) };
  const conflict = staleVersion(spec.label, expectedVersion, row.version);
  return conflict ? { error: conflict } : { row };
}
