/**
 * Where a person's data lives, for data-subject requests. Each source names a table and the
 * @PersonalField type whose declared columns it holds: export reads those columns and erasure
 * overwrites exactly them, so a personal field added to a type is exported and erased without
 * touching this file. A type with declared columns but no source fails the schema audit.
 */
import { quoteCodeIdentifier } from '../../db/identifiers';
import { SqlParams } from '../../db/sql-params';
import { toGlobalId } from '../../graphql/global-id';
import { PersonalCategory, PersonalFieldMeta, personalFieldsOf } from '../../graphql/personal';

/** The person a request is about, as found: contact and user rows, and every address they go by. */
export interface SubjectMatch {
  contactIds: string[];
  userIds: string[];
  /** Leads with one of the addresses, and those converted into the matched contacts. */
  leadIds: string[];
  /** Lower-case e-mail addresses: the one asked for and those of the matched contacts. */
  emails: string[];
}

export interface SubjectSource {
  /** The @PersonalField type whose columns the table holds. */
  typeName: string;
  table: string;
  /** Its section of the export document. */
  section: string;
  /** Columns never exported (secrets of the workspace, not data about the person). */
  exportOmits?: string[];
  /** The subject's rows: trusted SQL over alias `t`, input bound through `params`. */
  where(match: SubjectMatch, params: SqlParams): string;
  /** Rows that may not be erased as they are, with the reason (an active workspace user). */
  erasureBlockedWhere?: { sql: string; reason: string };
  /** Further assignments when its rows are erased (markers, flags); trusted SQL over `t`. */
  erasureMarks?: string[];
}

export const subjectSources: SubjectSource[] = [
  {
    typeName: 'Contact',
    table: 'contacts',
    section: 'contacts',
    where: (match, params) => `t.id = ANY(${params.add(match.contactIds)}::uuid[])`,
    // Erased people are never contacted again; personal custom fields go with the built-in ones.
    erasureMarks: [
      'erased_at = now()',
      'do_not_contact = true',
      `custom_fields = t.custom_fields - ARRAY(SELECT d.key FROM custom_field_definitions d WHERE d.object = 'CONTACT' AND d.personal)`,
      'version = t.version + 1',
      'updated_at = now()',
    ],
  },
  {
    typeName: 'Lead',
    table: 'leads',
    section: 'leads',
    where: (match, params) => `t.id = ANY(${params.add(match.leadIds)}::uuid[])`,
    erasureMarks: ['erased_at = now()', 'version = t.version + 1', 'updated_at = now()'],
  },
  {
    typeName: 'Consent',
    table: 'contact_consents',
    section: 'consents',
    where: (match, params) => `t.contact_id = ANY(${params.add(match.contactIds)}::uuid[])`,
  },
  {
    // Subjects and bodies of activities with the person (calls, meetings, notes) are free text about them.
    typeName: 'Activity',
    table: 'activities',
    section: 'activities',
    where: (match, params) => `(t.contact_id = ANY(${params.add(match.contactIds)}::uuid[]) OR t.lead_id = ANY(${params.add(match.leadIds)}::uuid[]))`,
    erasureMarks: ['version = t.version + 1', 'updated_at = now()'],
  },
  {
    // Who wrote in, as they gave it: cases carrying one of the person's addresses, and the cases of
    // the matched contacts (what they supplied is theirs).
    typeName: 'ServiceCase',
    table: 'service_cases',
    section: 'serviceCases',
    where: (match, params) => `(lower(t.supplied_email) = ANY(${params.add(match.emails)}::text[]) OR t.contact_id = ANY(${params.add(match.contactIds)}::uuid[]))`,
    erasureMarks: ['version = t.version + 1', 'updated_at = now()'],
  },
  {
    // Who signed for field work: the signer is the order's site contact, so the name is theirs.
    typeName: 'WorkOrder',
    table: 'work_orders',
    section: 'workOrders',
    where: (match, params) => `t.site_contact_id = ANY(${params.add(match.contactIds)}::uuid[])`,
    erasureMarks: ['version = t.version + 1', 'updated_at = now()'],
  },
  {
    // What a person said or did in answer to a campaign, as noted: as a member, or as a lead.
    typeName: 'CampaignResponse',
    table: 'campaign_responses',
    section: 'campaignResponses',
    where: (match, params) => `(t.contact_id = ANY(${params.add(match.contactIds)}::uuid[]) OR t.lead_id = ANY(${params.add(match.leadIds)}::uuid[]))`,
  },
  {
    typeName: 'User',
    table: 'users',
    section: 'workspaceUsers',
    exportOmits: ['password_hash'],
    where: (match, params) => `t.id = ANY(${params.add(match.userIds)}::uuid[])`,
    erasureBlockedWhere: { sql: `t.status <> 'deactivated'`, reason: 'is a user of this workspace; deactivate the user first' },
    erasureMarks: ['version = t.version + 1', 'updated_at = now()'],
  },
  {
    typeName: 'PrivacyRequest',
    table: 'privacy_requests',
    section: 'privacyRequests',
    where: (match, params) => `(t.subject_contact_ids && ${params.add(match.contactIds)}::uuid[] OR lower(t.subject_email) = ANY(${params.add(match.emails)}::text[]))`,
  },
];

/** The declared personal fields of a type that are stored in a column. */
export const storedPersonalFields = (typeName: string): (PersonalFieldMeta & { column: string })[] =>
  personalFieldsOf(typeName).filter((f): f is PersonalFieldMeta & { column: string } => f.column !== undefined);

export const isSealed = (field: PersonalFieldMeta): boolean => field.category === PersonalCategory.SENSITIVE;

/** `column = erased value` for every declared column of the source's type. */
export function erasureAssignments(source: SubjectSource, params: SqlParams): string[] {
  const assignments = storedPersonalFields(source.typeName).map(({ column, erasedValue }) => {
    const value = erasedValue !== null && typeof erasedValue === 'object' && !Array.isArray(erasedValue) ? erasedValue.sql : params.add(erasedValue);
    return `${quoteCodeIdentifier(column)} = ${value}`;
  });
  return [...assignments, ...(source.erasureMarks ?? [])];
}

/**
 * What else erasure removes that no @PersonalField column describes: rows that only exist because
 * of the person (a former user's sessions with their network address and browser; invitation and
 * reset tokens), remembered create requests that could replay a contact, and the personal fields
 * of users copied into the admin audit trail (by the User type's declared field names).
 */
export const erasureCleanups: ((match: SubjectMatch, params: SqlParams) => string)[] = [
  (match, params) => `DELETE FROM user_sessions WHERE user_id = ANY(${params.add(match.userIds)}::uuid[])`,
  (match, params) => `DELETE FROM user_invitations WHERE user_id = ANY(${params.add(match.userIds)}::uuid[])`,
  (match, params) => `DELETE FROM idempotency_keys WHERE result_id = ANY(${params.add(match.contactIds)}::uuid[])`,
  (match, params) => {
    const fields = params.add(personalFieldsOf('User').map((f) => f.fieldName));
    return `UPDATE admin_audit SET before = before - ${fields}::text[], after = after - ${fields}::text[]
             WHERE target_type = 'User' AND target_id = ANY(${params.add(match.userIds.map((id) => toGlobalId('User', id)))}::text[])`;
  },
];
