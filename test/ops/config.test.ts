/** The operations settings of src/config.ts: defaults, parsing and the production refusals. */
import { loadConfig } from '../../src/config';
import { originAllowed } from '../../src/ops/ops';

const PRODUCTION = { NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x', SESSION_SIGNING_KEY: 's'.repeat(40), DATA_MASTER_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}` };

test('development defaults: log level info, localhost CORS, 1 MiB bodies, 10 s shutdown grace, /metrics open', () => {
  expect(loadConfig({})).toMatchObject({
    logLevel: 'info',
    corsOrigins: ['http://localhost:*', 'http://127.0.0.1:*', 'http://[::1]:*'],
    maxBodyBytes: 1024 * 1024,
    shutdownGraceMs: 10_000,
    metricsToken: undefined,
  });
});

test('production defaults: no CORS origin at all', () => {
  expect(loadConfig(PRODUCTION).corsOrigins).toEqual([]);
});

test('settings from the environment', () => {
  const config = loadConfig({
    CORS_ORIGINS: 'https://app.example.com, https://admin.example.com/ ,http://localhost:*',
    MAX_BODY_BYTES: '65536',
    SHUTDOWN_GRACE_MS: '2500',
    METRICS_TOKEN: 'scrape-me-0123456789',
    LOG_LEVEL: 'warn',
  });
  expect(config).toMatchObject({
    corsOrigins: ['https://app.example.com', 'https://admin.example.com', 'http://localhost:*'],
    maxBodyBytes: 65536,
    shutdownGraceMs: 2500,
    metricsToken: 'scrape-me-0123456789',
    logLevel: 'warn',
  });
  expect(loadConfig({ CORS_ORIGINS: '' }).corsOrigins).toEqual([]);
});

test('CORS_ORIGINS refuses "*", wildcard hosts and things that are not origins', () => {
  for (const bad of ['*', 'https://*.example.com', 'app.example.com', 'https://app.example.com/path', 'ftp://files.example.com', 'https://app.example.com:*x']) {
    expect(() => loadConfig({ CORS_ORIGINS: `https://ok.example, ${bad}` })).toThrow(/CORS_ORIGINS/);
  }
});

test('malformed numbers are refused with the variable name', () => {
  expect(() => loadConfig({ MAX_BODY_BYTES: '1mb' })).toThrow(/MAX_BODY_BYTES/);
  expect(() => loadConfig({ SHUTDOWN_GRACE_MS: '-1' })).toThrow(/SHUTDOWN_GRACE_MS/);
});

test('production refuses dev defaults unless explicitly allowed, and a short METRICS_TOKEN', () => {
  expect(() => loadConfig({ ...PRODUCTION, DATABASE_URL: '' })).toThrow(/DATABASE_URL is required/);
  expect(loadConfig({ ...PRODUCTION, DATABASE_URL: '', ALLOW_EMBEDDED_DB: 'true' }).databaseUrl).toBeUndefined();
  expect(() => loadConfig({ ...PRODUCTION, SESSION_SIGNING_KEY: '' })).toThrow(/SESSION_SIGNING_KEY/);
  expect(() => loadConfig({ ...PRODUCTION, TENANTRY_DEMO: 'true' })).toThrow(/TENANTRY_DEMO/);
  expect(() => loadConfig({ ...PRODUCTION, METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
  expect(loadConfig({ ...PRODUCTION, METRICS_TOKEN: 'long-enough-token-1234' }).metricsToken).toBe('long-enough-token-1234');
});

test('origin matching: exact, or any port with ":*"; nothing else', () => {
  const list = ['https://app.example.com', 'http://localhost:*'];
  expect(originAllowed(list, 'https://app.example.com')).toBe(true);
  expect(originAllowed(list, 'HTTPS://APP.EXAMPLE.COM')).toBe(true);
  expect(originAllowed(list, 'https://app.example.com:8443')).toBe(false);
  expect(originAllowed(list, 'http://localhost')).toBe(true);
  expect(originAllowed(list, 'http://localhost:5173')).toBe(true);
  expect(originAllowed(list, 'http://localhost:5173.evil.example')).toBe(false);
  expect(originAllowed(list, 'http://localhost.evil.example')).toBe(false);
  expect(originAllowed(list, 'https://localhost:5173')).toBe(false);
  expect(originAllowed(list, 'null')).toBe(false);
  expect(originAllowed([], 'http://localhost:5173')).toBe(false);
});
