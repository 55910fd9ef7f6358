/**
 * Picklists: lists of values for text fields, editable by workspace admins without a deploy.
 * Records store a value's `value`; values are added, relabelled, reordered, deactivated and
 * deleted here, every change recorded in the admin audit log. A value in use is deleted only with
 * a replacement, which the records get in the same transaction (see usages.ts).
 */
import { QueryRunner } from 'typeorm';
import { entitySql } from '../../db/entity-sql';
import { queryOne, queryRows } from '../../db/sql';
import { uuidv7 } from '../../db/uuid';
import { notFound } from '../../graphql/errors';
import { toGlobalId } from '../../graphql/global-id';
import { UserError, UserErrorCode, failure, userError } from '../../graphql/user-errors';
import { RequestContext, tenantDb, tenantOf } from '../../tenancy/request-context';
import { recordAdminChange } from '../admin-audit';
import { runMutation } from '../records/mutation';
import { inputRecordId } from '../records/references';
import { cleanName, createOnce, moveTo, notFoundError, staleVersion, writePositions } from './configuration.shared';
import { PicklistEntity } from './picklists.entity';
import { PicklistValueRow, picklistById, picklistValueById, valueSelect } from './picklists.loaders';
import {
  AddPicklistValueInput,
  AddPicklistValuePayload,
  DeletePicklistValueInput,
  DeletePicklistValuePayload,
  UpdatePicklistValueInput,
  UpdatePicklistValuePayload,
} from './picklists.types';
import { countUsages, describeCounts, replaceUsages } from './usages';

const VALUE_MAX = 100;
const LABEL_MAX = 255;

const picklistSelect = (db: QueryRunner) => entitySql(db.connection, PicklistEntity).selectList('p');

export async function listPicklists(ctx: RequestContext): Promise<PicklistEntity[]> {
  const db = await tenantDb(ctx);
  return queryRows<PicklistEntity>(db, `SELECT ${picklistSelect(db)} FROM picklists p ORDER BY p.key`);
}

export async function getPicklist(ctx: RequestContext, key: string): Promise<PicklistEntity> {
  const db = await tenantDb(ctx);
  const picklist = await queryOne<PicklistEntity>(db, `SELECT ${picklistSelect(db)} FROM picklists p WHERE p.key = $1`, [key]);
  if (!picklist) throw notFound('Picklist');
  return picklist;
}

/**
 * Whether `value` may be stored in a field that uses the picklist `key`: null when it may (or
 * when no value is given), otherwise the userError at `field`. An inactive value is accepted
 * only when it is the record's current value (`current`, asked only then). Runs inside a
 * mutation: the value row is share-locked so that it cannot be deleted before the write commits.
 */
export async function checkPicklistValue(
  ctx: RequestContext,
  db: QueryRunner,
  key: string,
  value: string | null | undefined,
  field: string[],
  current?: () => Promise<string | null | undefined>,
): Promise<UserError | null> {
  tenantOf(ctx);
  if (value === undefined || value === null) return null;
  const found = await queryOne<{ value: string; active: boolean; label: string }>(
    db,
    `SELECT v.value, v.active, p.label FROM picklist_values v JOIN picklists p ON p.id = v.picklist_id
      WHERE p.key = $1 AND lower(v.value) = lower($2) FOR KEY SHARE OF v`,
    [key, value],
  );
  const list = found ? `the ${found.label} picklist` : `the "${key}" picklist`;
  if (!found) return userError(field, `"${value}" is not a value of ${list}; see the picklists query for the values`, UserErrorCode.INVALID);
  if (found.value !== value) return userError(field, `"${value}" is not a value of ${list}; did you mean "${found.value}"?`, UserErrorCode.INVALID);
  if (!found.active && (!current || (await current()) !== value)) {
    return userError(field, `"${value}" is inactive in ${list} and can no longer be chosen`, UserErrorCode.INVALID_STATE);
  }
  return null;
}

/** What the audit trail keeps of a value. */
const auditValue = (v: PicklistValueRow) => ({
  id: toGlobalId('PicklistValue', v.id),
  picklist: v.picklistKey,
  value: v.value,
  label: v.label,
  position: v.position,
  active: v.active,
  version: v.version,
});

