/**
 * The analytics settings: validation of each field and of their combinations, lost updates,
 * the audit trail, and the value metrics recomputed with the new settings in the same change.
 */
import { dataOf, errorCodes, useHarness } from '../support/harness';
import { Row, Workspace, insertOpportunities, setUpWorkspace } from './insights-helpers';
import { daysAgo, insertContracts, insertNamedAccounts, metricsByName, recompute } from './value-helpers';

const harness = useHarness();
let ws: Workspace;

const UPDATE = `mutation($input: UpdateAnalyticsSettingsInput!) {
  updateAnalyticsSettings(input: $input) {
    settings { windowMonths abcAShare abcBShare marginRate retentionRate discountRate newCustomerDays loyalPurchaseCount atRiskAfterDays lostAfterDays version computedAt }
    userErrors { field code message }
  }
}`;
const update = async (input: Row, client = ws.client): Promise<Row> => dataOf(await client.request(UPDATE, { input })).updateAnalyticsSettings;
const settings = async (): Promise<Row> => dataOf(await ws.client.request('{ analyticsSettings { windowMonths abcAShare version } }')).analyticsSettings;

beforeAll(async () => {
  ws = await setUpWorkspace(harness);
  const ids = await insertNamedAccounts(harness, ws, ['Alpha', 'Bravo', 'Charlie']);
  await insertOpportunities(harness, ws, [
    { accountId: ids.Alpha, status: 'WON', amount: '1000', closeDate: daysAgo(10) },
    { accountId: ids.Bravo, status: 'WON', amount: '600', closeDate: daysAgo(30) },
    { accountId: ids.Charlie, status: 'WON', amount: '300', closeDate: daysAgo(300) },
  ]);
  // Bravo's 400 contract started 400 days ago: in a 24-month window, not in a 12-month one.
  await insertContracts(harness, ws, [{ accountId: ids.Bravo, value: '400', startDate: daysAgo(400) }]);
  await recompute(ws.client);
});

test('bad values and combinations are refused with the field named, and nothing changes', async () => {
  // A value outside its own range is OUT_OF_RANGE; one that contradicts another setting INVALID.
  const cases: [Row, string, string][] = [
    [{ abcAShare: 0 }, 'abcAShare', 'OUT_OF_RANGE'],
    [{ abcAShare: 0.96 }, 'abcBShare', 'INVALID'],
    [{ abcBShare: 1 }, 'abcBShare', 'OUT_OF_RANGE'],
    [{ marginRate: 0 }, 'marginRate', 'OUT_OF_RANGE'],
    [{ marginRate: 1.2 }, 'marginRate', 'OUT_OF_RANGE'],
    [{ retentionRate: 1 }, 'retentionRate', 'OUT_OF_RANGE'],
    [{ discountRate: -0.1 }, 'discountRate', 'OUT_OF_RANGE'],
    [{ atRiskAfterDays: 400 }, 'lostAfterDays', 'INVALID'],
    [{ windowMonths: 0 }, 'windowMonths', 'OUT_OF_RANGE'],
    [{ windowMonths: 121 }, 'windowMonths', 'OUT_OF_RANGE'],
    [{ loyalPurchaseCount: 1 }, 'loyalPurchaseCount', 'OUT_OF_RANGE'],
    [{ newCustomerDays: 0 }, 'newCustomerDays', 'OUT_OF_RANGE'],
  ];
  for (const [input, field, code] of cases) {
    const payload = await update(input);
    expect({ input, errors: payload.userErrors.map((e: Row) => [e.field, e.code]) }).toEqual({ input, errors: [[['input', field], code]] });
    expect(payload.settings).toBeNull();
  }
  expect(await settings()).toEqual({ windowMonths: 24, abcAShare: 0.8, version: 1 });
});

test('a change recomputes the metrics with the new settings, is audited, and a stale version is a conflict', async () => {
  const before = await metricsByName(ws.client);
  // 24 months: Alpha 1000, Bravo 1000, Charlie 300; lifetime value = revenue × 0.5 × 0.3 × 0.8 / 0.3.
  expect([before.Alpha!.lifetimeValue.amount, before.Bravo!.revenue.amount, before.Charlie!.abcClass]).toEqual(['400.00', '1000.00', 'B']);

  const changes = { windowMonths: 12, abcAShare: 0.5, abcBShare: 0.8, marginRate: 0.35, retentionRate: 0.75, discountRate: 0.08 };
  const payload = await update({ ...changes, expectedVersion: 1 });
  expect(payload.userErrors).toEqual([]);
  expect(payload.settings).toMatchObject({ ...changes, version: 2, newCustomerDays: 90, loyalPurchaseCount: 3, atRiskAfterDays: 180, lostAfterDays: 365 });

  const after = await metricsByName(ws.client);
  expect(after.Alpha!.computedAt).toBe(payload.settings.computedAt);
  // 12 months: Alpha 1000, Bravo 600, Charlie 300 (total 1900; A below 950 above, B below 1520).
  // Alpha has nothing above: A; Bravo 1000 above: B; Charlie 1600: C.
  expect([after.Alpha!.abcClass, after.Bravo!.abcClass, after.Charlie!.abcClass]).toEqual(['A', 'B', 'C']);
  // Lifetime value = revenue × 12/12 × 0.35 × 0.75 / (1 + 0.08 − 0.75): Alpha 795.4545… → 795.45, Charlie 238.636… → 238.64.
  expect([after.Alpha!.lifetimeValue.amount, after.Bravo!.lifetimeValue.amount, after.Charlie!.lifetimeValue.amount]).toEqual(['795.45', '477.27', '238.64']);
  expect(after.Bravo).toMatchObject({ revenue: { amount: '600.00' }, purchaseCount: 1, firstPurchaseOn: daysAgo(400) });

  expect((await update({ windowMonths: 6, expectedVersion: 1 })).userErrors.map((e: Row) => e.code)).toEqual(['CONFLICT']);
  const audit = dataOf(await ws.client.request('{ adminAuditLog(targetType: "AnalyticsSettings") { nodes { action before after } } }')).adminAuditLog.nodes;
  expect(audit).toHaveLength(1);
  expect(audit[0]).toMatchObject({ action: 'analytics_settings.update', before: { windowMonths: 24, abcAShare: 0.8, version: 1 }, after: { windowMonths: 12, abcAShare: 0.5, version: 2 } });
  expect(audit[0].after.computedAt).toBeUndefined();
});

test('only workspace admins change the settings; roles that read accounts read them', async () => {
  for (const role of ['sales_manager', 'analyst']) {
    const { client } = await harness.keyFor(ws.tenant, { role });
    expect(errorCodes(await client.request(UPDATE, { input: { windowMonths: 6 } }))).toEqual(['FORBIDDEN']);
    expect(dataOf(await client.request('{ analyticsSettings { windowMonths } }')).analyticsSettings.windowMonths).toBe(12);
  }
});
