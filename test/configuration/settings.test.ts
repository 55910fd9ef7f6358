/** Workspace settings: seeded defaults, typed updates, optimistic locking, permissions and the admin audit log. */
import { dataOf, errorCodes, uniqueSlug, useHarness } from '../support/harness';
import { GET_SETTINGS, UPDATE_SETTINGS, auditCount, auditLog, memberOf, mutate, mutateOk } from './configuration-helpers';

const harness = useHarness();

test('a new workspace has the seeded defaults: UTC, en-US, EUR, fiscal year from January', async () => {
  const tenant = await harness.createTenant({ name: 'Settings Defaults Ltd' });
  const { workspaceSettings } = dataOf(await tenant.client.request(GET_SETTINGS));
  expect(workspaceSettings).toMatchObject({ name: 'Settings Defaults Ltd', timeZone: 'UTC', locale: 'en-US', defaultCurrency: 'EUR', fiscalYearStartMonth: 1, version: 1 });
});

test('an admin changes the settings; the change is audited with before and after', async () => {
  const tenant = await harness.createTenant();
  const payload = await mutateOk(tenant.client, UPDATE_SETTINGS, { timeZone: 'Europe/Berlin', locale: 'de-DE', defaultCurrency: 'CHF', fiscalYearStartMonth: 4 });
  expect(payload.settings).toMatchObject({ timeZone: 'Europe/Berlin', locale: 'de-DE', defaultCurrency: 'CHF', fiscalYearStartMonth: 4, version: 2 });
  expect(dataOf(await tenant.client.request(GET_SETTINGS)).workspaceSettings).toEqual(payload.settings);

  // Only what is given changes.
  const partial = await mutateOk(tenant.client, UPDATE_SETTINGS, { locale: 'en-GB', expectedVersion: 2 });
  expect(partial.settings).toMatchObject({ timeZone: 'Europe/Berlin', locale: 'en-GB', defaultCurrency: 'CHF', fiscalYearStartMonth: 4, version: 3 });

  const entries = await auditLog(tenant.client, { targetType: 'WorkspaceSettings' });
  expect(entries).toHaveLength(2);
  expect(entries[1]).toMatchObject({
    action: 'workspace_settings.update',
    actorKind: 'api_key',
    targetId: null,
    before: { timeZone: 'UTC', locale: 'en-US', defaultCurrency: 'EUR', fiscalYearStartMonth: 1, version: 1 },
    after: { timeZone: 'Europe/Berlin', locale: 'de-DE', defaultCurrency: 'CHF', fiscalYearStartMonth: 4, version: 2 },
  });
  expect(entries[0]).toMatchObject({ before: { locale: 'de-DE', version: 2 }, after: { locale: 'en-GB', version: 3 } });
});

test('time zones and currencies are stored in their canonical spelling; an unchanged update writes nothing', async () => {
  const tenant = await harness.createTenant();
  const payload = await mutateOk(tenant.client, UPDATE_SETTINGS, { timeZone: 'america/new_york', defaultCurrency: 'usd' });
  expect(payload.settings).toMatchObject({ timeZone: 'America/New_York', defaultCurrency: 'USD', version: 2 });
  const again = await mutateOk(tenant.client, UPDATE_SETTINGS, { timeZone: 'America/New_York' });
  expect(again.settings.version).toBe(2);
  expect(await auditCount(tenant.client)).toBe(1);
});

