/** Buckets in this process's memory: the default, right for a single app instance. */
import { Bucket, RateLimitStore, TakeResult, secondsUntil } from './store';

interface Level {
  tokens: number;
  /** performance.now() of the last refill. */
  at: number;
}

/** Above this many buckets, full ones (which hold nothing a new bucket would not) are dropped. */
const SWEEP_ABOVE = 10_000;

export class MemoryRateLimitStore implements RateLimitStore {
  private readonly levels = new Map<string, Level>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  async take(tenantId: string, cost: number, bucket: Bucket): Promise<TakeResult> {
    const level = this.refilled(tenantId, bucket);
    if (level.tokens < cost) return { allowed: false, remaining: level.tokens, retryAfterSeconds: secondsUntil(cost, level.tokens, bucket) };
    level.tokens -= cost;
    return { allowed: true, remaining: level.tokens, retryAfterSeconds: 0 };
  }

  async refund(tenantId: string, points: number, bucket: Bucket): Promise<number> {
    const level = this.refilled(tenantId, bucket);
    level.tokens = Math.min(bucket.size, level.tokens + points);
    return level.tokens;
  }

  peek(tenantId: string, bucket: Bucket): number {
    const level = this.levels.get(tenantId);
    if (!level) return bucket.size;
    return Math.min(bucket.size, level.tokens + ((this.now() - level.at) / 1000) * bucket.refillPerSecond);
  }

  private refilled(tenantId: string, bucket: Bucket): Level {
    const now = this.now();
    let level = this.levels.get(tenantId);
    if (!level) {
      if (this.levels.size >= SWEEP_ABOVE) this.sweep(now, bucket);
      level = { tokens: bucket.size, at: now };
      this.levels.set(tenantId, level);
      return level;
    }
    // min() also applies a plan that shrank the bucket since the last request.
    level.tokens = Math.min(bucket.size, level.tokens + ((now - level.at) / 1000) * bucket.refillPerSecond);
    level.at = now;
    return level;
  }

  /** Drops buckets that have certainly refilled (judged with the current plan's rate, good enough to bound memory). */
  private sweep(now: number, bucket: Bucket): void {
    for (const [id, level] of this.levels) {
      if (level.tokens + ((now - level.at) / 1000) * bucket.refillPerSecond >= bucket.size) this.levels.delete(id);
    }
  }
}
