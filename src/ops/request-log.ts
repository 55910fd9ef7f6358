/**
 * One log line and one set of metric observations per request to /graphql, written when the
 * response has been sent: by then the transaction is finished, the SQL tally complete and the
 * errors final, whatever other plugins did in their own willSendResponse.
 *
 * An Express middleware opens a record for the request (id, start time, SQL tally); an Apollo
 * plugin fills in what GraphQL knows (principal, operation, response). Requests refused before
 * GraphQL (bad credential, body too large, malformed JSON) get their line too.
 *
 * A line carries identifiers and numbers only: request id, workspace id and slug, principal kind,
 * operation name (a GraphQL name from the document) and type, status, duration, SQL statement
 * count, cost, error codes. Never variables, tokens, headers or anything personal.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin, GraphQLResponse } from '@apollo/server';
import type { NextFunction, Request, Response } from 'express';
import { SqlTally, currentSqlTally } from '../db/sql-counter';
import type { RequestContext } from '../tenancy/request-context';
import { Logger } from './logger';
import { AppMetrics } from './metrics';

interface RequestRecord {
  requestId: string;
  startedAt: bigint;
  tally?: SqlTally;
  context?: RequestContext;
  /** The operations of the request (several in a batched request). */
  operations: { type: string; name?: string }[];
  responses: GraphQLResponse[];
  /** Codes of refusals answered outside GraphQL execution (context creation, HTTP-level limits and errors). */
  errorCodes: string[];
}

const storage = new AsyncLocalStorage<RequestRecord>();

/** The id of the request being served (the one a client sees in `extensions.requestId`). */
export function requestIdOf(res: Response): string {
  return (res.locals.requestId as string | undefined) ?? randomUUID();
}

/** Express middleware for /graphql; must run inside the SQL tally's middleware. */
export function observeRequests(log: Logger, metrics: AppMetrics) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    const record: RequestRecord = { requestId: randomUUID(), startedAt: process.hrtime.bigint(), tally: currentSqlTally(), operations: [], responses: [], errorCodes: [] };
    res.locals.requestId = record.requestId;
    res.setHeader('X-Request-Id', record.requestId);
    // Refusals written by middleware before Apollo (body too large, batch limits …) use res.json;
    // Apollo itself writes strings with res.send.
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      const errors = (body as { errors?: unknown } | null)?.errors;
      for (const error of Array.isArray(errors) ? errors : []) {
        const code = (error as { extensions?: { code?: unknown } } | null)?.extensions?.code;
        record.errorCodes.push(typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR');
      }
      return json(body);
    };
    let done = false;
    const finished = () => {
      if (done) return;
      done = true;
      writeLine(log, metrics, record, res);
    };
    res.once('finish', finished);
    res.once('close', finished);
    storage.run(record, next);
  };
}

/** The Apollo plugin that tells the record what GraphQL learnt about the request. */
export function requestLogPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async contextCreationDidFail({ error }) {
      const record = storage.getStore();
      const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
      if (record) record.errorCodes.push(typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR');
    },
    async invalidRequestWasReceived({ error }) {
      const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
      storage.getStore()?.errorCodes.push(typeof code === 'string' ? code : 'BAD_REQUEST');
    },
    async requestDidStart({ contextValue }) {
      const record = storage.getStore();
      if (record) record.context = contextValue;
      return {
        async didResolveOperation({ operation }) {
          if (record && operation) record.operations.push({ type: operation.operation, name: operation.name?.value });
        },
        async willSendResponse({ response }) {
          // Read when the response is sent, not now: other plugins may still change it.
          record?.responses.push(response);
        },
      };
    },
  };
}

function writeLine(log: Logger, metrics: AppMetrics, record: RequestRecord, res: Response): void {
  const durationSeconds = Number(process.hrtime.bigint() - record.startedAt) / 1e9;
  const principal = record.context?.principal;
  const tenant = principal?.kind === 'tenant' ? principal.tenant : undefined;
  const results = record.responses.flatMap((response) => (response.body.kind === 'single' ? [response.body.singleResult] : []));
  const errorCodes = [
    ...record.errorCodes,
    ...results.flatMap((result) => result.errors ?? []).map((error) => (typeof error.extensions?.code === 'string' ? error.extensions.code : 'INTERNAL_SERVER_ERROR')),
  ];
  const cost = totalCost(results.map((result) => result.extensions?.cost));
  const [first] = record.operations;
  try {
    metrics.observeRequest({ operationType: first?.type, durationSeconds, errorCodes, tenantId: tenant?.id });
    log.info(
      {
        requestId: record.requestId,
        status: res.statusCode,
        ...(res.writableFinished ? {} : { aborted: true }),
        durationMs: Math.round(durationSeconds * 10_000) / 10,
        principal: principal?.kind ?? 'unknown',
        tenantId: tenant?.id,
        tenantSlug: tenant?.slug,
        operationType: first?.type ?? null,
        operationName: first?.name?.slice(0, 100) ?? null,
        ...(record.operations.length > 1 ? { batchOperations: record.operations.length } : {}),
        sqlStatements: record.tally?.statements ?? null,
        ...(cost === undefined ? {} : { cost }),
        errorCodes: [...new Set(errorCodes)],
      },
      'graphql request',
    );
  } catch {
    // Never let logging break serving.
  }
}

/**
 * The cost reported in `extensions.cost` (by the cost analysis, if any): a number, or the numbers
 * of an object (e.g. requested and actual cost); summed over a batch. Anything else is not logged.
 */
function totalCost(costs: unknown[]): number | Record<string, number> | undefined {
  let total: number | Record<string, number> | undefined;
  for (const cost of costs) {
    if (typeof cost === 'number') total = (typeof total === 'number' ? total : 0) + cost;
    else if (cost && typeof cost === 'object' && !Array.isArray(cost)) {
      const sums: Record<string, number> = typeof total === 'object' ? total : {};
      for (const [key, value] of Object.entries(cost).slice(0, 10)) if (typeof value === 'number') sums[key] = (sums[key] ?? 0) + value;
      total = sums;
    }
  }
  return total;
}
