/** Segments and campaigns through the API, for the marketing tests. */
import { Client, dataOf } from '../support/harness';

export type Row = Record<string, any>;

const SEGMENT_FIELDS = 'id name description object filter memberCount version owner { id }';

export const CREATE_SEGMENT = `mutation($input: CreateSegmentInput!) { createSegment(input: $input) { segment { ${SEGMENT_FIELDS} } userErrors { field code message } } }`;
export const UPDATE_SEGMENT = `mutation($input: UpdateSegmentInput!) { updateSegment(input: $input) { segment { ${SEGMENT_FIELDS} } userErrors { field code message } } }`;

/** The payload of createSegment (userErrors included). */
export async function createSegmentPayload(client: Client, input: Row): Promise<Row> {
  return dataOf(await client.request(CREATE_SEGMENT, { input })).createSegment;
}

/** Creates a segment and fails the test when it is refused. */
export async function createSegment(client: Client, input: Row): Promise<Row> {
  const payload = await createSegmentPayload(client, input);
  if (payload.userErrors.length) throw new Error(`createSegment refused: ${JSON.stringify(payload.userErrors)}`);
  return payload.segment;
}

export async function createRecord(client: Client, kind: 'Account' | 'Contact', input: Row): Promise<string> {
  const data = dataOf(await client.request(`mutation($input: Create${kind}Input!) { create${kind}(input: $input) { record: ${kind.toLowerCase()} { id } userErrors { field code message } } }`, { input }));
  const payload = data[`create${kind}`];
  if (payload.userErrors.length) throw new Error(`create${kind} refused: ${JSON.stringify(payload.userErrors)}`);
  return payload.record.id;
}
