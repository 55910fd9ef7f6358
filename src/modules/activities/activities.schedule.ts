/**
 * The time fields of an activity: which apply to which kind, and the derived `occurredAt`.
 * Pure functions over the activity's state after a write, so create, update and complete agree.
 */
import { UserError, UserErrorCode, userError } from '../../graphql/user-errors';
import type { ActivityEntity } from './activities.entity';
import { ActivityKind } from './activities.types';

export type Schedule = Pick<ActivityEntity, 'kind' | 'dueAt' | 'startsAt' | 'endsAt' | 'completedAt' | 'createdAt'>;

const SCHEDULED = new Set<string>([ActivityKind.MEETING, ActivityKind.CALL]);

/** A time field the kind does not have, or an end before the start: INVALID. */
export function scheduleError(schedule: Schedule): UserError | null {
  const { kind, dueAt, startsAt, endsAt } = schedule;
  if (dueAt && kind !== ActivityKind.TASK) return userError(['input', 'dueAt'], 'Only tasks have a due time', UserErrorCode.INVALID);
  if ((startsAt || endsAt) && !SCHEDULED.has(kind)) {
    return userError(['input', startsAt ? 'startsAt' : 'endsAt'], 'Only meetings and calls have a start and an end', UserErrorCode.INVALID);
  }
  if (endsAt && !startsAt) return userError(['input', 'startsAt'], 'An end needs a start', UserErrorCode.REQUIRED);
  if (endsAt && startsAt && endsAt.getTime() < startsAt.getTime()) return userError(['input', 'endsAt'], 'The end is before the start', UserErrorCode.INVALID);
  return null;
}

/**
 * Where the activity sits on a timeline: when it happens or happened, as well as it is known.
 * A meeting or call is placed at its start; a task at its due time while open (what is coming up)
 * and at its completion once done (what was done); anything else (e-mails, notes, unscheduled
 * calls, tasks without a due time) at its creation, which is when it was logged.
 */
export function occurredAt(schedule: Schedule): Date {
  const { kind, dueAt, startsAt, completedAt, createdAt } = schedule;
  if (SCHEDULED.has(kind) && startsAt) return startsAt;
  if (kind === ActivityKind.TASK && completedAt) return completedAt;
  if (kind === ActivityKind.TASK && dueAt) return dueAt;
  return createdAt;
}
