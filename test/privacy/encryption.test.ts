/**
 * Encryption at rest: sensitive values (Contact.birthDate, sensitive custom fields) are sealed with
 * the workspace's data key (AES-256-GCM), which is stored only wrapped by a master key from
 * DATA_MASTER_KEYS. Rotation re-wraps data keys without touching the data; destroying a key
 * (crypto-shredding, also on purge) makes the sealed values unreadable for good.
 */
import { randomBytes } from 'node:crypto';
import { inspect } from 'node:util';
import { QueryRunner } from 'typeorm';
import { loadConfig } from '../../src/config';
import { createApiKey } from '../../src/platform/api-keys';
import {
  MasterKeyring,
  dataKeyInTenantTransaction,
  dataKeyOf,
  destroyDataKey,
  developmentKeyring,
  openValue,
  parseMasterKeys,
  rewrapDataKeys,
  sealValue,
} from '../../src/platform/encryption';
import { purgeDueTenants, scheduleDeletion } from '../../src/platform/lifecycle';
import { createReseller } from '../../src/platform/resellers';
import { TenantRecord, provisionTenant } from '../../src/platform/tenants';
import { RunningApp, startApp } from '../../src/server';
import { captureLogs } from '../ops/log-capture';
import { Client, GraphQLResponse, TestTenant, dataOf, errorCodes, testAppConfig, uniqueSlug, useHarness } from '../support/harness';
import { internalsIn, tenantRow, uuidOfId } from '../support/security-helpers';

const logs = captureLogs('error');
const harness = useHarness({ logger: logs.logger });
const SYSTEM = { kind: 'system', id: 'encryption-test' } as const;
const DEV = developmentKeyring();

const CREATE = `mutation($input: CreateContactInput!) { createContact(input: $input) { contact { id birthDate customFields } userErrors { field message code } } }`;
const UPDATE = `mutation($input: UpdateContactInput!) { updateContact(input: $input) { contact { id birthDate } userErrors { field message code } } }`;
const BIRTH_DATE = `query($id: ID!) { contact(id: $id) { id lastName birthDate } }`;
const CUSTOM = `query($id: ID!) { contact(id: $id) { id customFields } }`;
const DEFINE = `mutation($input: CreateCustomFieldDefinitionInput!) {
  createCustomFieldDefinition(input: $input) { customFieldDefinition { id key personal sensitive } userErrors { field message code } }
}`;

/** A client of another app instance (another master key configuration) on the same database. */
const clientOf = (app: RunningApp, token: string): Client => ({
  async request(query, variables) {
    const response = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
    return { status: response.status, ...((await response.json()) as object) };
  },
});

async function createContact(client: Client, input: Record<string, unknown>): Promise<Record<string, any>> {
  const payload = dataOf(await client.request(CREATE, { input: { lastName: 'Sealed', ...input } })).createContact;
  expect(payload.userErrors).toEqual([]);
  return payload.contact;
}

const birthDateOf = async (client: Client, id: string): Promise<GraphQLResponse> => client.request(BIRTH_DATE, { id });
const sealedColumn = async (tenant: TenantRecord, id: string): Promise<Buffer | null> => (await tenantRow(harness.dataSource, tenant.schemaName, 'contacts', uuidOfId(id))).birth_date_sealed;
const storedKey = async (tenantId: string): Promise<{ wrapped_key: Buffer | null; master_key_id: string | null; destroyed_at: Date | null; rewrapped_at: Date | null } | undefined> =>
  (await harness.dataSource.query('SELECT wrapped_key, master_key_id, destroyed_at, rewrapped_at FROM control.tenant_data_keys WHERE tenant_id = $1', [tenantId]))[0];
const newKeyring = (...keys: [string, Buffer][]): MasterKeyring => new MasterKeyring(keys.map(([id, key]) => ({ id, key })));

let workspace: TestTenant;

beforeAll(async () => {
  workspace = await harness.createTenant({ name: 'Encryption' });
});

