/**
 * The HTTP surface: security headers, the CORS allow-list, the request body limit (413 as JSON),
 * malformed bodies answered as JSON, and what production mode hides (stack traces, schema hints,
 * introspection, SQL counts, HSTS on).
 */
import { RunningApp, startApp } from '../../src/server';
import { AppConfig } from '../../src/server';
import { TestTenant, testAppConfig, useHarness } from '../support/harness';
import { CREATE_ACCOUNT } from '../support/operations';
import { internalsIn } from '../support/security-helpers';
import { captureLogs } from './log-capture';
import { baseOf, post, send } from './ops-helpers';

const log = captureLogs('info');
const harness = useHarness({ logger: log.logger });
let workspace: TestTenant;
const apps: RunningApp[] = [];

beforeAll(async () => {
  workspace = await harness.createTenant();
});
// Each test stops the apps it started (the harness's database closes before a top-level afterAll would run).
afterEach(async () => {
  for (const app of apps.splice(0)) await app.stop();
});

async function start(overrides: Partial<AppConfig>): Promise<RunningApp> {
  const app = await startApp(testAppConfig(overrides), harness.dataSource);
  apps.push(app);
  return app;
}
const PRODUCTION: Partial<AppConfig> = { production: true, introspection: false, exposeSqlCount: false, corsOrigins: [] };

