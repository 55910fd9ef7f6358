import { loadConfig } from '../../src/config';

const SIGNING_KEY = 'k'.repeat(16) + '0123456789abcdef'; // 32 characters

describe('configuration', () => {
  test('development defaults: embedded database, demo on, loopback, introspection on', () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBeUndefined();
    expect(config.demo).toBe(true);
    expect(config.host).toBe('127.0.0.1');
    expect(config.introspection).toBe(true);
    expect(config.port).toBe(4000);
  });

  test('production refuses the embedded database and the demo unless explicitly allowed', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/DATABASE_URL is required/);
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x', TENANTRY_DEMO: 'true' })).toThrow(/TENANTRY_DEMO/);
  });

  test('production with an external database turns off introspection, the demo and SQL counts', () => {
    const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x', SESSION_SIGNING_KEY: SIGNING_KEY, DATA_MASTER_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}` });
    expect(config).toMatchObject({ production: true, introspection: false, demo: false, exposeSqlCount: false, host: '0.0.0.0', sessionSigningKey: SIGNING_KEY });
  });

  test('production refuses to start without a SESSION_SIGNING_KEY of at least 32 characters', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x' })).toThrow(/SESSION_SIGNING_KEY/);
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x', SESSION_SIGNING_KEY: '' })).toThrow(/SESSION_SIGNING_KEY/);
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x', SESSION_SIGNING_KEY: 'x'.repeat(31) })).toThrow(/SESSION_SIGNING_KEY/);
  });

  test('development generates a signing key per process unless one is given', () => {
    const generated = loadConfig({}).sessionSigningKey;
    expect(generated.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({}).sessionSigningKey).not.toBe(generated);
    expect(loadConfig({ SESSION_SIGNING_KEY: SIGNING_KEY }).sessionSigningKey).toBe(SIGNING_KEY);
  });

  test('malformed numbers and booleans are refused with the variable name', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ TENANTRY_DEMO: 'maybe' })).toThrow(/TENANTRY_DEMO/);
  });
});