describe('sealed birth date', () => {
  test('round-trips through the API: create, read, change, clear', async () => {
    const contact = await createContact(workspace.client, { birthDate: '1984-02-29' });
    expect(contact.birthDate).toBe('1984-02-29');
    expect(dataOf(await birthDateOf(workspace.client, contact.id)).contact.birthDate).toBe('1984-02-29');

    const changed = dataOf(await workspace.client.request(UPDATE, { input: { id: contact.id, birthDate: '1990-12-31' } })).updateContact;
    expect(changed.contact.birthDate).toBe('1990-12-31');
    const cleared = dataOf(await workspace.client.request(UPDATE, { input: { id: contact.id, birthDate: null } })).updateContact;
    expect(cleared.contact.birthDate).toBeNull();
    expect(await sealedColumn(workspace.tenant, contact.id)).toBeNull();
  });

  test('the column holds versioned AES-GCM bytes, no plaintext, a fresh IV per value', async () => {
    const first = await createContact(workspace.client, { birthDate: '1975-06-15' });
    const second = await createContact(workspace.client, { birthDate: '1975-06-15' });
    const a = (await sealedColumn(workspace.tenant, first.id))!;
    const b = (await sealedColumn(workspace.tenant, second.id))!;
    expect(Buffer.isBuffer(a)).toBe(true);
    expect(a[0]).toBe(0x01);
    // version | iv (12) | tag (16) | ciphertext (as long as "1975-06-15")
    expect(a.length).toBe(1 + 12 + 16 + '1975-06-15'.length);
    for (const needle of ['1975-06-15', '1975', '06-15']) expect(a.includes(Buffer.from(needle))).toBe(false);
    expect(a.equals(b)).toBe(false);
    expect(a.subarray(1, 13).equals(b.subarray(1, 13))).toBe(false);
  });

  test('the data key is read once per request, whatever the number of sealed values', async () => {
    for (let i = 0; i < 20; i++) await createContact(workspace.client, { birthDate: `2000-01-${String(i + 1).padStart(2, '0')}` });
    const statements = async (first: number, fields: string) => {
      const response = await workspace.client.request(`{ contacts(first: ${first}) { nodes { id ${fields} } } }`);
      const nodes = dataOf(response).contacts.nodes;
      expect(nodes).toHaveLength(first);
      return response.extensions!.sqlStatements as number;
    };
    const withBirthDates20 = await statements(20, 'email birthDate');
    expect(await statements(2, 'email birthDate')).toBe(withBirthDates20);
    // The data key costs two statements in the operation's transaction (step out of the tenant role,
    // read the key and step back), nothing per value.
    expect(withBirthDates20).toBe((await statements(20, 'email')) + 2);
  });

  test('masked access sees no sensitive value (null, without opening it); no access is FORBIDDEN', async () => {
    const contact = await createContact(workspace.client, { birthDate: '1961-03-03' });
    const { client: readOnly } = await harness.keyFor(workspace.tenant, { role: 'read_only' });
    const masked = await readOnly.request(`query($id: ID!) { contact(id: $id) { lastName birthDate } }`, { id: contact.id });
    expect(masked.errors).toBeUndefined();
    expect(masked.data!.contact).toEqual({ lastName: 'S•••', birthDate: null });
    expect(masked.extensions!.sqlStatements).toBe((await readOnly.request(`query($id: ID!) { contact(id: $id) { lastName } }`, { id: contact.id })).extensions!.sqlStatements);
    const { client: analyst } = await harness.keyFor(workspace.tenant, { role: 'analyst' });
    const none = await analyst.request(`query($id: ID!) { contact(id: $id) { id birthDate } }`, { id: contact.id });
    expect(none.errors!.map((e) => [e.path, e.extensions!.code])).toEqual([[['contact', 'birthDate'], 'FORBIDDEN']]);
  });
});

