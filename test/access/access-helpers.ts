/**
 * Shared set-up and operations for the access-control tests: roles, record scope and keys with
 * roles. Record operations select only impersonal fields, so every role that may run them may also
 * read what they return; stored state is read straight from the tenant's schema, so "nothing
 * changed" does not depend on what the caller's role may see.
 */
import { randomUUID } from 'node:crypto';
import { toGlobalId, uuidOf } from '../../src/graphql/global-id';
import { CREATE_TEAM, mutateOk } from '../configuration/configuration-helpers';
import { Client, GraphQLResponse, Harness, TestTenant, TestUser, dataOf, errorCodes } from '../support/harness';

export type Row = Record<string, any>;

export const ERRORS = 'userErrors { field code message }';

export const BUILT_IN_ROLES = ['admin', 'sales_manager', 'sales_rep', 'service_agent', 'dispatcher', 'technician', 'analyst', 'read_only'] as const;
export type BuiltInRole = (typeof BUILT_IN_ROLES)[number];

export type RecordType = 'Account' | 'Contact';
export const RECORD_TYPES: RecordType[] = ['Account', 'Contact'];
export type Verb = 'create' | 'update' | 'delete' | 'restore';

const capitalised = (text: string) => `${text[0].toUpperCase()}${text.slice(1)}`;
const fieldOf = (type: RecordType) => type.toLowerCase();
const pluralOf = (type: RecordType) => `${fieldOf(type)}s`;

/** A record mutation returning only impersonal fields. */
export const recordMutation = (verb: Verb, type: RecordType): string =>
  `mutation($input: ${capitalised(verb)}${type}Input!) { ${verb}${type}(input: $input) { ${fieldOf(type)} { id version deletedAt } ${ERRORS} } }`;

/** Up to 100 records of the type (IDs only) with their total count. */
export const listQuery = (type: RecordType): string =>
  `query($where: ${type}Filter, $orderBy: [${type}Order!], $inRecycleBin: Boolean! = false) {
    ${pluralOf(type)}(first: 100, where: $where, orderBy: $orderBy, inRecycleBin: $inRecycleBin) { totalCount nodes { id } }
  }`;

/** The least input that creates a record of the type. */
export const newRecord = (type: RecordType, name: string, extra: Row = {}): Row => (type === 'Account' ? { name, ...extra } : { lastName: name, ...extra });

/** The first root field of a response (a mutation's payload); top-level errors fail the test. */
export const payloadOf = (response: GraphQLResponse): Row => Object.values(dataOf(response))[0] as Row;

/** A payload's userErrors as [field, code] pairs. */
export const userErrorsOf = (payload: Row): [string[] | null, string][] => payload.userErrors.map((e: Row) => [e.field, e.code]);

/** Asserts that the response was refused as a whole with FORBIDDEN (and, if given, this message). */
export function expectForbidden(response: GraphQLResponse, message?: string): void {
  expect(errorCodes(response)).toEqual(['FORBIDDEN']);
  if (message) expect(response.errors![0].message).toBe(message);
}

/** Creates a record and returns its global ID; fails the test when refused. */
export async function createRecord(client: Client, type: RecordType, input: Row): Promise<string> {
  const payload = payloadOf(await client.request(recordMutation('create', type), { input }));
  if (payload.userErrors.length) throw new Error(`create${type} refused: ${JSON.stringify(payload.userErrors)}`);
  return payload[fieldOf(type)].id;
}

/** IDs (sorted) and totalCount of a list as the client sees it. */
export async function listed(client: Client, type: RecordType, variables: Row = {}): Promise<{ ids: string[]; totalCount: number }> {
  const connection = payloadOf(await client.request(listQuery(type), variables));
  return { ids: connection.nodes.map((n: Row) => n.id).sort(), totalCount: connection.totalCount };
}

const schemaOf = (workspace: TestTenant) => `"${workspace.tenant.schemaName.replace(/"/g, '""')}"`;

/** Runs SQL in the workspace's schema (search_path set for this statement's transaction only). */
export async function tenantSql(harness: Harness, workspace: TestTenant, sql: string, params: unknown[] = []): Promise<any[]> {
  const runner = harness.dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('BEGIN');
    await runner.query(`SET LOCAL search_path TO ${schemaOf(workspace)}`);
    const rows = await runner.query(sql, params);
    await runner.query('COMMIT');
    return rows;
  } catch (error) {
    await runner.query('ROLLBACK');
    throw error;
  } finally {
    await runner.release();
  }
}

/** The stored state of a record, whatever any role may see of it (null when there is no such row). */
export async function storedRecord(harness: Harness, workspace: TestTenant, type: RecordType, id: string): Promise<Row | null> {
  const label = type === 'Account' ? 'name' : 'last_name';
  const rows = await tenantSql(harness, workspace, `SELECT ${label} AS label, version, deleted_at IS NOT NULL AS deleted, owner_id AS "ownerId" FROM ${pluralOf(type)} WHERE id = $1`, [
    uuidOf(id, type),
  ]);
  return rows[0] ?? null;
}

