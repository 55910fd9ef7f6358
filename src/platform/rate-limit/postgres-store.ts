/**
 * Buckets in control.rate_limit_buckets, shared by every app instance on the database. A take is
 * ONE statement (INSERT … ON CONFLICT DO UPDATE): the row lock serialises concurrent takes, and
 * the database clock is the only clock, so instances never disagree about refills.
 */
import { DataSource } from 'typeorm';
import { queryOne } from '../../db/sql';
import { Bucket, RateLimitStore, TakeResult, secondsUntil } from './store';

/** The bucket's level now: what it held, refilled for the time since, capped at its size ($3 size, $4 refill per second). */
const REFILLED = 'least($3::float8, b.tokens + $4::float8 * greatest(0, extract(epoch FROM now() - b.updated_at)))';

export class PostgresRateLimitStore implements RateLimitStore {
  constructor(private readonly dataSource: DataSource) {}

  async take(tenantId: string, cost: number, bucket: Bucket): Promise<TakeResult> {
    const row = await queryOne<{ tokens: number; allowed: boolean }>(
      this.dataSource,
      `INSERT INTO control.rate_limit_buckets AS b (tenant_id, tokens, allowed, updated_at)
       VALUES ($1, CASE WHEN $2::float8 <= $3::float8 THEN $3::float8 - $2::float8 ELSE $3::float8 END, $2::float8 <= $3::float8, now())
       ON CONFLICT (tenant_id) DO UPDATE SET
         tokens = CASE WHEN ${REFILLED} >= $2::float8 THEN ${REFILLED} - $2::float8 ELSE ${REFILLED} END,
         allowed = ${REFILLED} >= $2::float8,
         updated_at = greatest(b.updated_at, now())
       RETURNING tokens, allowed`,
      [tenantId, cost, bucket.size, bucket.refillPerSecond],
    );
    const { tokens, allowed } = row!;
    return allowed ? { allowed, remaining: tokens, retryAfterSeconds: 0 } : { allowed, remaining: tokens, retryAfterSeconds: secondsUntil(cost, tokens, bucket) };
  }

  async refund(tenantId: string, points: number, bucket: Bucket): Promise<number> {
    const row = await queryOne<{ tokens: number }>(
      this.dataSource,
      `UPDATE control.rate_limit_buckets b SET tokens = least($3::float8, ${REFILLED} + $2::float8), updated_at = greatest(b.updated_at, now())
        WHERE tenant_id = $1 RETURNING tokens`,
      [tenantId, points, bucket.size, bucket.refillPerSecond],
    );
    return row?.tokens ?? bucket.size;
  }

  /** Reading the bucket would cost a statement: unknown without one. */
  peek(): undefined {
    return undefined;
  }
}
