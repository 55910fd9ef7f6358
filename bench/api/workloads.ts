/**
 * The workloads of the API benchmark, as each server under test is asked for them. The GraphQL
 * documents are written so that the application, PostGraphile (aliases over its derived names:
 * allAccounts, contactsByAccountId, accountByAccountId, nodeId) and the raw-SQL baseline answer
 * with the same JSON shape; the application and the raw baseline with the same bytes (global IDs
 * included), PostGraphile with its own node IDs.
 */
import { toGlobalId } from '../../src/graphql/global-id';
import { uuidv7 } from '../../src/db/uuid';
import type { MainTenant, SmallTenant } from './seed';

export type ServerKind = 'app' | 'postgraphile' | 'raw';
export type WorkloadName = 'flat' | 'nested' | 'node' | 'write';

export const WORKLOADS: { name: WorkloadName; label: string }[] = [
  { name: 'flat', label: 'flat list: 100 accounts' },
  { name: 'nested', label: 'nested: 50 accounts × 10 contacts → account' },
  { name: 'node', label: 'node(id) lookup' },
  { name: 'write', label: 'write mix: createAccount / updateAccount / createContact' },
];

export const FLAT_PAGE = 100;
export const NESTED_ACCOUNTS = 50;
export const NESTED_CONTACTS = 10;

export interface BenchRequest {
  path: string;
  body: string;
  headers: Record<string, string>;
}

/** A request generator: every call returns the next request (node ids and writes vary). */
export type RequestSource = () => BenchRequest;

const APP = {
  flat: `query Flat($first: Int!) { accounts(first: $first) { nodes { id name domain industry type employeeCount } } }`,
  nested: `query Nested($first: Int!, $contacts: Int!) {
  accounts(first: $first) { nodes { id name contacts(first: $contacts) { nodes { id firstName lastName email account { id name } } } } }
}`,
  node: `query Node($id: ID!) { node(id: $id) { __typename id ... on Account { name domain industry } } }`,
  createAccount: `mutation CreateAccount($input: CreateAccountInput!) { createAccount(input: $input) { account { id name version } userErrors { field message code } } }`,
  updateAccount: `mutation UpdateAccount($input: UpdateAccountInput!) { updateAccount(input: $input) { account { id name version } userErrors { field message code } } }`,
  createContact: `mutation CreateContact($input: CreateContactInput!) { createContact(input: $input) { contact { id lastName version } userErrors { field message code } } }`,
};

const POSTGRAPHILE = {
  flat: `query Flat($first: Int!) {
  accounts: allAccounts(first: $first, orderBy: [NAME_ASC, ID_ASC], condition: { deletedAt: null }) { nodes { id: nodeId name domain industry type employeeCount } }
}`,
  nested: `query Nested($first: Int!, $contacts: Int!) {
  accounts: allAccounts(first: $first, orderBy: [NAME_ASC, ID_ASC], condition: { deletedAt: null }) { nodes { id: nodeId name
    contacts: contactsByAccountId(first: $contacts, orderBy: [LAST_NAME_ASC, FIRST_NAME_ASC, ID_ASC], condition: { deletedAt: null }) {
      nodes { id: nodeId firstName lastName email account: accountByAccountId { id: nodeId name } } } } }
}`,
  node: `query Node($id: ID!) { node(nodeId: $id) { __typename id: nodeId ... on Account { name domain industry } } }`,
  createAccount: `mutation CreateAccount($input: CreateAccountInput!) { createAccount(input: $input) { account { id: nodeId name version } } }`,
  updateAccount: `mutation UpdateAccount($input: UpdateAccountByIdInput!) { updateAccount: updateAccountById(input: $input) { account { id: nodeId name version } } }`,
  createContact: `mutation CreateContact($input: CreateContactInput!) { createContact(input: $input) { contact { id: nodeId lastName version } } }`,
};

/** PostGraphile v4's node ID: base64 of ["<table alias>", ...primary key]. */
export const postgraphileNodeId = (table: string, uuid: string): string => Buffer.from(JSON.stringify([table, uuid])).toString('base64');

const INDUSTRIES = ['Software', 'Banking', 'Retail', 'Energy', 'Healthcare'];
const TYPES = ['PROSPECT', 'CUSTOMER', 'PARTNER'];

type WriteOp = 'createAccount' | 'updateAccount' | 'createContact';
const WRITE_OPS: WriteOp[] = ['createAccount', 'updateAccount', 'createContact'];

interface WriteVars {
  op: WriteOp;
  id: string;
  n: number;
  accountId: string;
  ownerId: string;
  industry: string;
  type: string;
}

function graphql(path: string, token: string, query: string, variables: Record<string, unknown>): BenchRequest {
  return {
    path,
    body: JSON.stringify({ query, variables }),
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  };
}

