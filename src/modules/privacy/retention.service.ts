/**
 * Retention (storage limitation): the workspace's policy flags contacts without activity for N
 * months for review, and admins (or the daily sweep, when the policy says so) anonymise them with
 * the same erasure as a data-subject request. The access log's retention is set here too.
 */
import { QueryRunner } from 'typeorm';
import { queryOne, queryRows } from '../../db/sql';
import { SqlParams } from '../../db/sql-params';
import { entitySql } from '../../db/entity-sql';
import { uuidOf } from '../../graphql/global-id';
import { ConnectionValue, OrderTerm, keysetSql, orderBySql, planPage, toConnection } from '../../graphql/pagination';
import { UserErrorCode, failure, staleVersion, userError } from '../../graphql/user-errors';
import { RequestContext, tenantDb } from '../../tenancy/request-context';
import { recordAdminChange } from '../admin-audit';
import { ContactEntity } from '../contacts';
import { runMutation } from '../records/mutation';
import { PrivacyRequestKind } from './data-subjects.types';
import { eraseSubject } from './erasure';
import { RequestActor, recordPrivacyRequest, requestActor } from './privacy-requests';
import { ApplyRetentionPolicyInput, ApplyRetentionPolicyPayload, PrivacyPolicy, RetentionReviewArgs, UpdatePrivacyPolicyInput, UpdatePrivacyPolicyPayload } from './retention.types';
import { matchForContacts } from './subjects';

/** Most contacts one retention erasure anonymises (the sweep continues the next day). */
export const RETENTION_BATCH = 500;

const POLICY_COLUMNS = `access_log_retention_days AS "accessLogRetentionDays", inactive_contact_review_months AS "inactiveContactReviewMonths",
  anonymize_inactive_contacts AS "anonymizeInactiveContacts", version, updated_at AS "updatedAt"`;

export async function readPrivacyPolicy(db: QueryRunner, forUpdate = false): Promise<PrivacyPolicy> {
  return (await queryOne<PrivacyPolicy>(db, `SELECT ${POLICY_COLUMNS} FROM workspace_settings${forUpdate ? ' FOR UPDATE' : ''}`))!;
}

export async function getPrivacyPolicy(ctx: RequestContext): Promise<PrivacyPolicy> {
  return readPrivacyPolicy(await tenantDb(ctx));
}

export function updatePrivacyPolicy(ctx: RequestContext, input: UpdatePrivacyPolicyInput): Promise<UpdatePrivacyPolicyPayload> {
  return runMutation<UpdatePrivacyPolicyPayload>(ctx, input, async (db) => {
    const before = await readPrivacyPolicy(db, true);
    const conflict = staleVersion('The workspace settings', input.expectedVersion, before.version);
    if (conflict) return failure(conflict);
    const next = {
      accessLogRetentionDays: input.accessLogRetentionDays ?? before.accessLogRetentionDays,
      inactiveContactReviewMonths: input.inactiveContactReviewMonths === undefined ? before.inactiveContactReviewMonths : input.inactiveContactReviewMonths,
      anonymizeInactiveContacts: input.anonymizeInactiveContacts ?? before.anonymizeInactiveContacts,
    };
    if (next.inactiveContactReviewMonths === null) next.anonymizeInactiveContacts = input.anonymizeInactiveContacts ?? false;
    if (next.anonymizeInactiveContacts && next.inactiveContactReviewMonths === null) {
      return failure(userError(['input', 'anonymizeInactiveContacts'], 'Automatic anonymisation needs inactiveContactReviewMonths', UserErrorCode.INVALID));
    }
    const after = (await queryOne<PrivacyPolicy>(
      db,
      `UPDATE workspace_settings SET access_log_retention_days = $1, inactive_contact_review_months = $2, anonymize_inactive_contacts = $3, version = version + 1, updated_at = now()
        RETURNING ${POLICY_COLUMNS}`,
      [next.accessLogRetentionDays, next.inactiveContactReviewMonths, next.anonymizeInactiveContacts],
    ))!;
    await recordAdminChange(ctx, db, { action: 'privacy_policy.update', targetType: 'PrivacyPolicy', before, after });
    return { policy: after, userErrors: [] };
  });
}

