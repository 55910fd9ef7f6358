/**
 * Periodic control-plane work of each app instance: usage snapshots and purging tenants whose
 * deletion grace period is over. Both are safe to run on several instances at once (row locks and
 * upserts), so no leader election is needed.
 */
import { DataSource } from 'typeorm';
import { Logger, defaultLogger, errorFields } from '../ops/logger';
import { purgeDueTenants } from './lifecycle';
import { snapshotStorage } from './usage';

export interface Jobs {
  stop(): void;
}

export function startControlPlaneJobs(dataSource: DataSource, intervalMs: number, log: Logger = defaultLogger()): Jobs {
  if (intervalMs <= 0) return { stop: () => undefined };
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await purgeDueTenants(dataSource, { kind: 'system', id: 'scheduler' });
      await snapshotStorage(dataSource);
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
