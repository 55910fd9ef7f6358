import path from 'node:path';
import { DataSource } from 'typeorm';
import { Config } from '../config';
import { DataSourceOptions, createDataSource } from './data-source';
import { EmbeddedDatabase, startEmbeddedPostgres } from './embedded';

export interface OpenDatabase {
  dataSource: DataSource;
  /** Present when the embedded server was started for this process. */
  embedded?: EmbeddedDatabase;
  close(): Promise<void>;
}

/** Connects to DATABASE_URL, or starts the embedded PostgreSQL when none is configured. */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'embeddedDataDir' | 'embeddedPort' | 'poolSize'>,
  entities: DataSourceOptions['entities'],
): Promise<OpenDatabase> {
  const embedded = config.databaseUrl ? undefined : await startEmbeddedPostgres(path.resolve(config.embeddedDataDir), config.embeddedPort);
  const dataSource = await createDataSource({ url: config.databaseUrl ?? embedded!.url, poolSize: config.poolSize, entities });
  return {
    dataSource,
    embedded,
    close: async () => {
      await dataSource.destroy();
      await embedded?.stop();
    },
  };
}
