/** Skills technicians have and work types require: a small named catalogue. */
import { QueryRunner } from 'typeorm';
import { queryOne } from '../../db/sql';
import { uuidv7 } from '../../db/uuid';
import { notFound } from '../../graphql/errors';
import { requireUuid, toGlobalId } from '../../graphql/global-id';
import { ConnectionValue } from '../../graphql/pagination';
import { UserError, UserErrorCode, failure, staleVersion, userError } from '../../graphql/user-errors';
import { RequestContext } from '../../tenancy/request-context';
import { cleanName, createOnce, nameOrderedPage, notFoundError, violatedConstraint } from '../configuration/configuration.shared';
import { runMutation } from '../records/mutation';
import { inputRecordId } from '../records/references';
import { SKILL_SELECT, SkillRow, skillById } from './skills.loaders';
import { CreateSkillInput, CreateSkillPayload, DeleteSkillInput, DeleteSkillPayload, SkillsArgs, UpdateSkillInput, UpdateSkillPayload } from './skills.types';

const NAME_MAX = 100;

export const listSkills = (ctx: RequestContext, args: SkillsArgs): Promise<ConnectionValue<SkillRow>> =>
  nameOrderedPage<SkillRow>(ctx, { table: 'skills', alias: 's', selectList: SKILL_SELECT }, args);

export async function getSkill(ctx: RequestContext, id: string): Promise<SkillRow> {
  const skill = await skillById(ctx).load(requireUuid(id, 'Skill'));
  if (!skill) throw notFound('Skill');
  return skill;
}

const duplicateName = (name: string): UserError =>
  userError(['input', 'name'], `A skill named "${name}" already exists (names are unique ignoring case)`, UserErrorCode.DUPLICATE);

async function nameTaken(db: QueryRunner, name: string, except: string | null): Promise<boolean> {
  return !!(await queryOne(db, 'SELECT 1 FROM skills WHERE lower(name) = lower($1) AND id IS DISTINCT FROM $2', [name, except]));
}

/** Runs a write that a concurrent writer may still beat to the name (the unique index decides). */
async function writeNamed(name: string, write: () => Promise<SkillRow>): Promise<{ skill: SkillRow; userErrors: UserError[] }> {
  try {
    return { skill: await write(), userErrors: [] };
  } catch (error) {
    if (violatedConstraint(error) === 'skills_name_key') return failure(duplicateName(name));
    throw error;
  }
}

export function createSkill(ctx: RequestContext, input: CreateSkillInput): Promise<CreateSkillPayload> {
  return runMutation<CreateSkillPayload>(ctx, input, async (db) => {
    const name = cleanName(input.name, ['input', 'name'], 'The name', NAME_MAX);
    if (name.error) return failure(name.error);
    const created = await createOnce(
      db,
      'createSkill',
      'skill',
      input,
      async () => {
        if (await nameTaken(db, name.value!, null)) return { userErrors: [duplicateName(name.value!)] };
        const written = await writeNamed(name.value!, async () =>
          (await queryOne<SkillRow>(db, `INSERT INTO skills AS s (id, name, description) VALUES ($1, $2, $3) RETURNING ${SKILL_SELECT}`, [
            uuidv7(),
            name.value,
            input.description?.trim() || null,
          ]))!,
        );
        return written.skill ? { row: written.skill } : { userErrors: written.userErrors };
      },
      (id) => skillById(ctx).load(id),
    );
    return created.row ? { skill: created.row, userErrors: [] } : failure(...created.userErrors);
  });
}

export function updateSkill(ctx: RequestContext, input: UpdateSkillInput): Promise<UpdateSkillPayload> {
  return runMutation<UpdateSkillPayload>(ctx, input, async (db) => {
    const target = inputRecordId(input.id, 'Skill');
    if (target.error) return failure(target.error);
    const name = input.name === undefined ? {} : cleanName(input.name, ['input', 'name'], 'The name', NAME_MAX);
    if (name.error) return failure(name.error);
    const skill = await queryOne<SkillRow>(db, `SELECT ${SKILL_SELECT} FROM skills s WHERE s.id = $1 FOR UPDATE`, [target.uuid]);
    if (!skill) return failure(notFoundError(['input', 'id'], 'Skill'));
    const conflict = staleVersion('The skill', input.expectedVersion, skill.version);
    if (conflict) return failure(conflict);
    if (name.value !== undefined && (await nameTaken(db, name.value, skill.id))) return failure(duplicateName(name.value));
    const description = input.description === undefined ? skill.description : input.description?.trim() || null;
    const newName = name.value ?? skill.name;
    if (newName === skill.name && description === skill.description) return { skill, userErrors: [] };
    return writeNamed(newName, async () =>
      (await queryOne<SkillRow>(
        db,
        `UPDATE skills s SET name = $2, description = $3, version = s.version + 1, updated_at = now() WHERE s.id = $1 RETURNING ${SKILL_SELECT}`,
        [skill.id, newName, description],
      ))!,
    );
  });
}

/** Refused while technicians or work types use the skill (their rows reference it; the foreign keys back this up). */
export function deleteSkill(ctx: RequestContext, input: DeleteSkillInput): Promise<DeleteSkillPayload> {
  return runMutation<DeleteSkillPayload>(ctx, input, async (db) => {
    const target = inputRecordId(input.id, 'Skill');
    if (target.error) return failure(target.error);
    const skill = await queryOne<SkillRow>(db, `SELECT ${SKILL_SELECT} FROM skills s WHERE s.id = $1 FOR UPDATE`, [target.uuid]);
    if (!skill) return failure(notFoundError(['input', 'id'], 'Skill'));
    const conflict = staleVersion('The skill', input.expectedVersion, skill.version);
    if (conflict) return failure(conflict);
    const inUse = await queryOne<{ technicians: number; workTypes: number }>(
      db,
      `SELECT (SELECT count(*)::int FROM technician_skills WHERE skill_id = $1) AS technicians,
              (SELECT count(*)::int FROM work_type_skills WHERE skill_id = $1) AS "workTypes"`,
      [skill.id],
    );
    const refusal = userError(
      ['input', 'id'],
      `"${skill.name}" is in use (${inUse!.technicians} technicians, ${inUse!.workTypes} work types); remove it from them first`,
      UserErrorCode.INVALID_STATE,
    );
    if (inUse!.technicians || inUse!.workTypes) return failure(refusal);
    try {
      await db.query('DELETE FROM skills WHERE id = $1', [skill.id]);
    } catch (error) {
      // A technician or work type took the skill on after our count.
      if (violatedConstraint(error, '23503')) return failure(refusal);
      throw error;
    }
    return { deletedSkillId: toGlobalId('Skill', skill.id), userErrors: [] };
  });
}
