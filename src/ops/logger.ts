/**
 * Structured logs: one JSON object per line (pino), on stdout. What goes in a line is chosen field
 * by field where it is logged; variables, tokens and personal data are never passed to a logger,
 * and the redaction list below is only a second line of defence.
 */
import os from 'node:os';
import pino from 'pino';

export type Logger = pino.Logger;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const isLogLevel = (value: string): value is LogLevel => (LOG_LEVELS as readonly string[]).includes(value);

/** Field paths that must never be written, should one slip into a log call. */
const REDACT = [
  'authorization',
  'token',
  'password',
  'variables',
  'secret',
  '*.authorization',
  '*.token',
  '*.password',
  '*.variables',
  '*.secret',
  'req.headers.authorization',
  'req.headers.cookie',
];

/**
 * A logger writing JSON lines to `destination` (default: stdout, synchronously, so lines are not
 * lost at exit). Levels are written as names ("info"), times as ISO 8601.
 */
export function createLogger(options: { level?: LogLevel | string; destination?: pino.DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: 'tenantry', pid: process.pid, hostname: os.hostname() },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT, censor: '[redacted]' },
    },
    options.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

/** The logger of code that runs outside an app (CLI, jobs without an app): level from LOG_LEVEL. */
let processLogger: Logger | undefined;
export function defaultLogger(): Logger {
  processLogger ??= createLogger({ level: process.env.LOG_LEVEL || 'info' });
  return processLogger;
}

/**
 * What of an error may be logged: its class, message, SQLSTATE and stack. Not the whole object:
 * a failed query carries its parameters (personal data) and pg errors their `detail` (row values).
 */
export function errorFields(error: unknown): { type?: string; message?: string; code?: string; stack?: string } {
  const cause = (error as { originalError?: unknown })?.originalError ?? error;
  if (!(cause instanceof Error)) return { message: String(cause) };
  const code = (cause as { code?: unknown }).code;
  return { type: cause.name, message: cause.message, code: typeof code === 'string' ? code : undefined, stack: cause.stack };
}
