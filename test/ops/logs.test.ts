/**
 * Structured logs: one JSON line per request with the request id (also the X-Request-Id header),
 * workspace, principal kind, operation, status, duration, SQL statement count and error codes;
 * unexpected errors logged under the id the client sees. Never variables, tokens, passwords or
 * e-mail addresses, even at the most verbose level.
 */
import { createLogger } from '../../src/ops/logger';
import { loadConfig } from '../../src/config';
import { accept, invite, login, strongPassword, uniqueAddress } from '../auth/auth-helpers';
import { TestTenant, dataOf, useHarness } from '../support/harness';
import { CREATE_ACCOUNT, CREATE_CONTACT } from '../support/operations';
import { captureLogs } from './log-capture';
import { post, send } from './ops-helpers';

const log = captureLogs('trace');
const harness = useHarness({ logger: log.logger });
let workspace: TestTenant;

beforeAll(async () => {
  workspace = await harness.createTenant({ name: 'Logged workspace' });
});

const requestLine = (requestId: string | null) => log.waitFor((entry) => entry.msg === 'graphql request' && entry.requestId === requestId);

test('a workspace request: one line with id, workspace, principal, operation, status, duration, SQL count, error codes', async () => {
  const answer = await post(harness.url, workspace.token, 'query ListAccountsForLog { accounts(first: 3) { totalCount } }');
  expect(answer.status).toBe(200);
  const requestId = answer.headers.get('x-request-id');
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  const line = await requestLine(requestId);
  // The query cost, when the cost analysis reports one: its numbers, copied from the response's extensions.
  const { cost, ...rest } = line;
  const reported = answer.body.extensions?.cost;
  if (typeof reported === 'object') expect(cost).toEqual(Object.fromEntries(Object.entries(reported).filter(([, v]) => typeof v === 'number')));
  else expect(cost).toEqual(reported);
  expect(rest).toEqual({
    level: 'info',
    time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    pid: expect.any(Number),
    hostname: expect.any(String),
    service: 'tenantry',
    msg: 'graphql request',
    requestId,
    status: 200,
    durationMs: expect.any(Number),
    principal: 'tenant',
    tenantId: workspace.tenant.id,
    tenantSlug: workspace.tenant.slug,
    operationType: 'query',
    operationName: 'ListAccountsForLog',
    sqlStatements: answer.body.extensions.sqlStatements,
    errorCodes: [],
  });
  expect(line.sqlStatements).toBeGreaterThanOrEqual(1);
  expect(line.durationMs).toBeGreaterThanOrEqual(0);
  expect(log.entries().filter((entry) => entry.requestId === requestId && entry.msg === 'graphql request')).toHaveLength(1);
});

