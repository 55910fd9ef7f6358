/** The record of data-subject requests: written in the request's own transaction, read by admins. */
import { QueryRunner } from 'typeorm';
import { queryOne, queryRows } from '../../db/sql';
import { uuidv7 } from '../../db/uuid';
import { badInput } from '../../graphql/errors';
import { requireUuid, toGlobalId } from '../../graphql/global-id';
import { ConnectionValue, OrderTerm, planPage, toConnection } from '../../graphql/pagination';
import { auditActor } from '../../tenancy/principal';
import { RequestContext, tenantDb, tenantOf } from '../../tenancy/request-context';
import { PrivacyRequest, PrivacyRequestKind, PrivacyRequestsArgs } from './data-subjects.types';
import { SubjectMatch } from './subject-sources';

interface PrivacyRequestRow {
  id: string;
  kind: PrivacyRequestKind;
  subjectContactIds: string[];
  subjectUserIds: string[];
  subjectEmail: string | null;
  actorKind: string;
  actorId: string;
  reason: string | null;
  summary: Record<string, unknown>;
  at: Date;
}

const COLUMNS = `id, kind, subject_contact_ids AS "subjectContactIds", subject_user_ids AS "subjectUserIds", subject_email AS "subjectEmail",
  actor_kind AS "actorKind", actor_id AS "actorId", reason, summary, at`;

export interface RequestRecord {
  kind: PrivacyRequestKind;
  match: Pick<SubjectMatch, 'contactIds' | 'userIds'>;
  /** The address asked for; never kept for an erasure. */
  email?: string | null;
  reason?: string | null;
  summary: Record<string, unknown>;
}

/** The actor of a system job (the retention sweep) or of the request's credential. */
export type RequestActor = { type: string; id: string };

export const requestActor = (ctx: RequestContext): RequestActor => auditActor(tenantOf(ctx));

export async function recordPrivacyRequest(db: QueryRunner, actor: RequestActor, record: RequestRecord): Promise<PrivacyRequest> {
  const row = await queryOne<PrivacyRequestRow>(
    db,
    `INSERT INTO privacy_requests (id, kind, subject_contact_ids, subject_user_ids, subject_email, actor_kind, actor_id, reason, summary)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${COLUMNS}`,
    [uuidv7(), record.kind, record.match.contactIds, record.match.userIds, record.email?.toLowerCase() ?? null, actor.type, actor.id, record.reason ?? null, JSON.stringify(record.summary)],
  );
  return toView(row!);
}

export function toView(row: PrivacyRequestRow): PrivacyRequest {
  return {
    id: toGlobalId('PrivacyRequest', row.id),
    kind: row.kind,
    subjectContactIds: row.subjectContactIds.map((id) => toGlobalId('Contact', id)),
    subjectUserIds: row.subjectUserIds.map((id) => toGlobalId('User', id)),
    subjectEmail: row.subjectEmail,
    actor: `${row.actorKind}:${row.actorId}`,
    reason: row.reason,
    summary: row.summary,
    at: row.at,
  };
}

/** A view that keeps its row's UUID for the cursor. */
type ListedRequest = PrivacyRequest & { uuid: string };

const newestFirst: OrderTerm<ListedRequest>[] = [{ key: { name: 'id', expression: 'id', nullable: false, sqlType: 'uuid', value: (r) => r.uuid }, direction: 'DESC' }];

export async function listPrivacyRequests(ctx: RequestContext, args: PrivacyRequestsArgs): Promise<ConnectionValue<PrivacyRequest>> {
  const plan = planPage(args, newestFirst as OrderTerm<unknown>[]);
  if (plan.backward) throw badInput('Privacy requests page forward only (first/after)');
  const contact = args.where?.contactId ? requireUuid(args.where.contactId, 'Contact', 'where.contactId') : null;
  const filters = [args.where?.kind ?? null, contact];
  const where = `($1::text IS NULL OR kind = $1) AND ($2::uuid IS NULL OR $2::uuid = ANY(subject_contact_ids))`;
  const db = await tenantDb(ctx);
  const rows = await queryRows<PrivacyRequestRow>(db, `SELECT ${COLUMNS} FROM privacy_requests WHERE ${where} AND ($3::uuid IS NULL OR id < $3) ORDER BY id DESC LIMIT $4`, [
    ...filters,
    plan.cursor?.[0] ?? null,
    plan.limit + 1,
  ]);
  const views = rows.map((row) => ({ ...toView(row), uuid: row.id }));
  return toConnection(views, plan, newestFirst, async () => (await queryRows<{ count: number }>(db, `SELECT count(*)::int AS count FROM privacy_requests WHERE ${where}`, filters))[0].count);
}
