/** Business rules for activities. Every function takes the request context first. */
import { QueryRunner } from 'typeorm';
import { entitySql } from '../../db/entity-sql';
import { queryOne } from '../../db/sql';
import { forbidden, notFound } from '../../graphql/errors';
import { requireUuid, toGlobalId } from '../../graphql/global-id';
import { ConnectionValue, PageArgs } from '../../graphql/pagination';
import { UserError, UserErrorCode, userError } from '../../graphql/user-errors';
import { RequestContext } from '../../tenancy/request-context';
import { listRecords } from '../records/record-lists';
import { resolveRecordOwner } from '../records/record-owner';
import { createRecordMutation, writeRecordMutation } from '../records/record-mutations';
import { WriteResult, restoreRecord, softDeleteRecord, updateRecord } from '../records/record-writes';
import { ActivityEntity } from './activities.entity';
import { resolveLinks } from './activities.links';
import { activityById } from './activities.loaders';
import { Schedule, occurredAt, scheduleError } from './activities.schedule';
import { activitySpec } from './activities.spec';
import {
  ActivitiesArgs,
  ActivityKind,
  ActivityOrderField,
  CompleteActivityInput,
  CompleteActivityPayload,
  CreateActivityInput,
  CreateActivityPayload,
  DeleteActivityInput,
  DeleteActivityPayload,
  RestoreActivityInput,
  RestoreActivityPayload,
  UpdateActivityInput,
  UpdateActivityPayload,
} from './activities.types';

export function listActivities(ctx: RequestContext, args: ActivitiesArgs): Promise<ConnectionValue<ActivityEntity>> {
  return listRecords(ctx, activitySpec, args);
}

/** The caller's own open tasks, soonest due first (tasks without a due time last). */
export function listMyOpenTasks(ctx: RequestContext, args: PageArgs): Promise<ConnectionValue<ActivityEntity>> {
  const me = ctx.can.userId;
  if (!me) throw forbidden('Only a user (or a key acting for one) has tasks of their own');
  return listRecords(ctx, activitySpec, {
    ...args,
    where: { kind: { eq: ActivityKind.TASK }, completed: { eq: false }, owner: { eq: toGlobalId('User', me) } },
    orderBy: [{ field: ActivityOrderField.DUE_AT, direction: 'ASC' }],
  });
}

export async function getActivity(ctx: RequestContext, id: string): Promise<ActivityEntity> {
  const activity = await activityById(ctx).load(requireUuid(id, 'Activity'));
  if (!activity) throw notFound('Activity');
  return activity;
}

export function createActivity(ctx: RequestContext, input: CreateActivityInput): Promise<CreateActivityPayload> {
  return createRecordMutation(ctx, activitySpec, 'activity', input, async (db) => {
    const links = await resolveLinks(ctx, db, input, null);
    if (links.error) return { userErrors: [links.error] };
    const owner = await resolveRecordOwner(ctx, db, 'Activity', input.ownerId, true);
    if (owner.error) return { userErrors: [owner.error] };
    // Set explicitly so that occurredAt of a note equals its created time to the millisecond.
    const now = new Date();
    const schedule: Schedule = {
      kind: input.kind,
      dueAt: input.dueAt ?? null,
      startsAt: input.startsAt ?? null,
      endsAt: input.endsAt ?? null,
      completedAt: input.completed ? now : null,
      createdAt: now,
    };
    const invalid = scheduleError(schedule);
    if (invalid) return { userErrors: [invalid] };
    // In this transaction: a create that ends in userErrors or a throw undoes it too.
    await touchContact(db, links.links.contactId);
    return {
      values: { ...links.links, ...schedule, occurredAt: occurredAt(schedule), subject: input.subject, body: input.body ?? null, ownerId: owner.uuid ?? null },
    };
  });
}

