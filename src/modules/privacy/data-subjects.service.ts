/**
 * Data-subject requests, one transaction each and each recorded (who, when, what it found or did):
 * export (to know, of access), erasure (to delete), restriction of processing and its lifting.
 * Correction is the ordinary updateContact. Workspace admins only (see data-subjects.part.ts).
 */
import { QueryRunner } from 'typeorm';
import { entitySql } from '../../db/entity-sql';
import { queryRows } from '../../db/sql';
import { UserErrorCode, failure, userError } from '../../graphql/user-errors';
import { RequestContext } from '../../tenancy/request-context';
import { ContactEntity } from '../contacts';
import { runMutation } from '../records/mutation';
import {
  ErasePersonalDataPayload,
  ExportPersonalDataPayload,
  PersonalDataRequestInput,
  PrivacyRequestKind,
  ProcessingRestrictionPayload,
} from './data-subjects.types';
import { eraseSubject } from './erasure';
import { exportDocument } from './export-document';
import { recordPrivacyRequest, requestActor } from './privacy-requests';
import { findSubject } from './subjects';

export function exportPersonalData(ctx: RequestContext, input: PersonalDataRequestInput): Promise<ExportPersonalDataPayload> {
  return runMutation<ExportPersonalDataPayload>(ctx, input, async (db) => {
    const found = await findSubject(db, input.subject);
    if ('error' in found) return failure(found.error);
    const document = await exportDocument(ctx, db, found.match, input.subject);
    const summary = Object.fromEntries(Object.entries(document).filter(([, v]) => Array.isArray(v)).map(([k, v]) => [k, (v as unknown as unknown[]).length]));
    const request = await recordPrivacyRequest(db, requestActor(ctx), { kind: PrivacyRequestKind.EXPORT, match: found.match, email: input.subject.email, reason: input.reason, summary });
    return { request, document, userErrors: [] };
  });
}

export function erasePersonalData(ctx: RequestContext, input: PersonalDataRequestInput): Promise<ErasePersonalDataPayload> {
  return runMutation<ErasePersonalDataPayload>(ctx, input, async (db) => {
    const found = await findSubject(db, input.subject);
    if ('error' in found) return failure(found.error);
    const erased = await eraseSubject(db, found.match);
    if ('error' in erased) return failure(erased.error);
    // The address asked for is not kept: the record names the (now anonymous) records only.
    const request = await recordPrivacyRequest(db, requestActor(ctx), { kind: PrivacyRequestKind.ERASURE, match: found.match, reason: input.reason, summary: erased.counts });
    return { request, erasedContacts: erased.counts.contacts, erasedUsers: erased.counts.workspaceUsers, userErrors: [] };
  });
}

export function restrictProcessing(ctx: RequestContext, input: PersonalDataRequestInput): Promise<ProcessingRestrictionPayload> {
  return changeRestriction(ctx, input, PrivacyRequestKind.RESTRICTION, 'now()');
}

export function liftProcessingRestriction(ctx: RequestContext, input: PersonalDataRequestInput): Promise<ProcessingRestrictionPayload> {
  return changeRestriction(ctx, input, PrivacyRequestKind.RESTRICTION_LIFTED, 'NULL');
}

function changeRestriction(ctx: RequestContext, input: PersonalDataRequestInput, kind: PrivacyRequestKind, restrictedAt: 'now()' | 'NULL'): Promise<ProcessingRestrictionPayload> {
  return runMutation<ProcessingRestrictionPayload>(ctx, input, async (db) => {
    const found = await findSubject(db, input.subject);
    if ('error' in found) return failure(found.error);
    if (!found.match.contactIds.length) return failure(userError(['input', 'subject'], 'Processing is restricted on contacts; this person is no contact', UserErrorCode.NOT_FOUND));
    const changed = await setRestriction(db, found.match.contactIds, restrictedAt);
    const request = await recordPrivacyRequest(db, requestActor(ctx), {
      kind,
      match: { contactIds: found.match.contactIds, userIds: [] },
      email: input.subject.email,
      reason: input.reason,
      summary: { contacts: found.match.contactIds.length, changed },
    });
    const sql = entitySql(db.connection, ContactEntity);
    const contacts = await queryRows<ContactEntity>(db, `SELECT ${sql.selectList('c')} FROM contacts c WHERE c.id = ANY($1::uuid[]) ORDER BY c.id`, [found.match.contactIds]);
    return { request, contacts: contacts as never, userErrors: [] };
  });
}

/** Sets or clears the restriction where it differs; returns how many contacts changed. */
async function setRestriction(db: QueryRunner, contactIds: string[], restrictedAt: 'now()' | 'NULL'): Promise<number> {
  const [{ count }] = await queryRows<{ count: number }>(
    db,
    `WITH changed AS (
       UPDATE contacts c SET processing_restricted_at = ${restrictedAt}, version = c.version + 1, updated_at = now()
        WHERE c.id = ANY($1::uuid[]) AND (c.processing_restricted_at IS NULL) = ${restrictedAt === 'NULL' ? 'false' : 'true'}
        RETURNING 1)
     SELECT count(*)::int AS count FROM changed`,
    [contactIds],
  );
  return count;
}
