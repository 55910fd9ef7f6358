/** Reading custom field definitions: rows by object, cached per request (writes clear the cache). */
import DataLoader from 'dataloader';
import { QueryRunner } from 'typeorm';
import { queryOne, queryRows } from '../../db/sql';
import { RequestContext, tenantDb } from '../../tenancy/request-context';
import { CustomFieldObject, CustomFieldType } from './custom-fields.objects';

export interface CustomFieldDefinitionRow {
  id: string;
  object: CustomFieldObject;
  key: string;
  label: string;
  description: string | null;
  type: CustomFieldType;
  required: boolean;
  personal: boolean;
  /** Values are sealed (encrypted at rest with the workspace's data key); implies personal. */
  sensitive: boolean;
  picklistValues: string[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export const DEFINITION_COLUMNS = `d.id, d.object, d.key, d.label, d.description, d.type, d.required, d.personal, d.sensitive,
  d.picklist_values AS "picklistValues", d.version, d.created_at AS "createdAt", d.updated_at AS "updatedAt"`;

/** The definitions of some objects (all when `objects` is null), in creation order. */
export function selectDefinitions(db: QueryRunner, objects: readonly CustomFieldObject[] | null): Promise<CustomFieldDefinitionRow[]> {
  return queryRows<CustomFieldDefinitionRow>(
    db,
    `SELECT ${DEFINITION_COLUMNS} FROM custom_field_definitions d WHERE ($1::text[] IS NULL OR d.object = ANY($1::text[])) ORDER BY d.object, d.id`,
    [objects],
  );
}

/** One definition by UUID, locked for the rest of the transaction (admin changes). */
export function lockDefinition(db: QueryRunner, id: string): Promise<CustomFieldDefinitionRow | null> {
  return queryOne<CustomFieldDefinitionRow>(db, `SELECT ${DEFINITION_COLUMNS} FROM custom_field_definitions d WHERE d.id = $1 FOR UPDATE`, [id]);
}

/** The definitions of one object for this request: one statement per request for all objects asked. */
export function definitionsOf(ctx: RequestContext, object: CustomFieldObject): Promise<CustomFieldDefinitionRow[]> {
  const loader = ctx.loaders.get('customFields.definitions', () =>
    new DataLoader<CustomFieldObject, CustomFieldDefinitionRow[]>(async (objects) => {
      const rows = await selectDefinitions(await tenantDb(ctx), objects);
      return objects.map((object) => rows.filter((row) => row.object === object));
    }),
  );
  return loader.load(object);
}

/** Definitions by key, for lookups that must not fall through to Object.prototype. */
export const byKey = (definitions: CustomFieldDefinitionRow[]): Map<string, CustomFieldDefinitionRow> => new Map(definitions.map((d) => [d.key, d]));