/** The picklist, locked against concurrent changes of its values (positions stay 1..n). */
async function lockPicklist(db: QueryRunner, where: { key: string } | { id: string }): Promise<PicklistEntity | null> {
  const [column, value] = 'key' in where ? ['key', where.key] : ['id', where.id];
  return queryOne<PicklistEntity>(db, `SELECT ${picklistSelect(db)} FROM picklists p WHERE p.${column} = $1 FOR UPDATE`, [value]);
}

async function valuesOf(db: QueryRunner, picklistId: string): Promise<PicklistValueRow[]> {
  return queryRows<PicklistValueRow>(
    db,
    `SELECT ${valueSelect(db)} FROM picklist_values v JOIN picklists p ON p.id = v.picklist_id WHERE v.picklist_id = $1 ORDER BY v.position, v.id`,
    [picklistId],
  );
}

/** The value behind `input.id` with its picklist locked, or the userError explaining why there is none. */
async function lockValue(db: QueryRunner, id: string): Promise<{ picklist: PicklistEntity; value: PicklistValueRow; values: PicklistValueRow[] } | { error: UserError }> {
  const target = inputRecordId(id, 'PicklistValue');
  if (target.error) return { error: target.error };
  const owner = await queryOne<{ picklistId: string }>(db, 'SELECT picklist_id AS "picklistId" FROM picklist_values WHERE id = $1', [target.uuid]);
  const picklist = owner && (await lockPicklist(db, { id: owner.picklistId }));
  const values = picklist ? await valuesOf(db, picklist.id) : [];
  const value = values.find((v) => v.id === target.uuid);
  if (!picklist || !value) return { error: notFoundError(['input', 'id'], 'Picklist value') };
  return { picklist, value, values };
}

const duplicateValue = (existing: PicklistValueRow): UserError =>
  userError(
    ['input', 'value'],
    `The picklist already has the value "${existing.value}"${existing.active ? '' : ' (inactive: reactivate it instead)'}; values are unique ignoring case`,
    UserErrorCode.DUPLICATE,
  );

export function addPicklistValue(ctx: RequestContext, input: AddPicklistValueInput): Promise<AddPicklistValuePayload> {
  return runMutation<AddPicklistValuePayload>(ctx, input, async (db) => {
    const value = cleanName(input.value, ['input', 'value'], 'The value', VALUE_MAX);
    if (value.error) return failure(value.error);
    // The label defaults to the value.
    const label = cleanName(input.label ?? value.value, ['input', 'label'], 'The label', LABEL_MAX);
    if (label.error) return failure(label.error);
    const created = await createOnce(
      db,
      'addPicklistValue',
      'picklist value',
      input,
      async () => {
        // Locked: concurrent changes of the same picklist wait, so the checks below hold until commit.
        const picklist = await lockPicklist(db, { key: input.picklistKey });
        if (!picklist) return { userErrors: [notFoundError(['input', 'picklistKey'], `Picklist "${input.picklistKey}"`)] };
        const values = await valuesOf(db, picklist.id);
        const existing = values.find((v) => v.value.toLowerCase() === value.value!.toLowerCase());
        if (existing) return { userErrors: [duplicateValue(existing)] };
        const position = input.position ?? values.length + 1;
        if (position > values.length + 1) {
          return { userErrors: [userError(['input', 'position'], `position must be between 1 and ${values.length + 1}`, UserErrorCode.OUT_OF_RANGE)] };
        }
        const id = uuidv7();
        await db.query(`INSERT INTO picklist_values (id, picklist_id, value, label, position, active) VALUES ($1, $2, $3, $4, $5, $6)`, [
          id,
          picklist.id,
          value.value,
          label.value,
          position,
          input.active ?? true,
        ]);
        await writePositions(db, 'picklist_values', moveTo([...values.map((v) => v.id), id], id, position), id);
        const row = (await valuesOf(db, picklist.id)).find((v) => v.id === id)!;
        await recordAdminChange(ctx, db, { action: 'picklist.add_value', targetType: 'Picklist', targetId: picklist.key, before: null, after: auditValue(row) });
        return { row };
      },
      (id) => picklistValueById(ctx).load(id),
    );
    if (created.userErrors) return failure(...created.userErrors);
    return { picklistValue: created.row, picklist: await picklistById(ctx).load(created.row.picklistId), userErrors: [] };
  });
}

