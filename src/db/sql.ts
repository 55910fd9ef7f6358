import { DataSource, QueryRunner } from 'typeorm';

export type Queryable = DataSource | QueryRunner;

/**
 * Runs one parameterised statement and returns its rows, whatever the statement kind
 * (TypeORM's plain query() answers UPDATE/DELETE with [rows, count] instead of rows).
 */
export async function queryRows<T = Record<string, unknown>>(db: Queryable, text: string, params: unknown[] = []): Promise<T[]> {
  if (db instanceof DataSource) {
    const runner = db.createQueryRunner();
    try {
      return await queryRows<T>(runner, text, params);
    } finally {
      await runner.release();
    }
  }
  const result = await db.query(text, params, true);
  return result.records as T[];
}

export async function queryOne<T = Record<string, unknown>>(db: Queryable, text: string, params: unknown[] = []): Promise<T | null> {
  const [row] = await queryRows<T>(db, text, params);
  return row ?? null;
}
