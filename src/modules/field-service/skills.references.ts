import { QueryRunner } from 'typeorm';
import { queryRows } from '../../db/sql';
import { uuidOf } from '../../graphql/global-id';
import { UserError, UserErrorCode, userError } from '../../graphql/user-errors';

/** A skill with a level, as work types require it and technicians have it. */
export interface SkillLevel {
  skillId: string;
  level: number;
}

/**
 * A list of skills with levels from an input (e.g. input.requiredSkills): each a valid, existing
 * Skill ID, listed once. Levels are range-checked by the input's validators. Errors name the item.
 */
export async function checkSkillLevels(db: QueryRunner, items: { skillId: string; level: number }[], path: string[]): Promise<{ skills: SkillLevel[]; errors: UserError[] }> {
  const errors: UserError[] = [];
  const parsed: (SkillLevel & { index: number })[] = [];
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const field = [...path, String(index), 'skillId'];
    const skillId = uuidOf(item.skillId, 'Skill');
    if (!skillId) errors.push(userError(field, '"skillId" is not a valid Skill ID', UserErrorCode.INVALID));
    else if (seen.has(skillId)) errors.push(userError(field, 'The skill is listed more than once', UserErrorCode.DUPLICATE));
    else {
      seen.add(skillId);
      parsed.push({ skillId, level: item.level, index });
    }
  });
  if (parsed.length) {
    const found = await queryRows<{ id: string }>(db, 'SELECT id FROM skills WHERE id = ANY($1::uuid[])', [parsed.map((p) => p.skillId)]);
    const existing = new Set(found.map((r) => r.id));
    for (const p of parsed) if (!existing.has(p.skillId)) errors.push(userError([...path, String(p.index), 'skillId'], 'Skill not found', UserErrorCode.NOT_FOUND));
  }
  return { skills: parsed.map(({ skillId, level }) => ({ skillId, level })), errors };
}
