/**
 * Counts SQL statements per request at the pg client, so the statement budget of an operation
 * can be measured (tests, `extensions.sqlStatements`, logs) without trusting the ORM's view.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';

export interface SqlTally {
  statements: number;
}

const storage = new AsyncLocalStorage<SqlTally>();
let installed = false;

/** Wraps pg's Client#query once per process; every pool client (TypeORM's too) shares the prototype. */
export function installSqlCounter(): void {
  if (installed) return;
  installed = true;
  const original = pg.Client.prototype.query;
  pg.Client.prototype.query = function countedQuery(this: pg.Client, ...args: unknown[]) {
    const tally = storage.getStore();
    if (tally) tally.statements += 1;
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
}

/** Runs `fn` with a fresh tally that every query issued inside it (sync or async) adds to. */
export function withSqlTally<T>(tally: SqlTally, fn: () => T): T {
  return storage.run(tally, fn);
}

export const currentSqlTally = (): SqlTally | undefined => storage.getStore();
