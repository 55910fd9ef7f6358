/**
 * Bad input to the control plane: each refusal is a clear userError on the offending input field,
 * and nothing is written — no control row, no schema or role, no key, no audit entry, no change
 * of state.
 */
import { dataOf, errorCodes, useHarness } from '../support/harness';
import { globalId, randomGlobalId } from '../support/security-helpers';
import {
  CANCEL_DELETION,
  CHANGE_PLAN,
  CREATE_RESELLER,
  CREATE_RESELLER_KEY,
  PROVISION,
  ProvisionedTenant,
  RESUME,
  SCHEDULE_DELETION,
  SUSPEND,
  TestReseller,
  auditCountForSlug,
  auditCountOfReseller,
  auditRowsOfTenant,
  controlRow,
  createTestReseller,
  newOrphansDuring,
  provisionThrough,
  schemaExists,
  tenantCountOfReseller,
  tenantRowsWithSlug,
  uniqueCode,
} from '../support/tenant-lifecycle-helpers';

const harness = useHarness();
let reseller: TestReseller;

beforeAll(async () => {
  reseller = await createTestReseller(harness, 'Careless Partners');
});

/** Words of SQL or of the storage layout that must not reach a userError message. */
const INTERNAL = /constraint|violates|duplicate key|_key\b|_check\b|control\.|relation|syntax error|\bt_[0-9a-f]{8,}/i;

/**
 * Sends a provisioning input that must be refused and checks nothing at all was written: returns
 * the single userError.
 */
async function refusedProvision(input: Record<string, unknown>, client = reseller.client): Promise<{ field: string[]; message: string; code: string }> {
  const tenantsBefore = await tenantCountOfReseller(harness.dataSource, reseller.uuid);
  const auditBefore = await auditCountOfReseller(harness.dataSource, reseller.uuid);
  const slugRowsBefore = await tenantRowsWithSlug(harness.dataSource, input.slug as string);
  const slugAuditBefore = await auditCountForSlug(harness.dataSource, input.slug as string);
  let payload: any;
  const orphans = await newOrphansDuring(harness.dataSource, async () => {
    payload = dataOf(await client.request(PROVISION, { input: { name: 'Refused', ...input } })).provisionTenant;
  });
  expect(payload.tenant).toBeNull();
  expect(payload.adminApiKey).toBeNull();
  expect(payload.userErrors).toHaveLength(1);
  expect(payload.userErrors[0].message).not.toMatch(INTERNAL);
  expect(orphans).toEqual({ schemas: [], roles: [] });
  expect(await tenantCountOfReseller(harness.dataSource, reseller.uuid)).toBe(tenantsBefore);
  expect(await auditCountOfReseller(harness.dataSource, reseller.uuid)).toBe(auditBefore);
  expect(await tenantRowsWithSlug(harness.dataSource, input.slug as string)).toBe(slugRowsBefore);
  expect(await auditCountForSlug(harness.dataSource, input.slug as string)).toBe(slugAuditBefore);
  expect(await schemaExists(harness.dataSource, 'control')).toBe(true);
  return payload.userErrors[0];
}

