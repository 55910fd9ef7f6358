/**
 * Segments: saved filters whose filter is checked on save by counting its members as the saver
 * (so a filter the saver could not run as a list is never stored), member counts for a page of
 * segments in one statement, and the contacts a set of segments reaches (campaign target lists).
 */
import DataLoader from 'dataloader';
import { GraphQLSchema } from 'graphql';
import { QueryRunner } from 'typeorm';
import { SqlParams } from '../../db/sql-params';
import { queryOne, queryRows } from '../../db/sql';
import { notFound } from '../../graphql/errors';
import { requireUuid } from '../../graphql/global-id';
import type { ConnectionValue } from '../../graphql/pagination';
import { Payload, UserError, UserErrorCode, failure, userError } from '../../graphql/user-errors';
import { RequestContext, tenantDb } from '../../tenancy/request-context';
import { answeringDuplicates } from '../configuration/configuration.shared';
import { runMutation } from '../records/mutation';
import { listRecords, loadRecords } from '../records/record-lists';
import { resolveRecordOwner } from '../records/record-owner';
import { recordScope } from '../records/record-scope';
import { insertRecord, softDeleteRecord, updateRecord } from '../records/record-writes';
import { writeRecordMutation } from '../records/record-mutations';
import { SegmentEntity } from './segments.entity';
import { filterUserError, segmentContacts, segmentMembers } from './segments.filter';
import { segmentSpec } from './segments.spec';
import {
  CreateSegmentInput,
  CreateSegmentPayload,
  DeleteSegmentInput,
  DeleteSegmentPayload,
  SegmentsArgs,
  UpdateSegmentInput,
  UpdateSegmentPayload,
} from './segments.types';

/** Live segments by UUID within the caller's scope, batched per request. */
export const segmentById = (ctx: RequestContext): DataLoader<string, SegmentEntity | null> =>
  ctx.loaders.get('segments.byId', () => new DataLoader(async (ids) => loadRecords(await tenantDb(ctx), segmentSpec, ids, { scope: recordScope(ctx, segmentSpec) })));

export function listSegments(ctx: RequestContext, args: SegmentsArgs): Promise<ConnectionValue<SegmentEntity>> {
  return listRecords(ctx, segmentSpec, args);
}

export async function getSegment(ctx: RequestContext, id: string): Promise<SegmentEntity> {
  const segment = await segmentById(ctx).load(requireUuid(id, 'Segment'));
  if (!segment) throw notFound('Segment');
  return segment;
}

const DUPLICATE_NAME = userError(['input', 'name'], 'A segment with this name already exists (names are unique ignoring case)', UserErrorCode.DUPLICATE);

/** The unique name index answers a concurrent duplicate; the mutation's work has been undone by then. */
const refusingDuplicateNames = <P extends Payload>(work: Promise<P>): Promise<P> => answeringDuplicates(work, { segments_name_key: DUPLICATE_NAME });

/** Runs the filter once as the caller: the error a list would raise, as a userError; null when it works. */
async function checkFilter(ctx: RequestContext, db: QueryRunner, schema: GraphQLSchema, segment: Pick<SegmentEntity, 'object' | 'filter'>): Promise<UserError | null> {
  try {
    const members = await segmentMembers(ctx, schema, segment);
    const params = new SqlParams();
    await db.query(`SELECT count(*) FROM (${members(params)}) m`, params.values);
    return null;
  } catch (error) {
    return filterUserError(error);
  }
}

export function createSegment(ctx: RequestContext, schema: GraphQLSchema, input: CreateSegmentInput): Promise<CreateSegmentPayload> {
  return refusingDuplicateNames(
    runMutation<CreateSegmentPayload>(ctx, input, async (db) => {
      const owner = await resolveRecordOwner(ctx, db, 'Segment', input.ownerId, true);
      if (owner.error) return failure(owner.error);
      const segment = { object: input.object, filter: input.filter };
      const problem = await checkFilter(ctx, db, schema, segment);
      if (problem) return failure(problem);
      const row = await insertRecord(db, segmentSpec, { ...segment, name: input.name.trim(), description: input.description ?? null, ownerId: owner.uuid ?? null });
      return { segment: row, userErrors: [] };
    }),
  );
}

