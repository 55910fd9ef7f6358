/** Operations and checks shared by the data-subject and retention tests. */
import { DataSource } from 'typeorm';
import { Client, dataOf } from '../support/harness';

const USER_ERRORS = 'userErrors { field message code }';
const REQUEST = 'request { id kind subjectContactIds subjectUserIds subjectEmail actor reason summary at }';

export const EXPORT = `mutation($input: PersonalDataRequestInput!) { exportPersonalData(input: $input) { ${REQUEST} document ${USER_ERRORS} } }`;
export const ERASE = `mutation($input: PersonalDataRequestInput!) { erasePersonalData(input: $input) { ${REQUEST} erasedContacts erasedUsers ${USER_ERRORS} } }`;
export const RESTRICT = `mutation($input: PersonalDataRequestInput!) { restrictProcessing(input: $input) { ${REQUEST} contacts { id processingRestricted version } ${USER_ERRORS} } }`;
export const LIFT = `mutation($input: PersonalDataRequestInput!) { liftProcessingRestriction(input: $input) { ${REQUEST} contacts { id processingRestricted } ${USER_ERRORS} } }`;
export const REQUESTS = `query($where: PrivacyRequestFilter, $first: Int, $after: String) {
  privacyRequests(where: $where, first: $first, after: $after) { totalCount nodes { id kind subjectContactIds subjectEmail actor reason summary at } pageInfo { hasNextPage endCursor } }
}`;
export const CREATE_CONTACT = `mutation($input: CreateContactInput!) { createContact(input: $input) { contact { id version } ${USER_ERRORS} } }`;

/** The one payload of a mutation; top-level errors fail the test. */
export async function mutate(client: Client, operation: string, input: Record<string, unknown>): Promise<Record<string, any>> {
  return Object.values(dataOf(await client.request(operation, { input })))[0] as Record<string, any>;
}

export async function createContact(client: Client, input: Record<string, unknown>): Promise<string> {
  const payload = await mutate(client, CREATE_CONTACT, input);
  if (payload.userErrors.length) throw new Error(`createContact refused: ${JSON.stringify(payload.userErrors)}`);
  return payload.contact.id;
}

/**
 * Every table of the workspace's schema whose rows mention `needle` anywhere (any column, as text,
 * without regard to case): where an erased person could still be found.
 */
export async function tablesMentioning(dataSource: DataSource, schemaName: string, needle: string): Promise<string[]> {
  if (!/^t_[a-z0-9_]+$/.test(schemaName)) throw new Error(`unexpected schema ${schemaName}`);
  const tables: { name: string }[] = await dataSource.query(`SELECT tablename AS name FROM pg_tables WHERE schemaname = $1`, [schemaName]);
  const found: string[] = [];
  for (const { name } of tables) {
    const [{ count }] = await dataSource.query(`SELECT count(*)::int AS count FROM "${schemaName}"."${name}" t WHERE t::text ILIKE $1`, [`%${needle}%`]);
    if (count > 0) found.push(name);
  }
  return found;
}
