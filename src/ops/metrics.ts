/**
 * Prometheus metrics of one app: a registry of its own (several apps in one process, as in the
 * tests, do not clash), plus the process metrics registered once per process.
 *
 * Label values come from fixed sets only (operation type, error code), never from a tenant, an
 * operation name or anything a client sends, so the number of series stays bounded whatever the
 * traffic. Active tenants are a count, not a label.
 */
import client from 'prom-client';
import { DataSource } from 'typeorm';
import { ERROR_CODES, REQUEST_ERROR_CODES } from '../graphql/errors';

export const OPERATION_TYPES = ['query', 'mutation', 'subscription', 'none'] as const;
export type OperationTypeLabel = (typeof OPERATION_TYPES)[number];

/** Error codes that may be label values; anything else is counted as OTHER. */
const KNOWN_CODES: ReadonlySet<string> = new Set([...ERROR_CODES, ...REQUEST_ERROR_CODES]);
export const errorCodeLabel = (code: unknown): string => (typeof code === 'string' && KNOWN_CODES.has(code) ? code : 'OTHER');
export const operationTypeLabel = (type: unknown): OperationTypeLabel =>
  (OPERATION_TYPES as readonly unknown[]).includes(type) ? (type as OperationTypeLabel) : 'none';

/** How long a tenant counts as active after its last request. */
export const ACTIVE_TENANT_WINDOW_MS = 5 * 60_000;

/** The pg Pool behind TypeORM's DataSource (undefined once destroyed). */
interface PgPoolCounts {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  options?: { max?: number };
}
const poolOf = (dataSource: DataSource): PgPoolCounts | undefined => (dataSource.driver as unknown as { master?: PgPoolCounts }).master;

export class AppMetrics {
  readonly registry = new client.Registry();
  private readonly duration: client.Histogram<'operation_type'>;
  private readonly errors: client.Counter<'code'>;
  private readonly tenantsSeen = new Map<string, number>();

  constructor(dataSource: DataSource, private readonly now: () => number = Date.now) {
    const registers = [this.registry];
    this.duration = new client.Histogram({
      name: 'graphql_request_duration_seconds',
      help: 'Time from receiving a GraphQL request to sending its response, by operation type (none: refused before an operation was known)',
      labelNames: ['operation_type'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.errors = new client.Counter({
      name: 'graphql_errors_total',
      help: 'GraphQL requests answered with at least one top-level error of the code (codes outside the documented set count as OTHER)',
      labelNames: ['code'],
      registers,
    });
    const pool = (read: (pool: PgPoolCounts) => number | undefined) =>
      function collect(this: client.Gauge) {
        const current = poolOf(dataSource);
        this.set(current ? (read(current) ?? 0) : 0);
      };
    new client.Gauge({ name: 'db_pool_connections', help: 'Open connections of the database pool', registers, collect: pool((p) => p.totalCount) });
    new client.Gauge({ name: 'db_pool_idle_connections', help: 'Open connections of the pool not lent to a request', registers, collect: pool((p) => p.idleCount) });
    new client.Gauge({ name: 'db_pool_waiting_requests', help: 'Requests waiting for a connection of the pool', registers, collect: pool((p) => p.waitingCount) });
    new client.Gauge({ name: 'db_pool_max_connections', help: 'Size limit of the database pool', registers, collect: pool((p) => p.options?.max) });
    const activeTenants = () => this.activeTenants();
    new client.Gauge({
      name: 'tenants_active',
      help: `Workspaces that made at least one request in the last ${ACTIVE_TENANT_WINDOW_MS / 60_000} minutes`,
      registers,
      collect() {
        this.set(activeTenants());
      },
    });
  }

  /** One GraphQL request answered: its duration, operation type, error codes and workspace. */
  observeRequest(entry: { operationType: unknown; durationSeconds: number; errorCodes: readonly unknown[]; tenantId?: string }): void {
    this.duration.observe({ operation_type: operationTypeLabel(entry.operationType) }, entry.durationSeconds);
    for (const code of new Set(entry.errorCodes.map(errorCodeLabel))) this.errors.inc({ code });
    if (entry.tenantId) this.tenantSeen(entry.tenantId);
  }

  private tenantSeen(tenantId: string): void {
    const now = this.now();
    this.tenantsSeen.delete(tenantId); // re-insert: the map stays ordered by last request
    this.tenantsSeen.set(tenantId, now);
    // Bounded memory even when nobody scrapes: drop tenants idle beyond the window as we go.
    const oldest = this.tenantsSeen.entries().next().value;
    if (oldest && now - oldest[1] > ACTIVE_TENANT_WINDOW_MS) this.prune(now);
  }

  /** Distinct workspaces seen in the window. */
  activeTenants(): number {
    this.prune(this.now());
    return this.tenantsSeen.size;
  }

  private prune(now: number): void {
    for (const [id, seen] of this.tenantsSeen) {
      if (now - seen <= ACTIVE_TENANT_WINDOW_MS) break;
      this.tenantsSeen.delete(id);
    }
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The exposition text: this app's metrics and the process's. */
  async text(): Promise<string> {
    return `${await this.registry.metrics()}\n${await processRegistry().metrics()}`;
  }
}

/**
 * Process metrics (CPU, memory, event loop, GC, handles) once per process: prom-client starts
 * observers for them that are never stopped, so they are not created per app.
 */
let processMetrics: client.Registry | undefined;
function processRegistry(): client.Registry {
  if (!processMetrics) {
    processMetrics = new client.Registry();
    client.collectDefaultMetrics({ register: processMetrics });
  }
  return processMetrics;
}
