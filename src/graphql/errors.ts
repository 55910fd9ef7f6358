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

/**
 * Whether an error is one a client may see as it is: our coded errors, and the errors Apollo
 * codes for documents and variables (execution failures it codes INTERNAL_SERVER_ERROR).
 */
export function isExpectedError(error: unknown, code: unknown): boolean {
  return unwrap(error) instanceof DomainError || (typeof code === 'string' && REQUEST_ERROR_CODES.has(code));
}

/**
 * Apollo's formatError: expected errors lose any internals, everything else becomes a bare
 * INTERNAL_SERVER_ERROR (the operation plugin logs it and adds the request id).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  if (isExpectedError(error, formatted.extensions?.code)) return withoutInternals(formatted);
  return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
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
