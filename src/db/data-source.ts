import { DataSource, EntitySchema } from 'typeorm';
import { installSqlCounter } from './sql-counter';

export interface DataSourceOptions {
  url: string;
  poolSize: number;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: (Function | EntitySchema)[];
}

/**
 * The one DataSource and pool of the process. Entities carry no schema name: each tenant
 * transaction sets search_path, so the same entity maps to the tenant's own tables.
 */
export async function createDataSource(options: DataSourceOptions): Promise<DataSource> {
  installSqlCounter();
  const dataSource = new DataSource({
    type: 'postgres',
    url: options.url,
    entities: options.entities,
    synchronize: false,
    migrationsRun: false,
    logging: false,
    extra: {
      max: options.poolSize,
      // Recycle connections: each one caches catalog entries of every schema it touched.
      maxLifetimeSeconds: 300,
      idleTimeoutMillis: 30_000,
      application_name: 'tenantry',
    },
  });
  await dataSource.initialize();
  return dataSource;
}
