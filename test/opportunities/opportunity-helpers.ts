/** Operations and helpers shared by the opportunity tests. */
import { Client, dataOf } from '../support/harness';
import { Row, UserErrorData } from '../support/crm-operations';

export const OPPORTUNITY_FIELDS = `
  id name status probability probabilityOverridden forecastCategory closeDate nextStep leadSource description lossReason closedAt
  amount { amount currency } customFields version createdAt updatedAt deletedAt
  account { id name } primaryContact { id } owner { id } stage { id name }`;

const payloadOf = (name: string, input: string) => `mutation($input: ${input}!) { ${name}(input: $input) { opportunity { ${OPPORTUNITY_FIELDS} } userErrors { field message code } } }`;

export const CREATE = payloadOf('createOpportunity', 'CreateOpportunityInput');
export const UPDATE = payloadOf('updateOpportunity', 'UpdateOpportunityInput');
export const DELETE = payloadOf('deleteOpportunity', 'DeleteOpportunityInput');
export const RESTORE = payloadOf('restoreOpportunity', 'RestoreOpportunityInput');
export const CLOSE_WON = payloadOf('closeOpportunityAsWon', 'CloseOpportunityAsWonInput');
export const CLOSE_LOST = payloadOf('closeOpportunityAsLost', 'CloseOpportunityAsLostInput');
export const REOPEN = payloadOf('reopenOpportunity', 'ReopenOpportunityInput');

export const HISTORY = `query($id: ID!) { opportunity(id: $id) { stageHistory(first: 100) { totalCount nodes {
  event fromStage { name } toStage { name } amount { amount currency } probability reason actorKind actorId actor { id } at } } } }`;

export const LIST = `query($first: Int, $after: String, $where: OpportunityFilter, $orderBy: [OpportunityOrder!], $inRecycleBin: Boolean! = false) {
  opportunities(first: $first, after: $after, where: $where, orderBy: $orderBy, inRecycleBin: $inRecycleBin) {
    totalCount nodes { id name } pageInfo { hasNextPage endCursor } } }`;

export type Payload = Row & { userErrors: UserErrorData[] };

export async function mutate(client: Client, operation: string, input: Record<string, unknown>): Promise<Payload> {
  const data = dataOf(await client.request(operation, { input }));
  return Object.values(data)[0] as Payload;
}

/** Runs a mutation that must succeed and returns its opportunity. */
export async function ok(client: Client, operation: string, input: Record<string, unknown>): Promise<Row> {
  const payload = await mutate(client, operation, input);
  if (payload.userErrors.length) throw new Error(`refused: ${JSON.stringify(payload.userErrors)}`);
  return payload.opportunity;
}

/** The codes (and fields) of a refused mutation, which must have written nothing. */
export async function refused(client: Client, operation: string, input: Record<string, unknown>): Promise<{ code: string; field: string }[]> {
  const payload = await mutate(client, operation, input);
  expect(payload.opportunity).toBeNull();
  return payload.userErrors.map((e) => ({ code: e.code, field: (e.field ?? []).join('.') }));
}

/** The workspace's pipeline stages by name. */
export async function stagesByName(client: Client): Promise<Record<string, Row>> {
  const { pipelineStages } = dataOf(await client.request('{ pipelineStages { id name position probability forecastCategory isWon isLost } }'));
  return Object.fromEntries(pipelineStages.map((s: Row) => [s.name, s]));
}
