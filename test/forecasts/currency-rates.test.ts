/**
 * Exchange rates: any workspace credential reads them, only admins set and remove them, every
 * change is audited, bad rates and stale versions are refused without writing anything.
 */
import { ERRORS, auditLog, errorsOf, mutate, mutateOk } from '../configuration/configuration-helpers';
import { Client, TestTenant, dataOf, errorCodes, useHarness } from '../support/harness';

const harness = useHarness();
let ws: TestTenant;
let rep: Client;

const RATES = '{ currencyRates { currency rate version updatedAt } }';
const SET = `mutation($input: SetCurrencyRateInput!) { setCurrencyRate(input: $input) { currencyRate { currency rate version } ${ERRORS} } }`;
const REMOVE = `mutation($input: RemoveCurrencyRateInput!) { removeCurrencyRate(input: $input) { removedCurrency ${ERRORS} } }`;

const ratesOf = async (client: Client) => dataOf(await client.request(RATES)).currencyRates.map((r: any) => [r.currency, r.rate, r.version]);

beforeAll(async () => {
  ws = await harness.createTenant({ name: 'Rates' });
  rep = (await harness.keyFor(ws.tenant, { role: 'sales_rep' })).client;
});

test('admins set, change and remove rates; every credential reads them; each change is audited', async () => {
  expect(await ratesOf(rep)).toEqual([]);
  expect((await mutateOk(ws.client, SET, { currency: 'usd', rate: '0.920000' })).currencyRate).toEqual({ currency: 'USD', rate: '0.92', version: 1 });
  await mutateOk(ws.client, SET, { currency: 'JPY', rate: '0.000061234567' });
  expect((await mutateOk(ws.client, SET, { currency: 'USD', rate: '0.93', expectedVersion: 1 })).currencyRate).toEqual({ currency: 'USD', rate: '0.93', version: 2 });
  // The same rate again changes nothing (no new version, no audit entry).
  expect((await mutateOk(ws.client, SET, { currency: 'USD', rate: '0.9300' })).currencyRate.version).toBe(2);
  expect(await ratesOf(rep)).toEqual([
    ['JPY', '0.000061234567', 1],
    ['USD', '0.93', 2],
  ]);
  expect((await mutateOk(ws.client, REMOVE, { currency: 'JPY' })).removedCurrency).toBe('JPY');
  expect(await ratesOf(rep)).toEqual([['USD', '0.93', 2]]);
  const audit = await auditLog(ws.client, { targetType: 'CurrencyRate' });
  expect(audit.map((e) => [e.action, e.targetId, e.before?.rate ?? null, e.after?.rate ?? null])).toEqual([
    ['currency_rate.remove', 'JPY', '0.000061234567', null],
    ['currency_rate.set', 'USD', '0.92', '0.93'],
    ['currency_rate.set', 'JPY', null, '0.000061234567'],
    ['currency_rate.set', 'USD', null, '0.92'],
  ]);
});

test.each([
  ['zero', { currency: 'CHF', rate: '0.000' }, [[['input', 'rate'], 'OUT_OF_RANGE']]],
  ['negative', { currency: 'CHF', rate: '-1' }, [[['input', 'rate'], 'INVALID']]],
  ['not a number', { currency: 'CHF', rate: '1e3' }, [[['input', 'rate'], 'INVALID']]],
  ['too many fraction digits', { currency: 'CHF', rate: '0.1234567890123' }, [[['input', 'rate'], 'INVALID']]],
  ['the default currency', { currency: 'EUR', rate: '1' }, [[['input', 'currency'], 'INVALID']]],
  ['a stale version', { currency: 'USD', rate: '2', expectedVersion: 1 }, [[['input', 'expectedVersion'], 'CONFLICT']]],
  ['a version for a rate that does not exist', { currency: 'CHF', rate: '2', expectedVersion: 3 }, [[['input', 'expectedVersion'], 'CONFLICT']]],
])('refuses %s and writes nothing', async (_label, input, errors) => {
  const before = await ratesOf(rep);
  expect(errorsOf(await mutate(ws.client, SET, input))).toEqual(errors);
  expect(await ratesOf(rep)).toEqual(before);
});

test('removing a currency without a rate is NOT_FOUND; a stale version is CONFLICT', async () => {
  expect(errorsOf(await mutate(ws.client, REMOVE, { currency: 'NOK' }))).toEqual([[['input', 'currency'], 'NOT_FOUND']]);
  await mutateOk(ws.client, SET, { currency: 'NOK', rate: '0.085' });
  expect(errorsOf(await mutate(ws.client, REMOVE, { currency: 'NOK', expectedVersion: 7 }))).toEqual([[['input', 'expectedVersion'], 'CONFLICT']]);
  expect((await ratesOf(rep)).map((r: any[]) => r[0])).toContain('NOK');
});

test('only workspace admins change rates; an unknown currency code is BAD_USER_INPUT', async () => {
  expect(errorCodes(await rep.request(SET, { input: { currency: 'USD', rate: '5' } }))).toEqual(['FORBIDDEN']);
  expect(errorCodes(await rep.request(REMOVE, { input: { currency: 'USD' } }))).toEqual(['FORBIDDEN']);
  expect(errorCodes(await ws.client.request(SET, { input: { currency: 'XYZ1', rate: '5' } }))).toEqual(['BAD_USER_INPUT']);
});
