/**
 * The HTTP application: POST /graphql for every caller, GET /healthz, /readyz and /metrics for
 * probes and monitoring (src/ops).
 * Authentication happens before GraphQL; each request gets its context and SQL tally.
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { DataSource } from 'typeorm';
import { Config } from './config';
import { withSqlTally } from './db/sql-counter';
import { DomainError, formatError } from './graphql/errors';
import { OperationLimiter, httpLimits } from './graphql/limits';
import { operationPlugin } from './graphql/operation-plugin';
import { buildApiSchema } from './graphql/schema';
import { modules } from './modules';
import { Logger, errorFields } from './ops/logger';
import { createOps } from './ops/ops';
import { requestIdOf } from './ops/request-log';
import { dataKeyCounts } from './platform/encryption';
import { startControlPlaneJobs } from './platform/jobs';
import { sweepPrivacy } from './modules/privacy/retention.sweep';
import { sweepContracts } from './modules/contracts/contracts.sweep';
import { sweepMaintenancePlans } from './modules/field-service/maintenance-plans.sweep';
import { sweepValueMetrics } from './modules/analytics/value-metrics.sweep';
import { createRateLimitStore } from './platform/rate-limit';
import { UsageCollector } from './platform/usage';
import { authenticate } from './tenancy/authenticate';
import { SessionTokens } from './tenancy/session-tokens';
import { RequestContext, createRequestContext } from './tenancy/request-context';

export interface RunningApp {
  url: string;
  apollo: ApolloServer<RequestContext>;
  usage: UsageCollector;
  stop(): Promise<void>;
}

export type AppConfig = Pick<
  Config,
  | 'port'
  | 'host'
  | 'usageFlushMs'
  | 'jobsIntervalMs'
  | 'statementTimeoutMs'
  | 'exposeSqlCount'
  | 'introspection'
  | 'production'
  | 'sessionSigningKey'
  | 'accessTokenTtlSeconds'
  | 'refreshTokenTtlSeconds'
  | 'invitationTtlSeconds'
  | 'trustProxy'
  | 'maxQueryDepth'
  | 'maxQueryCost'
  | 'maxAliases'
  | 'maxRootFields'
  | 'maxDocumentBytes'
  | 'maxBatchOperations'
  | 'rateLimitStore'
  | 'logLevel'
  | 'corsOrigins'
  | 'maxBodyBytes'
  | 'shutdownGraceMs'
  | 'metricsToken'
  | 'dataMasterKeys'
> & {
  /** Where the app logs; default: JSON lines on stdout at `logLevel` (tests pass one to read the lines). */
  logger?: Logger;
};

export async function startApp(config: AppConfig, dataSource: DataSource): Promise<RunningApp> {
  const app = express();
  app.set('trust proxy', config.trustProxy);
  const ops = createOps(config, dataSource, config.logger);
  app.use(ops.securityHeaders);
  const httpServer = http.createServer(app);
  const { schema } = buildApiSchema(modules);
  const usage = new UsageCollector(dataSource, ops.log);
  const sessions = new SessionTokens(config.sessionSigningKey, config.accessTokenTtlSeconds);
  const signIn = { tokens: sessions, refreshTtlSeconds: config.refreshTokenTtlSeconds, invitationTtlSeconds: config.invitationTtlSeconds, statementTimeoutMs: config.statementTimeoutMs };
  usage.start(config.usageFlushMs);
  const jobs = startControlPlaneJobs(dataSource, config.jobsIntervalMs, ops.log, [
    (ds) => sweepPrivacy(ds, ops.log),
    (ds) => sweepContracts(ds, ops.log),
    (ds) => sweepMaintenancePlans(ds, ops.log),
    (ds) => sweepValueMetrics(ds, ops.log),
  ]);
  // Depth, cost, aliases, root fields and page sizes before anything runs; then the workspace's rate limit.
  const limits = new OperationLimiter(config, createRateLimitStore(config.rateLimitStore, dataSource), ops.logError);
  const apollo = new ApolloServer<RequestContext>({
    schema,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: config.production,
    formatError,
    logger: ops.log,
    // Several operations in one JSON array body; their number is limited before Apollo (httpLimits).
    allowBatchedHttpRequests: config.maxBatchOperations > 0,
    plugins: [
      // stop(): stop accepting, let in-flight requests finish for up to shutdownGraceMs, then close them.
      ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: config.shutdownGraceMs }),
      ApolloServerPluginLandingPageDisabled(),
      // The API sets no cache hints; the default plugin would still visit every resolved field.
      ApolloServerPluginCacheControlDisabled(),
      operationPlugin({ exposeSqlCount: config.exposeSqlCount, logError: ops.logError, usage, limits }),
      ops.requestLogPlugin,
    ],
  });
  await apollo.start();
  await warnAboutUnconfiguredMasterKeys(config, dataSource, ops.log);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use(ops.probes);
  app.use('/graphql', ops.cors);
  app.use('/graphql', (_req, _res, next) => withSqlTally({ statements: 0 }, next));
  app.use('/graphql', ops.observeRequests);
  app.use(
    '/graphql',
    express.json({ limit: config.maxBodyBytes }),
    httpLimits(config),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const requestId = requestIdOf(res);
        const result = await authenticate(dataSource, sessions, req.headers.authorization);
        if (!result.ok) throw authenticationError(result.reason, requestId);
        return createRequestContext({
          requestId,
          principal: result.principal,
          dataSource,
          statementTimeoutMs: config.statementTimeoutMs,
          signIn,
          client: { address: req.ip ?? req.socket.remoteAddress ?? 'unknown', userAgent: req.get('user-agent') ?? null },
          log: ops.log,
          keyring: config.dataMasterKeys,
        });
      },
    }),
  );
  app.use(ops.httpErrors);

  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  const { port } = httpServer.address() as AddressInfo;
  const shownHost = config.host === '0.0.0.0' ? 'localhost' : config.host;
  return {
    url: `http://${shownHost}:${port}/graphql`,
    apollo,
    usage,
    stop: async () => {
      ops.beginShutdown();
      jobs.stop();
      await apollo.stop();
      await usage.stop();
    },
  };
}

/**
 * Workspaces whose data key is wrapped by a master key that DATA_MASTER_KEYS no longer lists cannot
 * read or write their encrypted values: tell the operator at start, not at a customer's request.
 */
async function warnAboutUnconfiguredMasterKeys(config: AppConfig, dataSource: DataSource, log: Logger): Promise<void> {
  const keyring = config.dataMasterKeys;
  try {
    const unknown = (await dataKeyCounts(dataSource, keyring)).remaining.filter((r) => !keyring.key(r.masterKeyId));
    if (!unknown.length) return;
    log.warn(
      { masterKeyIds: unknown.map((r) => r.masterKeyId), workspaces: unknown.reduce((sum, r) => sum + r.count, 0) },
      'Data keys are wrapped by master keys DATA_MASTER_KEYS does not list: those workspaces cannot read or write encrypted values (add the old key back, then run `tenantry keys rewrap`)',
    );
  } catch (error) {
    log.warn({ err: errorFields(error) }, 'Could not check the data keys against DATA_MASTER_KEYS');
  }
}

function authenticationError(reason: 'invalid_token' | 'tenant_suspended', requestId: string): DomainError {
  if (reason === 'tenant_suspended') return new DomainError('TENANT_SUSPENDED', 'This workspace is suspended', { requestId, http: { status: 403 } });
  return new DomainError('UNAUTHENTICATED', 'Invalid, expired or revoked token', { requestId, http: { status: 401 } });
}
