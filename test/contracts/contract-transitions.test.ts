/** The contract status machine through the API: every action from every status, allowed or refused, and what each records. */
import { signUp } from '../auth/auth-helpers';
import { Client, dataOf, useHarness } from '../support/harness';
import { Row, createAccount } from '../support/crm-operations';
import { AMEND, APPROVE, DELETE, REJECT, SUBMIT, TERMINATE, UPDATE, activate, createDraftContract, historyOf, mutate, ok, refused } from './contract-helpers';

const harness = useHarness({ maxQueryCost: 20_000, rateLimitStore: 'off' });
let client: Client;
let schema: string;
let account: Row;

beforeAll(async () => {
  const created = await harness.createTenant();
  client = created.client;
  schema = created.tenant.schemaName;
  account = await createAccount(client, { name: 'Initech' });
});

const sql = (text: string, params: unknown[] = []) => harness.dataSource.query(text.replaceAll('$schema', schema), params);
const uuidOf = (globalId: string) => Buffer.from(globalId, 'base64').toString().split(':')[1];

type Status = 'DRAFT' | 'IN_APPROVAL' | 'ACTIVATED' | 'EXPIRED' | 'TERMINATED' | 'RENEWED';

/** A contract in the status: through the API where a mutation leads there, else (the scheduler's statuses) set in SQL. */
async function contractIn(status: Status): Promise<string> {
  const { id } = await createDraftContract(client, { accountId: account.id, startDate: '2026-01-01', termMonths: 12 });
  if (status === 'DRAFT') return id;
  if (status === 'IN_APPROVAL') return (await ok(client, SUBMIT, { id })).id;
  await activate(client, id);
  if (status === 'TERMINATED') await ok(client, TERMINATE, { id, reason: 'Customer closed', effectiveDate: '2026-06-30' });
  if (status === 'EXPIRED' || status === 'RENEWED') await sql('UPDATE $schema.contracts SET status = $2 WHERE id = $1', [uuidOf(id), status]);
  return id;
}

/** What each action sends, and the one status it is allowed from. */
const ACTIONS: Record<string, { op: string; input: Record<string, unknown>; from: Status; to: Status }> = {
  submit: { op: SUBMIT, input: {}, from: 'DRAFT', to: 'IN_APPROVAL' },
  approve: { op: APPROVE, input: {}, from: 'IN_APPROVAL', to: 'ACTIVATED' },
  reject: { op: REJECT, input: { reason: 'Price too low' }, from: 'IN_APPROVAL', to: 'DRAFT' },
  terminate: { op: TERMINATE, input: { reason: 'Breach', effectiveDate: '2026-03-31' }, from: 'ACTIVATED', to: 'TERMINATED' },
  amend: { op: AMEND, input: { reason: 'More months', termMonths: 24 }, from: 'ACTIVATED', to: 'ACTIVATED' },
  'update terms': { op: UPDATE, input: { termMonths: 24 }, from: 'DRAFT', to: 'DRAFT' },
  delete: { op: DELETE, input: {}, from: 'DRAFT', to: 'DRAFT' },
};
const STATUSES: Status[] = ['DRAFT', 'IN_APPROVAL', 'ACTIVATED', 'EXPIRED', 'TERMINATED', 'RENEWED'];
const CASES = Object.entries(ACTIONS).flatMap(([action, spec]) => STATUSES.map((status) => [action, status, status === spec.from] as const));

const stored = async (id: string) => (await sql('SELECT status, version, (SELECT count(*)::int FROM $schema.contract_status_history h WHERE h.contract_id = c.id) AS changes FROM $schema.contracts c WHERE id = $1', [uuidOf(id)]))[0];

test.each(CASES)('%s from %s: allowed = %s', async (action, status, allowed) => {
  const spec = ACTIONS[action];
  const id = await contractIn(status);
  const before = await stored(id);
  const payload = await mutate(client, spec.op, { id, ...spec.input });
  const after = await stored(id);
  if (allowed) {
    expect(payload.userErrors).toEqual([]);
    expect(after.status).toBe(spec.to);
    expect(after.version).toBeGreaterThan(before.version);
  } else {
    expect(payload.contract).toBeNull();
    expect(payload.userErrors.map((e: Row) => e.code)).toEqual(['INVALID_STATE']);
    expect(after).toEqual(before);
  }
});

test('each change is in the status history with who, why and when; approval keeps the terms as version 1', async () => {
  const id = await contractIn('IN_APPROVAL');
  await ok(client, REJECT, { id, reason: 'Missing signer' });
  await ok(client, SUBMIT, { id, reason: 'Fixed' });
  await ok(client, APPROVE, { id });
  const terminated = await ok(client, TERMINATE, { id, reason: 'Customer insolvent', effectiveDate: '2026-05-15' });
  expect(terminated).toMatchObject({ status: 'TERMINATED', endDate: '2026-05-15', terminationReason: 'Customer insolvent' });
  expect(terminated.terminatedAt).not.toBeNull();
  expect(terminated.activatedAt).not.toBeNull();
  const history = await historyOf(client, id);
  expect(history.statusHistory.map((h: Row) => [h.fromStatus, h.toStatus, h.reason, h.actorKind])).toEqual([
    [null, 'DRAFT', null, 'api_key'],
    ['DRAFT', 'IN_APPROVAL', null, 'api_key'],
    ['IN_APPROVAL', 'DRAFT', 'Missing signer', 'api_key'],
    ['DRAFT', 'IN_APPROVAL', 'Fixed', 'api_key'],
    ['IN_APPROVAL', 'ACTIVATED', null, 'api_key'],
    ['ACTIVATED', 'TERMINATED', 'Customer insolvent', 'api_key'],
  ]);
  expect(history.versions.map((v: Row) => [v.version, v.terms.endDate])).toEqual([[1, '2026-12-31']]);
});

