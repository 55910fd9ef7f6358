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
  'TIMEOUT',
  'PAYLOAD_TOO_LARGE',
  'BATCH_TOO_LARGE',
  // The workspace's encryption key was destroyed (crypto-shredding): its sealed values are gone for good.
  'DATA_KEY_DESTROYED',
  'INTERNAL_SERVER_ERROR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Codes that graphql-js / Apollo produce for documents and variables: safe and expected. */
export const REQUEST_ERROR_CODES: ReadonlySet<string> = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE', 'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED']);

export class DomainError extends GraphQLError {
  constructor(code: Exclude<ErrorCode, 'INTERNAL_SERVER_ERROR'>, message: string, extensions: Record<string, unknown> = {}) {
    super(message, { extensions: { ...extensions, code } });
  }
}

export const notFound = (what = 'Record'): DomainError => new DomainError('NOT_FOUND', `${what} not found`);
export const badInput = (message: string, extensions?: Record<string, unknown>): DomainError =>
  new DomainError('BAD_USER_INPUT', message, extensions);
export const forbidden = (message = 'Not allowed'): DomainError => new DomainError('FORBIDDEN', message);

/** PostgreSQL cancelled a statement (SQLSTATE 57014: statement_timeout, or an operator's cancel). */
export const isStatementTimeout = (error: unknown): boolean =>
  (error as { code?: unknown })?.code === '57014' || (error as { driverError?: { code?: unknown } })?.driverError?.code === '57014';

/** What a client sees when the operation's statement timeout cut it: the transaction is rolled back. */
export const timeoutError = (timeoutMs?: number): DomainError =>
  new DomainError(
    'TIMEOUT',
    timeoutMs ? `The operation took longer than ${timeoutMs} ms and was cancelled; nothing was written` : 'The operation took too long and was cancelled; nothing was written',
    timeoutMs ? { timeoutMs } : {},
  );

/**
 * Whether an error is one a client may see as it is: our coded errors, and the errors Apollo
 * codes for documents and variables (execution failures it codes INTERNAL_SERVER_ERROR).
 */
export function isExpectedError(error: unknown, code: unknown): boolean {
  const cause = unwrap(error);
  return cause instanceof DomainError || isStatementTimeout(cause) || (typeof code === 'string' && REQUEST_ERROR_CODES.has(code));
}

/**
 * Apollo's formatError: expected errors lose any internals, everything else becomes a bare
 * INTERNAL_SERVER_ERROR (the operation plugin logs it and adds the request id).
 */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  // A cancelled statement outside a tenant transaction (which reports its own limit, see OperationTransaction).
  if (isStatementTimeout(unwrap(error))) return { message: timeoutError().message, locations: formatted.locations, path: formatted.path, extensions: { code: 'TIMEOUT' } };
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
