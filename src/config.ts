/**
 * Environment parsing. Every setting has one place here; defaults suit a developer's machine and
 * the ones that are unsafe for production are refused when NODE_ENV=production.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { LOG_LEVELS, isLogLevel } from './ops/logger';
import { MasterKeyring, developmentKeyring, parseMasterKeys } from './platform/encryption/master-keys';

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
  /** Most fields nested in one operation (introspection's `ofType` does not count); 0: no limit. */
  maxQueryDepth: number;
  /** Most cost points one operation may request (docs/api.md, "Limits and cost"); 0: no limit. */
  maxQueryCost: number;
  /** Most aliased fields in one operation; 0: no limit. */
  maxAliases: number;
  /** Most root fields in one operation; 0: no limit. */
  maxRootFields: number;
  /** Most bytes of one operation's document (the `query` text); 0: no limit. */
  maxDocumentBytes: number;
  /** Most operations in one batched request (a JSON array body); 0 turns batching off. */
  maxBatchOperations: number;
  /**
   * Where the workspaces' rate-limit buckets live: this process (`memory`), PostgreSQL, shared by
   * every instance (`postgres`), or nowhere (`off`: no rate limiting; the per-operation limits stay).
   */
  rateLimitStore: 'memory' | 'postgres' | 'off';
  /** Level of the JSON logs on stdout: fatal, error, warn, info, debug, trace or silent. */
  logLevel: string;
  /**
   * Browser origins allowed to call the API (CORS): exact origins, or `scheme://host:*` for any port
   * of a host. Development allows localhost; production none unless listed.
   */
  corsOrigins: string[];
  /** Largest request body accepted, in bytes; a larger one is answered HTTP 413. */
  maxBodyBytes: number;
  /** On shutdown, how long in-flight requests may finish before their connections are closed. */
  shutdownGraceMs: number;
  /** Bearer token GET /metrics requires. Unset: /metrics is open in development and off in production. */
  metricsToken?: string;
  /**
   * Master keys that wrap each workspace's data key (encryption at rest), from DATA_MASTER_KEYS
   * (`id:base64,…`, the first current). Development uses a public key; production requires the variable.
   */
  dataMasterKeys: MasterKeyring;
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
    maxQueryDepth: int(env, 'MAX_QUERY_DEPTH', 10),
    maxQueryCost: int(env, 'MAX_QUERY_COST', 1000),
    maxAliases: int(env, 'MAX_ALIASES', 30),
    maxRootFields: int(env, 'MAX_ROOT_FIELDS', 20),
    maxDocumentBytes: int(env, 'MAX_DOCUMENT_BYTES', 32 * 1024),
    maxBatchOperations: int(env, 'MAX_BATCH_OPERATIONS', 10),
    rateLimitStore: rateLimitStore(env),
    logLevel: logLevel(env),
    corsOrigins: corsOrigins(env, production),
    maxBodyBytes: int(env, 'MAX_BODY_BYTES', 1024 * 1024),
    shutdownGraceMs: int(env, 'SHUTDOWN_GRACE_MS', 10_000),
    metricsToken: env.METRICS_TOKEN || undefined,
    // DEVELOPMENT DEFAULT: a public key (id "dev-insecure"). Refused in production below.
    dataMasterKeys: env.DATA_MASTER_KEYS ? parseMasterKeys(env.DATA_MASTER_KEYS) : developmentKeyring(),
  };
  if (production) refuseDevDefaults(config, env);
  return config;
}

function rateLimitStore(env: NodeJS.ProcessEnv): 'memory' | 'postgres' | 'off' {
  const raw = env.RATE_LIMIT_STORE || 'memory';
  if (raw !== 'memory' && raw !== 'postgres' && raw !== 'off') throw new Error(`RATE_LIMIT_STORE must be memory, postgres or off, got "${raw}"`);
  return raw;
}

function logLevel(env: NodeJS.ProcessEnv): string {
  const level = env.LOG_LEVEL || 'info';
  if (!isLogLevel(level)) throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${level}"`);
  return level;
}

/** Browser pages served from localhost (any port) may call a development server. */
const DEV_CORS_ORIGINS = ['http://localhost:*', 'http://127.0.0.1:*', 'http://[::1]:*'];
const ORIGIN = /^https?:\/\/([a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(:(\d{1,5}|\*))?$/i;

function corsOrigins(env: NodeJS.ProcessEnv, production: boolean): string[] {
  const raw = env.CORS_ORIGINS;
  if (raw === undefined) return production ? [] : DEV_CORS_ORIGINS;
  const origins = raw.split(',').map((origin) => origin.trim().replace(/\/$/, '')).filter(Boolean);
  const invalid = origins.filter((origin) => !ORIGIN.test(origin));
  if (invalid.length) {
    throw new Error(`CORS_ORIGINS must list origins such as https://app.example.com or http://localhost:* (no other wildcards), got ${invalid.map((o) => JSON.stringify(o)).join(', ')}`);
  }
  return origins;
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
  if (config.metricsToken !== undefined && config.metricsToken.length < 16) problems.push('METRICS_TOKEN must be at least 16 characters');
  if (!env.DATA_MASTER_KEYS) {
    problems.push('DATA_MASTER_KEYS is required in production: comma-separated "id:base64" 32-byte keys (e.g. "k1:" + `openssl rand -base64 32`), the first wrapping the workspaces\' data keys');
  } else if (config.dataMasterKeys.includesDevelopmentKey) {
    problems.push('DATA_MASTER_KEYS must not contain the public development key ("dev-insecure")');
  }
  if (problems.length) throw new Error(`Refusing to start in production mode:\n- ${problems.join('\n- ')}`);
}
