/** Creating and changing technicians: the user, territories, skills, working hours and capacity. */
import { QueryRunner } from 'typeorm';
import { queryOne } from '../../db/sql';
import { uuidv7 } from '../../db/uuid';
import { UserError, failure, staleVersion } from '../../graphql/user-errors';
import { RequestContext } from '../../tenancy/request-context';
import { createOnce, notFoundError, violatedConstraint } from '../configuration/configuration.shared';
import { runMutation } from '../records/mutation';
import { inputRecordId } from '../records/references';
import { SkillLevel, checkSkillLevels } from './skills.references';
import { Hours, checkHomeTerritory, checkTerritories, checkUser, checkWorkingHours, duplicateUser } from './technicians.checks';
import { TECHNICIAN_SELECT, TechnicianRow, technicianById } from './technicians.loaders';
import { CreateTechnicianInput, CreateTechnicianPayload, TechnicianSkillInput, UpdateTechnicianInput, UpdateTechnicianPayload, WorkingHoursInput } from './technicians.types';

/** The lists an input may give (undefined or null: keep the old list). */
interface Lists {
  territoryIds?: string[];
  skills?: SkillLevel[];
  hours?: Hours[];
}

/** Checks the lists given, in input order of fields. */
async function checkLists(
  db: QueryRunner,
  input: { territoryIds?: string[] | null; skills?: TechnicianSkillInput[] | null; workingHours?: WorkingHoursInput[] | null },
): Promise<{ lists: Lists; errors: UserError[] }> {
  const territories = input.territoryIds != null ? await checkTerritories(db, input.territoryIds) : null;
  const skills = input.skills != null ? await checkSkillLevels(db, input.skills, ['input', 'skills']) : null;
  const hours = input.workingHours != null ? checkWorkingHours(input.workingHours) : null;
  return {
    lists: { territoryIds: territories?.territoryIds, skills: skills?.skills, hours: hours?.hours },
    errors: [...(territories?.errors ?? []), ...(skills?.errors ?? []), ...(hours?.errors ?? [])],
  };
}

/** Replaces the lists given (a list left undefined stays as it is). */
async function writeLists(db: QueryRunner, technicianId: string, lists: Lists): Promise<void> {
  if (lists.territoryIds) {
    await db.query('DELETE FROM technician_territories WHERE technician_id = $1', [technicianId]);
    await db.query('INSERT INTO technician_territories (technician_id, territory_id) SELECT $1, unnest($2::uuid[])', [technicianId, lists.territoryIds]);
  }
  if (lists.skills) {
    await db.query('DELETE FROM technician_skills WHERE technician_id = $1', [technicianId]);
    await db.query('INSERT INTO technician_skills (technician_id, skill_id, level) SELECT $1, s, l FROM unnest($2::uuid[], $3::smallint[]) AS x(s, l)', [
      technicianId,
      lists.skills.map((s) => s.skillId),
      lists.skills.map((s) => s.level),
    ]);
  }
  if (lists.hours) {
    await db.query('DELETE FROM technician_working_hours WHERE technician_id = $1', [technicianId]);
    await db.query(
      `INSERT INTO technician_working_hours (technician_id, weekday, starts_at, ends_at)
       SELECT $1, w, s::time, e::time FROM unnest($2::smallint[], $3::text[], $4::text[]) AS h(w, s, e)`,
      [technicianId, lists.hours.map((h) => h.weekday), lists.hours.map((h) => h.startsAt), lists.hours.map((h) => h.endsAt)],
    );
  }
}

/** A skill or territory checked above was deleted by a concurrent request before our rows referenced it. */
async function writeListsOrRefuse(db: QueryRunner, technicianId: string, lists: Lists): Promise<UserError | null> {
  try {
    await writeLists(db, technicianId, lists);
    return null;
  } catch (error) {
    const constraint = violatedConstraint(error, '23503');
    if (constraint === 'technician_skills_skill_id_fkey') return notFoundError(['input', 'skills'], 'A skill');
    if (constraint === 'technician_territories_territory_id_fkey') return notFoundError(['input', 'territoryIds'], 'A territory');
    throw error;
  }
}

export function createTechnician(ctx: RequestContext, input: CreateTechnicianInput): Promise<CreateTechnicianPayload> {
  return runMutation<CreateTechnicianPayload>(ctx, input, async (db) => {
    const created = await createOnce(
      db,
      'createTechnician',
      'technician',
      input,
      async () => {
        const user = await checkUser(db, input.userId);
        const home = await checkHomeTerritory(db, input.homeTerritoryId);
        const { lists, errors } = await checkLists(db, input);
        const problems = [...(user.error ? [user.error] : []), ...(home.error ? [home.error] : []), ...errors];
        if (problems.length) return { userErrors: problems };
        let technician: TechnicianRow;
        try {
          technician = (await queryOne<TechnicianRow>(
            db,
            `INSERT INTO technicians AS t (id, user_id, home_territory_id, daily_capacity_minutes) VALUES ($1, $2, $3, coalesce($4, 480)) RETURNING ${TECHNICIAN_SELECT}`,
            [uuidv7(), user.uuid, home.uuid ?? null, input.dailyCapacityMinutes ?? null],
          ))!;
        } catch (error) {
          // Another request made this user a technician after our check.
          if (violatedConstraint(error) === 'technicians_user_key') return { userErrors: [duplicateUser()] };
          throw error;
        }
        const lost = await writeListsOrRefuse(db, technician.id, lists);
        return lost ? { userErrors: [lost] } : { row: technician };
      },
      (id) => technicianById(ctx).load(id),
    );
    return created.row ? { technician: created.row, userErrors: [] } : failure(...created.userErrors);
  });
}

/** Changes a technician; lists given replace the old ones. Every accepted update bumps the version. */
export function updateTechnician(ctx: RequestContext, input: UpdateTechnicianInput): Promise<UpdateTechnicianPayload> {
  return runMutation<UpdateTechnicianPayload>(ctx, input, async (db) => {
    const target = inputRecordId(input.id, 'Technician');
    if (target.error) return failure(target.error);
    const home = await checkHomeTerritory(db, input.homeTerritoryId);
    const { lists, errors } = await checkLists(db, input);
    const problems = [...(home.error ? [home.error] : []), ...errors];
    if (problems.length) return failure(...problems);
    const technician = await queryOne<TechnicianRow>(db, `SELECT ${TECHNICIAN_SELECT} FROM technicians t WHERE t.id = $1 FOR UPDATE`, [target.uuid]);
    if (!technician) return failure(notFoundError(['input', 'id'], 'Technician'));
    const conflict = staleVersion('The technician', input.expectedVersion, technician.version);
    if (conflict) return failure(conflict);
    const lost = await writeListsOrRefuse(db, technician.id, lists);
    if (lost) return failure(lost);
    const updated = await queryOne<TechnicianRow>(
      db,
      `UPDATE technicians t SET home_territory_id = $2, daily_capacity_minutes = $3, active = $4, version = t.version + 1, updated_at = now()
        WHERE t.id = $1 RETURNING ${TECHNICIAN_SELECT}`,
      [
        technician.id,
        home.uuid === undefined ? technician.homeTerritoryId : home.uuid,
        input.dailyCapacityMinutes ?? technician.dailyCapacityMinutes,
        input.active ?? technician.active,
      ],
    );
    return { technician: updated, userErrors: [] };
  });
}
