import { DataSource } from 'typeorm';
import { MemoryRateLimitStore } from './memory-store';
import { PostgresRateLimitStore } from './postgres-store';
import { RateLimitStore } from './store';

export { MemoryRateLimitStore } from './memory-store';
export { PostgresRateLimitStore } from './postgres-store';
export type { Bucket, RateLimitStore, TakeResult } from './store';

export type RateLimitStoreKind = 'memory' | 'postgres' | 'off';

/** RATE_LIMIT_STORE: `memory` (default, one instance), `postgres` (shared by several instances) or `off` (no rate limiting). */
export function createRateLimitStore(kind: RateLimitStoreKind, dataSource: DataSource): RateLimitStore | undefined {
  if (kind === 'off') return undefined;
  return kind === 'postgres' ? new PostgresRateLimitStore(dataSource) : new MemoryRateLimitStore();
}