test('a workspace provisioned with settings shows them until an admin changes something', async () => {
  const slug = uniqueSlug('cfg');
  const provisioned = dataOf(
    await harness.platform.request(
      `mutation($input: ProvisionTenantInput!) { provisionTenant(input: $input) { adminApiKey userErrors { code message } } }`,
      { input: { slug, name: 'Provisioned GmbH', planCode: 'professional', seats: 3, settings: { timeZone: 'Europe/Vienna', locale: 'de-AT', defaultCurrency: 'EUR' } } },
    ),
  ).provisionTenant;
  expect(provisioned.userErrors).toEqual([]);
  const client = harness.client(provisioned.adminApiKey);
  expect(dataOf(await client.request(GET_SETTINGS)).workspaceSettings).toMatchObject({ timeZone: 'Europe/Vienna', locale: 'de-AT', defaultCurrency: 'EUR', fiscalYearStartMonth: 1, version: 1 });
  const changed = await mutateOk(client, UPDATE_SETTINGS, { fiscalYearStartMonth: 7 });
  expect(changed.settings).toMatchObject({ timeZone: 'Europe/Vienna', locale: 'de-AT', fiscalYearStartMonth: 7, version: 2 });
  const [entry] = await auditLog(client, { targetType: 'WorkspaceSettings' });
  expect(entry.before).toMatchObject({ timeZone: 'Europe/Vienna', fiscalYearStartMonth: 1 });
});

describe('bad input writes nothing', () => {
  test('an unknown time zone, locale or currency is refused by the typed scalars', async () => {
    const tenant = await harness.createTenant();
    for (const input of [{ timeZone: 'Mars/Olympus_Mons' }, { locale: 'en_US' }, { defaultCurrency: 'ABC' }]) {
      const response = await tenant.client.request(UPDATE_SETTINGS, { input });
      expect({ input, codes: errorCodes(response) }).toEqual({ input, codes: ['BAD_USER_INPUT'] });
    }
    expect(dataOf(await tenant.client.request(GET_SETTINGS)).workspaceSettings).toMatchObject({ timeZone: 'UTC', locale: 'en-US', defaultCurrency: 'EUR', version: 1 });
    expect(await auditCount(tenant.client)).toBe(0);
  });

  test('a fiscal year start outside 1–12, a cleared setting and a stale version are userErrors', async () => {
    const tenant = await harness.createTenant();
    expect((await mutate(tenant.client, UPDATE_SETTINGS, { fiscalYearStartMonth: 13, timeZone: 'Asia/Tokyo' })).userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'fiscalYearStartMonth'], code: 'OUT_OF_RANGE' }),
    ]);
    expect((await mutate(tenant.client, UPDATE_SETTINGS, { timeZone: null })).userErrors).toEqual([expect.objectContaining({ field: ['input', 'timeZone'], code: 'REQUIRED' })]);
    expect((await mutate(tenant.client, UPDATE_SETTINGS, { timeZone: 'Asia/Tokyo', expectedVersion: 7 })).userErrors).toEqual([
      expect.objectContaining({ field: ['input', 'expectedVersion'], code: 'CONFLICT' }),
    ]);
    expect(dataOf(await tenant.client.request(GET_SETTINGS)).workspaceSettings).toMatchObject({ timeZone: 'UTC', fiscalYearStartMonth: 1, version: 1 });
    expect(await auditCount(tenant.client)).toBe(0);
  });
});

test('a non-admin (service_agent) key reads the settings but cannot change them; anonymous callers cannot read them', async () => {
  const tenant = await harness.createTenant();
  const member = await memberOf(harness, tenant);
  expect(dataOf(await member.request(GET_SETTINGS)).workspaceSettings.timeZone).toBe('UTC');
  const refused = await member.request(UPDATE_SETTINGS, { input: { timeZone: 'Asia/Tokyo' } });
  expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
  expect(errorCodes(await harness.anonymous.request(GET_SETTINGS))).toEqual(['UNAUTHENTICATED']);
  expect(errorCodes(await harness.platform.request(GET_SETTINGS))).toEqual(['FORBIDDEN']);
  expect(dataOf(await tenant.client.request(GET_SETTINGS)).workspaceSettings.timeZone).toBe('UTC');
  // The audit log stays for admins.
  expect(errorCodes(await member.request('{ adminAuditLog { totalCount } }'))).toEqual(['FORBIDDEN']);
});
