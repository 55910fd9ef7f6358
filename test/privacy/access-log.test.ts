/**
 * The personal-data access log: full reads of personal fields are written once per operation (a
 * row per record type, with every record and field, never a value) in the operation's own
 * transaction; masked and impersonal reads write nothing; a read the static analysis missed fails
 * the operation instead of leaking unlogged; admins query the log; old entries are pruned.
 */
import { graphql, parse, OperationDefinitionNode } from 'graphql';
import * as personalSelections from '../../src/graphql/personal-selections';
import { buildApiSchema } from '../../src/graphql/schema';
import { modules } from '../../src/modules';
import { notePersonalRead } from '../../src/modules/privacy/access-log.collector';
import { pruneAccessLog } from '../../src/modules/privacy/access-log.service';
import { inTenantScope } from '../../src/platform/tenants';
import { authenticate } from '../../src/tenancy/authenticate';
import { Permissions } from '../../src/tenancy/permissions';
import { RequestContext, createRequestContext } from '../../src/tenancy/request-context';
import { SessionTokens } from '../../src/tenancy/session-tokens';
import { tenantSql } from '../access/access-helpers';
import { Client, GraphQLResponse, TestTenant, TestUser, dataOf, errorCodes, useHarness } from '../support/harness';
import { CREATE_ACCOUNT } from '../support/operations';
import { uuidOfId } from '../support/security-helpers';

const harness = useHarness();
const { schema } = buildApiSchema(modules);

let workspace: TestTenant;
let admin: Client;
let accountId: string;
/** 20 contacts at the account, sorted as `contacts` lists them (last name). */
let contacts: { id: string; email: string }[];
let reader: TestUser;
let readerClient: Client;

interface LogRow {
  request_id: string;
  actor_kind: string;
  actor_id: string;
  user_id: string | null;
  operation_type: string;
  operation_name: string | null;
  record_type: string;
  record_ids: string[];
  fields: string[];
}

const logRows = async (): Promise<LogRow[]> =>
  tenantSql(
    harness,
    workspace,
    `SELECT request_id, actor_kind, actor_id, user_id, operation_type, operation_name, record_type, record_ids::text[] AS record_ids, fields
       FROM personal_data_access_log ORDER BY at, id`,
  );

const uuids = (ids: string[]): string[] => ids.map(uuidOfId).sort();

beforeAll(async () => {
  workspace = await harness.createTenant({ name: 'Access log' });
  admin = workspace.client;
  accountId = dataOf(await admin.request(CREATE_ACCOUNT, { input: { name: 'Logged Inc' } })).createAccount.account.id;
  const inputs = Array.from({ length: 20 }, (_, i) => ({ lastName: `Person ${String(i).padStart(2, '0')}`, email: `person${i}@logged.example`, phone: '+4930123456' + String(i).padStart(2, '0'), accountId }));
  const variables = Object.fromEntries(inputs.map((input, i) => [`i${i}`, input]));
  const fields = inputs.map((_, i) => `c${i}: createContact(input: $i${i}) { contact { id } userErrors { message } }`).join('\n');
  const created = dataOf(await admin.request(`mutation(${inputs.map((_, i) => `$i${i}: CreateContactInput!`).join(', ')}) { ${fields} }`, variables));
  contacts = inputs.map((input, i) => ({ id: created[`c${i}`].contact.id, email: input.email }));
  reader = await harness.addUser(workspace.tenant, { role: 'admin', name: 'Rita Reader' });
  readerClient = (await harness.keyFor(workspace.tenant, { role: 'admin', userId: reader.uuid })).client;
});

beforeEach(async () => {
  await tenantSql(harness, workspace, 'DELETE FROM personal_data_access_log');
});

afterEach(() => {
  jest.restoreAllMocks();
});

