/**
 * Defining custom fields (workspace admins): create, change and delete definitions. Every change is
 * checked before it writes, recorded in the admin audit trail in the same transaction, and a delete
 * removes the field's values from every record in that transaction too.
 */
import { QueryRunner } from 'typeorm';
import { queryOne } from '../../db/sql';
import { uuidv7 } from '../../db/uuid';
import { toGlobalId, uuidOf } from '../../graphql/global-id';
import { UserError, UserErrorCode, failure, userError } from '../../graphql/user-errors';
import { RequestContext, tenantDb } from '../../tenancy/request-context';
import { recordAdminChange } from '../admin-audit';
import { runMutation } from '../records/mutation';
import { CustomFieldDefinitionRow, DEFINITION_COLUMNS, lockDefinition, selectDefinitions } from './custom-fields.definitions';
import { keyProblem } from './custom-fields.keys';
import { CustomFieldObject, CustomFieldType, objectInfo } from './custom-fields.objects';
import {
  CreateCustomFieldDefinitionInput,
  CreateCustomFieldDefinitionPayload,
  DeleteCustomFieldDefinitionInput,
  DeleteCustomFieldDefinitionPayload,
  MAX_PICKLIST_VALUE_LENGTH,
  UpdateCustomFieldDefinitionInput,
  UpdateCustomFieldDefinitionPayload,
} from './custom-fields.types';

export const DEFINITION_TYPE = 'CustomFieldDefinition';
export const MAX_DEFINITIONS_PER_OBJECT = 100;

export const definitionGlobalId = (row: { id: string }): string => toGlobalId(DEFINITION_TYPE, row.id);

/** The definitions of one object, or of every object, in creation order. */
export async function listDefinitions(ctx: RequestContext, object: CustomFieldObject | null | undefined): Promise<CustomFieldDefinitionRow[]> {
  return selectDefinitions(await tenantDb(ctx), object ? [object] : null);
}

/** What the audit trail keeps of a definition. */
const snapshot = (d: CustomFieldDefinitionRow) => ({
  object: d.object,
  key: d.key,
  label: d.label,
  description: d.description,
  type: d.type,
  required: d.required,
  personal: d.personal,
  sensitive: d.sensitive,
  picklistValues: d.picklistValues,
  version: d.version,
});

/** Creates a definition. `reserved`: the names the key must not take (see reservedKeys). */
export function createDefinition(ctx: RequestContext, input: CreateCustomFieldDefinitionInput, reserved: ReadonlySet<string>): Promise<CreateCustomFieldDefinitionPayload> {
  return runMutation<CreateCustomFieldDefinitionPayload>(ctx, input, async (db) => {
    const info = objectInfo(input.object);
    const label = cleanLabel(input.label);
    const picklist = checkPicklist(input.type, input.picklistValues, true);
    const problems = [keyProblem(input.key, info.typeName, reserved), label.error, ...picklist.errors, sensitivityProblem(input)].filter((e): e is UserError => !!e);
    if (problems.length) return failure(...problems);

    const existing = await selectDefinitions(db, [input.object]);
    if (existing.some((d) => d.key.toLowerCase() === input.key.toLowerCase())) return failure(duplicateKey(input.key, info.typeName));
    if (existing.length >= MAX_DEFINITIONS_PER_OBJECT) {
      return failure(userError(['input', 'object'], `${info.typeName} already has ${MAX_DEFINITIONS_PER_OBJECT} custom fields, the most it may have`, UserErrorCode.INVALID_STATE));
    }
    if (input.required) {
      const missing = await recordsWithoutValue(db, input.object, input.key);
      if (missing) return failure(requiredRefused(input.object, input.key, missing, 'create it as optional, give every record a value, then make it required'));
    }
    const row = await queryOne<CustomFieldDefinitionRow>(
      db,
      `INSERT INTO custom_field_definitions AS d (id, object, key, label, description, type, required, personal, sensitive, picklist_values)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING RETURNING ${DEFINITION_COLUMNS}`,
      [uuidv7(), input.object, input.key, label.value, cleanDescription(input.description), input.type, input.required, input.personal, input.sensitive, picklist.values],
    );
    // A concurrent create of the same key won the unique index.
    if (!row) return failure(duplicateKey(input.key, info.typeName));
    await recordAdminChange(ctx, db, { action: 'custom_field.create', targetType: DEFINITION_TYPE, targetId: definitionGlobalId(row), after: snapshot(row) });
    return { customFieldDefinition: row, userErrors: [] } as unknown as CreateCustomFieldDefinitionPayload;
  });
}

