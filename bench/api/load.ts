/**
 * Load generation with autocannon's programmatic API, in the parent process while the server
 * under test runs in its own child process. Every response's latency is recorded (autocannon's
 * own summary has no p95), and every response is checked: a non-200 status or a GraphQL
 * `errors` member counts as an error.
 */
import autocannon from 'autocannon';
import { Summary, summarize } from '../stats';
import type { RequestSource } from './workloads';

export interface LoadOptions {
  url: string;
  connections: number;
  /** Measured seconds, after the warm-up. */
  seconds: number;
  /** Seconds of load before the measured window, in the same run (no ramp-up inside the window). */
  warmup?: number;
  next: RequestSource;
  /** Called when the measured window opens and closes (to read the server's counters). */
  onWindowStart?: () => void;
  onWindowEnd?: () => void;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  rps: number;
  latency: Summary;
  errors: number;
  firstError?: string;
  bytesPerResponse: number;
  /** Every response's latency, ms (dropped before results are written). */
  samples?: number[];
}

/** Several runs of the same load as one: requests and time added up, latencies pooled. */
export function poolLoads<T extends LoadResult>(parts: T[]): LoadResult {
  const samples = parts.flatMap((p) => p.samples ?? []);
  const requests = parts.reduce((sum, p) => sum + p.requests, 0);
  const seconds = parts.reduce((sum, p) => sum + p.seconds, 0);
  return {
    requests,
    seconds,
    rps: requests / seconds,
    latency: summarize(samples),
    errors: parts.reduce((sum, p) => sum + p.errors, 0),
    firstError: parts.find((p) => p.firstError)?.firstError,
    bytesPerResponse: requests ? parts.reduce((sum, p) => sum + p.bytesPerResponse * p.requests, 0) / requests : 0,
  };
}

/**
 * One autocannon run of warm-up + measured seconds. Only responses that complete inside the
 * measured window count (its length is the time base of req/s), so the window sees steady state:
 * no ramp-up of the first requests, and no half-done requests of an earlier run (the caller waits
 * for the server to go idle between runs).
 */
export function runLoad(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let bytes = 0;
  const warmupMs = (options.warmup ?? 0) * 1000;
  const windowMs = options.seconds * 1000;
  let measuring = false;
  let opened = 0;
  let closed = 0;
  const open = () => {
    measuring = true;
    opened = performance.now();
    options.onWindowStart?.();
  };
  const close = () => {
    if (!measuring) return;
    measuring = false;
    closed = performance.now();
    options.onWindowEnd?.();
  };
  return new Promise((resolve, reject) => {
    const timers = [setTimeout(open, warmupMs), setTimeout(close, warmupMs + windowMs)];
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        // A little longer than warm-up + window: the window closes on its own timer first.
        duration: (warmupMs + windowMs + 250) / 1000,
        timeout: 30,
        requests: [
          {
            method: 'POST',
            setupRequest: (request) => {
              const next = options.next();
              return { ...request, path: next.path, body: next.body, headers: { ...request.headers, ...next.headers } };
            },
            onResponse: (status, body) => {
              if (status !== 200 || body.includes('"errors"')) {
                if (measuring) errors += 1;
                firstError ??= `HTTP ${status}: ${body.slice(0, 300)}`;
              }
            },
          },
        ],
      },
      (error, result) => {
        timers.forEach(clearTimeout);
        close();
        if (error) return reject(error);
        const failedRequests = result.errors + result.timeouts;
        if (failedRequests) {
          errors += failedRequests;
          firstError ??= `${result.errors} connection errors, ${result.timeouts} timeouts`;
        }
        const seconds = (closed - opened) / 1000;
        resolve({
          requests: latencies.length,
          seconds,
          rps: latencies.length / seconds,
          latency: summarize(latencies),
          errors,
          firstError,
          bytesPerResponse: latencies.length ? bytes / latencies.length : 0,
          samples: latencies,
        });
      },
    );
    instance.on('response', (_client, _status, resBytes, responseTime) => {
      if (!measuring) return;
      latencies.push(responseTime);
      bytes += resBytes;
    });
  });
}