export function updatePicklistValue(ctx: RequestContext, input: UpdatePicklistValueInput): Promise<UpdatePicklistValuePayload> {
  return runMutation<UpdatePicklistValuePayload>(ctx, input, async (db) => {
    const found = await lockValue(db, input.id);
    if ('error' in found) return failure(found.error);
    const { picklist, value, values } = found;
    const conflict = staleVersion('The picklist value', input.expectedVersion, value.version);
    if (conflict) return failure(conflict);
    // A cleared label falls back to the value itself.
    const label = input.label === undefined ? {} : cleanName(input.label ?? value.value, ['input', 'label'], 'The label', LABEL_MAX);
    if (label.error) return failure(label.error);
    const position = input.position ?? value.position;
    if (position > values.length) return failure(userError(['input', 'position'], `position must be between 1 and ${values.length}`, UserErrorCode.OUT_OF_RANGE));
    const next = { label: label.value ?? value.label, active: input.active ?? value.active, position };
    if (next.label === value.label && next.active === value.active && next.position === value.position) return { picklistValue: value, picklist, userErrors: [] };
    await writePositions(db, 'picklist_values', moveTo(values.map((v) => v.id), value.id, position), value.id);
    await db.query(`UPDATE picklist_values SET label = $2, active = $3, version = version + 1, updated_at = now() WHERE id = $1`, [value.id, next.label, next.active]);
    const updated = (await valuesOf(db, picklist.id)).find((v) => v.id === value.id)!;
    await recordAdminChange(ctx, db, { action: 'picklist.update_value', targetType: 'Picklist', targetId: picklist.key, before: auditValue(value), after: auditValue(updated) });
    return { picklistValue: updated, picklist, userErrors: [] };
  });
}

export function deletePicklistValue(ctx: RequestContext, input: DeletePicklistValueInput): Promise<DeletePicklistValuePayload> {
  return runMutation<DeletePicklistValuePayload>(ctx, input, async (db) => {
    const found = await lockValue(db, input.id);
    if ('error' in found) return failure(found.error);
    const { picklist, value, values } = found;
    const conflict = staleVersion('The picklist value', input.expectedVersion, value.version);
    if (conflict) return failure(conflict);
    // Share-locked by writers that are storing it: wait for them, then count what they committed.
    await db.query('SELECT 1 FROM picklist_values WHERE id = $1 FOR UPDATE', [value.id]);
    const target = `picklist:${picklist.key}` as const;
    let replacement: PicklistValueRow | undefined;
    if (input.replaceWith != null) {
      replacement = values.find((v) => v.value === input.replaceWith);
      const problem = !replacement
        ? userError(['input', 'replaceWith'], `The replacement "${input.replaceWith}" is not a value of the ${picklist.label} picklist`, UserErrorCode.NOT_FOUND)
        : replacement.id === value.id
          ? userError(['input', 'replaceWith'], 'The replacement must be another value than the one deleted', UserErrorCode.INVALID)
          : !replacement.active
            ? userError(['input', 'replaceWith'], `"${replacement.value}" is inactive; the replacement must be an active value`, UserErrorCode.INVALID_STATE)
            : null;
      if (problem) return failure(problem);
    }
    const inUse = await countUsages(db, target, value.value);
    if (Object.keys(inUse).length && !replacement) {
      return failure(
        userError(
          ['input', 'id'],
          `"${value.value}" is in use (${describeCounts(inUse)}, including records in the recycle bin); pass replaceWith to move them to another active value`,
          UserErrorCode.INVALID_STATE,
        ),
      );
    }
    const replaced = replacement ? await replaceUsages(db, target, value.value, replacement.value) : {};
    await db.query('DELETE FROM picklist_values WHERE id = $1', [value.id]);
    await writePositions(
      db,
      'picklist_values',
      values.filter((v) => v.id !== value.id).map((v) => v.id),
    );
    const replacedInRecords = Object.values(replaced).reduce((sum, n) => sum + n, 0);
    await recordAdminChange(ctx, db, {
      action: 'picklist.delete_value',
      targetType: 'Picklist',
      targetId: picklist.key,
      before: auditValue(value),
      after: replacement ? { replacedWith: replacement.value, replacedInRecords: replaced } : null,
    });
    return { deletedPicklistValueId: toGlobalId('PicklistValue', value.id), replacedInRecords, picklist, userErrors: [] };
  });
}
