/**
 * Top-level error codes and the one place that decides what a client sees of an error.
 * Our coded errors pass through; anything else is logged with the request id and masked.
 */
import { GraphQLError, GraphQLFormattedError } from 'graphql';

export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'CONFLICT',
  'TENANT_SUSPENDED',
  'QUOTA_EXCEEDED',
  'RATE_LIMITED',
  'QUERY_TOO_COMPLEX',
  'INTERNAL_SERVER_ERROR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Codes that graphql-js / Apollo produce for documents and variables: safe and expected. */
const REQUEST_ERROR_CODES = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED']);

export class DomainError extends GraphQLError {
  constructor(code: Exclude<ErrorCode, 'INTERNAL_SERVER_ERROR'>, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
  }
}

export const notFound = (what = 'Record'): DomainError => new DomainError('NOT_FOUND', `${what} not found`);
export const badInput = (message: string, extensions?: Record<string, unknown>): DomainError =>
  new DomainError('BAD_USER_INPUT', message, extensions);
export const forbidden = (message = 'Not allowed'): DomainError => new DomainError('FORBIDDEN', message);

export type ErrorLogger = (details: { requestId?: string; error: unknown }) => void;

/**
 * Builds Apollo's formatError. `requestIdOf` reads the request id from the error's context when
 * known. In debug mode (never in production) unknown errors keep their message for developers.
 */
export function createErrorFormatter(options: { log: ErrorLogger; debug: boolean }) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrap(error);
    const code = formatted.extensions?.code as string | undefined;
    if (original instanceof DomainError) return withoutInternals(formatted);
    if (original === error && code && REQUEST_ERROR_CODES.has(code)) return withoutInternals(formatted);
    const requestId = (original as { requestId?: string } | undefined)?.requestId;
    options.log({ requestId, error: original ?? error });
    return {
      message: options.debug && original instanceof Error ? original.message : 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR', ...(requestId ? { requestId } : {}) },
    };
  };
}

function unwrap(error: unknown): unknown {
  let current = error;
  while (current instanceof GraphQLError && current.originalError && current.originalError !== current) current = current.originalError;
  return current;
}

function withoutInternals(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const { stacktrace: _stack, exception: _exception, ...extensions } = (formatted.extensions ?? {}) as Record<string, unknown>;
  void _stack;
  void _exception;
  return { ...formatted, extensions };
}