const DUE = `c.erased_at IS NULL AND c.last_activity_at < now() - make_interval(months => $1::int)`;

type DueContact = ContactEntity;
const leastActiveFirst: OrderTerm<DueContact>[] = [
  { key: { name: 'lastActivityAt', expression: 'c.last_activity_at', nullable: false, sqlType: 'timestamptz', value: (r) => r.lastActivityAt }, direction: 'ASC' },
  { key: { name: 'id', expression: 'c.id', nullable: false, sqlType: 'uuid', value: (r) => r.id }, direction: 'ASC' },
];

/** Contacts due for review (recycle bin included: their data is held all the same), least recently active first. */
export async function contactsDueForReview(ctx: RequestContext, args: RetentionReviewArgs): Promise<ConnectionValue<DueContact>> {
  const plan = planPage(args, leastActiveFirst as OrderTerm<unknown>[]);
  const db = await tenantDb(ctx);
  const { inactiveContactReviewMonths: months } = await readPrivacyPolicy(db);
  if (months === null) return toConnection([], plan, leastActiveFirst, async () => 0);
  const params = new SqlParams();
  params.add(months);
  const after = plan.cursor ? `AND ${keysetSql(leastActiveFirst, plan.cursor, plan.backward, params)}` : '';
  const sql = entitySql(db.connection, ContactEntity);
  const rows = await queryRows<DueContact>(
    db,
    `SELECT ${sql.selectList('c')} FROM contacts c WHERE ${DUE} ${after} ORDER BY ${orderBySql(leastActiveFirst, plan.backward)} LIMIT ${params.add(plan.limit + 1)}`,
    params.values,
  );
  return toConnection(rows, plan, leastActiveFirst, async () => (await queryRows<{ count: number }>(db, `SELECT count(*)::int AS count FROM contacts c WHERE ${DUE}`, [months]))[0].count);
}

export function applyRetentionPolicy(ctx: RequestContext, input: ApplyRetentionPolicyInput): Promise<ApplyRetentionPolicyPayload> {
  return runMutation<ApplyRetentionPolicyPayload>(ctx, input, async (db) => {
    const ids: string[] = [];
    for (const [index, id] of (input.contactIds ?? []).entries()) {
      const uuid = uuidOf(id, 'Contact');
      if (!uuid) return failure(userError(['input', 'contactIds', String(index)], `"${id}" is not a valid Contact ID`, UserErrorCode.INVALID));
      ids.push(uuid);
    }
    const { inactiveContactReviewMonths: months } = await readPrivacyPolicy(db);
    if (months === null) return failure(userError(null, 'The privacy policy has no retention review (inactiveContactReviewMonths)', UserErrorCode.INVALID_STATE));
    const due = await dueContactIds(db, months, input.contactIds ? ids : null);
    if (input.contactIds && due.length < new Set(ids).size) {
      return failure(userError(['input', 'contactIds'], 'Some of these contacts are not due for retention review', UserErrorCode.INVALID_STATE));
    }
    return { ...(await anonymizeContacts(db, requestActor(ctx), due)), userErrors: [] };
  });
}

export async function dueContactIds(db: QueryRunner, months: number, among: string[] | null): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    `SELECT c.id FROM contacts c WHERE ${DUE} AND ($2::uuid[] IS NULL OR c.id = ANY($2::uuid[])) ORDER BY c.last_activity_at, c.id LIMIT $3 FOR UPDATE`,
    [months, among, RETENTION_BATCH],
  );
  return rows.map((r) => r.id);
}

/** Erases due contacts as one recorded retention erasure. */
export async function anonymizeContacts(db: QueryRunner, actor: RequestActor, contactIds: string[]) {
  if (!contactIds.length) return { request: null, erasedContacts: 0 };
  const match = await matchForContacts(db, contactIds);
  const erased = await eraseSubject(db, match);
  if ('error' in erased) throw new Error('retention erasure touches no users');
  const request = await recordPrivacyRequest(db, actor, { kind: PrivacyRequestKind.RETENTION_ERASURE, match, summary: erased.counts });
  return { request, erasedContacts: erased.counts.contacts };
}
