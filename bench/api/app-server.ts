/**
 * The application under test, as `npm start` serves it (src/server.ts startApp) on DATABASE_URL,
 * as a child process of `npm run bench`.
 *
 * BENCH_SHIELD=off serves the same schema without graphql-shield: buildApiSchema is wrapped (in
 * this process only) to return the unguarded schema with the personal-data masking middleware
 * re-applied, so the difference measured is the shield alone. src/ is not changed for it.
 *
 * What-if switches (prototypes of proposed src/ changes, to measure their gain; see RESULTS.md):
 *   BENCH_SHIELD=sync           the same rules evaluated synchronously once per rule and request
 *                               (bench/api/sync-shield.ts) instead of graphql-shield's async
 *                               per-field middleware;
 *   BENCH_CACHE_CONTROL=off     Apollo Server without its default cache-control plugin (it hooks
 *                               willResolveField on every field; the API sets no cache hints).
 */
import 'reflect-metadata';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { applyMiddleware } from 'graphql-middleware';
import pg from 'pg';
import { loadConfig } from '../../src/config';
import { createDataSource } from '../../src/db/data-source';
import { maskingMiddleware } from '../../src/graphql/personal-masking';
import * as schemaModule from '../../src/graphql/schema';
import { allEntities } from '../../src/modules';
import { startApp } from '../../src/server';
import { countStatements, required, serve } from './child';
import { syncShieldMiddleware } from './sync-shield';

function replaceShield(mode: 'off' | 'sync'): void {
  const original = schemaModule.buildApiSchema;
  // The compiled module's export is a plain property read at call time by src/server.ts.
  (schemaModule as { buildApiSchema: typeof original }).buildApiSchema = (modules) => {
    const built = original(modules);
    const schema =
      mode === 'off'
        ? applyMiddleware(built.unguarded, maskingMiddleware())
        : applyMiddleware(built.unguarded, syncShieldMiddleware(built.unguarded, built.shield), maskingMiddleware());
    return { ...built, schema };
  };
}

/** Apollo adds its cache-control plugin unless one of the plugins disables it: add the disabling one. */
function disableCacheControl(): void {
  const prototype = ApolloServer.prototype as unknown as { addDefaultPlugins(this: { internals: { plugins: unknown[] } }): Promise<void> };
  const original = prototype.addDefaultPlugins;
  prototype.addDefaultPlugins = function addDefaultPlugins(this: { internals: { plugins: unknown[] } }) {
    this.internals.plugins.push(ApolloServerPluginCacheControlDisabled());
    return original.call(this);
  };
}

serve(async () => {
  countStatements(pg);
  const shield = process.env.BENCH_SHIELD ?? 'on';
  if (shield === 'off' || shield === 'sync') replaceShield(shield);
  else if (shield !== 'on') throw new Error(`BENCH_SHIELD must be on, off or sync, got ${shield}`);
  if (process.env.BENCH_CACHE_CONTROL === 'off') disableCacheControl();
  const config = loadConfig({ ...process.env, DATABASE_URL: required('DATABASE_URL'), PORT: '0', HOST: '127.0.0.1' });
  const dataSource = await createDataSource({ url: config.databaseUrl!, poolSize: config.poolSize, entities: allEntities() });
  const app = await startApp(config, dataSource);
  return {
    url: app.url,
    stop: async () => {
      await app.stop();
      await dataSource.destroy();
    },
  };
});
