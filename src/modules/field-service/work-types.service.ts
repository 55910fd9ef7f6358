/** Work types: kinds of field work with a usual duration and the skills (at minimum levels) they need. */
import { QueryRunner } from 'typeorm';
import { SqlParams } from '../../db/sql-params';
import { queryOne } from '../../db/sql';
import { uuidv7 } from '../../db/uuid';
import { notFound } from '../../graphql/errors';
import { requireUuid } from '../../graphql/global-id';
import { ConnectionValue } from '../../graphql/pagination';
import { UserError, UserErrorCode, failure, staleVersion, userError } from '../../graphql/user-errors';
import { RequestContext } from '../../tenancy/request-context';
import { cleanName, createOnce, nameOrderedPage, notFoundError, violatedConstraint } from '../configuration/configuration.shared';
import { runMutation } from '../records/mutation';
import { inputRecordId } from '../records/references';
import { SkillLevel, checkSkillLevels } from './skills.references';
import { WORK_TYPE_SELECT, WorkTypeRow, workTypeById } from './work-types.loaders';
import { CreateWorkTypeInput, CreateWorkTypePayload, SkillRequirementInput, UpdateWorkTypeInput, UpdateWorkTypePayload, WorkTypesArgs } from './work-types.types';

const NAME_MAX = 100;

export const listWorkTypes = (ctx: RequestContext, args: WorkTypesArgs): Promise<ConnectionValue<WorkTypeRow>> =>
  nameOrderedPage<WorkTypeRow>(ctx, { table: 'work_types', alias: 'w', selectList: WORK_TYPE_SELECT }, args, (params: SqlParams) =>
    args.active != null ? [`w.active = ${params.add(args.active)}`] : [],
  );

export async function getWorkType(ctx: RequestContext, id: string): Promise<WorkTypeRow> {
  const workType = await workTypeById(ctx).load(requireUuid(id, 'WorkType'));
  if (!workType) throw notFound('WorkType');
  return workType;
}

const duplicateName = (name: string): UserError =>
  userError(['input', 'name'], `A work type named "${name}" already exists (names are unique ignoring case)`, UserErrorCode.DUPLICATE);

async function nameTaken(db: QueryRunner, name: string, except: string | null): Promise<boolean> {
  return !!(await queryOne(db, 'SELECT 1 FROM work_types WHERE lower(name) = lower($1) AND id IS DISTINCT FROM $2', [name, except]));
}

const checkRequirements = (db: QueryRunner, items: SkillRequirementInput[]) =>
  checkSkillLevels(
    db,
    items.map((i) => ({ skillId: i.skillId, level: i.minLevel ?? 1 })),
    ['input', 'requiredSkills'],
  );

/** Replaces the requirements; a skill a concurrent request deleted after our check is NOT_FOUND. */
async function writeRequirements(db: QueryRunner, workTypeId: string, skills: SkillLevel[]): Promise<UserError | null> {
  try {
    await replaceRequirements(db, workTypeId, skills);
    return null;
  } catch (error) {
    if (violatedConstraint(error, '23503') === 'work_type_skills_skill_id_fkey') return notFoundError(['input', 'requiredSkills'], 'A skill');
    throw error;
  }
}

async function replaceRequirements(db: QueryRunner, workTypeId: string, skills: SkillLevel[]): Promise<void> {
  await db.query('DELETE FROM work_type_skills WHERE work_type_id = $1', [workTypeId]);
  await db.query('INSERT INTO work_type_skills (work_type_id, skill_id, min_level) SELECT $1, s, l FROM unnest($2::uuid[], $3::smallint[]) AS r(s, l)', [
    workTypeId,
    skills.map((s) => s.skillId),
    skills.map((s) => s.level),
  ]);
}

/** Runs a write that a concurrent writer may still beat to the name (the unique index decides). */
async function writeNamed(name: string, write: () => Promise<WorkTypeRow>): Promise<{ workType: WorkTypeRow; userErrors: UserError[] }> {
  try {
    return { workType: await write(), userErrors: [] };
  } catch (error) {
    if (violatedConstraint(error) === 'work_types_name_key') return failure(duplicateName(name));
    throw error;
  }
}

export function createWorkType(ctx: RequestContext, input: CreateWorkTypeInput): Promise<CreateWorkTypePayload> {
  return runMutation<CreateWorkTypePayload>(ctx, input, async (db) => {
    const name = cleanName(input.name, ['input', 'name'], 'The name', NAME_MAX);
    const requirements = await checkRequirements(db, input.requiredSkills ?? []);
    const problems = [...(name.error ? [name.error] : []), ...requirements.errors];
    if (problems.length) return failure(...problems);
    const created = await createOnce(
      db,
      'createWorkType',
      'work type',
      input,
      async () => {
        if (await nameTaken(db, name.value!, null)) return { userErrors: [duplicateName(name.value!)] };
        const written = await writeNamed(name.value!, async () =>
          (await queryOne<WorkTypeRow>(
            db,
            `INSERT INTO work_types AS w (id, name, description, default_duration_minutes) VALUES ($1, $2, $3, $4) RETURNING ${WORK_TYPE_SELECT}`,
            [uuidv7(), name.value, input.description?.trim() || null, input.defaultDurationMinutes],
          ))!,
        );
        if (!written.workType) return { userErrors: written.userErrors };
        const lost = await writeRequirements(db, written.workType.id, requirements.skills);
        return lost ? { userErrors: [lost] } : { row: written.workType };
      },
      (id) => workTypeById(ctx).load(id),
    );
    return created.row ? { workType: created.row, userErrors: [] } : failure(...created.userErrors);
  });
}

/** Changes a work type; `requiredSkills` given replaces the list, `active: false` deactivates it. */
export function updateWorkType(ctx: RequestContext, input: UpdateWorkTypeInput): Promise<UpdateWorkTypePayload> {
  return runMutation<UpdateWorkTypePayload>(ctx, input, async (db) => {
    const target = inputRecordId(input.id, 'WorkType');
    if (target.error) return failure(target.error);
    const name = input.name === undefined ? {} : cleanName(input.name, ['input', 'name'], 'The name', NAME_MAX);
    const requirements = input.requiredSkills != null ? await checkRequirements(db, input.requiredSkills) : null;
    const problems = [...(name.error ? [name.error] : []), ...(requirements?.errors ?? [])];
    if (problems.length) return failure(...problems);
    const workType = await queryOne<WorkTypeRow>(db, `SELECT ${WORK_TYPE_SELECT} FROM work_types w WHERE w.id = $1 FOR UPDATE`, [target.uuid]);
    if (!workType) return failure(notFoundError(['input', 'id'], 'Work type'));
    const conflict = staleVersion('The work type', input.expectedVersion, workType.version);
    if (conflict) return failure(conflict);
    if (name.value !== undefined && (await nameTaken(db, name.value, workType.id))) return failure(duplicateName(name.value));
    const lost = requirements ? await writeRequirements(db, workType.id, requirements.skills) : null;
    if (lost) return failure(lost);
    const newName = name.value ?? workType.name;
    return writeNamed(newName, async () =>
      (await queryOne<WorkTypeRow>(
        db,
        `UPDATE work_types w SET name = $2, description = $3, default_duration_minutes = $4, active = $5, version = w.version + 1, updated_at = now()
          WHERE w.id = $1 RETURNING ${WORK_TYPE_SELECT}`,
        [
          workType.id,
          newName,
          input.description === undefined ? workType.description : input.description?.trim() || null,
          input.defaultDurationMinutes ?? workType.defaultDurationMinutes,
          input.active ?? workType.active,
        ],
      ))!,
    );
  });
}
