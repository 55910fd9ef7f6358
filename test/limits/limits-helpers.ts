/**
 * Helpers for the operation-limit and rate-limit suites: raw HTTP (headers, status, batches),
 * generated documents, plans with a small bucket.
 */
import { Client, GraphQLResponse, Harness, dataOf } from '../support/harness';
import { UPSERT_PLAN, uniqueCode } from '../support/tenant-lifecycle-helpers';

export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: any;
}

/** POSTs any JSON body (an operation, or an array of them for a batch). */
export async function postJson(url: string, body: unknown, token?: string): Promise<HttpAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

/** A client of another app instance (same database), for the same token. */
export function clientOf(url: string, token: string): Client {
  return {
    async request(query, variables, headers = {}) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
  };
}

/** `{ v1: viewer { kind } … vN: viewer { kind } }`: N root fields, N aliases, N cost points (actual = requested, no SQL). */
export const viewers = (n: number): string => `{ ${Array.from({ length: n }, (_, i) => `v${i + 1}: viewer { kind }`).join(' ')} }`;

/** `{ viewer { a1: kind … aN: kind } }`: N aliases in one root field. */
export const aliases = (n: number): string => `{ viewer { ${Array.from({ length: n }, (_, i) => `a${i + 1}: kind`).join(' ')} } }`;

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export const costOf = (response: GraphQLResponse): { requestedQueryCost: number; actualQueryCost: number; throttleStatus?: any } => response.extensions?.cost;

/** A plan (created through upsertPlan) with its own small bucket. */
export async function planWithBucket(harness: Harness, bucket: { size: number; refillPerSecond: number }): Promise<string> {
  const code = uniqueCode('rl');
  const input = {
    code,
    name: `Bucket ${bucket.size}/${bucket.refillPerSecond}`,
    seatLimit: 50,
    recordLimit: 1000,
    features: [],
    rateLimitBucketSize: bucket.size,
    rateLimitRefillPerSecond: bucket.refillPerSecond,
  };
  const payload = dataOf(await harness.platform.request(UPSERT_PLAN, { input })).upsertPlan;
  expect(payload.userErrors).toEqual([]);
  return code;
}
