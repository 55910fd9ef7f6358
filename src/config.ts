/**
 * Environment parsing. Every setting has one place here; defaults suit a developer's machine and
 * the ones that are unsafe for production are refused when NODE_ENV=production.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface Config {
  production: boolean;
  port: number;
  /** Interface to listen on: loopback in development, all interfaces in production. */
  host: string;
  /** External PostgreSQL; when absent an embedded server is started from node_modules. */
  databaseUrl?: string;
  /** Where the embedded server keeps its data (dev default: .data/postgres). */
  embeddedDataDir: string;
  embeddedPort: number;
  poolSize: number;
  /** Per-transaction statement timeout for API operations. */
  statementTimeoutMs: number;
  /** Apply tenants/*.yaml and print demo credentials at start (dev only by default). */
  demo: boolean;
  tenantsDir: string;
  /** Report SQL statements per request in `extensions.sqlStatements` (never in production). */
  exposeSqlCount: boolean;
  introspection: boolean;
  /** How often in-memory usage counts are written (one statement for all tenants). */
  usageFlushMs: number;
  /** How often usage snapshots and due purges run; 0 turns the jobs off. */
  jobsIntervalMs: number;
  /** Signs users' access tokens (JWT, HS256). Development generates one per process; production requires SESSION_SIGNING_KEY. */
  sessionSigningKey: string;
  /** Lifetime of a user's access token, in seconds (short: the refresh token gets the next). */
  accessTokenTtlSeconds: number;
  /** Lifetime of a refresh token (a session), in seconds. */
  refreshTokenTtlSeconds: number;
  /** How long an invitation can be accepted, in seconds. */
  invitationTtlSeconds: number;
  /**
   * Which proxies to believe about the client's address (X-Forwarded-For), in Express's "trust proxy"
   * syntax, e.g. "loopback" or "10.0.0.0/8"; false believes none. Sign-in throttling counts per address.
   */
  trustProxy: string | false;
}

const int = (env: NodeJS.ProcessEnv, name: string, fallback: number): number => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
};

const bool = (env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new Error(`${name} must be true or false, got "${raw}"`);
};

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const production = env.NODE_ENV === 'production';
  const root = repositoryRoot();
  const config: Config = {
    production,
    port: int(env, 'PORT', 4000),
    host: env.HOST || (production ? '0.0.0.0' : '127.0.0.1'),
    databaseUrl: env.DATABASE_URL || undefined,
    embeddedDataDir: env.EMBEDDED_PG_DIR || path.join(root, '.data', 'postgres'),
    embeddedPort: int(env, 'EMBEDDED_PG_PORT', 54329),
    poolSize: int(env, 'DB_POOL_SIZE', 10),
    statementTimeoutMs: int(env, 'STATEMENT_TIMEOUT_MS', 5000),
    demo: bool(env, 'TENANTRY_DEMO', !production),
    tenantsDir: env.TENANTS_DIR || path.join(root, 'tenants'),
    exposeSqlCount: !production && bool(env, 'EXPOSE_SQL_COUNT', true),
    introspection: !production,
    usageFlushMs: int(env, 'USAGE_FLUSH_MS', 10_000),
    jobsIntervalMs: int(env, 'JOBS_INTERVAL_MS', 3_600_000),
    // DEVELOPMENT DEFAULT: a random key per process (access tokens end at restart; refresh tokens
    // keep working). Refused in production below.
    sessionSigningKey: env.SESSION_SIGNING_KEY || randomBytes(32).toString('base64url'),
    accessTokenTtlSeconds: int(env, 'ACCESS_TOKEN_TTL_S', 900),
    refreshTokenTtlSeconds: int(env, 'REFRESH_TOKEN_TTL_S', 30 * 24 * 3600),
    invitationTtlSeconds: int(env, 'INVITATION_TTL_S', 7 * 24 * 3600),
    trustProxy: !env.TRUST_PROXY || env.TRUST_PROXY === 'false' ? false : env.TRUST_PROXY,
  };
  if (production) refuseDevDefaults(config, env);
  return config;
}

/** The folder with package.json, whether running from src/ (tests) or dist/src/ (npm start). */
function repositoryRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/** Dev conveniences that must never run in production by accident. */
function refuseDevDefaults(config: Config, env: NodeJS.ProcessEnv): void {
  const problems: string[] = [];
  if (!config.databaseUrl && !bool(env, 'ALLOW_EMBEDDED_DB', false)) {
    problems.push('DATABASE_URL is required in production (the embedded PostgreSQL is a development default; set ALLOW_EMBEDDED_DB=true to override)');
  }
  if (!env.SESSION_SIGNING_KEY || env.SESSION_SIGNING_KEY.length < 32) {
    problems.push('SESSION_SIGNING_KEY (at least 32 random characters) is required in production: it signs users\' access tokens');
  }
  if (config.demo) problems.push('TENANTRY_DEMO must be off in production (it prints credentials)');
  if (problems.length) throw new Error(`Refusing to start in production mode:\n- ${problems.join('\n- ')}`);
}
