/** Operations and helpers for the activities tests. */
import { Client, GraphQLResponse, dataOf } from '../support/harness';

export type Row = Record<string, any>;

export const ACTIVITY_FIELDS = `
  id kind subject body dueAt startsAt endsAt completedAt completed occurredAt version createdAt updatedAt deletedAt
  owner { id } account { id } contact { id }`;

const ERRORS = 'userErrors { field message code }';

export const CREATE_ACTIVITY = `mutation($input: CreateActivityInput!) { createActivity(input: $input) { activity { ${ACTIVITY_FIELDS} } ${ERRORS} } }`;
export const UPDATE_ACTIVITY = `mutation($input: UpdateActivityInput!) { updateActivity(input: $input) { activity { ${ACTIVITY_FIELDS} } ${ERRORS} } }`;
export const COMPLETE_ACTIVITY = `mutation($input: CompleteActivityInput!) { completeActivity(input: $input) { activity { ${ACTIVITY_FIELDS} } ${ERRORS} } }`;
export const DELETE_ACTIVITY = `mutation($input: DeleteActivityInput!) { deleteActivity(input: $input) { activity { ${ACTIVITY_FIELDS} } ${ERRORS} } }`;
export const RESTORE_ACTIVITY = `mutation($input: RestoreActivityInput!) { restoreActivity(input: $input) { activity { ${ACTIVITY_FIELDS} } ${ERRORS} } }`;
export const GET_ACTIVITY = `query($id: ID!) { activity(id: $id) { ${ACTIVITY_FIELDS} } }`;
export const LIST_ACTIVITIES = `query($first: Int, $after: String, $where: ActivityFilter, $orderBy: [ActivityOrder!], $inRecycleBin: Boolean! = false) {
  activities(first: $first, after: $after, where: $where, orderBy: $orderBy, inRecycleBin: $inRecycleBin) {
    totalCount nodes { id subject occurredAt } pageInfo { hasNextPage endCursor }
  }
}`;
export const TIMELINE = `query($id: ID!, $first: Int, $after: String, $last: Int, $before: String, $kinds: [ActivityKind!]) {
  account(id: $id) {
    timeline(first: $first, after: $after, last: $last, before: $before, kinds: $kinds) {
      totalCount edges { cursor node { id kind subject occurredAt } } nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
}`;

/** The single payload of a mutation (no top-level errors allowed). */
export async function mutate(client: Client, operation: string, input: Row): Promise<Row> {
  return Object.values(dataOf(await client.request(operation, { input })))[0] as Row;
}

/** Creates an activity and fails the test when the API refuses it. */
export async function createActivity(client: Client, input: Row): Promise<Row> {
  const payload = await mutate(client, CREATE_ACTIVITY, input);
  if (payload.userErrors.length) throw new Error(`createActivity refused: ${JSON.stringify(payload.userErrors)}`);
  return payload.activity;
}

/** `[field, code]` of each userError. */
export const refusals = (payload: Row): [string[] | null, string][] => payload.userErrors.map((e: Row) => [e.field, e.code]);

export const listData = (response: GraphQLResponse): Row => Object.values(dataOf(response))[0] as Row;
