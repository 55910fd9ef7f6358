/**
 * Entitlements are commercial terms of a contract: added, changed and removed only while the
 * contract is a draft (isEditable), under a lock on the contract so concurrent edits serialise.
 * Once activated they are locked with the rest of the terms; a renewal copies them.
 */
import { QueryRunner } from 'typeorm';
import { entitySql } from '../../db/entity-sql';
import { SqlParams } from '../../db/sql-params';
import { queryOne } from '../../db/sql';
import { uuidv7 } from '../../db/uuid';
import { toGlobalId, uuidOf } from '../../graphql/global-id';
import { Payload, UserError, UserErrorCode, failure, staleVersion, userError } from '../../graphql/user-errors';
import { RequestContext } from '../../tenancy/request-context';
import { territoryById } from '../configuration';
import { productById } from '../products';
import { runMutation } from '../records/mutation';
import { ContractStatus } from './contracts.entity';
import { isEditable } from './contracts.status';
import { EntitlementEntity } from './entitlements.entity';
import { contractScope } from './entitlements.loaders';
import {
  AddEntitlementInput,
  AddEntitlementPayload,
  RemoveEntitlementInput,
  RemoveEntitlementPayload,
  UpdateEntitlementInput,
  UpdateEntitlementPayload,
} from './entitlements.types';

type Found<T> = { value: T; error?: undefined } | { value?: undefined; error: UserError };

const invalidId = (field: string, typeName: string) => userError(['input', field], `"${field}" is not a valid ${typeName} ID`, UserErrorCode.INVALID);

/** The contract, locked, within the caller's scope (else NOT_FOUND) and still a draft (else INVALID_STATE). */
async function draftContract(ctx: RequestContext, db: QueryRunner, contractId: string, notFound: UserError): Promise<Found<string>> {
  const params = new SqlParams();
  const conditions = [`c.id = ${params.add(contractId)}`, 'c.deleted_at IS NULL', contractScope(ctx)(params) ?? 'true'];
  const row = await queryOne<{ status: ContractStatus }>(db, `SELECT c.status FROM contracts c WHERE ${conditions.join(' AND ')} FOR UPDATE OF c`, params.values);
  if (!row) return { error: notFound };
  if (!isEditable(row.status)) {
    return {
      error: userError(['input'], `The contract is ${row.status}: its entitlements are commercial terms, locked once it leaves DRAFT (renew or amend it instead)`, UserErrorCode.INVALID_STATE),
    };
  }
  return { value: contractId };
}

/** The entitlement and its draft contract, locked; read again under the lock for the current version. */
async function lockedEntitlement(ctx: RequestContext, db: QueryRunner, id: string): Promise<Found<EntitlementEntity>> {
  const uuid = uuidOf(id, 'Entitlement');
  if (!uuid) return { error: invalidId('id', 'Entitlement') };
  const missing = userError(['input', 'id'], 'Entitlement not found', UserErrorCode.NOT_FOUND);
  const select = `SELECT ${entitySql(db.connection, EntitlementEntity).selectList('e')} FROM entitlements e WHERE e.id = $1`;
  const found = await queryOne<EntitlementEntity>(db, select, [uuid]);
  if (!found) return { error: missing };
  const contract = await draftContract(ctx, db, found.contractId, missing);
  if (contract.error) return contract;
  const row = await queryOne<EntitlementEntity>(db, select, [uuid]);
  return row ? { value: row } : { error: missing };
}

/** What an entitlement will be after the change: the checks are on the combined values. */
interface Terms {
  responseMinutes: number;
  resolutionMinutes: number;
  coverage: string;
  territoryId: string | null;
  visitsPerPeriod: number | null;
  visitPeriod: string | null;
}

