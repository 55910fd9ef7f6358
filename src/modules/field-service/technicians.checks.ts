/** Validation of technician inputs: each check returns what to write or the userErrors, before anything is written. */
import { QueryRunner } from 'typeorm';
import { queryOne, queryRows } from '../../db/sql';
import { uuidOf } from '../../graphql/global-id';
import { UserError, UserErrorCode, userError } from '../../graphql/user-errors';
import { minutesOf } from '../configuration/local-time';
import { WEEKDAYS } from '../configuration/territories.types';
import { inputUuid, resolveReference } from '../records/references';
import { WorkingHoursInput } from './technicians.types';

export interface Hours {
  weekday: number;
  startsAt: string;
  endsAt: string;
}

/** The user a new technician stands for: an existing, active user who is not a technician yet. */
export async function checkUser(db: QueryRunner, userId: string): Promise<{ uuid: string; error?: undefined } | { uuid?: undefined; error: UserError }> {
  const field = ['input', 'userId'];
  const parsed = inputUuid(userId, 'User', 'userId');
  if ('error' in parsed) return { error: parsed.error };
  const user = await queryOne<{ status: string; technician: boolean }>(
    db,
    'SELECT u.status, EXISTS (SELECT 1 FROM technicians t WHERE t.user_id = u.id) AS technician FROM users u WHERE u.id = $1',
    [parsed.uuid],
  );
  if (!user) return { error: userError(field, 'User not found', UserErrorCode.NOT_FOUND) };
  if (user.status !== 'active') return { error: userError(field, 'Only an active user can be a technician', UserErrorCode.INVALID) };
  if (user.technician) return { error: duplicateUser() };
  return { uuid: parsed.uuid! };
}

export const duplicateUser = (): UserError => userError(['input', 'userId'], 'This user is already a technician', UserErrorCode.DUPLICATE);

export const checkHomeTerritory = (db: QueryRunner, id: string | null | undefined) =>
  resolveReference(id, 'Territory', 'homeTerritoryId', async (uuid) => !!(await queryOne(db, 'SELECT 1 FROM territories WHERE id = $1', [uuid])));

/** Further territories: valid, existing, each once. */
export async function checkTerritories(db: QueryRunner, ids: string[]): Promise<{ territoryIds: string[]; errors: UserError[] }> {
  const errors: UserError[] = [];
  const parsed: { uuid: string; index: number }[] = [];
  ids.forEach((id, index) => {
    const field = ['input', 'territoryIds', String(index)];
    const uuid = uuidOf(id, 'Territory');
    if (!uuid) errors.push(userError(field, 'Not a valid Territory ID', UserErrorCode.INVALID));
    else if (parsed.some((p) => p.uuid === uuid)) errors.push(userError(field, 'The territory is listed more than once', UserErrorCode.DUPLICATE));
    else parsed.push({ uuid, index });
  });
  if (parsed.length) {
    const found = new Set((await queryRows<{ id: string }>(db, 'SELECT id FROM territories WHERE id = ANY($1::uuid[])', [parsed.map((p) => p.uuid)])).map((r) => r.id));
    for (const p of parsed) if (!found.has(p.uuid)) errors.push(userError(['input', 'territoryIds', String(p.index)], 'Territory not found', UserErrorCode.NOT_FOUND));
  }
  return { territoryIds: parsed.map((p) => p.uuid), errors };
}

/** Working hours: each weekday once, ending after they start. */
export function checkWorkingHours(input: WorkingHoursInput[]): { hours: Hours[]; errors: UserError[] } {
  const errors: UserError[] = [];
  const hours: Hours[] = [];
  input.forEach((day, index) => {
    const at = (field: string) => ['input', 'workingHours', String(index), field];
    const weekday = WEEKDAYS.indexOf(day.weekday) + 1;
    if (hours.some((h) => h.weekday === weekday)) errors.push(userError(at('weekday'), `${day.weekday} is listed more than once`, UserErrorCode.DUPLICATE));
    else if (minutesOf(day.endsAt) <= minutesOf(day.startsAt)) {
      errors.push(userError(at('endsAt'), `${day.weekday}: the end ${day.endsAt} must be after the start ${day.startsAt}`, UserErrorCode.INVALID));
    } else hours.push({ weekday, startsAt: day.startsAt, endsAt: day.endsAt });
  });
  return { hours: hours.sort((a, b) => a.weekday - b.weekday), errors };
}
