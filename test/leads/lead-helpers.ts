/** Operations and thin helpers for the lead tests. */
import { Client, GraphQLResponse, dataOf } from '../support/harness';

export type Row = Record<string, any>;

const USER_ERRORS = 'userErrors { field message code }';

export const LEAD_FIELDS = `
  id firstName lastName name email phone jobTitle company website domain source campaign status rating
  disqualificationReason convertedAt version createdAt updatedAt deletedAt owner { id }`;

/** Lead fields readable without any personal access. */
export const IMPERSONAL_LEAD_FIELDS = 'id company domain source campaign status rating version';

export const CREATE_LEAD = `mutation($input: CreateLeadInput!) { createLead(input: $input) { lead { ${LEAD_FIELDS} } ${USER_ERRORS} } }`;
export const UPDATE_LEAD = `mutation($input: UpdateLeadInput!) { updateLead(input: $input) { lead { ${LEAD_FIELDS} } ${USER_ERRORS} } }`;
export const QUALIFY_LEAD = `mutation($input: QualifyLeadInput!) { qualifyLead(input: $input) { lead { id status version disqualificationReason } ${USER_ERRORS} } }`;
export const DISQUALIFY_LEAD = `mutation($input: DisqualifyLeadInput!) { disqualifyLead(input: $input) { lead { id status version disqualificationReason } ${USER_ERRORS} } }`;
export const DELETE_LEAD = `mutation($input: DeleteLeadInput!) { deleteLead(input: $input) { lead { id deletedAt } ${USER_ERRORS} } }`;
export const RESTORE_LEAD = `mutation($input: RestoreLeadInput!) { restoreLead(input: $input) { lead { id deletedAt } ${USER_ERRORS} } }`;
export const GET_LEAD = `query($id: ID!) { lead(id: $id) { ${LEAD_FIELDS} } }`;
export const LIST_LEADS = `query($first: Int, $after: String, $where: LeadFilter, $orderBy: [LeadOrder!], $inRecycleBin: Boolean! = false) {
  leads(first: $first, after: $after, where: $where, orderBy: $orderBy, inRecycleBin: $inRecycleBin) { totalCount nodes { id lastName status } pageInfo { hasNextPage endCursor } }
}`;
export const CONVERT_LEAD = `mutation($input: ConvertLeadInput!) {
  convertLead(input: $input) {
    lead { id status convertedAt version convertedAccount { id } convertedContact { id } convertedOpportunity { id } }
    account { id name domain website owner { id } }
    contact { id firstName lastName email phone jobTitle account { id } owner { id } }
    opportunity { id name amount { amount currency } leadSource }
    ${USER_ERRORS}
  }
}`;
export const CREATE_ACCOUNT = `mutation($input: CreateAccountInput!) { createAccount(input: $input) { account { id } ${USER_ERRORS} } }`;
export const CREATE_CONTACT = `mutation($input: CreateContactInput!) { createContact(input: $input) { contact { id } ${USER_ERRORS} } }`;

/** The one payload of a mutation; top-level errors fail the test. */
export async function mutate(client: Client, operation: string, input: Row): Promise<Row> {
  return Object.values(dataOf(await client.request(operation, { input })))[0] as Row;
}

/** A payload's userErrors as [field path, code] pairs. */
export const errorsOf = (payload: Row): [string, string][] => payload.userErrors.map((e: Row) => [e.field?.join('.'), e.code]);

async function created(client: Client, operation: string, input: Row, key: string): Promise<Row> {
  const payload = await mutate(client, operation, input);
  if (payload.userErrors.length) throw new Error(`${key} refused: ${JSON.stringify(payload.userErrors)}`);
  return payload[key];
}

export const createLead = (client: Client, input: Row): Promise<Row> => created(client, CREATE_LEAD, input, 'lead');
export const createAccount = async (client: Client, input: Row): Promise<string> => (await created(client, CREATE_ACCOUNT, input, 'account')).id;
export const createContact = async (client: Client, input: Row): Promise<string> => (await created(client, CREATE_CONTACT, input, 'contact')).id;

/** SQL statements the request ran (the harness exposes the count). */
export const sqlStatements = (response: GraphQLResponse): number => response.extensions?.sqlStatements;