test('refusals get their line too: a bad token (401), a platform key on a workspace field, an invalid document', async () => {
  const badToken = 'tnt_tenant_abcdefghijkl_' + 'y'.repeat(40);
  const refused = await post(harness.url, badToken, '{ accounts { totalCount } }');
  expect(refused.status).toBe(401);
  expect(await requestLine(refused.headers.get('x-request-id'))).toMatchObject({ status: 401, principal: 'unknown', operationType: null, errorCodes: ['UNAUTHENTICATED'] });
  // The request id in the error is the one logged.
  expect(refused.body.errors[0].extensions.requestId).toBe(refused.headers.get('x-request-id'));

  const forbidden = await harness.platform.request('{ accounts { totalCount } }');
  expect(forbidden.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  const platformLine = log.entries().reverse().find((entry) => entry.msg === 'graphql request' && entry.principal === 'platform');
  expect(platformLine).toMatchObject({ operationType: 'query', errorCodes: ['FORBIDDEN'] });
  expect(platformLine).not.toHaveProperty('tenantId');

  const invalid = await post(harness.url, workspace.token, '{ accounts { nope } }');
  expect(await requestLine(invalid.headers.get('x-request-id'))).toMatchObject({ status: 400, errorCodes: ['GRAPHQL_VALIDATION_FAILED'] });
});

test('a batched request (several operations in one body) is one line: an operation, their number, all error codes', async () => {
  const answer = await send(harness.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${workspace.token}` },
    body: JSON.stringify([{ query: 'query BatchFirst { viewer { kind } }' }, { query: 'query BatchSecond { accounts { totalCount } }' }, { query: '{ accounts { nope } }' }]),
  });
  expect(Array.isArray(answer.body)).toBe(true);
  const line = await requestLine(answer.headers.get('x-request-id'));
  // The operations of a batch run concurrently: the line names the first one resolved.
  expect(line).toMatchObject({ operationType: 'query', operationName: expect.stringMatching(/^Batch(First|Second)$/), batchOperations: 2, errorCodes: ['GRAPHQL_VALIDATION_FAILED'], tenantId: workspace.tenant.id });
  expect(log.entries().filter((entry) => entry.requestId === answer.headers.get('x-request-id') && entry.msg === 'graphql request')).toHaveLength(1);
});

test('no variables, tokens, passwords or e-mail addresses in any line, even at trace level', async () => {
  const email = `grace.hopper.${Date.now()}@secret-people.example`;
  const password = strongPassword();
  const invited = await invite(workspace.client, { email, name: 'Grace Brewster Hopper' });
  const session = await accept(harness, invited.token, password);
  const address = uniqueAddress();
  dataOf(await login(harness, { workspace: workspace.tenant.slug, email, password }, address));
  await login(harness, { workspace: workspace.tenant.slug, email, password: 'wrong-password-Kestrel-42' }, address);
  dataOf(await harness.client(session.accessToken).request('{ me { email } }'));
  dataOf(await workspace.client.request(CREATE_CONTACT, { input: { firstName: 'Ada', lastName: 'Lovelace-Secret', email: 'ada.lovelace@secret-people.example', phone: '+44 20 7946 0958' } }));
  dataOf(await workspace.client.request(CREATE_ACCOUNT, { input: { name: 'Confidential Holdings', domain: 'confidential.example' } }));

  const text = log.lines.join('');
  for (const secret of [
    email,
    password,
    'wrong-password-Kestrel-42',
    invited.token,
    session.accessToken,
    session.refreshToken,
    workspace.token,
    'Grace Brewster Hopper',
    'Lovelace-Secret',
    'ada.lovelace@secret-people.example',
    '7946',
    'Confidential Holdings',
  ]) {
    expect({ secret, found: text.includes(secret) }).toEqual({ secret, found: false });
  }
  expect(text).not.toMatch(/@secret-people\.example/);
  expect(text).not.toMatch(/"variables"/);
  // The signed-in user's request is logged as a workspace request.
  expect(log.entries().some((entry) => entry.msg === 'graphql request' && entry.principal === 'tenant' && entry.operationName === null && entry.tenantId === workspace.tenant.id)).toBe(true);
});

test('an unexpected error: logged at level error under the request id the client sees, without the statement\'s values', async () => {
  const broken = await harness.createTenant({ name: 'Broken for logs' });
  await harness.dataSource.query(`ALTER TABLE "${broken.tenant.schemaName}".contacts ADD CONSTRAINT contacts_no_secret_check CHECK (last_name <> 'Secretive')`);
  const answer = await post(harness.url, broken.token, CREATE_CONTACT, { input: { lastName: 'Secretive', email: 'hidden.person@secret-people.example' } });
  expect(answer.body.errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
  const requestId = answer.body.errors[0].extensions.requestId;
  expect(requestId).toBe(answer.headers.get('x-request-id'));

  const errorLine = await log.waitFor((entry) => entry.level === 'error' && entry.requestId === requestId);
  expect(errorLine.msg).toBe('unexpected error');
  expect(errorLine.err.message).toMatch(/contacts_no_secret_check/);
  expect(errorLine.err.code).toBe('23514');
  expect(errorLine.err.stack).toEqual(expect.any(String));
  expect(await requestLine(requestId)).toMatchObject({ errorCodes: ['INTERNAL_SERVER_ERROR'], tenantId: broken.tenant.id });
  const text = log.lines.join('');
  expect(text).not.toContain('hidden.person');
  expect(text).not.toContain('Secretive');
});

test('LOG_LEVEL sets the level (default info); an unknown level is refused', () => {
  expect(loadConfig({}).logLevel).toBe('info');
  expect(loadConfig({ LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
  expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL must be one of/);

  const lines: string[] = [];
  const logger = createLogger({ level: 'warn', destination: { write: (line: string) => void lines.push(line) } });
  logger.info('not written');
  logger.warn({ password: 'hunter2', nested: { token: 'abc' } }, 'written');
  expect(lines).toHaveLength(1);
  expect(JSON.parse(lines[0])).toMatchObject({ level: 'warn', msg: 'written', password: '[redacted]', nested: { token: '[redacted]' } });
});