describe('data keys per workspace', () => {
  test('two workspaces have different data keys, each bound to its workspace', async () => {
    const other = await harness.createTenant({ name: 'Encryption other' });
    const [mine, theirs] = await Promise.all([storedKey(workspace.tenant.id), storedKey(other.tenant.id)]);
    expect(mine!.master_key_id).toBe('dev-insecure');
    expect(mine!.wrapped_key!.equals(theirs!.wrapped_key!)).toBe(false);
    const [keyA, keyB] = await Promise.all([dataKeyOf(harness.dataSource, DEV, workspace.tenant.id), dataKeyOf(harness.dataSource, DEV, other.tenant.id)]);
    expect(keyA.length).toBe(32);
    expect(keyA.equals(keyB)).toBe(false);
    // The wrapped key is bound to its tenant: moved to another tenant's row it does not unwrap.
    await harness.dataSource.query('UPDATE control.tenant_data_keys SET wrapped_key = $2 WHERE tenant_id = $1', [other.tenant.id, mine!.wrapped_key]);
    await expect(dataKeyOf(harness.dataSource, DEV, other.tenant.id)).rejects.toThrow(/failed authentication/);
  });

  test('a sealed value copied to another workspace does not open there: an internal error, logged, never garbage', async () => {
    const other = await harness.createTenant({ name: 'Encryption target' });
    const source = await createContact(workspace.client, { birthDate: '1961-04-12' });
    const target = await createContact(other.client, { birthDate: '2001-01-01' });
    await harness.dataSource.query(`UPDATE "${other.tenant.schemaName}".contacts SET birth_date_sealed = $2 WHERE id = $1`, [uuidOfId(target.id), await sealedColumn(workspace.tenant, source.id)]);
    logs.clear();
    const response = await birthDateOf(other.client, target.id);
    expect(errorCodes(response)).toEqual(['INTERNAL_SERVER_ERROR']);
    expect(response.data?.contact.birthDate).toBeNull();
    expect(response.data?.contact.lastName).toBe('Sealed');
    expect(JSON.stringify(response)).not.toMatch(/1961|2001/);
    expect(internalsIn(response)).toEqual([]);
    const logged = await logs.waitFor((entry) => /failed authentication/.test(entry.err?.message ?? ''));
    expect(logged.requestId).toBe(response.errors![0].extensions!.requestId);
    expect(logs.lines.join('')).not.toMatch(/1961-04-12/);
  });

  test('an altered byte is detected, not decrypted to something else', async () => {
    const contact = await createContact(workspace.client, { birthDate: '1999-09-09' });
    const sealed = Buffer.from((await sealedColumn(workspace.tenant, contact.id))!);
    sealed[sealed.length - 1] ^= 0x01;
    await harness.dataSource.query(`UPDATE "${workspace.tenant.schemaName}".contacts SET birth_date_sealed = $2 WHERE id = $1`, [uuidOfId(contact.id), sealed]);
    const response = await birthDateOf(workspace.client, contact.id);
    expect(errorCodes(response)).toEqual(['INTERNAL_SERVER_ERROR']);
    expect(response.data?.contact.birthDate).toBeNull();
  });

  test('a workspace provisioned without a key gets one on first use, once, even under concurrent first writes', async () => {
    const tenant = await provisionTenant(harness.dataSource, SYSTEM, { slug: uniqueSlug('enc'), name: 'Lazy key', planCode: 'professional', seats: 5 });
    expect(await storedKey(tenant.id)).toBeUndefined();
    const { token } = await createApiKey(harness.dataSource, { kind: 'tenant', tenantId: tenant.id, role: 'admin', name: 'test key' });
    const client = harness.client(token);
    const dates = ['1980-01-01', '1981-02-02', '1982-03-03', '1983-04-04', '1984-05-05', '1985-06-06'];
    const contacts = await Promise.all(dates.map((birthDate) => createContact(client, { birthDate })));
    const rows = await harness.dataSource.query('SELECT master_key_id FROM control.tenant_data_keys WHERE tenant_id = $1', [tenant.id]);
    expect(rows).toEqual([{ master_key_id: 'dev-insecure' }]);
    for (const [i, contact] of contacts.entries()) expect(dataOf(await birthDateOf(client, contact.id)).contact.birthDate).toBe(dates[i]);
  });
});

