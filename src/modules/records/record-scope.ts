/**
 * Record scope and personal-data limits on lists, enforced in the statements themselves: a sales
 * rep's list simply does not contain other reps' records, a record out of scope is NOT_FOUND like
 * one that does not exist, and a role without full personal access can neither filter nor sort by
 * a personal field (either would reveal the values one query at a time).
 */
import { QueryRunner } from 'typeorm';
import { SqlParams } from '../../db/sql-params';
import { queryOne } from '../../db/sql';
import { forbidden } from '../../graphql/errors';
import { personalField } from '../../graphql/personal';
import { UserError, UserErrorCode, userError } from '../../graphql/user-errors';
import { RequestContext } from '../../tenancy/request-context';
import { entitySql } from '../../db/entity-sql';
import { RecordRow, RecordSpec } from './record-spec';

/** SQL condition (over the spec's alias) limiting rows to the caller's scope, or null for "all". */
export type ScopeCondition = (params: SqlParams) => string | null;

export const UNSCOPED: ScopeCondition = () => null;

export function recordScope(ctx: RequestContext, spec: Pick<RecordSpec<RecordRow>, 'typeName' | 'alias' | 'ownerColumn' | 'alsoOwnedThrough'>): ScopeCondition {
  if (!spec.ownerColumn) return UNSCOPED;
  const scope = ctx.can.scope(spec.typeName);
  if (scope === 'all') return UNSCOPED;
  const me = ctx.can.userId;
  const owners = [`${spec.alias}.${spec.ownerColumn}`, ...(spec.alsoOwnedThrough ?? [])];
  return (params) => {
    // A key acting for nobody owns nothing: an own/team role through it sees no owned records.
    if (!me) return 'false';
    const user = `${params.add(me)}::uuid`;
    const ownedBy = (owner: string) => (scope === 'own' ? `${owner} = ${user}` : `(${owner} = ${user} OR ${owner} IN (${TEAMMATES(user)}))`);
    const conditions = owners.map(ownedBy);
    return conditions.length === 1 ? conditions[0] : `(${conditions.join(' OR ')})`;
  };
}

/** Everyone who shares a team with the user. */
const TEAMMATES = (user: string) =>
  `SELECT teammate.user_id FROM team_members mine JOIN team_members teammate ON teammate.team_id = mine.team_id WHERE mine.user_id = ${user}`;

/** Whether the record exists (live or in the recycle bin) within the caller's scope; no statement when the scope is "all". */
export async function withinScope<Row extends RecordRow>(ctx: RequestContext, db: QueryRunner, spec: RecordSpec<Row>, id: string): Promise<boolean> {
  const scope = recordScope(ctx, spec);
  const params = new SqlParams();
  const condition = scope(params);
  if (!condition) return true;
  const idParam = params.add(id);
  const found = await queryOne(db, `SELECT 1 FROM ${entitySql(db.connection, spec.entity).table} ${spec.alias} WHERE ${spec.alias}.id = ${idParam} AND ${condition}`, params.values);
  return !!found;
}

/**
 * The owner a create or update may set. Creating without an owner makes the caller's user the
 * owner; with an own/team scope, records can only be given to oneself or a teammate (otherwise
 * the writer would lose sight of what they just wrote).
 */
export async function permittedOwner(
  ctx: RequestContext,
  db: QueryRunner,
  typeName: string,
  ownerUuid: string | null | undefined,
  creating: boolean,
): Promise<{ uuid: string | null | undefined; error?: undefined } | { uuid?: undefined; error: UserError }> {
  const uuid = ownerUuid === undefined && creating ? ctx.can.userId : ownerUuid;
  const scope = ctx.can.scope(typeName);
  if (scope === 'all' || uuid === undefined) return { uuid };
  const me = ctx.can.userId;
  const refuse = () => ({
    error: userError(['input', 'ownerId'], `Your role sees only ${scope === 'own' ? 'its own' : "its team's"} ${typeName} records: the owner must be you${scope === 'team' ? ' or a teammate' : ''}`, UserErrorCode.FORBIDDEN),
  });
  if (!me || uuid === null) return refuse();
  if (uuid === me) return { uuid };
  if (scope === 'own') return refuse();
  const teammate = await queryOne(db, `SELECT 1 WHERE $2::uuid IN (${TEAMMATES('$1::uuid')})`, [me, uuid]);
  return teammate ? { uuid } : refuse();
}

/**
 * The spec as this caller may use it in `where:` and `orderBy:`: without full personal access,
 * personal filter fields and sort keys answer FORBIDDEN, and a default order on personal fields
 * falls back to the spec's impersonal one.
 */
export function specForCaller<Row extends RecordRow>(ctx: RequestContext, spec: RecordSpec<Row>): RecordSpec<Row> {
  if (ctx.can.personalAccess(spec.typeName) === 'full') return spec;
  const refuse = (name: string) => () => {
    throw forbidden(`Your role may not filter or sort ${spec.label} records by the personal field "${name}"`);
  };
  const filters = Object.fromEntries(
    Object.entries(spec.filters).map(([name, field]) => [name, personalField(spec.typeName, name) ? { ...field, build: refuse(name) } : field]),
  );
  const sortKeys = Object.fromEntries(Object.entries(spec.sortKeys).filter(([, key]) => !personalField(spec.typeName, key.name)));
  const defaultOrder = spec.defaultOrder.every((o) => sortKeys[o.field]) ? spec.defaultOrder : (spec.impersonalOrder ?? [{ field: 'CREATED_AT', direction: 'ASC' as const }]);
  return { ...spec, filters, sortKeys, defaultOrder };
}
