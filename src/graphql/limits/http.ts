/**
 * Limits checked on the HTTP body, before authentication and before Apollo: the size of each
 * document and the number of operations in a batch (a JSON array body). Refusals run no SQL.
 */
import type { RequestHandler, Response } from 'express';
import { currentSqlTally } from '../../db/sql-counter';
import type { ErrorCode } from '../errors';

export interface HttpLimitSettings {
  /** Bytes of one operation's `query` text (UTF-8); 0: no limit. */
  maxDocumentBytes: number;
  /** Operations in one batched request; 0: batching is off (Apollo refuses arrays). */
  maxBatchOperations: number;
  exposeSqlCount: boolean;
}

export function httpLimits(settings: HttpLimitSettings): RequestHandler {
  return (req, res, next) => {
    const body: unknown = req.body;
    if (Array.isArray(body) && settings.maxBatchOperations && body.length > settings.maxBatchOperations) {
      refuse(res, settings, 400, 'BATCH_TOO_LARGE', `A batch may hold at most ${settings.maxBatchOperations} operations, got ${body.length}`, {
        limit: 'batchOperations',
        requested: body.length,
        maximum: settings.maxBatchOperations,
      });
      return;
    }
    if (settings.maxDocumentBytes) {
      const operations: unknown[] = Array.isArray(body) ? body : [req.method === 'GET' ? req.query : body];
      for (const operation of operations) {
        const query = (operation as { query?: unknown } | null)?.query;
        const bytes = typeof query === 'string' ? Buffer.byteLength(query, 'utf8') : 0;
        if (bytes > settings.maxDocumentBytes) {
          refuse(res, settings, 413, 'PAYLOAD_TOO_LARGE', `The GraphQL document is ${bytes} bytes; the maximum is ${settings.maxDocumentBytes}`, {
            limit: 'documentBytes',
            requested: bytes,
            maximum: settings.maxDocumentBytes,
          });
          return;
        }
      }
    }
    next();
  };
}

function refuse(res: Response, settings: HttpLimitSettings, status: number, code: ErrorCode, message: string, details: Record<string, unknown>): void {
  const tally = currentSqlTally();
  res.status(status).json({
    errors: [{ message, extensions: { code, ...details } }],
    ...(settings.exposeSqlCount && tally ? { extensions: { sqlStatements: tally.statements } } : {}),
  });
}
