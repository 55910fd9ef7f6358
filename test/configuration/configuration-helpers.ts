/** Operations and helpers shared by the workspace-administration tests. */
import { createApiKey } from '../../src/platform/api-keys';
import { Client, Harness, TestTenant, dataOf } from '../support/harness';

export const ERRORS = 'userErrors { field message code }';

export type Row = Record<string, any>;

/** Runs a mutation with `input` and returns its payload (the first root field). */
export async function mutate(client: Client, operation: string, input: Record<string, unknown>): Promise<Row> {
  const data = dataOf(await client.request(operation, { input }));
  return Object.values(data)[0] as Row;
}

/** Runs a mutation that must succeed and returns its payload. */
export async function mutateOk(client: Client, operation: string, input: Record<string, unknown>): Promise<Row> {
  const payload = await mutate(client, operation, input);
  if (payload.userErrors.length) throw new Error(`Refused: ${JSON.stringify(payload.userErrors)}`);
  return payload;
}

/** The userErrors of a payload as [field, code] pairs. */
export const errorsOf = (payload: Row): [string[], string][] => payload.userErrors.map((e: Row) => [e.field, e.code]);

/**
 * A non-admin key with full CRM access (role service_agent, what the old MEMBER keys became) for
 * the same workspace as `tenant` (whose own key is an ADMIN key).
 */
export async function memberOf(harness: Harness, tenant: TestTenant): Promise<Client> {
  const { token } = await createApiKey(harness.dataSource, { kind: 'tenant', tenantId: tenant.tenant.id, role: 'service_agent', name: 'service agent key' });
  return harness.client(token);
}

export const AUDIT = `query($targetType: String, $action: String, $first: Int) {
  adminAuditLog(targetType: $targetType, action: $action, first: $first) {
    totalCount
    nodes { id at actorKind actorId action targetType targetId before after }
  }
}`;

/** Admin audit entries, newest first. */
export async function auditLog(client: Client, filter: { targetType?: string; action?: string } = {}): Promise<Row[]> {
  return dataOf(await client.request(AUDIT, { ...filter, first: 100 })).adminAuditLog.nodes;
}

export const auditCount = async (client: Client): Promise<number> => dataOf(await client.request(AUDIT, { first: 1 })).adminAuditLog.totalCount;

// ---- settings ----

export const SETTINGS_FIELDS = 'name timeZone locale defaultCurrency fiscalYearStartMonth version updatedAt';
export const GET_SETTINGS = `{ workspaceSettings { ${SETTINGS_FIELDS} } }`;
export const UPDATE_SETTINGS = `mutation($input: UpdateWorkspaceSettingsInput!) {
  updateWorkspaceSettings(input: $input) { settings { ${SETTINGS_FIELDS} } ${ERRORS} }
}`;

// ---- picklists ----

export const VALUE_FIELDS = 'id picklistKey value label position active version createdAt updatedAt';
export const PICKLIST_FIELDS = `id key label description usedBy values { ${VALUE_FIELDS} }`;
export const GET_PICKLISTS = `{ picklists { ${PICKLIST_FIELDS} } }`;
export const GET_PICKLIST = `query($key: String!, $includeInactive: Boolean! = true) {
  picklist(key: $key) { id key label usedBy values(includeInactive: $includeInactive) { ${VALUE_FIELDS} } }
}`;
export const ADD_VALUE = `mutation($input: AddPicklistValueInput!) {
  addPicklistValue(input: $input) { picklistValue { ${VALUE_FIELDS} } picklist { key values { value position } } ${ERRORS} }
}`;
export const UPDATE_VALUE = `mutation($input: UpdatePicklistValueInput!) {
  updatePicklistValue(input: $input) { picklistValue { ${VALUE_FIELDS} } picklist { key values { value position } } ${ERRORS} }
}`;
export const DELETE_VALUE = `mutation($input: DeletePicklistValueInput!) {
  deletePicklistValue(input: $input) { deletedPicklistValueId replacedInRecords picklist { key values { value position } } ${ERRORS} }
}`;

export async function picklist(client: Client, key: string): Promise<Row> {
  return dataOf(await client.request(GET_PICKLIST, { key })).picklist;
}