/** How many live (not deleted) records of the type the workspace holds. */
export const recordCount = async (harness: Harness, workspace: TestTenant, type: RecordType): Promise<number> =>
  (await tenantSql(harness, workspace, `SELECT count(*)::int AS n FROM ${pluralOf(type)} WHERE deleted_at IS NULL`))[0].n;

/** Sets a user's status (e.g. "deactivated") directly, as the (separate) user administration would. */
export const setUserStatus = (harness: Harness, workspace: TestTenant, user: TestUser, status: string): Promise<unknown> =>
  tenantSql(harness, workspace, `UPDATE users SET status = $2, deactivated_at = CASE WHEN $2 = 'deactivated' THEN now() END WHERE id = $1`, [user.uuid, status]);

export const userRole = async (harness: Harness, workspace: TestTenant, user: TestUser): Promise<string> =>
  (await tenantSql(harness, workspace, 'SELECT role_key FROM users WHERE id = $1', [user.uuid]))[0].role_key;

/** A well-formed global ID that names nothing. */
export const missingId = (type: string): string => toGlobalId(type, randomUUID());

/** A key of the workspace with the role, acting for the user when one is given. */
export async function keyClient(harness: Harness, workspace: TestTenant, role: string, user?: TestUser | null, readOnly = false): Promise<Client> {
  return (await harness.keyFor(workspace.tenant, { role, userId: user?.uuid ?? null, readOnly })).client;
}

/* ------------------------------------------------------------ a workspace with owned records */

/** Who owns a record: four users, or nobody. */
export type Owner = 'rep' | 'teammate' | 'manager' | 'outsider' | 'nobody';
export type Person = Exclude<Owner, 'nobody'>;
export const OWNERS: Owner[] = ['rep', 'teammate', 'manager', 'outsider', 'nobody'];

export interface ScopedRecord {
  type: RecordType;
  id: string;
  owner: Owner;
  /** Contacts: the account they belong to. */
  account?: Owner;
}

/**
 * Team "East" is the manager, the rep and the teammate; team "West" is the outsider alone. Every
 * owner (nobody included) owns one account and one contact at it; besides, the rep owns a contact
 * at the outsider's account ("crossing") and the outsider one at the rep's account ("intruder").
 */
export interface World {
  workspace: TestTenant;
  admin: Client;
  users: Record<Person, TestUser>;
  teams: { east: string; west: string };
  accounts: Record<Owner, string>;
  contacts: Record<Owner, string>;
  crossing: string;
  intruder: string;
  records: ScopedRecord[];
}

const USER_ROLES: Record<Person, string> = { rep: 'sales_rep', teammate: 'sales_rep', manager: 'sales_manager', outsider: 'sales_rep' };

export async function setUpWorld(harness: Harness): Promise<World> {
  const workspace = await harness.createTenant({ name: 'Record scope' });
  const admin = workspace.client;
  const users = {} as Record<Person, TestUser>;
  for (const person of Object.keys(USER_ROLES) as Person[]) {
    users[person] = await harness.addUser(workspace.tenant, { role: USER_ROLES[person], name: `${capitalised(person)} Person`, email: `${person}@scope.example` });
  }
  const east = (await mutateOk(admin, CREATE_TEAM, { name: 'East', memberIds: [users.manager.id, users.rep.id, users.teammate.id] })).team.id;
  const west = (await mutateOk(admin, CREATE_TEAM, { name: 'West', memberIds: [users.outsider.id] })).team.id;
  const ownerId = (owner: Owner) => (owner === 'nobody' ? null : users[owner].id);
  const accounts = {} as Record<Owner, string>;
  const contacts = {} as Record<Owner, string>;
  const records: ScopedRecord[] = [];
  for (const owner of OWNERS) {
    accounts[owner] = await createRecord(admin, 'Account', { name: `${capitalised(owner)} Co`, ownerId: ownerId(owner) });
    contacts[owner] = await createRecord(admin, 'Contact', { lastName: capitalised(owner), accountId: accounts[owner], ownerId: ownerId(owner) });
    records.push({ type: 'Account', id: accounts[owner], owner }, { type: 'Contact', id: contacts[owner], owner, account: owner });
  }
  const crossing = await createRecord(admin, 'Contact', { lastName: 'Crossing', accountId: accounts.outsider, ownerId: users.rep.id });
  const intruder = await createRecord(admin, 'Contact', { lastName: 'Intruder', accountId: accounts.rep, ownerId: users.outsider.id });
  records.push({ type: 'Contact', id: crossing, owner: 'rep', account: 'outsider' }, { type: 'Contact', id: intruder, owner: 'outsider', account: 'rep' });
  return { workspace, admin, users, teams: { east, west }, accounts, contacts, crossing, intruder, records };
}

/** IDs (sorted) of the world's records of the type owned by one of `owners`. */
export const idsOwnedBy = (world: World, type: RecordType, owners: readonly Owner[]): string[] =>
  world.records
    .filter((r) => r.type === type && owners.includes(r.owner))
    .map((r) => r.id)
    .sort();