describe('reading the data key inside the operation transaction', () => {
  /** Runs work in a transaction as the workspace's role, as an operation does; always rolls back. */
  async function asWorkspace<T>(tenant: TenantRecord, readOnly: boolean, work: (db: QueryRunner) => Promise<T>): Promise<T> {
    const runner = harness.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(readOnly ? 'BEGIN READ ONLY' : 'BEGIN');
      await runner.query(`SET LOCAL search_path TO "${tenant.schemaName}"; SET LOCAL ROLE "${tenant.roleName}"`);
      return await work(runner);
    } finally {
      await runner.query('ROLLBACK').catch(() => undefined);
      await runner.release();
    }
  }

  test('steps out of the tenant role for the read only: the next statement runs as the tenant role again', async () => {
    const after = await asWorkspace(workspace.tenant, true, async (db) => {
      const key = await dataKeyInTenantTransaction(db, workspace.tenant, DEV, workspace.tenant.id, { create: false });
      expect(key.equals(await dataKeyOf(harness.dataSource, DEV, workspace.tenant.id))).toBe(true);
      const [{ role }] = await db.query('SELECT current_user AS role');
      const control = await db.query('SELECT count(*) FROM control.tenants').then(
        () => 'allowed',
        (error: { driverError?: { code?: string } }) => error.driverError?.code,
      );
      return { role, control };
    });
    expect(after).toEqual({ role: workspace.tenant.roleName, control: '42501' });
  });

  test('a read never creates a key; a failed read leaves the transaction aborted, not elevated', async () => {
    const keyless = await provisionTenant(harness.dataSource, SYSTEM, { slug: uniqueSlug('enc'), name: 'Keyless', planCode: 'professional', seats: 5 });
    await asWorkspace(keyless, true, async (db) => {
      await expect(dataKeyInTenantTransaction(db, keyless, DEV, keyless.id, { create: false })).rejects.toThrow(/has no data key/);
      const [{ role }] = await db.query('SELECT current_user AS role');
      expect(role).toBe(keyless.roleName);
    });
    expect(await storedKey(keyless.id)).toBeUndefined();
    // The reading statement fails after the role was dropped (here: the role to return to is gone).
    await asWorkspace(keyless, true, async (db) => {
      await expect(dataKeyInTenantTransaction(db, { roleName: 't_gone_role' }, DEV, workspace.tenant.id, { create: false })).rejects.toThrow(/t_gone_role/);
      await expect(db.query('SELECT count(*) FROM control.tenants')).rejects.toThrow(/current transaction is aborted/);
    });
  });
});