/**
 * Changes label, description, required and picklist values. Key and type never change, nor do
 * personal and sensitive: stored values would be readable by the wrong callers, or sealed and plain
 * values would mix.
 */
export function updateDefinition(ctx: RequestContext, input: UpdateCustomFieldDefinitionInput): Promise<UpdateCustomFieldDefinitionPayload> {
  return runMutation<UpdateCustomFieldDefinitionPayload>(ctx, input, async (db) => {
    const found = await lockedDefinition(db, input);
    if (found.error) return failure(found.error);
    const current = found.row;
    const label = input.label === undefined ? { value: current.label } : cleanLabel(input.label);
    const picklist =
      input.picklistValues === undefined || (input.picklistValues === null && current.type !== CustomFieldType.PICKLIST)
        ? { values: current.picklistValues, errors: [] }
        : checkPicklist(current.type, input.picklistValues, false);
    const problems = [label.error, ...picklist.errors].filter((e): e is UserError => !!e);
    if (problems.length) return failure(...problems);

    const required = input.required ?? current.required;
    if (required && !current.required) {
      const missing = await recordsWithoutValue(db, current.object, current.key);
      if (missing) return failure(requiredRefused(current.object, current.key, missing, 'give every record a value first'));
    }
    const description = input.description === undefined ? current.description : cleanDescription(input.description);
    const row = (await queryOne<CustomFieldDefinitionRow>(
      db,
      `UPDATE custom_field_definitions AS d SET label = $2, description = $3, required = $4, picklist_values = $5, version = d.version + 1, updated_at = now()
        WHERE d.id = $1 RETURNING ${DEFINITION_COLUMNS}`,
      [current.id, label.value, description, required, picklist.values],
    ))!;
    await recordAdminChange(ctx, db, { action: 'custom_field.update', targetType: DEFINITION_TYPE, targetId: definitionGlobalId(row), before: snapshot(current), after: snapshot(row) });
    return { customFieldDefinition: row, userErrors: [] } as unknown as UpdateCustomFieldDefinitionPayload;
  });
}

/** Deletes a definition and removes its values from every record of the object (recycle bin included). */
export function deleteDefinition(ctx: RequestContext, input: DeleteCustomFieldDefinitionInput): Promise<DeleteCustomFieldDefinitionPayload> {
  return runMutation<DeleteCustomFieldDefinitionPayload>(ctx, input, async (db) => {
    const found = await lockedDefinition(db, input);
    if (found.error) return failure(found.error);
    const current = found.row;
    await db.query('DELETE FROM custom_field_definitions WHERE id = $1', [current.id]);
    const { table } = objectInfo(current.object);
    const cleared = await queryOne<{ count: number }>(
      db,
      `WITH cleared AS (
         UPDATE ${table} AS r SET custom_fields = r.custom_fields - $1::text, version = r.version + 1, updated_at = now()
          WHERE r.custom_fields ? $1::text RETURNING 1
       ) SELECT count(*)::int AS count FROM cleared`,
      [current.key],
    );
    await recordAdminChange(ctx, db, { action: 'custom_field.delete', targetType: DEFINITION_TYPE, targetId: definitionGlobalId(current), before: snapshot(current) });
    return { customFieldDefinition: current, clearedRecordCount: cleared!.count, userErrors: [] } as unknown as DeleteCustomFieldDefinitionPayload;
  });
}

type Found = { row: CustomFieldDefinitionRow; error?: undefined } | { row?: undefined; error: UserError };

