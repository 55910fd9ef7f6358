import DataLoader from 'dataloader';
import { EntityTarget } from 'typeorm';
import { entitySql } from '../../db/entity-sql';
import { queryRows } from '../../db/sql';
import { RequestContext, tenantDb } from '../../tenancy/request-context';
import { UserEntity } from '../workspace';
import { TeamEntity } from './teams.entity';

export const teamById = (ctx: RequestContext): DataLoader<string, TeamEntity | null> =>
  ctx.loaders.get(
    'configuration.teamById',
    () =>
      new DataLoader(async (ids: readonly string[]) => {
        const db = await tenantDb(ctx);
        const rows = await queryRows<TeamEntity>(db, `SELECT ${entitySql(db.connection, TeamEntity).selectList('t')} FROM teams t WHERE t.id = ANY($1::uuid[])`, [ids]);
        return ids.map((id) => rows.find((r) => r.id === id) ?? null);
      }),
  );

/**
 * One side of team_members for many keys of the other side, in one statement, ordered by name:
 * the members of teams, or the teams of users.
 */
function throughMemberships<Row extends object>(
  ctx: RequestContext,
  name: string,
  side: { entity: EntityTarget<Row>; table: 'users' | 'teams'; joinColumn: 'user_id' | 'team_id'; keyColumn: 'team_id' | 'user_id' },
): DataLoader<string, Row[]> {
  return ctx.loaders.get(
    name,
    () =>
      new DataLoader(async (keys: readonly string[]) => {
        const db = await tenantDb(ctx);
        const rows = await queryRows<Row & { key: string }>(
          db,
          `SELECT m.${side.keyColumn} AS "key", ${entitySql(db.connection, side.entity).selectList('r')}
             FROM team_members m JOIN ${side.table} r ON r.id = m.${side.joinColumn}
            WHERE m.${side.keyColumn} = ANY($1::uuid[]) ORDER BY r.name, r.id`,
          [keys],
        );
        return keys.map((key) => rows.filter((r) => r.key === key).map(({ key: _key, ...row }) => row as unknown as Row));
      }),
  );
}

/** Members of many teams in one statement, by name. */
export const teamMembers = (ctx: RequestContext): DataLoader<string, UserEntity[]> =>
  throughMemberships(ctx, 'configuration.teamMembers', { entity: UserEntity, table: 'users', joinColumn: 'user_id', keyColumn: 'team_id' });

/** Teams of many users in one statement, by name. */
export const teamsOfUser = (ctx: RequestContext): DataLoader<string, TeamEntity[]> =>
  throughMemberships(ctx, 'configuration.teamsOfUser', { entity: TeamEntity, table: 'teams', joinColumn: 'team_id', keyColumn: 'user_id' });