describe('provisionTenant refuses', () => {
  test('a duplicate slug (DUPLICATE), from the same or another caller, keeping the first workspace as it was', async () => {
    const first = await provisionThrough(harness, reseller.client, { planCode: 'starter' });
    const before = await controlRow(harness.dataSource, first.uuid);
    const error = await refusedProvision({ slug: first.slug, planCode: 'professional', seats: 9 });
    expect(error).toEqual({ field: ['input', 'slug'], message: expect.stringContaining('already exists'), code: 'DUPLICATE' });
    const byPlatform = await refusedProvision({ slug: first.slug }, harness.platform);
    expect(byPlatform.code).toBe('DUPLICATE');
    expect(await controlRow(harness.dataSource, first.uuid)).toEqual(before);
    expect(await auditCountForSlug(harness.dataSource, first.slug)).toBe(1);
  });

  test('the same new slug sent concurrently: exactly one workspace, the others DUPLICATE, no half-made schema or role', async () => {
    const slug = uniqueCode('race');
    let responses: any[] = [];
    const orphans = await newOrphansDuring(harness.dataSource, async () => {
      responses = await Promise.all(Array.from({ length: 4 }, () => reseller.client.request(PROVISION, { input: { slug, name: 'Racer', planCode: 'starter' } })));
    });
    const payloads = responses.map((r) => dataOf(r).provisionTenant);
    expect(payloads.filter((p) => p.tenant).length).toBe(1);
    for (const p of payloads.filter((x) => !x.tenant)) expect(p.userErrors).toEqual([expect.objectContaining({ field: ['input', 'slug'], code: 'DUPLICATE' })]);
    expect(orphans).toEqual({ schemas: [], roles: [] });
    expect(await tenantRowsWithSlug(harness.dataSource, slug)).toBe(1);
    expect(await auditCountForSlug(harness.dataSource, slug)).toBe(1);
  });

  const invalidSlugs: [string, string][] = [
    ['reserved "admin"', 'admin'],
    ['reserved "api"', 'api'],
    ['reserved "control"', 'control'],
    ['reserved "postgres"', 'postgres'],
    ['uppercase', 'Acme-Corp'],
    ['all uppercase', 'ACME'],
    ['SQL-ish text', `x'; DROP SCHEMA control CASCADE; --`],
    ['a quoted identifier', 'acme"; DROP ROLE postgres; --'],
    ['an underscore', 'acme_corp'],
    ['a space', 'acme corp'],
    ['too short', 'ab'],
    ['too long', `a${'b'.repeat(40)}`],
    ['a leading digit', '1acme'],
    ['a leading hyphen', '-acme'],
    ['a trailing hyphen', 'acme-'],
    ['consecutive hyphens', 'ac--me'],
    ['non-ASCII letters', 'café'],
    ['the empty string', ''],
  ];

  test.each(invalidSlugs)('an invalid slug: %s', async (_name, slug) => {
    const error = await refusedProvision({ slug });
    expect(error.field).toEqual(['input', 'slug']);
    expect(error.code).toBe(slug === '' ? 'REQUIRED' : 'INVALID');
    expect(error.message.length).toBeGreaterThan(10);
    if (['admin', 'api', 'control', 'postgres'].includes(slug)) expect(error.message).toMatch(/reserved/);
  });

  test('an unknown plan (NOT_FOUND on planCode)', async () => {
    const error = await refusedProvision({ slug: uniqueCode('plan'), planCode: 'platinum-unknown' });
    expect(error).toEqual({ field: ['input', 'planCode'], message: expect.stringContaining('platinum-unknown'), code: 'NOT_FOUND' });
  });

  test.each([
    ['0 seats', 0],
    ['negative seats', -3],
    ['more seats than the plan allows', 6],
  ])('%s (OUT_OF_RANGE on seats)', async (_name, seats) => {
    const error = await refusedProvision({ slug: uniqueCode('seat'), planCode: 'starter', seats });
    expect(error).toMatchObject({ field: ['input', 'seats'], code: 'OUT_OF_RANGE' });
  });

  test('an unknown reseller chosen by the platform (NOT_FOUND on resellerId)', async () => {
    const slug = uniqueCode('nores');
    const error = await refusedProvision({ slug, resellerId: randomGlobalId('Reseller') }, harness.platform);
    expect(error).toMatchObject({ field: ['input', 'resellerId'], code: 'NOT_FOUND' });
    const wrongType = await refusedProvision({ slug, resellerId: globalId('Tenant', reseller.uuid) }, harness.platform);
    expect(wrongType).toMatchObject({ field: ['input', 'resellerId'], code: 'NOT_FOUND' });
  });

  test('a blank name (REQUIRED) and a first admin without a name (REQUIRED)', async () => {
    expect(await refusedProvision({ slug: uniqueCode('noname'), name: '' })).toMatchObject({ field: ['input', 'name'], code: 'REQUIRED' });
    expect(await refusedProvision({ slug: uniqueCode('noadm'), firstAdmin: { email: 'ok@example.com', name: '' } })).toMatchObject({
      field: ['input', 'firstAdmin', 'name'],
      code: 'REQUIRED',
    });
  });

  test('a malformed first-admin e-mail is refused before anything runs (BAD_USER_INPUT)', async () => {
    const slug = uniqueCode('mail');
    const response = await reseller.client.request(PROVISION, { input: { slug, name: 'X', firstAdmin: { email: 'not-an-email', name: 'X' } } });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(await tenantRowsWithSlug(harness.dataSource, slug)).toBe(0);
  });
});

