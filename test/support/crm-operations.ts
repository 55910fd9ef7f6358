/**
 * Operations (and thin helpers around them) for the accounts and contacts tests: every field of
 * both types is selected, so each test can assert on whatever it needs.
 */
import { randomUUID } from 'node:crypto';
import { toGlobalId } from '../../src/graphql/global-id';
import { Client, Harness, TestTenant, dataOf } from './harness';

const ADDRESS = 'street street2 city region postalCode country';

export const ACCOUNT_FIELDS = `
  id name domain industry type lifecycleStage
  annualRevenue { amount currency } employeeCount phone website
  billingAddress { ${ADDRESS} } shippingAddress { ${ADDRESS} }
  tags version createdAt updatedAt deletedAt
  owner { id name email }`;

export const CONTACT_FIELDS = `
  id firstName lastName name email additionalEmails phone mobilePhone jobTitle
  mailingAddress { ${ADDRESS} } preferredChannel doNotContact doNotEmail doNotCall doNotMail
  version createdAt updatedAt deletedAt
  account { id name }`;

const USER_ERRORS = 'userErrors { field message code }';

export const CREATE_ACCOUNT_FULL = `mutation($input: CreateAccountInput!) {
  createAccount(input: $input) { account { ${ACCOUNT_FIELDS} } ${USER_ERRORS} }
}`;
export const UPDATE_ACCOUNT_FULL = `mutation($input: UpdateAccountInput!) {
  updateAccount(input: $input) { account { ${ACCOUNT_FIELDS} } ${USER_ERRORS} }
}`;
export const DELETE_ACCOUNT_FULL = `mutation($input: DeleteAccountInput!) {
  deleteAccount(input: $input) { account { ${ACCOUNT_FIELDS} } ${USER_ERRORS} }
}`;
export const RESTORE_ACCOUNT_FULL = `mutation($input: RestoreAccountInput!) {
  restoreAccount(input: $input) { account { ${ACCOUNT_FIELDS} } ${USER_ERRORS} }
}`;
export const GET_ACCOUNT = `query($id: ID!) { account(id: $id) { ${ACCOUNT_FIELDS} } }`;

export const CREATE_CONTACT_FULL = `mutation($input: CreateContactInput!) {
  createContact(input: $input) { contact { ${CONTACT_FIELDS} } ${USER_ERRORS} }
}`;
export const UPDATE_CONTACT_FULL = `mutation($input: UpdateContactInput!) {
  updateContact(input: $input) { contact { ${CONTACT_FIELDS} } ${USER_ERRORS} }
}`;
export const DELETE_CONTACT_FULL = `mutation($input: DeleteContactInput!) {
  deleteContact(input: $input) { contact { ${CONTACT_FIELDS} } ${USER_ERRORS} }
}`;
export const RESTORE_CONTACT_FULL = `mutation($input: RestoreContactInput!) {
  restoreContact(input: $input) { contact { ${CONTACT_FIELDS} } ${USER_ERRORS} }
}`;
export const GET_CONTACT = `query($id: ID!) { contact(id: $id) { ${CONTACT_FIELDS} } }`;

const PAGE_INFO = 'pageInfo { hasNextPage hasPreviousPage startCursor endCursor }';

export const LIST_ACCOUNTS = `query($first: Int, $after: String, $last: Int, $before: String, $where: AccountFilter, $orderBy: [AccountOrder!], $inRecycleBin: Boolean! = false) {
  accounts(first: $first, after: $after, last: $last, before: $before, where: $where, orderBy: $orderBy, inRecycleBin: $inRecycleBin) {
    totalCount
    edges { cursor node { id name annualRevenue { amount currency } employeeCount createdAt updatedAt deletedAt tags } }
    nodes { id }
    ${PAGE_INFO}
  }
}`;

export const LIST_CONTACTS = `query($first: Int, $after: String, $last: Int, $before: String, $where: ContactFilter, $orderBy: [ContactOrder!], $inRecycleBin: Boolean! = false) {
  contacts(first: $first, after: $after, last: $last, before: $before, where: $where, orderBy: $orderBy, inRecycleBin: $inRecycleBin) {
    totalCount
    edges { cursor node { id firstName lastName email createdAt updatedAt deletedAt account { id } } }
    nodes { id }
    ${PAGE_INFO}
  }
}`;

/** One account's nested contacts connection. */
export const ACCOUNT_CONTACTS = `query($id: ID!, $first: Int, $after: String, $last: Int, $before: String, $where: ContactFilter, $orderBy: [ContactOrder!]) {
  account(id: $id) {
    id
    contacts(first: $first, after: $after, last: $last, before: $before, where: $where, orderBy: $orderBy) {
      totalCount
      edges { cursor node { id firstName lastName email account { id } } }
      nodes { id }
      ${PAGE_INFO}
    }
  }
}`;

export const NODE = `query($id: ID!) { node(id: $id) { __typename id ... on Account { name } ... on Contact { lastName } } }`;
export const NODES = `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on Account { name } ... on Contact { lastName } } }`;

/* ---------------------------------------------------------------- helpers */

export interface UserErrorData {
  field: string[] | null;
  message: string;
  code: string;
}

export type Row = Record<string, any>;

export interface PageInfoData {
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  startCursor: string | null;
  endCursor: string | null;
}

export interface ConnectionData {
  totalCount: number;
  edges: { cursor: string; node: Row }[];
  nodes: { id: string }[];
  pageInfo: PageInfoData;
}

