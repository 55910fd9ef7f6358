import { DataSource, QueryRunner } from 'typeorm';

/** One control-plane transaction on its own pooled connection; one owner, released in finally. */
export async function withControlTransaction<T>(dataSource: DataSource, work: (db: QueryRunner) => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    const result = await work(runner);
    await runner.commitTransaction();
    return result;
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
}
