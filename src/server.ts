/**
 * The HTTP application: POST /graphql for every caller, GET /healthz for probes.
 * Authentication happens before GraphQL; each request gets its context and SQL tally.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { DataSource } from 'typeorm';
import { Config } from './config';
import { withSqlTally } from './db/sql-counter';
import { DomainError, formatError } from './graphql/errors';
import { operationPlugin } from './graphql/operation-plugin';
import { buildApiSchema } from './graphql/schema';
import { modules } from './modules';
import { startControlPlaneJobs } from './platform/jobs';
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
>;

export async function startApp(config: AppConfig, dataSource: DataSource): Promise<RunningApp> {
  const app = express();
  app.set('trust proxy', config.trustProxy);
  const httpServer = http.createServer(app);
  const { schema } = buildApiSchema(modules);
  const usage = new UsageCollector(dataSource);
  const sessions = new SessionTokens(config.sessionSigningKey, config.accessTokenTtlSeconds);
  const signIn = { tokens: sessions, refreshTtlSeconds: config.refreshTokenTtlSeconds, invitationTtlSeconds: config.invitationTtlSeconds, statementTimeoutMs: config.statementTimeoutMs };
  usage.start(config.usageFlushMs);
  const jobs = startControlPlaneJobs(dataSource, config.jobsIntervalMs);
  const apollo = new ApolloServer<RequestContext>({
    schema,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: config.production,
    formatError,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      operationPlugin({ exposeSqlCount: config.exposeSqlCount, logError, usage }),
    ],
  });
  await apollo.start();

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.use('/graphql', (_req, _res, next) => withSqlTally({ statements: 0 }, next));
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const requestId = randomUUID();
        const result = await authenticate(dataSource, sessions, req.headers.authorization);
        if (!result.ok) throw authenticationError(result.reason, requestId);
        return createRequestContext({
          requestId,
          principal: result.principal,
          dataSource,
          statementTimeoutMs: config.statementTimeoutMs,
          signIn,
          client: { address: req.ip ?? req.socket.remoteAddress ?? 'unknown', userAgent: req.get('user-agent') ?? null },
        });
      },
    }),
  );

  await new Promise<void>((resolve) => httpServer.listen(config.port, config.host, resolve));
  const { port } = httpServer.address() as AddressInfo;
  const shownHost = config.host === '0.0.0.0' ? 'localhost' : config.host;
  return {
    url: `http://${shownHost}:${port}/graphql`,
    apollo,
    usage,
    stop: async () => {
      jobs.stop();
      await apollo.stop();
      await usage.stop();
    },
  };
}

function authenticationError(reason: 'invalid_token' | 'tenant_suspended', requestId: string): DomainError {
  if (reason === 'tenant_suspended') return new DomainError('TENANT_SUSPENDED', 'This workspace is suspended', { requestId, http: { status: 403 } });
  return new DomainError('UNAUTHENTICATED', 'Invalid, expired or revoked token', { requestId, http: { status: 401 } });
}

function logError(requestId: string, error: unknown): void {
  const cause = (error as { originalError?: Error }).originalError ?? (error as Error);
  console.error(JSON.stringify({ level: 'error', requestId, message: cause?.message, stack: cause?.stack }));
}