export function updateActivity(ctx: RequestContext, input: UpdateActivityInput): Promise<UpdateActivityPayload> {
  return writeRecordMutation(ctx, activitySpec, 'activity', input, (db, id) =>
    changeActivity(db, id, input.expectedVersion, async (current) => {
      const links = await resolveLinks(ctx, db, input, current);
      if (links.error) return { error: links.error };
      const owner = await resolveRecordOwner(ctx, db, 'Activity', input.ownerId, false);
      if (owner.error) return { error: owner.error };
      const completedAt = input.completed == null ? current.completedAt : input.completed ? (current.completedAt ?? new Date()) : null;
      const schedule: Schedule = {
        kind: current.kind,
        dueAt: input.dueAt === undefined ? current.dueAt : input.dueAt,
        startsAt: input.startsAt === undefined ? current.startsAt : input.startsAt,
        endsAt: input.endsAt === undefined ? current.endsAt : input.endsAt,
        completedAt,
        createdAt: current.createdAt,
      };
      const invalid = scheduleError(schedule);
      if (invalid) return { error: invalid };
      if (completedAt && !current.completedAt) await touchContact(db, links.links.contactId);
      const { dueAt, startsAt, endsAt } = schedule;
      return { values: { ...links.links, dueAt, startsAt, endsAt, completedAt, subject: input.subject, body: input.body, ownerId: owner.uuid } };
    }),
  );
}

/** Completes an open activity now; completing a completed one is INVALID_STATE (reopen with updateActivity). */
export function completeActivity(ctx: RequestContext, input: CompleteActivityInput): Promise<CompleteActivityPayload> {
  return writeRecordMutation(ctx, activitySpec, 'activity', input, (db, id) =>
    changeActivity(db, id, input.expectedVersion, async (current) => {
      if (current.completedAt) return { error: userError(['input', 'id'], 'The activity is already completed', UserErrorCode.INVALID_STATE) };
      await touchContact(db, current.contactId);
      return { values: { completedAt: new Date() } };
    }),
  );
}

export function deleteActivity(ctx: RequestContext, input: DeleteActivityInput): Promise<DeleteActivityPayload> {
  return writeRecordMutation(ctx, activitySpec, 'activity', input, (db, id) => softDeleteRecord(db, activitySpec, id, input.expectedVersion));
}

export function restoreActivity(ctx: RequestContext, input: RestoreActivityInput): Promise<RestoreActivityPayload> {
  return writeRecordMutation(ctx, activitySpec, 'activity', input, (db, id) => restoreRecord(db, activitySpec, id));
}

type Change = { values: Partial<ActivityEntity>; error?: undefined } | { values?: undefined; error: UserError };

/**
 * Applies a change computed from the current row, locked so that the derived occurredAt is computed
 * from the state it is written over; occurredAt is recomputed from the row as it will be.
 */
async function changeActivity(db: QueryRunner, id: string, expectedVersion: number | null | undefined, change: (current: ActivityEntity) => Promise<Change>): Promise<WriteResult<ActivityEntity>> {
  const sql = entitySql(db.connection, ActivityEntity);
  const current = await queryOne<ActivityEntity>(db, `SELECT ${sql.selectList('act')} FROM ${sql.table} act WHERE act.id = $1 AND act.deleted_at IS NULL FOR UPDATE`, [id]);
  if (!current) return { userErrors: [userError(['input', 'id'], 'Activity not found', UserErrorCode.NOT_FOUND)] };
  const changed = await change(current);
  if (changed.error) return { userErrors: [changed.error] };
  const next = { ...current, ...Object.fromEntries(Object.entries(changed.values).filter(([, v]) => v !== undefined)) } as ActivityEntity;
  return updateRecord(db, activitySpec, id, { ...changed.values, occurredAt: occurredAt(next) }, expectedVersion);
}

/**
 * Marks the activity's contact as active now: the privacy retention policy measures a contact's
 * inactivity from `last_activity_at`. Not a change of the contact itself, so its version stays.
 */
async function touchContact(db: QueryRunner, contactId: string | null): Promise<void> {
  if (contactId) await db.query('UPDATE contacts SET last_activity_at = now() WHERE id = $1', [contactId]);
}
