/** Teams of users: names unique ignoring case, members replaced as a whole; every change audited. */
import { QueryRunner } from 'typeorm';
import { entitySql } from '../../db/entity-sql';
import { queryOne, queryRows } from '../../db/sql';
import { uuidv7 } from '../../db/uuid';
import { notFound } from '../../graphql/errors';
import { requireUuid, toGlobalId, uuidOf } from '../../graphql/global-id';
import { ConnectionValue } from '../../graphql/pagination';
import { UserError, UserErrorCode, failure, userError } from '../../graphql/user-errors';
import { RequestContext } from '../../tenancy/request-context';
import { recordAdminChange } from '../admin-audit';
import { runMutation } from '../records/mutation';
import { inputRecordId } from '../records/references';
import { cleanName, createOnce, nameOrderedPage, notFoundError, staleVersion, violatedConstraint } from './configuration.shared';
import { TeamEntity } from './teams.entity';
import { teamById } from './teams.loaders';
import { CreateTeamInput, CreateTeamPayload, DeleteTeamInput, DeleteTeamPayload, TeamsArgs, UpdateTeamInput, UpdateTeamPayload } from './teams.types';
import { countUsages, describeCounts } from './usages';

const NAME_MAX = 100;

export async function listTeams(ctx: RequestContext, args: TeamsArgs): Promise<ConnectionValue<TeamEntity>> {
  return nameOrderedPage<TeamEntity>(ctx, { table: 'teams', alias: 't', selectList: entitySql(ctx.dataSource, TeamEntity).selectList('t') }, args);
}

export async function getTeam(ctx: RequestContext, id: string): Promise<TeamEntity> {
  const team = await teamById(ctx).load(requireUuid(id, 'Team'));
  if (!team) throw notFound('Team');
  return team;
}

async function lockTeam(db: QueryRunner, uuid: string): Promise<TeamEntity | null> {
  return queryOne<TeamEntity>(db, `SELECT ${entitySql(db.connection, TeamEntity).selectList('t')} FROM teams t WHERE t.id = $1 FOR UPDATE`, [uuid]);
}

async function memberIdsOf(db: QueryRunner, teamId: string): Promise<string[]> {
  const rows = await queryRows<{ userId: string }>(db, 'SELECT m.user_id AS "userId" FROM team_members m JOIN users u ON u.id = m.user_id WHERE m.team_id = $1 ORDER BY u.name, u.id', [teamId]);
  return rows.map((r) => r.userId);
}

const auditTeam = (team: TeamEntity, memberIds: string[]) => ({
  id: toGlobalId('Team', team.id),
  name: team.name,
  description: team.description,
  memberIds: memberIds.map((id) => toGlobalId('User', id)),
  version: team.version,
});

const duplicateName = (name: string): UserError => userError(['input', 'name'], `A team named "${name}" already exists (names are unique ignoring case)`, UserErrorCode.DUPLICATE);

async function nameTaken(db: QueryRunner, name: string, except: string | null): Promise<boolean> {
  return !!(await queryOne(db, 'SELECT 1 FROM teams WHERE lower(name) = lower($1) AND id IS DISTINCT FROM $2', [name, except]));
}

/** User IDs to UUIDs (duplicates once); each must name a user of the workspace. */
async function resolveMembers(db: QueryRunner, ids: string[]): Promise<{ uuids: string[]; errors: UserError[] }> {
  const errors: UserError[] = [];
  const uuids: string[] = [];
  ids.forEach((id, i) => {
    const uuid = uuidOf(id, 'User');
    if (!uuid) errors.push(userError(['input', 'memberIds', String(i)], `"memberIds[${i}]" is not a valid User ID`, UserErrorCode.INVALID));
    else if (!uuids.includes(uuid)) uuids.push(uuid);
  });
  if (errors.length || !uuids.length) return { uuids, errors };
  const found = new Set((await queryRows<{ id: string }>(db, 'SELECT id FROM users WHERE id = ANY($1::uuid[])', [uuids])).map((r) => r.id));
  ids.forEach((id, i) => {
    if (!found.has(uuidOf(id, 'User')!)) errors.push(notFoundError(['input', 'memberIds', String(i)], 'User'));
  });
  return { uuids, errors };
}

async function writeMembers(db: QueryRunner, teamId: string, uuids: string[]): Promise<void> {
  await db.query('DELETE FROM team_members WHERE team_id = $1 AND NOT (user_id = ANY($2::uuid[]))', [teamId, uuids]);
  await db.query('INSERT INTO team_members (team_id, user_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING', [teamId, uuids]);
}

const sameMembers = (a: string[], b: string[]) => a.length === b.length && a.every((id) => b.includes(id));