describe('rotation', () => {
  const apps: RunningApp[] = [];
  const start = async (keyring: MasterKeyring) => {
    const app = await startApp(testAppConfig({ dataMasterKeys: keyring }), harness.dataSource);
    apps.push(app);
    return app;
  };
  afterAll(async () => {
    for (const app of apps) await app.stop();
  });

  test('re-wraps data keys under the new master key; the sealed data is untouched and reads with the new key alone', async () => {
    const rotated = await harness.createTenant({ name: 'Rotated' });
    const contact = await createContact(rotated.client, { birthDate: '1970-01-01' });
    const sealedBefore = await sealedColumn(rotated.tenant, contact.id);
    const before = (await storedKey(rotated.tenant.id))!;
    const dataKeyBefore = await dataKeyOf(harness.dataSource, DEV, rotated.tenant.id);
    const NEW = randomBytes(32);

    // Deployed with DATA_MASTER_KEYS=new:…,dev-insecure:…: new keys are wrapped by "new", old ones still unwrap.
    const both = newKeyring(['new', NEW], ['dev-insecure', DEV.key('dev-insecure')!]);
    const during = await start(both);
    expect(dataOf(await birthDateOf(clientOf(during, rotated.token), contact.id)).contact.birthDate).toBe('1970-01-01');

    // `tenantry keys rewrap` (limited to this test's workspace: other test files share the database).
    const report = await rewrapDataKeys(harness.dataSource, both, { tenantIds: [rotated.tenant.id] });
    expect(report).toEqual({ rewrapped: 1, current: 1, destroyed: 0, remaining: [], failed: [] });
    const after = (await storedKey(rotated.tenant.id))!;
    expect(after.master_key_id).toBe('new');
    expect(after.wrapped_key!.equals(before.wrapped_key!)).toBe(false);
    expect(after.rewrapped_at).not.toBeNull();
    expect((await sealedColumn(rotated.tenant, contact.id))!.equals(sealedBefore!)).toBe(true);
    // The same data key, wrapped anew.
    expect((await dataKeyOf(harness.dataSource, both, rotated.tenant.id)).equals(dataKeyBefore)).toBe(true);

    // A second run has nothing to do.
    expect((await rewrapDataKeys(harness.dataSource, both, { tenantIds: [rotated.tenant.id] })).rewrapped).toBe(0);

    // The old key removed: DATA_MASTER_KEYS=new:… reads the data sealed before the rotation.
    const afterwards = await start(newKeyring(['new', NEW]));
    expect(dataOf(await birthDateOf(clientOf(afterwards, rotated.token), contact.id)).contact.birthDate).toBe('1970-01-01');
    // …and an instance still configured with only the old key cannot unwrap it: an internal error, no garbage.
    const stale = await birthDateOf(rotated.client, contact.id);
    expect(errorCodes(stale)).toEqual(['INTERNAL_SERVER_ERROR']);
    expect(stale.data?.contact.birthDate).toBeNull();
  });

  test('an instance whose DATA_MASTER_KEYS lacks a key that wraps data keys says so in its log at start', async () => {
    const captured = captureLogs('warn');
    apps.push(await startApp(testAppConfig({ dataMasterKeys: newKeyring(['lonely', randomBytes(32)]), logger: captured.logger }), harness.dataSource));
    const warning = captured.entries().find((entry) => /DATA_MASTER_KEYS does not list/.test(entry.msg));
    expect(warning?.masterKeyIds).toContain('dev-insecure');
    expect(warning?.workspaces).toBeGreaterThan(0);
    expect(captured.lines.join('')).not.toContain(DEV.key('dev-insecure')!.toString('base64'));
  });

  test('keys under a master key the keyring lacks, and destroyed keys, are reported and left alone', async () => {
    const unknown = await harness.createTenant({ name: 'Unknown master' });
    const shredded = await harness.createTenant({ name: 'Shredded' });
    await destroyDataKey(harness.dataSource, shredded.tenant.id);
    const before = (await storedKey(unknown.tenant.id))!;
    const report = await rewrapDataKeys(harness.dataSource, newKeyring(['next', randomBytes(32)]), { tenantIds: [unknown.tenant.id, shredded.tenant.id] });
    expect(report).toEqual({ rewrapped: 0, current: 0, destroyed: 1, remaining: [{ masterKeyId: 'dev-insecure', count: 1 }], failed: [] });
    expect((await storedKey(unknown.tenant.id))!.wrapped_key!.equals(before.wrapped_key!)).toBe(true);
  });

  test('a configured key with the wrong bytes fails that workspace only, and keeps its key as it was', async () => {
    const fine = await harness.createTenant({ name: 'Fine' });
    const wrong = await harness.createTenant({ name: 'Wrong bytes' });
    await harness.dataSource.query(`UPDATE control.tenant_data_keys SET master_key_id = 'old-b' WHERE tenant_id = $1`, [wrong.tenant.id]);
    await harness.dataSource.query(`UPDATE control.tenant_data_keys SET master_key_id = 'old-a' WHERE tenant_id = $1`, [fine.tenant.id]);
    const rotation = newKeyring(['next', randomBytes(32)], ['old-a', DEV.key('dev-insecure')!], ['old-b', randomBytes(32)]);
    const report = await rewrapDataKeys(harness.dataSource, rotation, { tenantIds: [fine.tenant.id, wrong.tenant.id] });
    expect(report.rewrapped).toBe(1);
    expect(report.failed).toEqual([wrong.tenant.id]);
    expect(report.remaining).toEqual([{ masterKeyId: 'old-b', count: 1 }]);
    expect((await storedKey(fine.tenant.id))!.master_key_id).toBe('next');
  });
});

