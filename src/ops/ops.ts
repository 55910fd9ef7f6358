/**
 * What the HTTP app needs for operations, in one place: logger, metrics, request log, security
 * headers, CORS, JSON answers for requests refused before GraphQL, and the /readyz and /metrics
 * endpoints. server.ts wires these into Express and Apollo.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import cors from 'cors';
import { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import helmet from 'helmet';
import { DataSource } from 'typeorm';
import { checkReadiness } from './health';
import { Logger, createLogger, errorFields } from './logger';
import { AppMetrics } from './metrics';
import { observeRequests, requestIdOf, requestLogPlugin } from './request-log';

export interface OpsSettings {
  production: boolean;
  logLevel: string;
  /** Browser origins allowed to call the API (exact, or `scheme://host:*` for any port). */
  corsOrigins: readonly string[];
  maxBodyBytes: number;
  /** Bearer token /metrics requires; without one, /metrics is open in development and off in production. */
  metricsToken?: string;
}

export interface Ops {
  log: Logger;
  metrics: AppMetrics;
  /** Security headers for every response. */
  securityHeaders: RequestHandler;
  /** CORS for /graphql (preflight included). */
  cors: RequestHandler;
  /** Opens the request's log record; mount on /graphql inside the SQL tally. */
  observeRequests: RequestHandler;
  requestLogPlugin: ReturnType<typeof requestLogPlugin>;
  /** The last error middleware: body too large, malformed JSON, anything else … as JSON, never HTML or a stack. */
  httpErrors: (error: unknown, req: Request, res: Response, next: NextFunction) => void;
  /** GET /readyz and GET /metrics. */
  probes: Router;
  /** Logs an unexpected error under the request id the client sees. */
  logError(requestId: string, error: unknown): void;
  /** From now on /readyz answers 503 (the instance is shutting down). */
  beginShutdown(): void;
}

export function createOps(settings: OpsSettings, dataSource: DataSource, logger?: Logger): Ops {
  const log = logger ?? createLogger({ level: settings.logLevel });
  const metrics = new AppMetrics(dataSource);
  let stopping = false;

  const probes = Router();
  probes.get('/readyz', (_req, res) => {
    if (stopping) {
      res.status(503).json({ status: 'not_ready', reason: 'shutting down' });
      return;
    }
    checkReadiness(dataSource).then(
      (readiness) => {
        if (readiness.ready) res.json({ status: 'ready', checks: readiness.checks });
        else res.status(503).json({ status: 'not_ready', reason: readiness.reason });
      },
      (error: unknown) => {
        log.error({ err: errorFields(error) }, 'readiness check failed');
        res.status(503).json({ status: 'not_ready', reason: 'the readiness check failed' });
      },
    );
  });
  probes.get('/metrics', (req, res) => {
    const access = metricsAccess(settings, req.get('authorization'));
    if (access !== 'ok') {
      if (access === 'off') res.status(404).json({ error: 'metrics are off: set METRICS_TOKEN to enable them in production' });
      else res.status(401).set('WWW-Authenticate', 'Bearer realm="metrics"').json({ error: 'a valid metrics token is required' });
      return;
    }
    metrics.text().then(
      (text) => res.set('Content-Type', metrics.contentType).send(text),
      (error: unknown) => {
        log.error({ err: errorFields(error) }, 'metrics collection failed');
        res.status(500).json({ error: 'metrics collection failed' });
      },
    );
  });

  const logError = (requestId: string, error: unknown) => log.error({ requestId, err: errorFields(error) }, 'unexpected error');

  return {
    log,
    metrics,
    securityHeaders: helmet({
      // A JSON API serves no documents: nothing may load, frame or embed it.
      contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] } },
      strictTransportSecurity: settings.production ? { maxAge: 31_536_000, includeSubDomains: true } : false,
      referrerPolicy: { policy: 'no-referrer' },
    }) as RequestHandler,
    cors: cors({
      origin: (origin, callback) => callback(null, origin !== undefined && originAllowed(settings.corsOrigins, origin)),
      methods: ['GET', 'POST', 'OPTIONS'],
      allowedHeaders: ['Content-Type', 'Authorization', 'Apollo-Require-Preflight', 'X-Apollo-Operation-Name'],
      exposedHeaders: ['X-Request-Id', 'Retry-After'],
      credentials: false,
      maxAge: 600,
    }),
    observeRequests: observeRequests(log, metrics),
    requestLogPlugin: requestLogPlugin(),
    httpErrors: (error, _req, res, next) => {
      if (res.headersSent) return next(error);
      const { status, type } = error as { status?: number; type?: string };
      const requestId = requestIdOf(res);
      let answer: { status: number; code: string; message: string };
      if (type === 'entity.too.large') {
        answer = { status: 413, code: 'PAYLOAD_TOO_LARGE', message: `The request body is larger than the limit of ${settings.maxBodyBytes} bytes` };
      } else if (type === 'entity.parse.failed') {
        answer = { status: 400, code: 'BAD_REQUEST', message: 'The request body is not valid JSON' };
      } else if (typeof status === 'number' && status >= 400 && status < 500) {
        answer = { status, code: 'BAD_REQUEST', message: 'The request could not be read' };
      } else {
        logError(requestId, error);
        answer = { status: 500, code: 'INTERNAL_SERVER_ERROR', message: 'Internal server error' };
      }
      const extensions = answer.code === 'INTERNAL_SERVER_ERROR' ? { code: answer.code, requestId } : { code: answer.code };
      res.status(answer.status).json({ errors: [{ message: answer.message, extensions }] });
    },
    probes,
    logError,
    beginShutdown: () => {
      stopping = true;
    },
  };
}

function metricsAccess(settings: OpsSettings, authorization: string | undefined): 'ok' | 'off' | 'denied' {
  if (!settings.metricsToken) return settings.production ? 'off' : 'ok';
  const presented = /^Bearer (.+)$/i.exec(authorization ?? '')?.[1] ?? '';
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(presented), digest(settings.metricsToken)) ? 'ok' : 'denied';
}

/**
 * Whether a browser origin is on the allow-list: an exact origin (`https://app.example.com`), or
 * `scheme://host:*` for that host on any port. Compared case-insensitively, no other wildcards.
 */
export function originAllowed(allowList: readonly string[], origin: string): boolean {
  const candidate = origin.toLowerCase();
  return allowList.some((entry) => {
    const allowed = entry.toLowerCase();
    if (!allowed.endsWith(':*')) return candidate === allowed;
    const base = allowed.slice(0, -2);
    return candidate === base || (candidate.startsWith(`${base}:`) && /^\d{1,5}$/.test(candidate.slice(base.length + 1)));
  });
}
