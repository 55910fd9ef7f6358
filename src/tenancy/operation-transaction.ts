/**
 * One transaction per GraphQL operation, opened lazily on first use on the shared pool:
 *   BEGIN [READ ONLY]; SET LOCAL search_path …; SET LOCAL ROLE …; SET LOCAL statement_timeout …
 * sent as one round trip. Only LOCAL settings are used: session settings would leak to the next
 * request that borrows the pooled connection. TypeORM's own transaction API is not used here (it
 * cannot send the settings in the same round trip); services use plain parameterised queries.
 */
import { DataSource, QueryRunner } from 'typeorm';
import { quoteTenantIdentifier } from '../db/identifiers';
import { isStatementTimeout, timeoutError } from '../graphql/errors';
import { Logger, defaultLogger, errorFields } from '../ops/logger';

export interface TenantScope {
  schemaName: string;
  roleName: string;
}

export class OperationTransaction {
  private opening?: Promise<QueryRunner>;
  private rollbackOnly = false;
  private savepoints = 0;
  private readonly committed: (() => Promise<void>)[] = [];
  private readonly committing: ((db: QueryRunner) => Promise<void>)[] = [];
  /** Set once statement_timeout cancelled a statement: the transaction is aborted from then on. */
  private timedOut = false;
  /** Decided once the operation is parsed: queries run READ ONLY. */
  readOnly = true;
  /** A mutation with several root fields isolates each in a savepoint, so one failure undoes only itself. */
  isolateMutationFields = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: TenantScope,
    private readonly statementTimeoutMs: number,
    private readonly log: Logger = defaultLogger(),
  ) {}

  /** A new, unopened transaction in the same tenant scope and settings (another operation of a batch). */
  sibling(): OperationTransaction {
    return new OperationTransaction(this.dataSource, this.scope, this.statementTimeoutMs, this.log);
  }

  /** The transaction's connection, begun on first call; all later calls share it. */
  connection(): Promise<QueryRunner> {
    this.opening ??= this.begin();
    return this.opening;
  }

  private async begin(): Promise<QueryRunner> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(
        `BEGIN${this.readOnly ? ' READ ONLY' : ''};
         SET LOCAL search_path TO ${quoteTenantIdentifier(this.scope.schemaName)};
         SET LOCAL ROLE ${quoteTenantIdentifier(this.scope.roleName)};
         SET LOCAL statement_timeout = ${Math.trunc(this.statementTimeoutMs)};
         SET LOCAL idle_in_transaction_session_timeout = ${Math.trunc(this.statementTimeoutMs) * 2}`,
      );
    } catch (error) {
      await runner.release();
      throw error;
    }
    serializeQueries(runner, (error) => this.clientError(error));
    return runner;
  }

  /**
   * A statement cancelled by statement_timeout (SQLSTATE 57014) is the client's TIMEOUT, naming the
   * limit; so is every later statement of the same transaction, refused because it is aborted
   * (25P02). The transaction still ends with ROLLBACK, which returns the connection clean.
   */
  private clientError(error: unknown): unknown {
    if (isStatementTimeout(error)) this.timedOut = true;
    else if (!(this.timedOut && sqlState(error) === '25P02')) return error;
    return timeoutError(this.statementTimeoutMs);
  }

  /**
   * Runs one mutation field atomically. The work reports failure by throwing or by returning
   * `false` from `succeeded`; either way nothing it wrote remains.
   */
  async atomically<T>(work: (db: QueryRunner) => Promise<T>, succeeded: (result: T) => boolean): Promise<T> {
    const db = await this.connection();
    const savepoint = this.isolateMutationFields ? `field_${++this.savepoints}` : null;
    if (savepoint) await db.query(`SAVEPOINT ${savepoint}`);
    const undo = async () => {
      if (savepoint) await db.query(`ROLLBACK TO SAVEPOINT ${savepoint}`);
      else this.rollbackOnly = true;
    };
    let result: T;
    try {
      result = await work(db);
    } catch (error) {
      await undo();
      throw error;
    }
    if (succeeded(result)) {
      if (savepoint) await db.query(`RELEASE SAVEPOINT ${savepoint}`);
    } else {
      await undo();
    }
    return result;
  }

  /**
   * Work that commits with the operation or not at all (the log of the personal data it read):
   * runs in the transaction just before COMMIT, after every resolver, and only when committing; if
   * it fails, the operation fails as a whole (nothing commits, the client gets an error).
   */
  beforeCommit(work: (db: QueryRunner) => Promise<void>): void {
    this.committing.push(work);
  }

  /**
   * Work outside the tenant's schema that must follow only a committed write (revoking a user's
   * keys in the control plane, syncing the seat count). Runs after COMMIT, in order.
   */
  afterCommit(work: () => Promise<void>): void {
    this.committed.push(work);
  }

  /** Ends the transaction without keeping anything it wrote. */
  async rollback(): Promise<void> {
    this.rollbackOnly = true;
    await this.finish();
  }

  /** Ends the transaction (commit unless marked rollback-only) and returns the connection. Idempotent. */
  async finish(): Promise<void> {
    const beforeCommit = this.committing.splice(0);
    // Work that must commit (a read to log) needs the transaction even if nothing opened it yet.
    if (!this.opening && beforeCommit.length && !this.rollbackOnly) this.opening = this.begin();
    if (!this.opening) return;
    const opening = this.opening;
    this.opening = undefined;
    let runner: QueryRunner;
    try {
      runner = await opening;
    } catch (error) {
      if (beforeCommit.length && !this.rollbackOnly) throw error;
      return;
    }
    try {
      if (!this.rollbackOnly) for (const work of beforeCommit) await work(runner);
      await runner.query(this.rollbackOnly ? 'ROLLBACK' : 'COMMIT');
    } catch (error) {
      await runner.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
    if (this.rollbackOnly) return;
    // The write is committed: a failure here must not be reported as "nothing was written".
    for (const work of this.committed.splice(0)) {
      await work().catch((error: unknown) => this.log.error({ err: errorFields(error) }, 'after-commit work failed'));
    }
  }
}

/**
 * Resolvers of one operation run concurrently but share one connection. pg queues overlapping
 * queries itself but deprecates doing so; queue them here, in order, so that a failing statement
 * is followed only by statements issued after it.
 */
function serializeQueries(runner: QueryRunner, clientError: (error: unknown) => unknown): void {
  const query = runner.query.bind(runner);
  let tail: Promise<unknown> = Promise.resolve();
  runner.query = ((...args: Parameters<QueryRunner['query']>) => {
    const next = tail.then(() => query(...args)).catch((error: unknown) => {
      throw clientError(error);
    });
    tail = next.catch(() => undefined);
    return next;
  }) as QueryRunner['query'];
}

const sqlState = (error: unknown): unknown => (error as { code?: unknown })?.code ?? (error as { driverError?: { code?: unknown } })?.driverError?.code;