test('a signed-in user’s transitions name the user as actor', async () => {
  const workspace = await harness.createTenant();
  const user = await signUp(harness, workspace, { role: 'sales_manager' });
  const own = await createAccount(user.client, { name: 'Own' });
  const { id } = await createDraftContract(user.client, { accountId: own.id });
  await ok(user.client, SUBMIT, { id });
  const history = await historyOf(user.client, id);
  expect(history.statusHistory.map((h: Row) => [h.toStatus, h.actorKind, h.actor?.id])).toEqual([
    ['DRAFT', 'user', user.id],
    ['IN_APPROVAL', 'user', user.id],
  ]);
});

test('a contract without value or line items cannot be submitted', async () => {
  const { id } = await createDraftContract(client, { accountId: account.id, value: null });
  expect(await refused(client, SUBMIT, { id })).toEqual([{ code: 'INVALID', field: 'input.id' }]);
});

test('transitions check expectedVersion (CONFLICT) and unknown IDs (NOT_FOUND)', async () => {
  const id = await contractIn('DRAFT');
  expect(await refused(client, SUBMIT, { id, expectedVersion: 99 })).toEqual([{ code: 'CONFLICT', field: 'input.expectedVersion' }]);
  expect(await refused(client, APPROVE, { id: Buffer.from('Contract:01900000-0000-7000-8000-000000000000').toString('base64') })).toEqual([{ code: 'NOT_FOUND', field: 'input.id' }]);
});

describe('terminateContract', () => {
  test.each([
    ['before the start date', '2025-12-31'],
    ['after the end date', '2027-01-01'],
  ])('refuses an effective date %s (OUT_OF_RANGE)', async (_, effectiveDate) => {
    const id = await contractIn('ACTIVATED');
    expect(await refused(client, TERMINATE, { id, reason: 'x', effectiveDate })).toEqual([{ code: 'OUT_OF_RANGE', field: 'input.effectiveDate' }]);
    expect((await stored(id)).status).toBe('ACTIVATED');
  });

  test('the effective date defaults to today in the workspace time zone', async () => {
    // UTC+14: its date is ahead of UTC's for most of the day, so a UTC "today" would differ.
    const zone = 'Pacific/Kiritimati';
    const { updateWorkspaceSettings } = dataOf(await client.request(`mutation($tz: TimeZone!) { updateWorkspaceSettings(input: { timeZone: $tz }) { userErrors { code } } }`, { tz: zone }));
    expect(updateWorkspaceSettings.userErrors).toEqual([]);
    const { id } = await createDraftContract(client, { accountId: account.id, startDate: '2020-01-01', termMonths: 600 });
    await activate(client, id);
    const before = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date());
    const terminated = await ok(client, TERMINATE, { id, reason: 'Moving on' });
    const after = new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date());
    expect([before, after]).toContain(terminated.endDate);
  });

  test('a reason is required', async () => {
    const id = await contractIn('ACTIVATED');
    expect(await refused(client, TERMINATE, { id, reason: '' })).toEqual([{ code: 'REQUIRED', field: 'input.reason' }]);
  });
});

test('concurrent approvals of one contract: one activates it, the other is refused, history has one activation', async () => {
  const id = await contractIn('IN_APPROVAL');
  const results = await Promise.all([mutate(client, APPROVE, { id }), mutate(client, APPROVE, { id })]);
  expect(results.map((r) => r.userErrors.map((e: Row) => e.code).join()).sort()).toEqual(['', 'INVALID_STATE']);
  const [{ activations, versions }] = await sql(
    `SELECT (SELECT count(*)::int FROM $schema.contract_status_history WHERE contract_id = $1 AND to_status = 'ACTIVATED') AS activations,
            (SELECT count(*)::int FROM $schema.contract_versions WHERE contract_id = $1) AS versions`,
    [uuidOf(id)],
  );
  expect({ activations, versions }).toEqual({ activations: 1, versions: 1 });
});

test('owner and description stay editable after activation; other fields answer INVALID_STATE with no field', async () => {
  const id = await contractIn('ACTIVATED');
  const updated = await ok(client, UPDATE, { id, description: 'Key account' });
  expect(updated.description).toBe('Key account');
  const payload = await mutate(client, UPDATE, { id, specialTerms: 'Free upgrades', description: 'x' });
  expect(payload.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_STATE', field: null, message: expect.stringContaining('amendContract') })]);
  expect((await historyOf(client, id)).versions).toHaveLength(1);
});