describe('recording', () => {
  const list = (fields: string) => `query People($n: Int!) { contacts(first: $n) { nodes { id ${fields} } } }`;

  test('a list read with FULL access writes one row with every record and field read, for one more statement whatever the page size', async () => {
    for (const n of [2, 20]) {
      const plain = await admin.request(list('doNotEmail'), { n });
      expect(dataOf(plain).contacts.nodes).toHaveLength(n);
      expect(await logRows()).toEqual([]);
      const personal = await admin.request(list('firstName email'), { n });
      const nodes = dataOf(personal).contacts.nodes;
      expect(nodes).toHaveLength(n);
      expect(personal.extensions?.sqlStatements).toBe(plain.extensions?.sqlStatements + 1);
      const rows = await logRows();
      expect(rows).toEqual([
        expect.objectContaining({ actor_kind: 'api_key', user_id: null, operation_type: 'query', operation_name: 'People', record_type: 'Contact', fields: ['email', 'firstName'] }),
      ]);
      expect(rows[0].record_ids.sort()).toEqual(uuids(nodes.map((c: { id: string }) => c.id)));
      expect(rows[0].request_id).toMatch(/\S/);
      await tenantSql(harness, workspace, 'DELETE FROM personal_data_access_log');
    }
  });

  test('reads of several record types write one row per type, in one statement', async () => {
    await admin.request(`mutation($input: UpdateContactInput!) { updateContact(input: $input) { userErrors { message } } }`, {
      input: { id: contacts[0].id, ownerId: reader.id },
    });
    const impersonal = await readerClient.request(`query Both($id: ID!) { contact(id: $id) { id owner { id } } }`, { id: contacts[0].id });
    const both = await readerClient.request(`query Both($id: ID!) { contact(id: $id) { lastName owner { name email } } }`, { id: contacts[0].id });
    expect(dataOf(both).contact.owner.name).toBe('Rita Reader');
    expect(dataOf(impersonal).contact.owner.id).toBe(reader.id);
    expect(both.extensions?.sqlStatements).toBe(impersonal.extensions?.sqlStatements + 1);
    const rows = await logRows();
    expect(rows.map((r) => [r.record_type, r.record_ids, r.fields])).toEqual([
      ['Contact', [uuidOfId(contacts[0].id)], ['lastName']],
      ['User', [reader.uuid], ['email', 'name']],
    ]);
    // Who: the key, and the user it acts for.
    expect(new Set(rows.map((r) => `${r.actor_kind} ${r.user_id} ${r.operation_name}`))).toEqual(new Set([`api_key ${reader.uuid} Both`]));
    expect(new Set(rows.map((r) => r.request_id)).size).toBe(1);
  });

  test('masked roles and impersonal queries write nothing', async () => {
    const masked = (await harness.keyFor(workspace.tenant, { role: 'read_only' })).client;
    const maskedRead = dataOf(await masked.request(list('email'), { n: 5 }));
    expect(maskedRead.contacts.nodes[0].email).toMatch(/^p•••@logged\.example$/);
    const impersonal = dataOf(await admin.request(`{ accounts { nodes { name contacts { nodes { id doNotCall } } } } }`));
    expect(impersonal.accounts.nodes[0].contacts.nodes.length).toBeGreaterThan(0);
    const none = await (await harness.keyFor(workspace.tenant, { role: 'analyst' })).client.request(list('email'), { n: 2 });
    expect(errorCodes(none)).toContain('FORBIDDEN');
    expect(await logRows()).toEqual([]);
  });

  test('nested lists, node() with an inline fragment, named fragments and aliases are logged by field name', async () => {
    const [first, second, third] = contacts;
    const result = await admin.request(
      `query Shapes($account: ID!, $a: ID!, $b: ID!) {
        account(id: $account) { contacts(first: 2) { nodes { id surname: lastName } } }
        node(id: $a) { id ... on Contact { phone } }
        nodes(ids: [$b]) { ...Reach }
        again: contact(id: $a) { mail: email }
      }
      fragment Reach on Contact { mobilePhone mailingAddress { city } }`,
      { account: accountId, a: second.id, b: third.id },
    );
    const data = dataOf(result);
    expect(data.node.phone).toMatch(/^\+49/);
    expect(data.again.mail).toBe(second.email);
    const rows = await logRows();
    expect(rows).toHaveLength(1);
    expect(rows[0].fields).toEqual(['email', 'lastName', 'mailingAddress', 'mobilePhone', 'phone']);
    const nested = data.account.contacts.nodes.map((c: { id: string }) => c.id);
    expect(nested).toContain(first.id);
    expect(rows[0].record_ids.sort()).toEqual(uuids([...new Set([...nested, second.id, third.id])]));
  });

  test('mutations returning personal fields are logged as mutations', async () => {
    const created = dataOf(
      await admin.request(`mutation Add($input: CreateContactInput!) { createContact(input: $input) { contact { id email } userErrors { message } } }`, {
        input: { lastName: 'Mutated', email: 'mutated@logged.example' },
      }),
    ).createContact.contact;
    expect(await logRows()).toEqual([
      expect.objectContaining({ operation_type: 'mutation', operation_name: 'Add', record_type: 'Contact', record_ids: [uuidOfId(created.id)], fields: ['email'] }),
    ]);
  });

  test('a rolled-back operation logs nothing and returns no data', async () => {
    const result = await admin.request(
      `mutation($input: CreateContactInput!) {
        ok: createContact(input: $input) { contact { id email } userErrors { message } }
        refused: purgeDueTenants { __typename }
      }`,
      { input: { lastName: 'Never', email: 'never@logged.example' } },
    );
    expect(result.data ?? null).toBeNull();
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    expect(await tenantSql(harness, workspace, `SELECT id FROM contacts WHERE last_name = 'Never'`)).toEqual([]);
    expect(await logRows()).toEqual([]);
  });

  test('each operation of a batched request logs on its own', async () => {
    const response = await fetch(harness.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${workspace.token}` },
      body: JSON.stringify([
        { query: `query One($id: ID!) { contact(id: $id) { email } }`, variables: { id: contacts[0].id } },
        { query: `query Two($id: ID!) { contact(id: $id) { phone } }`, variables: { id: contacts[1].id } },
      ]),
    });
    const answers = (await response.json()) as GraphQLResponse[];
    expect(answers.map((a) => a.errors)).toEqual([undefined, undefined]);
    const rows = await logRows();
    expect(rows.map((r) => [r.operation_name, r.record_ids, r.fields]).sort()).toEqual([
      ['One', [uuidOfId(contacts[0].id)], ['email']],
      ['Two', [uuidOfId(contacts[1].id)], ['phone']],
    ]);
  });

  test('the log holds no personal values', async () => {
    await admin.request(`{ contacts(first: 20) { nodes { name email phone additionalEmails mailingAddress { city } } } }`);
    await readerClient.request(`{ contacts(first: 5) { nodes { email owner { name email } } } }`);
    const [{ dump }] = await tenantSql(harness, workspace, `SELECT string_agg(l::text, ' ') AS dump FROM personal_data_access_log l`);
    expect(dump).toContain('Contact');
    for (const text of ['@', 'logged.example', 'Person', '+49', 'Rita']) expect(dump).not.toContain(text);
  });

  test('personal custom fields read through the API are logged by key; impersonal ones are not', async () => {
    const define = `mutation($input: CreateCustomFieldDefinitionInput!) { createCustomFieldDefinition(input: $input) { userErrors { message } } }`;
    dataOf(await admin.request(define, { input: { object: 'CONTACT', key: 'nickname', label: 'Nickname', type: 'TEXT', personal: true } }));
    dataOf(await admin.request(define, { input: { object: 'CONTACT', key: 'tier', label: 'Tier', type: 'TEXT' } }));
    const update = `mutation($id: ID!) { updateContact(input: { id: $id, customFields: { nickname: "Pip", tier: "Gold" } }) { userErrors { message } } }`;
    dataOf(await admin.request(update, { id: contacts[0].id }));
    await tenantSql(harness, workspace, 'DELETE FROM personal_data_access_log');
    dataOf(await admin.request(`query Custom($id: ID!) { contact(id: $id) { id customFields } }`, { id: contacts[0].id }));
    const rows = await logRows();
    expect(rows.map((r) => [r.operation_name, r.record_type, r.record_ids, r.fields])).toEqual([['Custom', 'Contact', [uuidOfId(contacts[0].id)], ['customFields.nickname']]]);
  });
});

describe('failing closed', () => {
  test('a personal read the static analysis missed fails the operation (READ ONLY) instead of answering unlogged', async () => {
    jest.spyOn(personalSelections, 'mayReadPersonalData').mockReturnValue(false);
    const result = await admin.request(`{ contacts(first: 3) { nodes { email } } }`);
    expect(result.data ?? null).toBeNull();
    expect(errorCodes(result)).toEqual(['INTERNAL_SERVER_ERROR']);
    expect(JSON.stringify(result)).not.toContain('@logged.example');
    expect(await logRows()).toEqual([]);
  });

  test('without the spy the same query is answered and logged', async () => {
    expect(dataOf(await admin.request(`{ contacts(first: 3) { nodes { email } } }`)).contacts.nodes).toHaveLength(3);
    expect(await logRows()).toHaveLength(1);
  });
});

describe('recording outside the HTTP API', () => {
  async function adminContext(): Promise<RequestContext> {
    const auth = await authenticate(harness.dataSource, new SessionTokens('x'.repeat(32), 900), `Bearer ${workspace.token}`);
    if (!auth.ok) throw new Error('authentication failed');
    const ctx = createRequestContext({ requestId: 'direct', principal: auth.principal, dataSource: harness.dataSource, statementTimeoutMs: 5000 });
    ctx.tx!.readOnly = false;
    return ctx;
  }

  test('reads noted by code (personal custom fields) are written on commit, named after the operation that read built-in fields; IDs may be global', async () => {
    const ctx = await adminContext();
    const result = await graphql({ schema, source: `query Direct($id: ID!) { contact(id: $id) { email } }`, variableValues: { id: contacts[0].id }, contextValue: ctx });
    expect(result.errors).toBeUndefined();
    notePersonalRead(ctx, 'Contact', uuidOfId(contacts[1].id), 'customFields.hobby');
    // A view object carrying its global ID, and one without any: the fields are logged all the same.
    notePersonalRead(ctx, 'Contact', contacts[2].id, 'customFields.hobby');
    notePersonalRead(ctx, 'Contact', undefined, 'jobTitle');
    await ctx.tx!.finish();
    const rows = await logRows();
    expect(rows).toEqual([
      expect.objectContaining({ request_id: 'direct', operation_type: 'query', operation_name: 'Direct', record_type: 'Contact', fields: ['customFields.hobby', 'email', 'jobTitle'] }),
    ]);
    expect(rows[0].record_ids.sort()).toEqual(uuids([contacts[0].id, contacts[1].id, contacts[2].id]));
  });

  test('a transaction rolled back after personal reads logs nothing', async () => {
    const ctx = await adminContext();
    const result = await graphql({ schema, source: `{ contacts(first: 2) { nodes { email } } }`, contextValue: ctx });
    expect(result.errors).toBeUndefined();
    await ctx.tx!.rollback();
    expect(await logRows()).toEqual([]);
  });

  test('in a READ ONLY transaction the write fails, so the commit does', async () => {
    const ctx = await adminContext();
    ctx.tx!.readOnly = true;
    await graphql({ schema, source: `{ contacts(first: 2) { nodes { email } } }`, contextValue: ctx });
    await expect(ctx.tx!.finish()).rejects.toThrow(/read-only transaction/);
    expect(await logRows()).toEqual([]);
  });
});

describe('querying the log', () => {
  const LOG = `query($where: PersonalDataAccessLogFilter, $first: Int, $after: String) {
    personalDataAccessLog(first: $first, after: $after, where: $where) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { id at actorKind actorId user { id } operationType operationName recordType records recordCount fields requestId }
    }
  }`;

  beforeEach(async () => {
    await admin.request(`query ByKey($id: ID!) { contact(id: $id) { email } }`, { id: contacts[0].id });
    await readerClient.request(`query ByReader($id: ID!) { contact(id: $id) { phone } }`, { id: contacts[1].id });
    await readerClient.request(`query ByReaderAgain($id: ID!) { contact(id: $id) { lastName } }`, { id: contacts[0].id });
  });

  test('by record, newest first, with who read which fields through which operation', async () => {
    const log = dataOf(await admin.request(LOG, { where: { recordId: contacts[0].id } })).personalDataAccessLog;
    expect(log.totalCount).toBe(2);
    expect(log.nodes.map((e: Record<string, unknown>) => [e.operationName, e.fields, e.records, e.recordCount, e.operationType, e.recordType])).toEqual([
      ['ByReaderAgain', ['lastName'], [contacts[0].id], 1, 'QUERY', 'Contact'],
      ['ByKey', ['email'], [contacts[0].id], 1, 'QUERY', 'Contact'],
    ]);
    expect(log.nodes[0]).toMatchObject({ actorKind: 'api_key', user: { id: reader.id } });
    expect(log.nodes[1]).toMatchObject({ actorKind: 'api_key', user: null });
    expect(Date.parse(log.nodes[0].at)).toBeGreaterThanOrEqual(Date.parse(log.nodes[1].at));
  });

  test('by user, by time and in pages', async () => {
    const byUser = dataOf(await admin.request(LOG, { where: { userId: reader.id }, first: 1 })).personalDataAccessLog;
    expect(byUser.totalCount).toBe(2);
    expect(byUser.nodes.map((e: { operationName: string }) => e.operationName)).toEqual(['ByReaderAgain']);
    expect(byUser.pageInfo.hasNextPage).toBe(true);
    const next = dataOf(await admin.request(LOG, { where: { userId: reader.id }, first: 1, after: byUser.pageInfo.endCursor })).personalDataAccessLog;
    expect(next.nodes.map((e: { operationName: string }) => e.operationName)).toEqual(['ByReader']);
    expect(next.pageInfo.hasNextPage).toBe(false);
    const future = dataOf(await admin.request(LOG, { where: { from: new Date(Date.now() + 60_000).toISOString() } })).personalDataAccessLog;
    expect(future.totalCount).toBe(0);
    const past = dataOf(await admin.request(LOG, { where: { to: new Date(Date.now() + 60_000).toISOString(), recordType: 'Contact' } })).personalDataAccessLog;
    expect(past.totalCount).toBe(3);
  });

  test('reading the log is not itself logged; a malformed record ID is BAD_USER_INPUT', async () => {
    dataOf(await admin.request(LOG, {}));
    expect(await logRows()).toHaveLength(3);
    expect(errorCodes(await admin.request(LOG, { where: { recordId: 'nope' } }))).toEqual(['BAD_USER_INPUT']);
  });

  test('non-admins get FORBIDDEN', async () => {
    for (const role of ['sales_manager', 'read_only']) {
      const client = (await harness.keyFor(workspace.tenant, { role })).client;
      expect(errorCodes(await client.request(LOG, {}))).toEqual(['FORBIDDEN']);
    }
    const readOnlyAdmin = (await harness.keyFor(workspace.tenant, { role: 'admin', readOnly: true })).client;
    expect(errorCodes(await readOnlyAdmin.request(LOG, {}))).toEqual(['FORBIDDEN']);
  });
});

test('pruneAccessLog removes entries older than the retention period only', async () => {
  await admin.request(`{ a: contact(id: "${contacts[0].id}") { email } }`);
  await admin.request(`{ b: contact(id: "${contacts[1].id}") { email } }`);
  await tenantSql(harness, workspace, `UPDATE personal_data_access_log SET at = now() - interval '31 days' WHERE $1 = ANY (record_ids)`, [uuidOfId(contacts[0].id)]);
  const runner = harness.dataSource.createQueryRunner();
  await runner.connect();
  let pruned: number;
  try {
    await runner.query('BEGIN');
    pruned = await inTenantScope(runner, workspace.tenant, (db) => pruneAccessLog(db, 30));
    await runner.query('COMMIT');
  } finally {
    await runner.release();
  }
  expect(pruned).toBe(1);
  expect((await logRows()).map((r) => r.record_ids)).toEqual([[uuidOfId(contacts[1].id)]]);
  await expect(pruneAccessLog(harness.dataSource, 0)).rejects.toThrow(/whole number of days/);
});

describe('which operations run read-write (the static decision)', () => {
  const guards = (source: string): readonly string[] => {
    const document = parse(source);
    const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === 'OperationDefinition')!;
    return personalSelections.personalGuardsOf(schema, document, operation);
  };

  test('personal fields anywhere in the operation count: nested, through node(), fragments, aliases, @skip, custom fields', () => {
    expect(guards(`{ accounts { nodes { name contacts { nodes { id doNotCall } } } } }`)).toEqual([]);
    expect(guards(`query($id: ID!) { node(id: $id) { id } nodes(ids: [$id]) { __typename } }`)).toEqual([]);
    expect(guards(`{ viewer { kind } }`)).toEqual([]);
    expect(guards(`{ contacts { nodes { email } } }`)).toEqual(['Contact']);
    expect(guards(`{ x: accounts { nodes { y: contacts { nodes { z: lastName } } } } }`)).toEqual(['Contact']);
    expect(guards(`query($id: ID!) { node(id: $id) { id ... on Contact { phone } } }`)).toEqual(['Contact']);
    expect(guards(`query($id: ID!) { nodes(ids: [$id]) { ...F } } fragment F on Node { ... on Contact { ...G } } fragment G on Contact { birthDate }`)).toEqual(['Contact']);
    expect(guards(`query($s: Boolean!) { contacts { nodes { email @skip(if: $s) } } }`)).toEqual(['Contact']);
    expect(guards(`{ accounts { nodes { owner { name } customFields } } }`)).toEqual(['Account', 'User']);
    expect(guards(`mutation($input: CreateContactInput!) { createContact(input: $input) { contact { mobilePhone } } }`)).toEqual(['Contact']);
  });

  test('the answer is computed once per document', () => {
    const document = parse(`{ contacts { nodes { email } } }`);
    const operation = document.definitions[0] as OperationDefinitionNode;
    const first = personalSelections.personalGuardsOf(schema, document, operation);
    expect(personalSelections.personalGuardsOf(schema, document, operation)).toBe(first);
  });

  test('read-write only when the caller may read some of them in full (or its permissions are not known yet)', () => {
    const document = parse(`{ contacts { nodes { email } } }`);
    const operation = document.definitions[0] as OperationDefinitionNode;
    const ctx = (access: string, permissionsPending = false) =>
      ({ permissionsPending, can: { personalAccess: () => access } as unknown as Permissions }) as RequestContext;
    expect(personalSelections.mayReadPersonalData(ctx('full'), schema, document, operation)).toBe(true);
    expect(personalSelections.mayReadPersonalData(ctx('masked'), schema, document, operation)).toBe(false);
    expect(personalSelections.mayReadPersonalData(ctx('masked', true), schema, document, operation)).toBe(true);
    const impersonal = parse(`{ contacts { nodes { id } } }`);
    expect(personalSelections.mayReadPersonalData(ctx('full'), schema, impersonal, impersonal.definitions[0] as OperationDefinitionNode)).toBe(false);
  });
});
