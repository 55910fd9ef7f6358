/**
 * Token buckets of cost points, one per workspace. A request takes its requested cost before it
 * runs and gets back what it did not use; the bucket refills continuously up to its size.
 */

/** A plan's bucket: the most points spent at once and the points restored per second. */
export interface Bucket {
  size: number;
  refillPerSecond: number;
}

export interface TakeResult {
  /** Whether the points were taken (the request may run). */
  allowed: boolean;
  /** Points left in the bucket after this take (or, refused, as it stands). */
  remaining: number;
  /** Refused: seconds until the bucket holds enough; 0 when allowed. */
  retryAfterSeconds: number;
}

/**
 * Where buckets live. `memory` (one process) or `postgres` (shared by every app instance).
 * Both refill lazily: a bucket is only read and written when a request takes or refunds.
 */
export interface RateLimitStore {
  /** Takes `cost` points when the bucket holds them, in one atomic step; otherwise takes nothing. */
  take(tenantId: string, cost: number, bucket: Bucket): Promise<TakeResult>;
  /** Gives back `points` (never beyond the bucket's size); answers the points now available. */
  refund(tenantId: string, points: number, bucket: Bucket): Promise<number>;
  /** The points available now, when the store can tell without any I/O (memory); undefined otherwise. */
  peek(tenantId: string, bucket: Bucket): number | undefined;
}

/** Seconds until a bucket holding `available` points has `cost` (at least 1). */
export function secondsUntil(cost: number, available: number, bucket: Bucket): number {
  return Math.max(1, Math.ceil((cost - available) / bucket.refillPerSecond));
}