function termsProblems(terms: Terms): UserError[] {
  const problems: UserError[] = [];
  if (terms.resolutionMinutes < terms.responseMinutes) {
    problems.push(userError(['input', 'resolutionTimeMinutes'], 'The resolution time must be at least the response time', UserErrorCode.OUT_OF_RANGE));
  }
  if ((terms.visitsPerPeriod === null) !== (terms.visitPeriod === null)) {
    problems.push(userError(['input', terms.visitPeriod === null ? 'visitPeriod' : 'visitsPerPeriod'], 'Give visitsPerPeriod and visitPeriod together, or neither', UserErrorCode.REQUIRED));
  }
  if (terms.territoryId !== null && terms.coverage !== 'BUSINESS_HOURS') {
    problems.push(userError(['input', 'territoryId'], 'A territory calendar applies only to BUSINESS_HOURS coverage', UserErrorCode.INVALID));
  }
  return problems;
}

/** A territory reference: undefined = unchanged, null clears, else an existing Territory. */
async function territoryReference(ctx: RequestContext, id: string | null | undefined): Promise<Found<string | null | undefined>> {
  if (id == null) return { value: id };
  const uuid = uuidOf(id, 'Territory');
  if (!uuid) return { error: invalidId('territoryId', 'Territory') };
  if (!(await territoryById(ctx).load(uuid))) return { error: userError(['input', 'territoryId'], 'Territory not found', UserErrorCode.NOT_FOUND) };
  return { value: uuid };
}

/** Covered products: undefined = unchanged, null or [] = all products, else live Products (duplicates collapse). */
async function productReferences(ctx: RequestContext, ids: string[] | null | undefined): Promise<Found<string[] | undefined>> {
  if (ids === undefined) return { value: undefined };
  const uuids = [...new Set((ids ?? []).map((id) => uuidOf(id, 'Product')))];
  if (uuids.includes(null)) return { error: invalidId('coveredProductIds', 'Product') };
  const products = await productById(ctx).loadMany(uuids as string[]);
  if (products.some((p) => !p || p instanceof Error || p.deletedAt !== null)) {
    return { error: userError(['input', 'coveredProductIds'], 'Product not found', UserErrorCode.NOT_FOUND) };
  }
  return { value: uuids as string[] };
}

async function setCoveredProducts(db: QueryRunner, entitlementId: string, productIds: string[] | undefined): Promise<void> {
  if (productIds === undefined) return;
  await db.query('DELETE FROM entitlement_products WHERE entitlement_id = $1', [entitlementId]);
  await db.query('INSERT INTO entitlement_products (entitlement_id, product_id) SELECT $1, unnest($2::uuid[])', [entitlementId, productIds]);
}

/** Runs a mutation whose work answers a value or one userError (which rolls back). */
function entitlementMutation<P extends Payload>(ctx: RequestContext, input: object, work: (db: QueryRunner) => Promise<Found<Omit<P, 'userErrors'>> | { errors: UserError[] }>): Promise<P> {
  return runMutation<P>(ctx, input, async (db) => {
    const result = await work(db);
    if ('errors' in result) return failure<P>(...result.errors);
    if (result.error) return failure<P>(result.error);
    return { ...result.value, userErrors: [] } as unknown as P;
  });
}

export function addEntitlement(ctx: RequestContext, input: AddEntitlementInput): Promise<AddEntitlementPayload> {
  return entitlementMutation<AddEntitlementPayload>(ctx, input, async (db) => {
    const contractId = uuidOf(input.contractId, 'Contract');
    if (!contractId) return { error: invalidId('contractId', 'Contract') };
    const contract = await draftContract(ctx, db, contractId, userError(['input', 'contractId'], 'Contract not found', UserErrorCode.NOT_FOUND));
    if (contract.error) return contract;
    const territory = await territoryReference(ctx, input.territoryId);
    const products = await productReferences(ctx, input.coveredProductIds);
    const terms: Terms = {
      responseMinutes: input.responseTimeMinutes,
      resolutionMinutes: input.resolutionTimeMinutes,
      coverage: input.coverage ?? 'BUSINESS_HOURS',
      territoryId: territory.value ?? null,
      visitsPerPeriod: input.visitsPerPeriod ?? null,
      visitPeriod: input.visitPeriod ?? null,
    };
    const errors = [territory.error, products.error, ...termsProblems(terms)].filter((e): e is UserError => !!e);
    if (errors.length) return { errors };
    const params = new SqlParams();
    const values = { ...terms, id: uuidv7(), contractId, name: input.name } as Partial<EntitlementEntity>;
    const sql = entitySql(db.connection, EntitlementEntity);
    const columns = Object.keys(values).map((property) => sql.column(property as keyof EntitlementEntity & string));
    const row = await queryOne<EntitlementEntity>(
      db,
      `INSERT INTO entitlements AS r (${columns.join(', ')}, position)
       SELECT ${Object.values(values).map((v) => params.add(v)).join(', ')}, coalesce(max(position), 0) + 1 FROM entitlements WHERE contract_id = ${params.add(contractId)}
       RETURNING ${sql.selectList('r')}`,
      params.values,
    );
    await setCoveredProducts(db, row!.id, products.value);
    return { value: { entitlement: row } };
  });
}

