import { loadConfig } from '../../src/config';

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
    const config = loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x' });
    expect(config).toMatchObject({ production: true, introspection: false, demo: false, exposeSqlCount: false, host: '0.0.0.0' });
  });

  test('malformed numbers and booleans are refused with the variable name', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ TENANTRY_DEMO: 'maybe' })).toThrow(/TENANTRY_DEMO/);
  });
});