describe('security headers', () => {
  test('on GraphQL responses and probes: nosniff, a CSP that allows nothing, no framing, no referrer, no X-Powered-By', async () => {
    for (const answer of [await post(harness.url, workspace.token, '{ viewer { kind } }'), await send(`${baseOf(harness.url)}/healthz`)]) {
      expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
      expect(answer.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
      expect(answer.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
      expect(answer.headers.get('x-frame-options')).toBeTruthy();
      expect(answer.headers.get('referrer-policy')).toBe('no-referrer');
      expect(answer.headers.get('cross-origin-resource-policy')).toBe('same-origin');
      expect(answer.headers.get('x-powered-by')).toBeNull();
      // HSTS only in production (development runs on plain http://localhost).
      expect(answer.headers.get('strict-transport-security')).toBeNull();
    }
  });

  test('production adds HSTS', async () => {
    const app = await start(PRODUCTION);
    const answer = await send(`${baseOf(app.url)}/healthz`);
    expect(answer.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
  });
});

describe('CORS', () => {
  const preflight = (url: string, origin: string) =>
    send(url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });

  test('development allows pages on localhost (any port); other origins get no CORS headers', async () => {
    const allowed = await post(harness.url, workspace.token, '{ viewer { kind } }', undefined, { origin: 'http://localhost:5173' });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(allowed.headers.get('access-control-expose-headers')).toMatch(/X-Request-Id/i);
    expect(allowed.headers.get('vary')).toMatch(/Origin/i);
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();

    const other = await post(harness.url, workspace.token, '{ viewer { kind } }', undefined, { origin: 'https://evil.example' });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const lookalike = await post(harness.url, workspace.token, '{ viewer { kind } }', undefined, { origin: 'http://localhost.evil.example' });
    expect(lookalike.headers.get('access-control-allow-origin')).toBeNull();

    const ok = await preflight(harness.url, 'http://127.0.0.1:3000');
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:3000');
    expect(ok.headers.get('access-control-allow-methods')).toMatch(/POST/);
    expect(ok.headers.get('access-control-allow-headers')).toMatch(/Authorization/i);
    const refused = await preflight(harness.url, 'https://evil.example');
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();
    expect(refused.headers.get('access-control-allow-headers')).toBeNull();
  });

  test('production allows only the listed origins (none by default, never "*")', async () => {
    const none = await start(PRODUCTION);
    const refused = await post(none.url, workspace.token, '{ viewer { kind } }', undefined, { origin: 'http://localhost:5173' });
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();

    const listed = await start({ ...PRODUCTION, corsOrigins: ['https://app.example.com'] });
    const allowed = await preflight(listed.url, 'https://app.example.com');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    for (const origin of ['https://evil.example', 'https://app.example.com.evil.example', 'http://app.example.com', 'null']) {
      expect((await preflight(listed.url, origin)).headers.get('access-control-allow-origin')).toBeNull();
    }
  });
});

describe('request bodies', () => {
  test('a body over the limit is 413 with a JSON error, before authentication; one under it is served', async () => {
    const app = await start({ maxBodyBytes: 4096 });
    const big = await post(app.url, workspace.token, CREATE_ACCOUNT, { input: { name: 'x'.repeat(5000) } });
    expect(big.status).toBe(413);
    expect(big.headers.get('content-type')).toMatch(/application\/json/);
    expect(big.body).toEqual({ errors: [{ message: 'The request body is larger than the limit of 4096 bytes', extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
    const small = await post(app.url, workspace.token, CREATE_ACCOUNT, { input: { name: 'Small enough' } });
    expect(small.status).toBe(200);
    expect(small.body.data.createAccount.userErrors).toEqual([]);
  });

  test('the default limit is 1 MiB', async () => {
    const over = await post(harness.url, workspace.token, '{ viewer { kind } }', { padding: 'x'.repeat(1024 * 1024) });
    expect(over.status).toBe(413);
    expect(over.body.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    const line = await log.waitFor((entry) => entry.requestId === over.headers.get('x-request-id'));
    expect(line).toMatchObject({ status: 413, errorCodes: ['PAYLOAD_TOO_LARGE'] });
  });

  test('malformed JSON is a 400 JSON error, not an HTML page with a stack trace', async () => {
    for (const app of [harness.app, await start(PRODUCTION)]) {
      const answer = await send(app.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${workspace.token}` }, body: '{"query": "{ viewer { kind } }"' });
      expect(answer.status).toBe(400);
      expect(answer.headers.get('content-type')).toMatch(/application\/json/);
      expect(answer.body).toEqual({ errors: [{ message: 'The request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
      expect(answer.text).not.toMatch(/<html|at \S+ \(|node_modules/i);
    }
  });
});

describe('production mode', () => {
  test('no field suggestions ("Did you mean …"), which development gives', async () => {
    const query = '{ acounts { totalCount } }';
    const development = await post(harness.url, workspace.token, query);
    expect(development.body.errors[0].message).toMatch(/Did you mean "accounts"/);

    const app = await start(PRODUCTION);
    const production = await post(app.url, workspace.token, query);
    expect(production.body.errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(production.body.errors[0].message).not.toMatch(/Did you mean/);
    expect(production.text).not.toMatch(/"accounts"/);
  });

  test('introspection off, no SQL counts, and an unexpected failure shows no stack trace or SQL', async () => {
    const app = await start(PRODUCTION);
    const introspection = await post(app.url, workspace.token, '{ __schema { types { name } } }');
    expect(introspection.body.errors.length).toBeGreaterThan(0);
    expect(introspection.text).not.toMatch(/"Account"/);
    expect(introspection.body.extensions?.sqlStatements).toBeUndefined();

    const broken = await harness.createTenant();
    await harness.dataSource.query(`ALTER TABLE "${broken.tenant.schemaName}".accounts ADD CONSTRAINT accounts_prod_check CHECK (name <> 'boom')`);
    const failure = await post(app.url, broken.token, CREATE_ACCOUNT, { input: { name: 'boom' } });
    expect(failure.body.errors).toEqual([{ message: 'Internal server error', locations: expect.any(Array), path: ['createAccount'], extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: expect.any(String) } }]);
    expect(internalsIn(failure.body)).toEqual([]);
    expect(failure.text).not.toMatch(/stacktrace|accounts_prod_check|at \S+ \(/);
    expect(failure.body.extensions?.sqlStatements).toBeUndefined();
  });
});