describe('crypto-shredding', () => {
  test('a destroyed key: reads and writes of sealed values answer DATA_KEY_DESTROYED; other fields still work', async () => {
    const doomed = await harness.createTenant({ name: 'Doomed' });
    const field = dataOf(await doomed.client.request(DEFINE, { input: { object: 'CONTACT', key: 'diagnosis', label: 'Diagnosis', type: 'TEXT', personal: true, sensitive: true } }));
    expect(field.createCustomFieldDefinition.userErrors).toEqual([]);
    const contact = await createContact(doomed.client, { birthDate: '1950-05-05', customFields: { diagnosis: 'Asthma' } });
    const sealed = (await sealedColumn(doomed.tenant, contact.id))!;

    expect(await destroyDataKey(harness.dataSource, doomed.tenant.id)).toBe(true);
    expect(await destroyDataKey(harness.dataSource, doomed.tenant.id)).toBe(false);
    const key = (await storedKey(doomed.tenant.id))!;
    expect(key.wrapped_key).toBeNull();
    expect(key.master_key_id).toBeNull();
    expect(key.destroyed_at).not.toBeNull();

    const read = await birthDateOf(doomed.client, contact.id);
    expect(errorCodes(read)).toEqual(['DATA_KEY_DESTROYED']);
    expect(read.errors![0].path).toEqual(['contact', 'birthDate']);
    expect(read.errors![0].message).toMatch(/encryption key was destroyed/);
    expect(internalsIn(read)).toEqual([]);
    expect(read.data?.contact.lastName).toBe('Sealed');
    expect(errorCodes(await doomed.client.request(CUSTOM, { id: contact.id }))).toEqual(['DATA_KEY_DESTROYED']);

    const write = await doomed.client.request(CREATE, { input: { lastName: 'Never', birthDate: '2010-10-10' } });
    expect(errorCodes(write)).toEqual(['DATA_KEY_DESTROYED']);
    expect(dataOf(await doomed.client.request('{ contacts(first: 100) { nodes { lastName } } }')).contacts.nodes.map((c: any) => c.lastName)).toEqual(['Sealed']);
    // No key is created again for the workspace.
    await expect(dataKeyOf(harness.dataSource, DEV, doomed.tenant.id)).rejects.toThrow(/destroyed/);

    // What is left in the database opens with none of the configured master keys.
    for (const id of DEV.ids) expect(() => openValue(DEV.key(id)!, doomed.tenant.id, sealed)).toThrow(/failed authentication/);
  });

  test('purging a workspace destroys its data key in the same transaction', async () => {
    const reseller = await createReseller(harness.dataSource, SYSTEM, { code: uniqueSlug('enc'), name: 'Encryption reseller' });
    const tenant = await provisionTenant(harness.dataSource, SYSTEM, { slug: uniqueSlug('purge'), name: 'Purged', planCode: 'professional', seats: 5, resellerId: reseller.id }, { keyring: DEV });
    expect((await storedKey(tenant.id))!.wrapped_key).not.toBeNull();
    await scheduleDeletion(harness.dataSource, SYSTEM, tenant.id, { resellerId: reseller.id }, 0);
    expect(await purgeDueTenants(harness.dataSource, SYSTEM, { resellerId: reseller.id })).toEqual([tenant.slug]);
    const key = (await storedKey(tenant.id))!;
    expect(key.wrapped_key).toBeNull();
    expect(key.destroyed_at).not.toBeNull();
  });
});

