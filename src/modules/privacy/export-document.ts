/**
 * The export of everything held about a person (right to know and of access): every stored column
 * of every source's rows (sensitive ones decrypted, secrets of the workspace left out), with
 * references as the API's global IDs, plus who read their personal data. One statement per
 * source, whatever the number of records.
 */
import { QueryRunner } from 'typeorm';
import { quoteCodeIdentifier } from '../../db/identifiers';
import { SqlParams } from '../../db/sql-params';
import { queryRows } from '../../db/sql';
import { toGlobalId } from '../../graphql/global-id';
import { PersonalFieldMeta, sealingContext } from '../../graphql/personal';
import { openSealedValues } from '../custom-fields';
import { RequestContext, tenantOf } from '../../tenancy/request-context';
import { openText } from '../../tenancy/sealed-data';
import { SubjectMatch, SubjectSource, isSealed, storedPersonalFields, subjectSources } from './subject-sources';

export const EXPORT_FORMAT = 'tenantry.personal-data-export/1';

/** Columns holding references, exported as the referenced type's global IDs. */
const REFERENCES: Record<string, string> = {
  account_id: 'Account',
  owner_id: 'User',
  contact_id: 'Contact',
  user_id: 'User',
  subject_contact_ids: 'Contact',
  subject_user_ids: 'User',
  lead_id: 'Lead',
  opportunity_id: 'Opportunity',
  converted_account_id: 'Account',
  converted_contact_id: 'Contact',
  converted_opportunity_id: 'Opportunity',
};

/** Custom field values: sensitive ones are sealed inside the JSON object. */
const CUSTOM_FIELDS = 'custom_fields';

const camelCase = (column: string) => column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

export async function exportDocument(ctx: RequestContext, db: QueryRunner, match: SubjectMatch, asked: { contactId?: string | null; email?: string | null }) {
  const sections: Record<string, unknown[]> = {};
  for (const source of subjectSources) sections[source.section] = await exportSource(ctx, db, source, match);
  sections.personalDataReads = await personalDataReads(db, match);
  const { tenant } = tenantOf(ctx);
  return {
    format: EXPORT_FORMAT,
    generatedAt: new Date().toISOString(),
    workspace: { slug: tenant.slug, name: tenant.name },
    subject: { contactId: asked.contactId ?? null, email: asked.email ?? null, matchedEmails: match.emails },
    ...sections,
  };
}

async function exportSource(ctx: RequestContext, db: QueryRunner, source: SubjectSource, match: SubjectMatch): Promise<Record<string, unknown>[]> {
  const params = new SqlParams();
  const rows = await queryRows<{ row: Record<string, unknown> }>(
    db,
    `SELECT to_jsonb(t) AS row FROM ${quoteCodeIdentifier(source.table)} t WHERE ${source.where(match, params)} ORDER BY t.id`,
    params.values,
  );
  // Declared columns appear under their API field's name (birth_date_sealed as birthDate), others camel-cased.
  const declared = new Map(storedPersonalFields(source.typeName).map((f) => [f.column, f]));
  const omitted = new Set(source.exportOmits ?? []);
  return Promise.all(
    rows.map(async ({ row }) => {
      const out: Record<string, unknown> = {};
      for (const [column, value] of Object.entries(row)) {
        if (omitted.has(column)) continue;
        const field = declared.get(column);
        out[field?.fieldName ?? camelCase(column)] = await exportedValue(ctx, source, column, value, field);
      }
      return out;
    }),
  );
}

/** Sealed values opened (bytea arrives as "\\x…" hex in JSON), references as global IDs. */
async function exportedValue(ctx: RequestContext, source: SubjectSource, column: string, value: unknown, field?: PersonalFieldMeta): Promise<unknown> {
  if (field && isSealed(field) && typeof value === 'string') return openText(ctx, Buffer.from(value.slice(2), 'hex'), sealingContext(field));
  if (column === CUSTOM_FIELDS && value) return openSealedValues(ctx, source.typeName, value as Record<string, unknown>);
  return exported(source, column, value);
}

function exported(source: SubjectSource, column: string, value: unknown): unknown {
  const type = column === 'id' ? source.typeName : REFERENCES[column];
  if (!type || value === null) return value;
  return Array.isArray(value) ? value.map((id) => toGlobalId(type, String(id))) : toGlobalId(type, String(value));
}

/** Who read the person's personal data: only their own records' IDs, never others' read alongside. */
async function personalDataReads(db: QueryRunner, match: SubjectMatch) {
  const rows = await queryRows<{ at: Date; actorKind: string; actorId: string; operationType: string; operationName: string | null; recordType: string; records: string[]; fields: string[] }>(
    db,
    `SELECT at, actor_kind AS "actorKind", actor_id AS "actorId", operation_type AS "operationType", operation_name AS "operationName", record_type AS "recordType",
            ARRAY(SELECT unnest(record_ids) INTERSECT SELECT unnest($1::uuid[])) AS records, fields
       FROM personal_data_access_log WHERE record_ids && $1::uuid[] ORDER BY at, id`,
    [[...match.contactIds, ...match.userIds, ...match.leadIds]],
  );
  return rows.map((r) => ({ ...r, records: r.records.map((id) => toGlobalId(r.recordType, id)) }));
}