describe('lifecycle steps in the wrong state', () => {
  let workspace: ProvisionedTenant;
  beforeAll(async () => {
    workspace = await provisionThrough(harness, reseller.client, { planCode: 'starter' });
  });

  /** Runs a refused step and checks state and audit trail are untouched; returns the userErrors. */
  async function refusedStep(mutation: string, field: string, input: Record<string, unknown>): Promise<{ field: string[]; message: string; code: string }[]> {
    const before = await controlRow(harness.dataSource, workspace.uuid);
    const audit = await auditRowsOfTenant(harness.dataSource, workspace.uuid);
    const payload = dataOf(await reseller.client.request(mutation, { input: { tenantId: workspace.id, ...input } }))[field];
    expect(payload.tenant).toBeNull();
    expect(await controlRow(harness.dataSource, workspace.uuid)).toEqual(before);
    expect(await auditRowsOfTenant(harness.dataSource, workspace.uuid)).toEqual(audit);
    for (const error of payload.userErrors) expect(error.message).not.toMatch(INTERNAL);
    return payload.userErrors;
  }

  test('while ACTIVE: resume and cancelTenantDeletion answer INVALID_STATE', async () => {
    expect(await refusedStep(RESUME, 'resumeTenant', {})).toEqual([{ field: ['input', 'tenantId'], message: expect.stringMatching(/resume.*active/i), code: 'INVALID_STATE' }]);
    expect(await refusedStep(CANCEL_DELETION, 'cancelTenantDeletion', {})).toEqual([
      { field: ['input', 'tenantId'], message: expect.stringMatching(/cancel the deletion.*active/i), code: 'INVALID_STATE' },
    ]);
  });

  test('changeTenantPlan to an unknown plan: NOT_FOUND on planCode', async () => {
    expect(await refusedStep(CHANGE_PLAN, 'changeTenantPlan', { planCode: 'no-such-plan' })).toEqual([
      { field: ['input', 'planCode'], message: expect.stringContaining('no-such-plan'), code: 'NOT_FOUND' },
    ]);
  });

  test.each([
    ['-1', -1],
    ['366', 366],
  ])('scheduleTenantDeletion with %s grace days: OUT_OF_RANGE on graceDays', async (_name, graceDays) => {
    expect(await refusedStep(SCHEDULE_DELETION, 'scheduleTenantDeletion', { graceDays })).toEqual([
      { field: ['input', 'graceDays'], message: expect.stringContaining('0–365'), code: 'OUT_OF_RANGE' },
    ]);
  });

  test('while SUSPENDED: suspend again and cancelTenantDeletion answer INVALID_STATE', async () => {
    expect(dataOf(await reseller.client.request(SUSPEND, { input: { tenantId: workspace.id } })).suspendTenant.userErrors).toEqual([]);
    expect(await refusedStep(SUSPEND, 'suspendTenant', {})).toEqual([expect.objectContaining({ code: 'INVALID_STATE', field: ['input', 'tenantId'] })]);
    expect(await refusedStep(CANCEL_DELETION, 'cancelTenantDeletion', {})).toEqual([expect.objectContaining({ code: 'INVALID_STATE', field: ['input', 'tenantId'] })]);
    expect(dataOf(await reseller.client.request(RESUME, { input: { tenantId: workspace.id } })).resumeTenant.userErrors).toEqual([]);
  });

  test('while PENDING_DELETION: schedule again, suspend, resume and plan changes answer INVALID_STATE', async () => {
    expect(dataOf(await reseller.client.request(SCHEDULE_DELETION, { input: { tenantId: workspace.id, graceDays: 20 } })).scheduleTenantDeletion.userErrors).toEqual([]);
    const purgeAfter = (await controlRow(harness.dataSource, workspace.uuid))!.purge_after;
    for (const [mutation, field, input] of [
      [SCHEDULE_DELETION, 'scheduleTenantDeletion', { graceDays: 1 }],
      [SUSPEND, 'suspendTenant', {}],
      [RESUME, 'resumeTenant', {}],
      [CHANGE_PLAN, 'changeTenantPlan', { seats: 2 }],
    ] as [string, string, Record<string, unknown>][]) {
      expect({ field, errors: await refusedStep(mutation, field, input) }).toEqual({ field, errors: [expect.objectContaining({ code: 'INVALID_STATE' })] });
    }
    // Rescheduling did not move the purge date.
    expect((await controlRow(harness.dataSource, workspace.uuid))!.purge_after).toEqual(purgeAfter);
    expect(dataOf(await reseller.client.request(CANCEL_DELETION, { input: { tenantId: workspace.id } })).cancelTenantDeletion.userErrors).toEqual([]);
  });
});