describe('sensitive custom fields', () => {
  let client: Client;
  let tenant: TenantRecord;
  beforeAll(async () => {
    const sensitive = await harness.createTenant({ name: 'Sensitive fields' });
    ({ client, tenant } = sensitive);
    for (const input of [
      { key: 'religion', label: 'Religion', type: 'PICKLIST', picklistValues: ['none', 'other'] },
      { key: 'allowance', label: 'Allowance', type: 'MONEY' },
      { key: 'allergies', label: 'Allergies', type: 'TEXT' },
    ]) {
      const payload = dataOf(await client.request(DEFINE, { input: { object: 'CONTACT', personal: true, sensitive: true, ...input } })).createCustomFieldDefinition;
      expect(payload.userErrors).toEqual([]);
      expect(payload.customFieldDefinition).toMatchObject({ personal: true, sensitive: true });
    }
    dataOf(await client.request(DEFINE, { input: { object: 'CONTACT', key: 'shoeSize', label: 'Shoe size', type: 'NUMBER' } }));
  });

  test('a sensitive field must be personal', async () => {
    const payload = dataOf(await client.request(DEFINE, { input: { object: 'CONTACT', key: 'bloodType', label: 'Blood type', type: 'TEXT', sensitive: true } })).createCustomFieldDefinition;
    expect(payload.customFieldDefinition).toBeNull();
    expect(payload.userErrors).toEqual([{ field: ['input', 'sensitive'], code: 'INVALID', message: expect.stringMatching(/personal: true/) }]);
  });

  test('values round-trip, are stored sealed, and change', async () => {
    const values = { religion: 'other', allowance: { amount: '12.50', currency: 'EUR' }, allergies: 'Peanuts', shoeSize: 43 };
    const contact = await createContact(client, { customFields: values });
    expect(contact.customFields).toEqual(values);
    expect(dataOf(await client.request(CUSTOM, { id: contact.id })).contact.customFields).toEqual(values);

    const stored = (await tenantRow(harness.dataSource, tenant.schemaName, 'contacts', uuidOfId(contact.id))).custom_fields;
    expect(stored.shoeSize).toBe(43);
    for (const key of ['religion', 'allowance', 'allergies']) {
      expect(Object.keys(stored[key])).toEqual(['$sealed']);
      expect(Buffer.from(stored[key].$sealed, 'base64')[0]).toBe(0x01);
    }
    expect(JSON.stringify(stored)).not.toMatch(/Peanuts|12\.50|EUR|other/);

    const updated = dataOf(await client.request(`mutation($input: UpdateContactInput!) { updateContact(input: $input) { contact { customFields } userErrors { message } } }`, {
      input: { id: contact.id, customFields: { allergies: 'Pollen', religion: null } },
    })).updateContact;
    expect(updated.contact.customFields).toEqual({ allowance: values.allowance, allergies: 'Pollen', shoeSize: 43 });
  });

  test('a sealed value does not open under another key of the same record (bound to its field)', async () => {
    const contact = await createContact(client, { customFields: { allergies: 'Latex' } });
    const uuid = uuidOfId(contact.id);
    await harness.dataSource.query(`UPDATE "${tenant.schemaName}".contacts SET custom_fields = jsonb_build_object('religion', custom_fields -> 'allergies') WHERE id = $1`, [uuid]);
    const response = await client.request(CUSTOM, { id: contact.id });
    expect(errorCodes(response)).toEqual(['INTERNAL_SERVER_ERROR']);
    expect(JSON.stringify(response)).not.toMatch(/Latex/);
  });

  test('cannot be filtered on, except whether a value is there', async () => {
    const withValue = await createContact(client, { customFields: { allergies: 'Dust' } });
    const refused = await client.request(`{ contacts(first: 10, where: { customFields: [{ key: "allergies", eq: "Dust" }] }) { nodes { id } } }`);
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors![0].message).toMatch(/"allergies" is sensitive and encrypted at rest: it cannot be filtered with "eq", only with "isNull"/);
    const contains = await client.request(`{ contacts(first: 10, where: { customFields: [{ key: "allergies", contains: "us" }] }) { nodes { id } } }`);
    expect(errorCodes(contains)).toEqual(['BAD_USER_INPUT']);
    const present = dataOf(await client.request(`{ contacts(first: 100, where: { customFields: [{ key: "allergies", isNull: false }] }) { nodes { id } } }`));
    expect(present.contacts.nodes.map((n: any) => n.id)).toContain(withValue.id);
  });

  test('callers without the personal permission do not see them (as other personal fields)', async () => {
    const contact = await createContact(client, { customFields: { allergies: 'Gluten', shoeSize: 38 } });
    const { client: analyst } = await harness.keyFor(tenant, { role: 'analyst' });
    expect(dataOf(await analyst.request(CUSTOM, { id: contact.id })).contact.customFields).toEqual({ shoeSize: 38 });
  });
});

