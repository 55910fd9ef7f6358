/**
 * Periodic control-plane work of each app instance: usage snapshots, purging tenants whose
 * deletion grace period is over, and the modules' own periodic work (the privacy sweep, contract
 * expiry and renewal). All are safe to run on several instances at once (row locks and upserts),
 * so no leader election is needed.
 */
import { DataSource } from 'typeorm';
import { Logger, defaultLogger, errorFields } from '../ops/logger';
import { purgeDueTenants } from './lifecycle';
import { snapshotStorage } from './usage';

export interface Jobs {
  stop(): void;
}

/** Periodic work a module brings (it decides itself what is due). */
export type PeriodicTask = (dataSource: DataSource) => Promise<unknown>;

export function startControlPlaneJobs(dataSource: DataSource, intervalMs: number, log: Logger = defaultLogger(), tasks: PeriodicTask[] = []): Jobs {
  if (intervalMs <= 0) return { stop: () => undefined };
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await purgeDueTenants(dataSource, { kind: 'system', id: 'scheduler' });
      await snapshotStorage(dataSource);
      for (const task of tasks) await task(dataSource);
    } catch (error) {
      log.error({ err: errorFields(error) }, 'control-plane jobs failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