function raw(path: string, token: string, op: string, vars: Record<string, unknown>): BenchRequest {
  return { path: `${path}/${op}`, body: JSON.stringify(vars), headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` } };
}

/**
 * Request generator of one workload for one kind of server. `path` is the server's URL path
 * (/graphql, or /raw for the baseline); `label` keeps the written records of each run apart.
 */
export function requestSource(kind: ServerKind, workload: WorkloadName, path: string, main: MainTenant, label: string): RequestSource {
  const token = main.token;
  let i = 0;
  const pick = <T>(xs: T[]): T => xs[Math.floor(Math.random() * xs.length)];
  switch (workload) {
    case 'flat': {
      const request =
        kind === 'app' ? graphql(path, token, APP.flat, { first: FLAT_PAGE }) : kind === 'postgraphile' ? graphql(path, token, POSTGRAPHILE.flat, { first: FLAT_PAGE }) : raw(path, token, 'flat', { first: FLAT_PAGE });
      return () => request;
    }
    case 'nested': {
      const vars = { first: NESTED_ACCOUNTS, contacts: NESTED_CONTACTS };
      const request = kind === 'app' ? graphql(path, token, APP.nested, vars) : kind === 'postgraphile' ? graphql(path, token, POSTGRAPHILE.nested, vars) : raw(path, token, 'nested', vars);
      return () => request;
    }
    case 'node':
      return () => {
        const uuid = main.nodeIds[i++ % main.nodeIds.length];
        if (kind === 'postgraphile') return graphql(path, token, POSTGRAPHILE.node, { id: postgraphileNodeId('accounts', uuid) });
        const id = toGlobalId('Account', uuid);
        return kind === 'app' ? graphql(path, token, APP.node, { id }) : raw(path, token, 'node', { id });
      };
    case 'write':
      return () => {
        const n = i++;
        const w: WriteVars = {
          op: WRITE_OPS[n % WRITE_OPS.length],
          id: uuidv7(),
          n,
          accountId: pick(main.accountIds),
          ownerId: pick(main.ownerIds),
          industry: INDUSTRIES[n % INDUSTRIES.length],
          type: TYPES[n % TYPES.length],
        };
        return writeRequest(kind, path, token, w, label);
      };
  }
}

function writeRequest(kind: ServerKind, path: string, token: string, w: WriteVars, label: string): BenchRequest {
  // Names sort after every seeded account, so reads of the first pages do not change.
  const name = `Zz ${label} ${w.n}`;
  const lastName = `Zz ${label} ${w.n}`;
  const email = `w${w.n}.${label.replace(/[^a-z0-9]/gi, '')}@writes.example`;
  if (kind === 'app') {
    const input =
      w.op === 'createAccount'
        ? { name, industry: w.industry, type: w.type, lifecycleStage: 'PROSPECT', ownerId: toGlobalId('User', w.ownerId) }
        : w.op === 'updateAccount'
          ? { id: toGlobalId('Account', w.accountId), industry: w.industry, employeeCount: w.n % 5000 }
          : { accountId: toGlobalId('Account', w.accountId), firstName: 'Write', lastName, email, ownerId: toGlobalId('User', w.ownerId) };
    return graphql(path, token, APP[w.op], { input });
  }
  if (kind === 'postgraphile') {
    const input =
      w.op === 'createAccount'
        ? { account: { id: w.id, name, industry: w.industry, type: w.type, lifecycleStage: 'PROSPECT', ownerId: w.ownerId } }
        : w.op === 'updateAccount'
          ? { id: w.accountId, accountPatch: { industry: w.industry, employeeCount: w.n % 5000 } }
          : { contact: { id: w.id, accountId: w.accountId, firstName: 'Write', lastName, email, ownerId: w.ownerId } };
    return graphql(path, token, POSTGRAPHILE[w.op], { input });
  }
  const vars =
    w.op === 'createAccount'
      ? { id: w.id, name, industry: w.industry, type: w.type, lifecycleStage: 'PROSPECT', ownerId: w.ownerId }
      : w.op === 'updateAccount'
        ? { id: w.accountId, industry: w.industry, employeeCount: w.n % 5000 }
        : { id: w.id, accountId: w.accountId, firstName: 'Write', lastName, email, ownerId: w.ownerId };
  return raw(path, token, w.op, vars);
}

/** The flat list, each request with the next small tenant's key (round robin). */
export function tenantsFlatSource(path: string, tenants: SmallTenant[]): RequestSource {
  const requests = tenants.map((t) => graphql(path, t.token, APP.flat, { first: FLAT_PAGE }));
  let i = 0;
  return () => requests[i++ % requests.length];
}

/** Checks one response of a workload; returns a problem or null. */
export function checkResponse(workload: WorkloadName, json: unknown, expected: { flat: number }): string | null {
  const body = json as { data?: Record<string, any> | null; errors?: unknown[] }; // eslint-disable-line @typescript-eslint/no-explicit-any
  if (body.errors?.length) return `errors: ${JSON.stringify(body.errors).slice(0, 300)}`;
  const data = body.data;
  if (!data) return 'no data';
  switch (workload) {
    case 'flat':
      return data.accounts?.nodes?.length === expected.flat ? null : `expected ${expected.flat} accounts, got ${data.accounts?.nodes?.length}`;
    case 'nested': {
      const nodes = data.accounts?.nodes ?? [];
      if (nodes.length !== NESTED_ACCOUNTS) return `expected ${NESTED_ACCOUNTS} accounts, got ${nodes.length}`;
      for (const account of nodes) {
        if (account.contacts?.nodes?.length !== NESTED_CONTACTS) return `expected ${NESTED_CONTACTS} contacts per account, got ${account.contacts?.nodes?.length}`;
        for (const contact of account.contacts.nodes) if (contact.account?.id !== account.id) return 'contact.account is not its parent';
      }
      return null;
    }
    case 'node':
      return data.node?.__typename === 'Account' && data.node.name ? null : `node not found: ${JSON.stringify(data).slice(0, 200)}`;
    case 'write': {
      const payload = Object.values(data)[0] as { account?: unknown; contact?: unknown; userErrors?: unknown[] } | null;
      if (!payload || !(payload.account || payload.contact)) return `no record in ${JSON.stringify(data).slice(0, 300)}`;
      return payload.userErrors?.length ? `userErrors ${JSON.stringify(payload.userErrors)}` : null;
    }
  }
}

/** The response without what legitimately differs between servers: IDs (PostGraphile's are its own) and extensions. */
export function comparable(json: unknown, withIds: boolean): string {
  return JSON.stringify(json, (key, value) => (key === 'extensions' ? undefined : !withIds && key === 'id' ? '<id>' : value));
}
