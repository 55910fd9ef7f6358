import DataLoader from 'dataloader';
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

/** Teams of many users in one statement, by name. */
export const teamsOfUser = (ctx: RequestContext): DataLoader<string, TeamEntity[]> =>
  ctx.loaders.get(
    'configuration.teamsOfUser',
    () =>
      new DataLoader(async (userIds: readonly string[]) => {
        const db = await tenantDb(ctx);
        const rows = await queryRows<TeamEntity & { userId: string }>(
          db,
          `SELECT m.user_id AS "userId", ${entitySql(db.connection, TeamEntity).selectList('t')}
             FROM team_members m JOIN teams t ON t.id = m.team_id
            WHERE m.user_id = ANY($1::uuid[]) ORDER BY t.name, t.id`,
          [userIds],
        );
        return userIds.map((id) => rows.filter((r) => r.userId === id).map(({ userId: _user, ...team }) => team as TeamEntity));
      }),
  );

/** Members of many teams in one statement, by name. */
export const teamMembers = (ctx: RequestContext): DataLoader<string, UserEntity[]> =>
  ctx.loaders.get(
    'configuration.teamMembers',
    () =>
      new DataLoader(async (teamIds: readonly string[]) => {
        const db = await tenantDb(ctx);
        const rows = await queryRows<UserEntity & { teamId: string }>(
          db,
          `SELECT m.team_id AS "teamId", ${entitySql(db.connection, UserEntity).selectList('u')}
             FROM team_members m JOIN users u ON u.id = m.user_id
            WHERE m.team_id = ANY($1::uuid[]) ORDER BY u.name, u.id`,
          [teamIds],
        );
        return teamIds.map((id) => rows.filter((r) => r.teamId === id).map(({ teamId: _team, ...user }) => user as UserEntity));
      }),
  );