describe('configuration', () => {
  const key = (byte: number) => Buffer.alloc(32, byte).toString('base64');
  const PRODUCTION = { NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x', SESSION_SIGNING_KEY: 's'.repeat(40) };

  test('production refuses to start without DATA_MASTER_KEYS, or with the development key', () => {
    expect(() => loadConfig(PRODUCTION)).toThrow(/DATA_MASTER_KEYS is required in production/);
    expect(() => loadConfig({ ...PRODUCTION, DATA_MASTER_KEYS: `dev-insecure:${key(1)}` })).toThrow(/public development key/);
    const devBytes = DEV.key('dev-insecure')!.toString('base64');
    expect(() => loadConfig({ ...PRODUCTION, DATA_MASTER_KEYS: `k1:${key(1)},renamed:${devBytes}` })).toThrow(/public development key/);
    const config = loadConfig({ ...PRODUCTION, DATA_MASTER_KEYS: `k2026:${key(2)}, k2025:${key(1)}` });
    expect(config.dataMasterKeys.currentId).toBe('k2026');
    expect(config.dataMasterKeys.ids).toEqual(['k2026', 'k2025']);
    expect(config.dataMasterKeys.key('k2025')!.equals(Buffer.alloc(32, 1))).toBe(true);
  });

  test('development uses the public development key unless DATA_MASTER_KEYS is set', () => {
    expect(loadConfig({}).dataMasterKeys.ids).toEqual(['dev-insecure']);
    expect(loadConfig({ DATA_MASTER_KEYS: `local:${Buffer.alloc(32, 3).toString('base64url')}` }).dataMasterKeys.ids).toEqual(['local']);
  });

  test.each([
    ['no id', key(1), /entry 1: expected "id:base64-key"/],
    ['a bad id', `Key One:${key(1)}`, /key id "Key One" is invalid/],
    ['a too long id', `${'k'.repeat(33)}:${key(1)}`, /is invalid/],
    ['not base64', 'k1:not*base64!', /entry 1 \(id "k1"\): the key is not valid base64/],
    ['31 bytes', `k1:${Buffer.alloc(31, 1).toString('base64')}`, /must be exactly 32 bytes, got 31/],
    ['33 bytes', `k1:${Buffer.alloc(33, 1).toString('base64')}`, /must be exactly 32 bytes, got 33/],
    ['a duplicate id', `k1:${key(1)},k1:${key(2)}`, /key id "k1" is listed twice/],
    ['an empty entry', `k1:${key(1)},`, /entry 2/],
  ])('malformed DATA_MASTER_KEYS (%s) is refused at start, without showing key material', (_name, value, message) => {
    let error: Error | undefined;
    try {
      loadConfig({ ...PRODUCTION, DATA_MASTER_KEYS: value });
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toMatch(message);
    expect(error?.message).not.toContain(key(1));
  });

  test('a keyring prints, logs and serialises as its ids only', () => {
    const keyring = parseMasterKeys(`a:${key(9)},b:${key(8)}`);
    const shown = `${inspect(keyring)} ${JSON.stringify({ keyring })} ${String(keyring)}`;
    expect(shown).toContain('a');
    for (const bytes of [key(9), key(8), Buffer.alloc(32, 9).toString('hex')]) expect(shown).not.toContain(bytes);
  });

  test('sealed values are bound to workspace and context', () => {
    const dataKey = randomBytes(32);
    const sealed = sealValue(dataKey, 'tenant-a', Buffer.from('secret'), 'Contact.birthDate');
    expect(openValue(dataKey, 'tenant-a', sealed, 'Contact.birthDate').toString()).toBe('secret');
    expect(() => openValue(dataKey, 'tenant-b', sealed, 'Contact.birthDate')).toThrow(/failed authentication/);
    expect(() => openValue(dataKey, 'tenant-a', sealed, 'Contact.customFields.x')).toThrow(/failed authentication/);
    expect(() => openValue(dataKey, 'tenant-a', Buffer.concat([Buffer.of(2), sealed.subarray(1)]), 'Contact.birthDate')).toThrow(/failed authentication/);
    expect(() => openValue(dataKey, 'tenant-a', sealed.subarray(0, 20), 'Contact.birthDate')).toThrow(/failed authentication/);
  });
});
