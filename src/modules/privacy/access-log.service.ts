/**
 * The log of personal-data reads: one row per operation and record type (which records, which
 * fields, never the values), written in the operation's own transaction just before it commits, so
 * personal data never leaves without its entry; queried by admins; pruned after the workspace's
 * retention period.
 */
import { QueryRunner } from 'typeorm';
import { Queryable, queryOne, queryRows } from '../../db/sql';
import { SqlParams } from '../../db/sql-params';
import { isUuid, uuidv7 } from '../../db/uuid';
import { badInput } from '../../graphql/errors';
import { parseGlobalId, requireUuid, toGlobalId, uuidOf } from '../../graphql/global-id';
import { ConnectionValue, OrderTerm, keysetSql, orderBySql, planPage, toConnection } from '../../graphql/pagination';
import type { PersonalReadsOfType } from '../../tenancy/personal-reads';
import { auditActor } from '../../tenancy/principal';
import { RequestContext, tenantDb, tenantOf } from '../../tenancy/request-context';
import type { PersonalDataAccessLogArgs, PersonalDataAccessLogFilter } from './access-log.types';

/** Writes what the operation read, in one statement (a row per record type). */
export async function writeAccessLog(ctx: RequestContext, db: QueryRunner, reads: PersonalReadsOfType[]): Promise<void> {
  if (!reads.length) return;
  const principal = tenantOf(ctx);
  const actor = auditActor(principal);
  // The API names the operation before execution; code executing the schema itself may not (then: a query).
  const operation = ctx.personalReads?.operation ?? { type: 'query', name: null };
  const params = new SqlParams();
  const shared = [
    params.add(ctx.requestId),
    params.add(actor.type),
    params.add(actor.id),
    `${params.add(principal.credential.userId)}::uuid`,
    params.add(operation.type),
    params.add(operation.name),
  ].join(', ');
  const rows = reads.map((read) => {
    const ids = [...read.records].map((id) => recordUuid(id, read.recordType)).filter((id): id is string => id !== null);
    const fields = [...read.fields].sort();
    return `(${params.add(uuidv7())}::uuid, ${shared}, ${params.add(read.recordType)}, ${params.add(ids)}::uuid[], ${params.add(fields)}::text[])`;
  });
  await db.query(
    `INSERT INTO personal_data_access_log (id, request_id, actor_kind, actor_id, user_id, operation_type, operation_name, record_type, record_ids, fields)
     VALUES ${rows.join(', ')}`,
    params.values,
  );
}

/**
 * Entity rows carry their UUID as `id`, view objects their global ID; anything else is left out
 * (the entry still tells which fields were read) rather than failing the read.
 */
const recordUuid = (id: string, recordType: string): string | null => (isUuid(id) ? id : uuidOf(id, recordType));

export interface AccessLogRow {
  id: string;
  at: Date;
  requestId: string;
  actorKind: string;
  actorId: string;
  userId: string | null;
  operationType: string;
  operationName: string | null;
  recordType: string;
  recordIds: string[];
  fields: string[];
}

const newestFirst: OrderTerm<AccessLogRow>[] = [
  { key: { name: 'at', expression: 'at', nullable: false, sqlType: 'timestamptz', value: (r) => r.at }, direction: 'DESC' },
  { key: { name: 'id', expression: 'id', nullable: false, sqlType: 'uuid', value: (r) => r.id }, direction: 'DESC' },
];

/** The filter's conditions (trusted SQL, bound values); a malformed ID is BAD_USER_INPUT. */
function conditions(where: PersonalDataAccessLogFilter | null | undefined, params: SqlParams): string[] {
  if (!where) return [];
  const found: string[] = [];
  if (where.recordId != null) {
    const record = parseGlobalId(where.recordId);
    if (!record) throw badInput('"where.recordId" is not a valid ID', { argument: 'where.recordId' });
    found.push(`record_type = ${params.add(record.type)}`, `record_ids @> ARRAY[${params.add(record.uuid)}::uuid]`);
  }
  if (where.recordType != null) found.push(`record_type = ${params.add(where.recordType)}`);
  if (where.userId != null) found.push(`user_id = ${params.add(requireUuid(where.userId, 'User', 'where.userId'))}::uuid`);
  if (where.actorId != null) found.push(`actor_id = ${params.add(where.actorId)}`);
  if (where.from != null) found.push(`at >= ${params.add(where.from)}::timestamptz`);
  if (where.to != null) found.push(`at < ${params.add(where.to)}::timestamptz`);
  return found;
}

const whereSql = (found: string[]): string => (found.length ? `WHERE ${found.join(' AND ')}` : '');

/** Entries newest first, in pages (keyset on the time and id, the log's index). */
export async function listAccessLog(ctx: RequestContext, args: PersonalDataAccessLogArgs): Promise<ConnectionValue<AccessLogRow>> {
  const plan = planPage(args, newestFirst as OrderTerm<unknown>[]);
  const params = new SqlParams();
  const found = conditions(args.where, params);
  const filterParams = [...params.values];
  const page = plan.cursor ? [...found, keysetSql(newestFirst, plan.cursor, plan.backward, params)] : found;
  const db = await tenantDb(ctx);
  const rows = await queryRows<AccessLogRow>(
    db,
    `SELECT id, at, request_id AS "requestId", actor_kind AS "actorKind", actor_id AS "actorId", user_id AS "userId",
            operation_type AS "operationType", operation_name AS "operationName", record_type AS "recordType",
            record_ids::text[] AS "recordIds", fields
       FROM personal_data_access_log ${whereSql(page)}
      ORDER BY ${orderBySql(newestFirst, plan.backward)} LIMIT ${params.add(plan.limit + 1)}`,
    params.values,
  );
  return toConnection(rows, plan, newestFirst, async () => {
    const counted = await queryOne<{ count: number }>(db, `SELECT count(*)::int AS count FROM personal_data_access_log ${whereSql(found)}`, filterParams);
    return counted!.count;
  });
}

/** The global IDs of an entry's records. */
export const recordIdsOf = (row: AccessLogRow): string[] => row.recordIds.map((uuid) => toGlobalId(row.recordType, uuid));

/**
 * Deletes entries older than the retention period (the workspace's access_log_retention_days), in
 * the caller's transaction of the workspace; returns how many.
 */
export async function pruneAccessLog(db: Queryable, retentionDays: number): Promise<number> {
  if (!Number.isInteger(retentionDays) || retentionDays < 1) throw new Error(`Access log retention must be a whole number of days, got ${retentionDays}`);
  const pruned = await queryOne<{ count: number }>(
    db,
    `WITH pruned AS (DELETE FROM personal_data_access_log WHERE at < now() - make_interval(days => $1) RETURNING 1)
     SELECT count(*)::int AS count FROM pruned`,
    [retentionDays],
  );
  return pruned!.count;
}