describe('resellers and their keys', () => {
  test('createReseller with a taken code: DUPLICATE, nothing written', async () => {
    const audit = await auditCountOfReseller(harness.dataSource, reseller.uuid);
    const payload = dataOf(await harness.platform.request(CREATE_RESELLER, { input: { code: reseller.code, name: 'Impostor' } })).createReseller;
    expect(payload).toEqual({ reseller: null, userErrors: [{ field: ['input', 'code'], message: expect.stringContaining('already exists'), code: 'DUPLICATE' }] });
    expect(payload.userErrors[0].message).not.toMatch(INTERNAL);
    const rows = await harness.dataSource.query('SELECT name FROM control.resellers WHERE code = $1', [reseller.code]);
    expect(rows).toEqual([{ name: 'Careless Partners' }]);
    expect(await auditCountOfReseller(harness.dataSource, reseller.uuid)).toBe(audit);
  });

  test.each([['Upper'], ['x'], ['has space'], [`a'; DROP TABLE control.resellers; --`], ['1abc']])('createReseller with code %p: INVALID, nothing written', async (code) => {
    const payload = dataOf(await harness.platform.request(CREATE_RESELLER, { input: { code, name: 'Bad' } })).createReseller;
    expect(payload.reseller).toBeNull();
    expect(payload.userErrors).toEqual([expect.objectContaining({ field: ['input', 'code'], code: 'INVALID' })]);
    expect(await harness.dataSource.query('SELECT id FROM control.resellers WHERE code = $1', [code])).toEqual([]);
    expect(await harness.dataSource.query(`SELECT id FROM control.audit_log WHERE action = 'reseller.create' AND after->>'code' = $1`, [code])).toEqual([]);
  });

  test('createResellerApiKey for an unknown reseller: NOT_FOUND, no key', async () => {
    const name = uniqueCode('orphan-key');
    for (const resellerId of [randomGlobalId('Reseller'), 'garbage', globalId('Tenant', reseller.uuid)]) {
      const payload = dataOf(await harness.platform.request(CREATE_RESELLER_KEY, { input: { resellerId, name } })).createResellerApiKey;
      expect(payload).toEqual({ token: null, userErrors: [expect.objectContaining({ field: ['input', 'resellerId'], code: 'NOT_FOUND' })] });
    }
    expect(await harness.dataSource.query('SELECT id FROM control.api_keys WHERE name = $1', [name])).toEqual([]);
  });
});