export function updateEntitlement(ctx: RequestContext, input: UpdateEntitlementInput): Promise<UpdateEntitlementPayload> {
  return entitlementMutation<UpdateEntitlementPayload>(ctx, input, async (db) => {
    const found = await lockedEntitlement(ctx, db, input.id);
    if (found.error) return found;
    const current = found.value;
    const conflict = staleVersion('The entitlement', input.expectedVersion, current.version);
    if (conflict) return { error: conflict };
    const territory = await territoryReference(ctx, input.territoryId);
    const products = await productReferences(ctx, input.coveredProductIds);
    const pick = <T>(given: T | undefined, stored: T) => (given === undefined ? stored : given);
    const terms: Terms = {
      responseMinutes: input.responseTimeMinutes ?? current.responseMinutes,
      resolutionMinutes: input.resolutionTimeMinutes ?? current.resolutionMinutes,
      // Null coverage means the default, as on add.
      coverage: input.coverage === undefined ? current.coverage : (input.coverage ?? 'BUSINESS_HOURS'),
      territoryId: pick(territory.value, current.territoryId),
      visitsPerPeriod: pick(input.visitsPerPeriod, current.visitsPerPeriod),
      visitPeriod: pick(input.visitPeriod, current.visitPeriod),
    };
    const errors = [territory.error, products.error, ...termsProblems(terms)].filter((e): e is UserError => !!e);
    if (errors.length) return { errors };
    const sql = entitySql(db.connection, EntitlementEntity);
    const params = new SqlParams();
    const set = [...sql.assignments({ ...terms, name: input.name } as Partial<EntitlementEntity>, params), 'version = r.version + 1', 'updated_at = now()'];
    const row = await queryOne<EntitlementEntity>(
      db,
      `UPDATE entitlements AS r SET ${set.join(', ')} WHERE r.id = ${params.add(current.id)} RETURNING ${sql.selectList('r')}`,
      params.values,
    );
    await setCoveredProducts(db, current.id, products.value);
    return { value: { entitlement: row } };
  });
}

export function removeEntitlement(ctx: RequestContext, input: RemoveEntitlementInput): Promise<RemoveEntitlementPayload> {
  return entitlementMutation<RemoveEntitlementPayload>(ctx, input, async (db) => {
    const found = await lockedEntitlement(ctx, db, input.id);
    if (found.error) return found;
    const conflict = staleVersion('The entitlement', input.expectedVersion, found.value.version);
    if (conflict) return { error: conflict };
    // Its covered products go with it (ON DELETE CASCADE); a draft's entitlements serve no case.
    await db.query('DELETE FROM entitlements WHERE id = $1', [found.value.id]);
    // Positions stay 1..n.
    await db.query(
      `UPDATE entitlements e SET position = o.position FROM (
         SELECT id, row_number() OVER (ORDER BY position, id)::int AS position FROM entitlements WHERE contract_id = $1
       ) o WHERE e.id = o.id AND e.position <> o.position`,
      [found.value.contractId],
    );
    return { value: { removedEntitlementId: toGlobalId('Entitlement', found.value.id) } };
  });
}
