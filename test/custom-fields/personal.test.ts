/**
 * Personal custom fields: a credential without the personal permission on the record type does
 * not see their values (left out of `customFields`, not an error) and may not filter on them
 * (FORBIDDEN). Today every workspace key has the personal permission, so the restricted caller is
 * a hand-made request context (real workspace, real transaction, permissions narrowed) executing
 * the real schema with its shield; the keys themselves are checked over HTTP.
 */
import { ExecutionResult, graphql } from 'graphql';
import { SqlParams } from '../../src/db/sql-params';
import { buildApiSchema } from '../../src/graphql/schema';
import { modules } from '../../src/modules';
import { CustomFieldDefinitionRow } from '../../src/modules/custom-fields/custom-fields.definitions';
import { customFieldConditions } from '../../src/modules/custom-fields/custom-fields.filter';
import { CustomFieldType } from '../../src/modules/custom-fields/custom-fields.objects';
import { withoutPersonalValues } from '../../src/modules/custom-fields/custom-fields.values';
import { SessionTokens } from '../../src/tenancy/session-tokens';
import { authenticate } from '../../src/tenancy/authenticate';
import { RequestContext, createRequestContext } from '../../src/tenancy/request-context';
import { Client, TestTenant, dataOf, useHarness } from '../support/harness';
import { create, define, memberClient } from './custom-field-helpers';

const definition = (key: string, personal: boolean, type = CustomFieldType.TEXT): CustomFieldDefinitionRow => ({
  id: '00000000-0000-7000-8000-000000000000',
  object: 'CONTACT',
  key,
  label: key,
  description: null,
  type,
  required: false,
  personal,
  sensitive: false,
  picklistValues: [],
  version: 1,
  createdAt: new Date(),
  updatedAt: new Date(),
});

describe('the masking and filter functions', () => {
  const definitions = [definition('hobby', true), definition('segment', false), definition('age', true, CustomFieldType.NUMBER)];

  test('personal values, and values no definition explains, are left out', () => {
    expect(withoutPersonalValues({ hobby: 'chess', segment: 'B2B', age: 40, stray: 1 }, definitions)).toEqual({ segment: 'B2B' });
    expect(withoutPersonalValues({}, definitions)).toEqual({});
  });

  test('filtering on a personal field is FORBIDDEN without the permission, allowed with it', () => {
    const scope = { typeName: 'Contact', column: 'c.custom_fields', definitions: new Map(definitions.map((d) => [d.key, d])) };
    const without = () => customFieldConditions([{ key: 'age', gt: 30 }], { ...scope, personal: false }, new SqlParams());
    expect(without).toThrow('Filtering on the personal custom field "age" requires the personal permission on Contact');
    try {
      without();
    } catch (error) {
      expect((error as { extensions: { code: string } }).extensions.code).toBe('FORBIDDEN');
    }
    const params = new SqlParams();
    expect(customFieldConditions([{ key: 'segment', eq: 'B2B' }], { ...scope, personal: false }, params)).toEqual(['c.custom_fields @> jsonb_build_object($1::text, $2::jsonb)']);
    expect(params.values).toEqual(['segment', '"B2B"']);
    expect(customFieldConditions([{ key: 'age', gt: 30 }], { ...scope, personal: true }, new SqlParams())).toHaveLength(1);
  });
});