async function lockedDefinition(db: QueryRunner, input: { id: string; expectedVersion?: number | null }): Promise<Found> {
  const uuid = uuidOf(input.id, DEFINITION_TYPE);
  if (!uuid) return { error: userError(['input', 'id'], `"id" is not a valid ${DEFINITION_TYPE} ID`, UserErrorCode.INVALID) };
  const row = await lockDefinition(db, uuid);
  if (!row) return { error: userError(['input', 'id'], 'Custom field definition not found', UserErrorCode.NOT_FOUND) };
  if (input.expectedVersion != null && input.expectedVersion !== row.version) {
    return {
      error: userError(
        ['input', 'expectedVersion'],
        `The custom field definition was changed by someone else (expected version ${input.expectedVersion}, current version ${row.version}); reload and retry`,
        UserErrorCode.CONFLICT,
      ),
    };
  }
  return { row };
}

/** Records of the object (live or in the recycle bin) that have no value for the key. */
async function recordsWithoutValue(db: QueryRunner, object: CustomFieldObject, key: string): Promise<number> {
  const row = await queryOne<{ count: number }>(db, `SELECT count(*)::int AS count FROM ${objectInfo(object).table} r WHERE NOT (r.custom_fields ? $1::text)`, [key]);
  return row!.count;
}

const requiredRefused = (object: CustomFieldObject, key: string, missing: number, advice: string): UserError =>
  userError(
    ['input', 'required'],
    `Cannot make "${key}" required: ${missing} ${objectInfo(object).plural} (the recycle bin included) have no value for it; ${advice}`,
    UserErrorCode.INVALID_STATE,
  );

const duplicateKey = (key: string, typeName: string): UserError =>
  userError(['input', 'key'], `${typeName} already has a custom field "${key}" (keys compare without case)`, UserErrorCode.DUPLICATE);

function cleanLabel(label: string | null | undefined): { value: string; error?: UserError } {
  const value = (label ?? '').trim();
  return value ? { value } : { value, error: userError(['input', 'label'], 'The label must not be blank', UserErrorCode.REQUIRED) };
}

/** Sensitive values are personal data of a special category: a sensitive field that is not personal would escape the personal permission. */
const sensitivityProblem = (input: { personal: boolean; sensitive: boolean }): UserError | null =>
  input.sensitive && !input.personal
    ? userError(['input', 'sensitive'], 'A sensitive field holds personal data: set personal: true as well', UserErrorCode.INVALID)
    : null;

const cleanDescription = (description: string | null | undefined): string | null => description?.trim() || null;

/** Picklist values for a type: required (1+, distinct, non-blank) for PICKLIST, refused for the others. */
function checkPicklist(type: CustomFieldType, values: string[] | null | undefined, creating: boolean): { values: string[]; errors: UserError[] } {
  const field = ['input', 'picklistValues'];
  if (type !== CustomFieldType.PICKLIST) {
    return { values: [], errors: values?.length ? [userError(field, 'picklistValues apply to PICKLIST fields only', UserErrorCode.INVALID)] : [] };
  }
  if (!values?.length) {
    return { values: [], errors: [userError(field, `A PICKLIST field needs at least one value${creating ? '' : ' (it cannot be cleared)'}`, UserErrorCode.REQUIRED)] };
  }
  const errors: UserError[] = [];
  const cleaned = values.map((v) => v.trim());
  const seen = new Set<string>();
  cleaned.forEach((value, i) => {
    const at = [...field, String(i)];
    if (!value) errors.push(userError(at, 'Picklist values must not be blank', UserErrorCode.REQUIRED));
    else if (value.length > MAX_PICKLIST_VALUE_LENGTH) errors.push(userError(at, `Picklist values must be at most ${MAX_PICKLIST_VALUE_LENGTH} characters`, UserErrorCode.TOO_LONG));
    else if (seen.has(value)) errors.push(userError(at, `"${value}" is listed twice`, UserErrorCode.DUPLICATE));
    seen.add(value);
  });
  return { values: cleaned, errors };
}