/** Runs a mutation and returns its single payload (asserting there are no top-level errors). */
export async function mutate(client: Client, operation: string, input: Record<string, unknown>): Promise<Row & { userErrors: UserErrorData[] }> {
  const data = dataOf(await client.request(operation, { input }));
  return Object.values(data)[0];
}

/** Creates an account and fails the test when the API refuses it. */
export async function createAccount(client: Client, input: Record<string, unknown>): Promise<Row> {
  const payload = await mutate(client, CREATE_ACCOUNT_FULL, input);
  if (payload.userErrors.length) throw new Error(`createAccount refused: ${JSON.stringify(payload.userErrors)}`);
  return payload.account;
}

/** Creates a contact and fails the test when the API refuses it. */
export async function createContact(client: Client, input: Record<string, unknown>): Promise<Row> {
  const payload = await mutate(client, CREATE_CONTACT_FULL, input);
  if (payload.userErrors.length) throw new Error(`createContact refused: ${JSON.stringify(payload.userErrors)}`);
  return payload.contact;
}

export async function deleteAccount(client: Client, id: string): Promise<Row> {
  const payload = await mutate(client, DELETE_ACCOUNT_FULL, { id });
  if (payload.userErrors.length) throw new Error(`deleteAccount refused: ${JSON.stringify(payload.userErrors)}`);
  return payload.account;
}

export async function deleteContact(client: Client, id: string): Promise<Row> {
  const payload = await mutate(client, DELETE_CONTACT_FULL, { id });
  if (payload.userErrors.length) throw new Error(`deleteContact refused: ${JSON.stringify(payload.userErrors)}`);
  return payload.contact;
}

/** One page of `accounts` or `contacts`; top-level errors fail the test. */
export async function listPage(client: Client, operation: string, variables: Record<string, unknown> = {}): Promise<ConnectionData> {
  const data = dataOf(await client.request(operation, variables));
  return Object.values(data)[0] as ConnectionData;
}

/** IDs of every live record a list filter matches (one page of 100 is plenty for these tests). */
export async function idsMatching(client: Client, operation: string, where: unknown, extra: Record<string, unknown> = {}): Promise<string[]> {
  const page = await listPage(client, operation, { first: 100, where, ...extra });
  return page.edges.map((e) => e.node.id);
}

export interface PagedResult {
  nodes: Row[];
  pages: ConnectionData[];
}

/**
 * Pages forward with first/after until hasNextPage is false. Checks on every page that the
 * page is not larger than asked and that start/end cursors match the edges.
 */
export async function pageForward(fetchPage: (args: { first: number; after?: string }) => Promise<ConnectionData>, size: number): Promise<PagedResult> {
  const nodes: Row[] = [];
  const pages: ConnectionData[] = [];
  let after: string | undefined;
  for (let i = 0; i < 100; i++) {
    const page = await fetchPage(after ? { first: size, after } : { first: size });
    checkPageShape(page, size);
    pages.push(page);
    nodes.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage) return { nodes, pages };
    after = page.pageInfo.endCursor!;
  }
  throw new Error('pageForward did not finish within 100 pages');
}

/** Pages backward with last/before until hasPreviousPage is false; returns nodes in list order. */
export async function pageBackward(fetchPage: (args: { last: number; before?: string }) => Promise<ConnectionData>, size: number): Promise<PagedResult> {
  const chunks: Row[][] = [];
  const pages: ConnectionData[] = [];
  let before: string | undefined;
  for (let i = 0; i < 100; i++) {
    const page = await fetchPage(before ? { last: size, before } : { last: size });
    checkPageShape(page, size);
    pages.push(page);
    chunks.unshift(page.edges.map((e) => e.node));
    if (!page.pageInfo.hasPreviousPage) return { nodes: chunks.flat(), pages };
    before = page.pageInfo.startCursor!;
  }
  throw new Error('pageBackward did not finish within 100 pages');
}

function checkPageShape(page: ConnectionData, size: number): void {
  if (page.edges.length > size) throw new Error(`page of ${page.edges.length} items, asked for ${size}`);
  const ids = page.edges.map((e) => e.node.id);
  if (JSON.stringify(page.nodes.map((n) => n.id)) !== JSON.stringify(ids)) throw new Error('nodes differ from edges');
  const start = page.edges[0]?.cursor ?? null;
  const end = page.edges[page.edges.length - 1]?.cursor ?? null;
  if (page.pageInfo.startCursor !== start || page.pageInfo.endCursor !== end) throw new Error('startCursor/endCursor do not match the edges');
}

/**
 * Inserts an active workspace user (a record owner, role sales_rep) straight into the tenant schema;
 * returns its global ID. (`harness.addUser` does the same through the workspace module.)
 */
export async function addUser(harness: Harness, tenant: TestTenant, user: { email: string; name: string }): Promise<string> {
  const id = randomUUID();
  const schema = tenant.tenant.schemaName.replace(/"/g, '""');
  await harness.dataSource.query(`INSERT INTO "${schema}".users (id, email, name, role_key) VALUES ($1, $2, $3, 'sales_rep')`, [id, user.email, user.name]);
  return toGlobalId('User', id);
}

/** A well-formed global ID of the given type that names no record. */
export const missingId = (type: 'Account' | 'Contact' | 'User'): string => toGlobalId(type, randomUUID());

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
