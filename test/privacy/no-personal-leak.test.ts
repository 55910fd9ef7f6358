/**
 * A role with no access to personal data gets no personal value through any path. Instead of
 * listing paths by hand, every Query field of the schema is called with a selection generated from
 * the schema itself (every field, nested objects a few levels deep, interfaces through each
 * implementing type), and the whole response (data, errors, extensions) is searched for the
 * person's values. A new field or type is covered the day it is added.
 */
import {
  GraphQLField,
  GraphQLInterfaceType,
  GraphQLObjectType,
  GraphQLSchema,
  getNamedType,
  isEnumType,
  isInterfaceType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { randomUUID } from 'node:crypto';
import { buildApiSchema } from '../../src/graphql/schema';
import { modules } from '../../src/modules';
import { Client, TestTenant, dataOf, useHarness } from '../support/harness';
import { createContact, mutate, EXPORT } from './privacy-helpers';

// Generated selections are wide: the cost limit is raised for this file only.
const harness = useHarness({ maxQueryCost: 1_000_000, maxQueryDepth: 20, maxAliases: 1000 });
const schema: GraphQLSchema = buildApiSchema(modules).unguarded;

const tag = randomUUID().slice(0, 8);
/** Values that must never reach the role: each is unique to this test's person. */
const PERSON = {
  firstName: `Zelda${tag}`,
  lastName: `Quist${tag}`,
  email: `zelda.${tag}@secret.example`,
  phone: `+4930${String(Math.floor(Math.random() * 9e6) + 1e6)}`,
  street: `Geheimweg ${tag}`,
  hobby: `falconry-${tag}`,
  evidence: `signed form ${tag}`,
  birthDate: '1966-06-06',
  ownerName: `Owner${tag}`,
};

let workspace: TestTenant;
let ids: Record<string, string>;

beforeAll(async () => {
  workspace = await harness.createTenant({ name: 'No leaks' });
  const admin = workspace.client;
  const owner = await harness.addUser(workspace.tenant, { name: PERSON.ownerName, email: `owner.${tag}@secret.example`, role: 'sales_rep' });
  dataOf(await admin.request(`mutation { createCustomFieldDefinition(input: { object: CONTACT, key: "hobby", label: "Hobby", type: TEXT, personal: true }) { userErrors { message } } }`));
  const accountId = dataOf(await admin.request(`mutation($o: ID) { createAccount(input: { name: "Leak Test Co", ownerId: $o }) { account { id } } }`, { o: owner.id })).createAccount.account.id;
  const contactId = await createContact(admin, {
    accountId,
    ownerId: owner.id,
    firstName: PERSON.firstName,
    lastName: PERSON.lastName,
    email: PERSON.email,
    additionalEmails: [`alt.${PERSON.email}`],
    phone: PERSON.phone,
    mobilePhone: PERSON.phone,
    jobTitle: `Spymaster ${tag}`,
    birthDate: PERSON.birthDate,
    mailingAddress: { street: PERSON.street, city: 'Berlin', country: 'DE' },
    customFields: { hobby: PERSON.hobby },
  });
  const consent = await mutate(admin, `mutation($input: RecordConsentInput!) { recordConsent(input: $input) { consent { id } userErrors { message } } }`, {
    contactId,
    channel: 'EMAIL',
    purpose: 'MARKETING',
    source: 'web form',
    evidence: PERSON.evidence,
  });
  expect(consent.userErrors).toEqual([]);
  // The person also wrote in: a service case carries what they supplied.
  const serviceCase = await mutate(admin, `mutation($input: CreateServiceCaseInput!) { createServiceCase(input: $input) { serviceCase { id } userErrors { message } } }`, {
    accountId,
    contactId,
    subject: 'Help',
    channel: 'WEB',
    suppliedName: `${PERSON.firstName} ${PERSON.lastName}`,
    suppliedEmail: PERSON.email,
    suppliedPhone: PERSON.phone,
  });
  expect(serviceCase.userErrors).toEqual([]);
  await mutate(admin, EXPORT, { subject: { email: PERSON.email } });
  // Reads by the admin fill the access log (ids and field names only).
  dataOf(await admin.request(`{ contacts { nodes { name email phone } } }`));
  ids = { contactId, accountId, userId: owner.id };
});

/** Arguments the generated calls can fill in, by name; a field needing any other required argument is called without it and must fail cleanly. */
function argumentValue(name: string): unknown {
  const known: Record<string, unknown> = {
    id: ids.contactId,
    contactId: ids.contactId,
    contactIds: [ids.contactId],
    ids: [ids.contactId, ids.accountId, ids.userId],
    channel: 'EMAIL',
    purpose: 'MARKETING',
    key: 'admin',
  };
  return known[name];
}

function selectionOf(type: GraphQLObjectType | GraphQLInterfaceType, depth: number): string {
  if (isInterfaceType(type)) {
    const implementations = schema.getPossibleTypes(type);
    return `__typename ${implementations.map((t) => `... on ${t.name} { ${selectionOf(t, depth)} }`).join(' ')}`;
  }
  const parts: string[] = ['__typename'];
  for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
    if (field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    const named = getNamedType(field.type);
    if (isScalarType(named) || isEnumType(named)) parts.push(field.name);
    else if ((isObjectType(named) || isInterfaceType(named)) && depth > 0) parts.push(`${field.name} { ${selectionOf(named, depth - 1)} }`);
  }
  return parts.join(' ');
}

function callOf(field: GraphQLField<unknown, unknown>): { query: string; variables: Record<string, unknown> } | null {
  const variables: Record<string, unknown> = {};
  const declarations: string[] = [];
  const args: string[] = [];
  for (const arg of field.args) {
    const value = argumentValue(arg.name);
    if (value === undefined) {
      if (isNonNullType(arg.type) && arg.defaultValue === undefined) return null;
      continue;
    }
    variables[arg.name] = value;
    declarations.push(`$${arg.name}: ${arg.type.toString()}`);
    args.push(`${arg.name}: $${arg.name}`);
  }
  const named = getNamedType(field.type);
  const selection = isObjectType(named) || isInterfaceType(named) ? ` { ${selectionOf(named, 4)} }` : '';
  const header = declarations.length ? `(${declarations.join(', ')})` : '';
  return { query: `query${header} { ${field.name}${args.length ? `(${args.join(', ')})` : ''}${selection} }`, variables };
}

async function leaksFor(client: Client): Promise<{ called: string[]; leaks: string[] }> {
  const called: string[] = [];
  const leaks: string[] = [];
  for (const field of Object.values(schema.getQueryType()!.getFields())) {
    const call = callOf(field);
    if (!call) continue;
    called.push(field.name);
    const response = JSON.stringify(await client.request(call.query, call.variables));
    for (const [what, value] of Object.entries(PERSON)) if (response.includes(value)) leaks.push(`${field.name} → ${what}`);
  }
  return { called, leaks };
}

test('the generated calls reach the person at all: an admin sees every value somewhere', async () => {
  const { called, leaks } = await leaksFor(workspace.client);
  expect(called).toEqual(expect.arrayContaining(['contacts', 'contact', 'node', 'nodes', 'accounts', 'users', 'canContact', 'privacyRequests', 'personalDataAccessLog']));
  const seen = new Set(leaks.map((l) => l.split(' → ')[1]));
  expect([...seen].sort()).toEqual(Object.keys(PERSON).sort());
});

test.each(['analyst'])('the %s role (personal data: none) gets no personal value through any Query field', async (role) => {
  const { client } = await harness.keyFor(workspace.tenant, { role });
  const { leaks } = await leaksFor(client);
  expect(leaks).toEqual([]);
});

test('a custom role with masked personal data sees masks, never a value', async () => {
  const created = await mutate(workspace.client, `mutation($input: CreateRoleInput!) { createRole(input: $input) { role { key } userErrors { code } } }`, {
    name: `Masked ${tag}`,
    grants: ['Account', 'Contact', 'User'].map((objectType) => ({ objectType, read: true, recordScope: 'ALL', personalData: 'MASKED' })),
  });
  const { client } = await harness.keyFor(workspace.tenant, { role: created.role.key });
  const { leaks } = await leaksFor(client);
  // The city stays (masking keeps where, roughly, not who); nothing that identifies the person.
  expect(leaks).toEqual([]);
});