/** The picklist value `value` of picklist `key`. */
export async function valueOf(client: Client, key: string, value: string): Promise<Row> {
  const found = (await picklist(client, key)).values.find((v: Row) => v.value === value);
  if (!found) throw new Error(`No value ${value} in ${key}`);
  return found;
}

// ---- pipeline stages ----

export const STAGE_FIELDS = 'id name position probability forecastCategory isWon isLost version';
export const GET_STAGES = `{ pipelineStages { ${STAGE_FIELDS} } }`;
export const CREATE_STAGE = `mutation($input: CreatePipelineStageInput!) { createPipelineStage(input: $input) { pipelineStage { ${STAGE_FIELDS} } ${ERRORS} } }`;
export const UPDATE_STAGE = `mutation($input: UpdatePipelineStageInput!) { updatePipelineStage(input: $input) { pipelineStage { ${STAGE_FIELDS} } ${ERRORS} } }`;
export const REORDER_STAGES = `mutation($input: ReorderPipelineStagesInput!) { reorderPipelineStages(input: $input) { pipelineStages { ${STAGE_FIELDS} } ${ERRORS} } }`;
export const DELETE_STAGE = `mutation($input: DeletePipelineStageInput!) {
  deletePipelineStage(input: $input) { deletedPipelineStageId pipelineStages { ${STAGE_FIELDS} } ${ERRORS} }
}`;

export const stages = async (client: Client): Promise<Row[]> => dataOf(await client.request(GET_STAGES)).pipelineStages;
export const stageNamed = async (client: Client, name: string): Promise<Row> => (await stages(client)).find((s) => s.name === name)!;

// ---- teams ----

export const TEAM_FIELDS = 'id name description members { id name } version createdAt updatedAt';
export const GET_TEAMS = `query($first: Int, $after: String) { teams(first: $first, after: $after) { totalCount nodes { ${TEAM_FIELDS} } pageInfo { hasNextPage endCursor } } }`;
export const GET_TEAM = `query($id: ID!) { team(id: $id) { ${TEAM_FIELDS} } }`;
export const CREATE_TEAM = `mutation($input: CreateTeamInput!) { createTeam(input: $input) { team { ${TEAM_FIELDS} } ${ERRORS} } }`;
export const UPDATE_TEAM = `mutation($input: UpdateTeamInput!) { updateTeam(input: $input) { team { ${TEAM_FIELDS} } ${ERRORS} } }`;
export const DELETE_TEAM = `mutation($input: DeleteTeamInput!) { deleteTeam(input: $input) { deletedTeamId ${ERRORS} } }`;

export const teamNames = async (client: Client): Promise<string[]> => dataOf(await client.request(GET_TEAMS, { first: 100 })).teams.nodes.map((t: Row) => t.name);

// ---- territories ----

export const TERRITORY_FIELDS = `id name description timeZone version parent { id name } children { id name }
  businessHours { weekday closed open close } holidays { date name }`;
export const GET_TERRITORY = `query($id: ID!) { territory(id: $id) { ${TERRITORY_FIELDS} } }`;
export const GET_TERRITORIES = `query($first: Int, $after: String, $parentId: ID, $topLevel: Boolean) {
  territories(first: $first, after: $after, parentId: $parentId, topLevel: $topLevel) { totalCount nodes { id name } pageInfo { hasNextPage endCursor } }
}`;
export const CREATE_TERRITORY = `mutation($input: CreateTerritoryInput!) { createTerritory(input: $input) { territory { ${TERRITORY_FIELDS} } ${ERRORS} } }`;
export const UPDATE_TERRITORY = `mutation($input: UpdateTerritoryInput!) { updateTerritory(input: $input) { territory { ${TERRITORY_FIELDS} } ${ERRORS} } }`;
export const DELETE_TERRITORY = `mutation($input: DeleteTerritoryInput!) { deleteTerritory(input: $input) { deletedTerritoryId ${ERRORS} } }`;

export const territory = async (client: Client, id: string): Promise<Row> => dataOf(await client.request(GET_TERRITORY, { id })).territory;
