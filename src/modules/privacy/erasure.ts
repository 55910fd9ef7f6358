/**
 * Erasure (right to delete): every declared personal column of the person's rows is overwritten
 * with its erased value, personal custom fields are removed, and what only existed because of the
 * person goes too; business facts (amounts, dates, stages, ownership, the record itself) stay.
 * Irreversible by design: nothing is copied aside. Runs in the caller's transaction.
 */
import { QueryRunner } from 'typeorm';
import { quoteCodeIdentifier } from '../../db/identifiers';
import { SqlParams } from '../../db/sql-params';
import { queryOne, queryRows } from '../../db/sql';
import { UserError, UserErrorCode, userError } from '../../graphql/user-errors';
import { SubjectMatch, erasureAssignments, erasureCleanups, subjectSources } from './subject-sources';

export type ErasureCounts = Record<string, number>;

export async function eraseSubject(db: QueryRunner, match: SubjectMatch): Promise<{ counts: ErasureCounts } | { error: UserError }> {
  for (const source of subjectSources) {
    if (!source.erasureBlockedWhere) continue;
    const params = new SqlParams();
    const blocked = await queryOne(db, `SELECT 1 FROM ${quoteCodeIdentifier(source.table)} t WHERE ${source.where(match, params)} AND ${source.erasureBlockedWhere.sql} LIMIT 1`, params.values);
    if (blocked) return { error: userError(['input', 'subject'], `The person ${source.erasureBlockedWhere.reason}`, UserErrorCode.INVALID_STATE) };
  }
  const counts: ErasureCounts = {};
  for (const source of subjectSources) {
    const params = new SqlParams();
    const assignments = erasureAssignments(source, params);
    const [{ count }] = await queryRows<{ count: number }>(
      db,
      `WITH erased AS (UPDATE ${quoteCodeIdentifier(source.table)} t SET ${assignments.join(', ')} WHERE ${source.where(match, params)} RETURNING 1)
       SELECT count(*)::int AS count FROM erased`,
      params.values,
    );
    counts[source.section] = count;
  }
  for (const cleanup of erasureCleanups) {
    const params = new SqlParams();
    await db.query(cleanup(match, params), params.values);
  }
  return { counts };
}