export function createTeam(ctx: RequestContext, input: CreateTeamInput): Promise<CreateTeamPayload> {
  return runMutation<CreateTeamPayload>(ctx, input, async (db) => {
    const name = cleanName(input.name, ['input', 'name'], 'The name', NAME_MAX);
    if (name.error) return failure(name.error);
    const created = await createOnce(
      db,
      'createTeam',
      'team',
      input,
      async () => {
        const members = await resolveMembers(db, input.memberIds ?? []);
        const problems = [...members.errors];
        if (await nameTaken(db, name.value!, null)) problems.unshift(duplicateName(name.value!));
        if (problems.length) return { userErrors: problems };
        const params = [uuidv7(), name.value, input.description?.trim() || null];
        let team: TeamEntity;
        try {
          team = (await queryOne<TeamEntity>(db, `INSERT INTO teams AS t (id, name, description) VALUES ($1, $2, $3) RETURNING ${entitySql(db.connection, TeamEntity).selectList('t')}`, params))!;
        } catch (error) {
          if (violatedConstraint(error) === 'teams_name_key') return { userErrors: [duplicateName(name.value!)] };
          throw error;
        }
        await writeMembers(db, team.id, members.uuids);
        await recordAdminChange(ctx, db, { action: 'team.create', targetType: 'Team', targetId: toGlobalId('Team', team.id), before: null, after: auditTeam(team, await memberIdsOf(db, team.id)) });
        return { row: team };
      },
      (id) => teamById(ctx).load(id),
    );
    return created.row ? { team: created.row, userErrors: [] } : failure(...created.userErrors);
  });
}

export function updateTeam(ctx: RequestContext, input: UpdateTeamInput): Promise<UpdateTeamPayload> {
  return runMutation<UpdateTeamPayload>(ctx, input, async (db) => {
    const target = inputRecordId(input.id, 'Team');
    if (target.error) return failure(target.error);
    const name = input.name === undefined ? {} : cleanName(input.name, ['input', 'name'], 'The name', NAME_MAX);
    if (name.error) return failure(name.error);
    const team = await lockTeam(db, target.uuid);
    if (!team) return failure(notFoundError(['input', 'id'], 'Team'));
    const conflict = staleVersion('The team', input.expectedVersion, team.version);
    if (conflict) return failure(conflict);
    const members = input.memberIds == null ? null : await resolveMembers(db, input.memberIds);
    const problems = [...(members?.errors ?? [])];
    if (name.value !== undefined && (await nameTaken(db, name.value, team.id))) problems.unshift(duplicateName(name.value));
    if (problems.length) return failure(...problems);
    const beforeMembers = await memberIdsOf(db, team.id);
    const next = {
      name: name.value ?? team.name,
      description: input.description === undefined ? team.description : input.description?.trim() || null,
    };
    const membersChange = members !== null && !sameMembers(members.uuids, beforeMembers);
    if (next.name === team.name && next.description === team.description && !membersChange) return { team, userErrors: [] };
    let updated: TeamEntity;
    try {
      updated = (await queryOne<TeamEntity>(
        db,
        `UPDATE teams t SET name = $2, description = $3, version = t.version + 1, updated_at = now() WHERE t.id = $1 RETURNING ${entitySql(db.connection, TeamEntity).selectList('t')}`,
        [team.id, next.name, next.description],
      ))!;
    } catch (error) {
      if (violatedConstraint(error) === 'teams_name_key') return failure(duplicateName(next.name));
      throw error;
    }
    if (membersChange) await writeMembers(db, team.id, members!.uuids);
    await recordAdminChange(ctx, db, {
      action: 'team.update',
      targetType: 'Team',
      targetId: toGlobalId('Team', team.id),
      before: auditTeam(team, beforeMembers),
      after: auditTeam(updated, await memberIdsOf(db, team.id)),
    });
    return { team: updated, userErrors: [] };
  });
}

export function deleteTeam(ctx: RequestContext, input: DeleteTeamInput): Promise<DeleteTeamPayload> {
  return runMutation<DeleteTeamPayload>(ctx, input, async (db) => {
    const target = inputRecordId(input.id, 'Team');
    if (target.error) return failure(target.error);
    const team = await lockTeam(db, target.uuid);
    if (!team) return failure(notFoundError(['input', 'id'], 'Team'));
    const conflict = staleVersion('The team', input.expectedVersion, team.version);
    if (conflict) return failure(conflict);
    const inUse = await countUsages(db, 'Team', team.id);
    if (Object.keys(inUse).length) {
      return failure(userError(['input', 'id'], `The team "${team.name}" is in use (${describeCounts(inUse)}); reassign those records first`, UserErrorCode.INVALID_STATE));
    }
    const members = await memberIdsOf(db, team.id);
    await db.query('DELETE FROM teams WHERE id = $1', [team.id]);
    await recordAdminChange(ctx, db, { action: 'team.delete', targetType: 'Team', targetId: toGlobalId('Team', team.id), before: auditTeam(team, members), after: null });
    return { deletedTeamId: toGlobalId('Team', team.id), userErrors: [] };
  });
}
