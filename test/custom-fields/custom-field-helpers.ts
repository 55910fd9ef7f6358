/** Operations and helpers shared by the custom field tests. */
import { createApiKey } from '../../src/platform/api-keys';
import { Client, GraphQLResponse, Harness, TestTenant, dataOf } from '../support/harness';

const USER_ERRORS = 'userErrors { field message code }';

export const DEFINITION_FIELDS = 'id object key label description type required personal picklistValues visibleToCaller version createdAt updatedAt';

export const CREATE_DEFINITION = `mutation($input: CreateCustomFieldDefinitionInput!) {
  createCustomFieldDefinition(input: $input) { customFieldDefinition { ${DEFINITION_FIELDS} } ${USER_ERRORS} }
}`;
export const UPDATE_DEFINITION = `mutation($input: UpdateCustomFieldDefinitionInput!) {
  updateCustomFieldDefinition(input: $input) { customFieldDefinition { ${DEFINITION_FIELDS} } ${USER_ERRORS} }
}`;
export const DELETE_DEFINITION = `mutation($input: DeleteCustomFieldDefinitionInput!) {
  deleteCustomFieldDefinition(input: $input) { customFieldDefinition { ${DEFINITION_FIELDS} } clearedRecordCount ${USER_ERRORS} }
}`;
export const LIST_DEFINITIONS = `query($object: CustomFieldObject) { customFieldDefinitions(object: $object) { ${DEFINITION_FIELDS} } }`;

export const CREATE_ACCOUNT = `mutation($input: CreateAccountInput!) {
  createAccount(input: $input) { account { id name version customFields } ${USER_ERRORS} }
}`;
export const UPDATE_ACCOUNT = `mutation($input: UpdateAccountInput!) {
  updateAccount(input: $input) { account { id name version customFields } ${USER_ERRORS} }
}`;
export const GET_ACCOUNT = `query($id: ID!) { account(id: $id) { id name version customFields } }`;
export const CREATE_CONTACT = `mutation($input: CreateContactInput!) {
  createContact(input: $input) { contact { id lastName version customFields } ${USER_ERRORS} }
}`;
export const UPDATE_CONTACT = `mutation($input: UpdateContactInput!) {
  updateContact(input: $input) { contact { id lastName version customFields } ${USER_ERRORS} }
}`;
export const GET_CONTACT = `query($id: ID!) { contact(id: $id) { id lastName version customFields } }`;

export interface UserErrorData {
  field: string[] | null;
  message: string;
  code: string;
}
export type Payload = Record<string, any> & { userErrors: UserErrorData[] };

/** The single payload of a mutation (top-level errors fail the test). */
export async function mutate(client: Client, operation: string, input: Record<string, unknown>): Promise<Payload> {
  return Object.values(dataOf(await client.request(operation, { input })))[0] as Payload;
}

/** Creates a definition and fails the test when it is refused. */
export async function define(client: Client, input: Record<string, unknown>): Promise<Record<string, any>> {
  const payload = await mutate(client, CREATE_DEFINITION, input);
  if (payload.userErrors.length) throw new Error(`createCustomFieldDefinition refused: ${JSON.stringify(payload.userErrors)}`);
  return payload.customFieldDefinition;
}

export async function definitions(client: Client, object?: 'ACCOUNT' | 'CONTACT'): Promise<Record<string, any>[]> {
  return dataOf(await client.request(LIST_DEFINITIONS, { object })).customFieldDefinitions;
}

/** Creates a record and fails the test when it is refused. */
export async function create(client: Client, kind: 'account' | 'contact', input: Record<string, unknown>): Promise<Record<string, any>> {
  const payload = await mutate(client, kind === 'account' ? CREATE_ACCOUNT : CREATE_CONTACT, input);
  if (payload.userErrors.length) throw new Error(`create ${kind} refused: ${JSON.stringify(payload.userErrors)}`);
  return payload[kind];
}

export async function read(client: Client, kind: 'account' | 'contact', id: string): Promise<Record<string, any>> {
  return dataOf(await client.request(kind === 'account' ? GET_ACCOUNT : GET_CONTACT, { id }))[kind];
}

/** A non-admin key with full CRM access (role service_agent, what the old MEMBER keys became) of the same workspace. */
export async function memberClient(harness: Harness, workspace: TestTenant): Promise<Client> {
  const { token } = await createApiKey(harness.dataSource, { kind: 'tenant', tenantId: workspace.tenant.id, role: 'service_agent', name: 'service agent key' });
  return harness.client(token);
}

/** Audit entries about custom field definitions, newest first. */
export async function auditEntries(client: Client): Promise<Record<string, any>[]> {
  const data = dataOf(
    await client.request(`{ adminAuditLog(first: 100, targetType: "CustomFieldDefinition") { nodes { action actorKind actorId targetType targetId before after } } }`),
  );
  return data.adminAuditLog.nodes;
}

export const codes = (response: GraphQLResponse): string[] => (response.errors ?? []).map((e) => e.extensions?.code);