describe('through the API', () => {
  const harness = useHarness();
  const schema = buildApiSchema(modules).schema;
  let workspace: TestTenant;
  let admin: Client;
  let account: Record<string, any>;
  let contact: Record<string, any>;

  beforeAll(async () => {
    workspace = await harness.createTenant({ name: 'Personal custom fields' });
    admin = workspace.client;
    await define(admin, { object: 'CONTACT', key: 'hobby', label: 'Hobby', type: 'TEXT', personal: true });
    await define(admin, { object: 'CONTACT', key: 'segment', label: 'Segment', type: 'TEXT' });
    await define(admin, { object: 'ACCOUNT', key: 'ceoBirthday', label: 'CEO birthday', type: 'DATE', personal: true });
    account = await create(admin, 'account', { name: 'Personal Co', customFields: { ceoBirthday: '1970-05-01' } });
    contact = await create(admin, 'contact', { lastName: 'Private', accountId: account.id, customFields: { hobby: 'chess', segment: 'B2B' } });
  });

  /** A request of the admin key whose personal permission is narrowed to `personal`. */
  async function restricted(personal: (type: string) => boolean): Promise<RequestContext> {
    const auth = await authenticate(harness.dataSource, new SessionTokens('x'.repeat(32), 900), `Bearer ${workspace.token}`);
    if (!auth.ok) throw new Error('authentication failed');
    const base = createRequestContext({ requestId: 'personal-test', principal: auth.principal, dataSource: harness.dataSource, statementTimeoutMs: 5000 });
    expect(base.can.personal('Contact')).toBe(true);
    // Full reads of personal values are logged before commit: the operation writes.
    base.tx!.readOnly = false;
    return { ...base, can: { ...base.can, personal, personalAccess: (type) => (personal(type) ? 'full' : 'none') } };
  }

  async function execute(ctx: RequestContext, source: string, variableValues?: Record<string, unknown>): Promise<ExecutionResult<Record<string, any>>> {
    try {
      return await graphql({ schema, source, variableValues, contextValue: ctx });
    } finally {
      await ctx.tx?.finish();
    }
  }

  const noPersonalContact = () => restricted((type) => type !== 'Contact');

  test('personal values are left out of Contact.customFields (no error); the account keeps its own', async () => {
    const result = await execute(
      await noPersonalContact(),
      `query($id: ID!, $account: ID!) {
        contact(id: $id) { id customFields }
        contacts { nodes { id customFields } }
        account(id: $account) { customFields contacts { nodes { customFields } } }
      }`,
      { id: contact.id, account: account.id },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      contact: { id: contact.id, customFields: { segment: 'B2B' } },
      contacts: { nodes: [{ id: contact.id, customFields: { segment: 'B2B' } }] },
      account: { customFields: { ceoBirthday: '1970-05-01' }, contacts: { nodes: [{ customFields: { segment: 'B2B' } }] } },
    });
  });

  test('without any personal permission, the account’s personal value is left out too', async () => {
    const result = await execute(await restricted(() => false), `query($id: ID!) { account(id: $id) { name customFields } }`, { id: account.id });
    expect(result).toEqual({ data: { account: { name: 'Personal Co', customFields: {} } } });
  });

  test('filtering on a personal field is FORBIDDEN; on the others it works', async () => {
    const forbidden = await execute(await noPersonalContact(), `{ contacts(where: { customFields: [{ key: "hobby", eq: "chess" }] }) { nodes { id } } }`);
    expect(forbidden.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
      ['FORBIDDEN', 'Filtering on the personal custom field "hobby" requires the personal permission on Contact'],
    ]);
    const nested = await execute(
      await noPersonalContact(),
      `query($id: ID!) { account(id: $id) { contacts(where: { or: [{ customFields: [{ key: "hobby", isNull: false }] }] }) { nodes { id } } } }`,
      { id: account.id },
    );
    expect(nested.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
    const allowed = await execute(await noPersonalContact(), `{ contacts(where: { customFields: [{ key: "segment", eq: "B2B" }] }) { nodes { id customFields } } }`);
    expect(allowed).toEqual({ data: { contacts: { nodes: [{ id: contact.id, customFields: { segment: 'B2B' } }] } } });
    const accountFilter = await execute(await noPersonalContact(), `{ accounts(where: { customFields: [{ key: "ceoBirthday", lt: "1980-01-01" }] }) { nodes { id } } }`);
    expect(accountFilter).toEqual({ data: { accounts: { nodes: [{ id: account.id }] } } });
  });

  test('the definitions tell the caller which fields it cannot see', async () => {
    const result = await execute(await noPersonalContact(), `{ customFieldDefinitions { key personal visibleToCaller } }`);
    expect(result.data?.customFieldDefinitions).toEqual([
      { key: 'ceoBirthday', personal: true, visibleToCaller: true },
      { key: 'hobby', personal: true, visibleToCaller: false },
      { key: 'segment', personal: false, visibleToCaller: true },
    ]);
  });

  test('the workspace keys ADMIN and SERVICE_AGENT (personal: full) have the personal permission: they see and filter on everything', async () => {
    for (const client of [admin, await memberClient(harness, workspace)]) {
      const data = dataOf(
        await client.request(`query($id: ID!) {
          contact(id: $id) { customFields }
          contacts(where: { customFields: [{ key: "hobby", eq: "chess" }] }) { nodes { id } }
          customFieldDefinitions(object: CONTACT) { key visibleToCaller }
        }`, { id: contact.id }),
      );
      expect(data).toEqual({
        contact: { customFields: { hobby: 'chess', segment: 'B2B' } },
        contacts: { nodes: [{ id: contact.id }] },
        customFieldDefinitions: [
          { key: 'hobby', visibleToCaller: true },
          { key: 'segment', visibleToCaller: true },
        ],
      });
    }
  });
});
