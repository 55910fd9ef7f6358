/**
 * `npm start`: config → database (embedded unless DATABASE_URL) → migrations → demo tenant (dev)
 * → GraphQL over HTTP; graceful shutdown on SIGINT/SIGTERM.
 */
import 'reflect-metadata';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { readDevCredentials, writeDevCredentials } from './cli/dev-credentials';
import { Config, loadConfig } from './config';
import { openDatabase } from './db/open-database';
import { buildApiSchema } from './graphql/schema';
import { applyManifests } from './manifests/apply';
import { readManifests } from './manifests/manifest';
import { allEntities, modules } from './modules';
import { sweepValueMetrics } from './modules/analytics/value-metrics.sweep';
import { createLogger } from './ops/logger';
import { installGracefulShutdown } from './ops/shutdown';
import { authenticateApiKey, createApiKey } from './platform/api-keys';
import { migrateTenants, runControlMigrations } from './platform/migrations';
import { startApp } from './server';

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger({ level: config.logLevel });
  const database = await openDatabase(config, allEntities());
  const { dataSource } = database;
  await runControlMigrations(dataSource);
  const fleet = await migrateTenants(dataSource);
  for (const failed of fleet.failed) log.error({ tenantSlug: failed.slug, error: failed.error }, 'workspace stays at its old schema version');

  const demoKey = config.demo ? await prepareDemo(config, dataSource, database.embedded ? config.embeddedDataDir : undefined) : undefined;
  // The hourly jobs first run an hour from now: compute value metrics now, so the demo shows them.
  if (config.demo) await sweepValueMetrics(dataSource, log);
  const app = await startApp({ ...config, logger: log }, dataSource);
  installGracefulShutdown({ app, database, log, graceMs: config.shutdownGraceMs });
  log.info({ url: app.url, database: database.embedded ? 'embedded' : 'external' }, `Tenantry CRM GraphQL API on ${app.url}`);
  if (demoKey?.tenant) {
    console.log(`\nTry it (demo workspace, development key):\n\ncurl -s ${app.url} -H 'Content-Type: application/json' \\\n  -H 'Authorization: Bearer ${demoKey.tenant}' \\\n  -d '{"query":"{ accounts(first: 5) { totalCount nodes { name type annualRevenue { amount currency } valueMetrics { abcClass rfmScore lifecycleStage revenue { amount currency } } contacts(first: 3) { nodes { name email } } } } }"}'\n`);
    console.log(`Platform admin key (development): ${demoKey.platform}\n`);
    console.log('Users sign in with login(input: { workspace, email, password }) after accepting an invitation (inviteUser / resendInvitation): see docs/api.md, "Signing in".\n');
  }
}

/** Applies tenants/*.yaml and returns working dev keys, creating new ones if the stored ones stopped working. */
async function prepareDemo(config: Config, dataSource: DataSource, dataDir: string | undefined) {
  const file = path.join(dataDir ? path.dirname(dataDir) : path.resolve('.data'), 'dev-credentials.json');
  const credentials = readDevCredentials(file);
  const results = await applyManifests(dataSource, buildApiSchema(modules).schema, readManifests(config.tenantsDir), { keyring: config.dataMasterKeys });
  for (const result of results) {
    const admin = result.tokens.find((t) => t.role === 'admin');
    if (admin) credentials.tenantKeys[result.slug] = admin.token;
    console.log(`Tenant ${result.slug}: ${result.action}`);
  }
  if (!credentials.platformKey || !(await authenticateApiKey(dataSource, credentials.platformKey))) {
    credentials.platformKey = (await createApiKey(dataSource, { kind: 'platform', name: 'Development platform key' })).token;
  }
  let tenant = credentials.tenantKeys.demo;
  if (!tenant || !(await authenticateApiKey(dataSource, tenant))) {
    const demo = await dataSource.query(`SELECT id FROM control.tenants WHERE slug = 'demo'`);
    if (demo.length) {
      tenant = (await createApiKey(dataSource, { kind: 'tenant', tenantId: demo[0].id, role: 'admin', name: 'Development demo key' })).token;
      credentials.tenantKeys.demo = tenant;
    }
  }
  writeDevCredentials(file, credentials);
  return { platform: credentials.platformKey, tenant };
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message || String(error) : `Failed to start: ${String(error)}`);
  process.exit(1);
});