export function updateSegment(ctx: RequestContext, schema: GraphQLSchema, input: UpdateSegmentInput): Promise<UpdateSegmentPayload> {
  return refusingDuplicateNames(
    writeRecordMutation<SegmentEntity, UpdateSegmentPayload>(ctx, segmentSpec, 'segment', input, async (db, id) => {
      const owner = await resolveRecordOwner(ctx, db, 'Segment', input.ownerId, false);
      if (owner.error) return { userErrors: [owner.error] };
      if (input.filter) {
        const current = (await loadRecords(db, segmentSpec, [id]))[0]!;
        const problem = await checkFilter(ctx, db, schema, { object: current.object, filter: input.filter });
        if (problem) return { userErrors: [problem] };
      }
      return updateRecord(
        db,
        segmentSpec,
        id,
        { name: input.name?.trim(), description: input.description, filter: input.filter ?? undefined, ownerId: owner.uuid },
        input.expectedVersion,
      );
    }),
  );
}

export function deleteSegment(ctx: RequestContext, input: DeleteSegmentInput): Promise<DeleteSegmentPayload> {
  return writeRecordMutation(ctx, segmentSpec, 'segment', input, (db, id) => softDeleteRecord(db, segmentSpec, id, input.expectedVersion));
}

/**
 * Member counts of the segments of a response in ONE statement (a scalar subquery per segment).
 * A segment whose filter no longer works for the caller (a deleted custom field, a personal
 * field the caller may not filter by) fails on its own, with the list's error.
 */
export const memberCountBySegment = (ctx: RequestContext, schema: GraphQLSchema): DataLoader<SegmentEntity, number> =>
  ctx.loaders.get(
    'segments.memberCount',
    () =>
      new DataLoader<SegmentEntity, number, string>(
        async (segments) => {
          const params = new SqlParams();
          const counts: (string | Error)[] = [];
          for (const segment of segments) {
            try {
              counts.push((await segmentMembers(ctx, schema, segment))(params));
            } catch (error) {
              counts.push(error as Error);
            }
          }
          const runnable = counts.filter((c): c is string => typeof c === 'string');
          const row = runnable.length
            ? await queryOne<{ counts: number[] }>(await tenantDb(ctx), `SELECT ARRAY[${runnable.map((sql) => `(SELECT count(*)::int FROM (${sql}) m)`).join(', ')}] AS counts`, params.values)
            : { counts: [] };
          let next = 0;
          return counts.map((c) => (typeof c === 'string' ? row!.counts[next++] : c));
        },
        { cacheKeyFn: (segment) => segment.id },
      ),
  );

/**
 * The contacts a set of segments reaches (each once): the contacts of CONTACT segments and the
 * contacts of the accounts of ACCOUNT segments, within the caller's record scope. Segments not
 * visible to the caller are NOT_FOUND; a filter that fails for the caller throws its list error.
 */
export async function segmentContactIds(ctx: RequestContext, db: QueryRunner, schema: GraphQLSchema, segmentIds: string[]): Promise<string[]> {
  if (!segmentIds.length) return [];
  const segments = await loadRecords(db, segmentSpec, segmentIds, { scope: recordScope(ctx, segmentSpec) });
  if (segments.some((s) => !s)) throw notFound('Segment');
  const params = new SqlParams();
  const reached: string[] = [];
  for (const segment of segments) reached.push((await segmentContacts(ctx, schema, segment!))(params));
  const rows = await queryRows<{ id: string }>(db, `SELECT DISTINCT id FROM (${reached.join(' UNION ')}) r`, params.values);
  return rows.map((r) => r.id);
}
