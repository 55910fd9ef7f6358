/**
 * PostGraphile v4 serving the benchmark tenant's schema, as a child process of `npm run bench`.
 *
 * PostGraphile v4 needs graphql 15 and the application uses graphql 16, so PostGraphile has its own
 * install in bench/postgraphile/ (see bench/api/main.ts, ensurePostGraphile) and is loaded from there
 * with createRequire: its graphql, pg and graphile-build are one consistent set that never meets the
 * application's. Nothing here is type-checked against PostGraphile's types on purpose: `tsc -p bench`
 * must pass on a checkout where that install does not exist yet.
 *
 * Like the application, every request runs in a transaction with the tenant's NOLOGIN role
 * (pgDefaultRole: PostGraphile sends `begin; select set_config('role', …, true); …; commit`), and
 * the pool has the same size as the application's (DB_POOL_SIZE, default 10).
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import { countStatements, postgraphileDir, required, serve } from './child';

interface PgPool {
  end(): Promise<void>;
}
interface PgModule {
  Pool: new (options: { connectionString: string; max: number; application_name: string }) => PgPool;
  Client: { prototype: { query: (...args: unknown[]) => unknown } };
}
type RequestHandler = http.RequestListener & { release?: () => Promise<void> };
interface PostGraphileModule {
  postgraphile(pool: PgPool, schema: string, options: Record<string, unknown>): RequestHandler;
}

serve(async () => {
  const url = required('DATABASE_URL');
  const schema = required('BENCH_SCHEMA');
  const role = required('BENCH_ROLE');
  const load = createRequire(path.join(postgraphileDir(), 'package.json'));
  const pg = load('pg') as PgModule;
  const { postgraphile } = load('postgraphile') as PostGraphileModule;
  countStatements(pg);
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DB_POOL_SIZE || 10), application_name: 'bench-postgraphile' });
  const handler = postgraphile(pool, schema, {
    pgDefaultRole: role,
    graphqlRoute: '/graphql',
    graphiql: false,
    disableQueryLog: true,
    watchPg: false,
    retryOnInitFail: false,
    enableQueryBatching: false,
    setofFunctionsContainNulls: false,
    dynamicJson: true,
    // No error details or stack traces to clients (production-like).
    showErrorStack: false,
    extendedErrors: [],
  });
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await handler.release?.();
      await pool.end();
    },
  };
});
