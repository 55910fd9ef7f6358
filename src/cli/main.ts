/**
 * `npm run tenantry -- <command>`:
 *   migrate                       bring the control plane and every tenant schema up to date
 *   tenants apply <dir|file>      create the workspaces described by tenant manifests
 *   keys create --platform        create a platform admin API key (printed once)
 *   schema print | schema check   print the GraphQL schema / fail when schema.graphql is stale
 */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config';
import { openDatabase } from '../db/open-database';
import { buildApiSchema, printApiSchema } from '../graphql/schema';
import { applyManifests } from '../manifests/apply';
import { ManifestError, readManifests } from '../manifests/manifest';
import { allEntities, modules } from '../modules';
import { createApiKey } from '../platform/api-keys';
import { migrateTenants, runControlMigrations } from '../platform/migrations';

const SCHEMA_FILE = path.resolve(__dirname, '..', '..', '..', 'schema.graphql');

async function withDatabase<T>(work: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase(config, allEntities());
  try {
    await runControlMigrations(database.dataSource);
    return await work(database);
  } finally {
    await database.close();
  }
}

async function run(args: string[]): Promise<number> {
  const [command, sub, ...rest] = args;
  switch (`${command} ${sub ?? ''}`.trim()) {
    case 'schema print':
      process.stdout.write(printApiSchema(buildApiSchema(modules).unguarded));
      return 0;
    case 'schema check': {
      const current = printApiSchema(buildApiSchema(modules).unguarded);
      const committed = fs.existsSync(SCHEMA_FILE) ? fs.readFileSync(SCHEMA_FILE, 'utf8') : '';
      if (current === committed) return 0;
      console.error('schema.graphql is stale: run `npm run schema:print` and commit the result');
      return 1;
    }
    case 'migrate':
      return withDatabase(async ({ dataSource }) => {
        const report = await migrateTenants(dataSource, { concurrency: 4 });
        console.log(`Migrated ${report.migrated.length} tenant(s); ${report.failed.length} failed`);
        for (const failed of report.failed) console.error(`  ${failed.slug}: ${failed.error}`);
        return report.failed.length ? 1 : 0;
      });
    case 'tenants apply': {
      const target = rest[0] ?? 'tenants';
      const manifests = readManifests(path.resolve(target));
      return withDatabase(async ({ dataSource }) => {
        await migrateTenants(dataSource);
        for (const result of await applyManifests(dataSource, buildApiSchema(modules).schema, manifests)) {
          console.log(`${result.slug}: ${result.action}`);
          for (const token of result.tokens) console.log(`  ${token.role} key "${token.name}" (shown once): ${token.token}`);
        }
        return 0;
      });
    }
    case 'keys create':
      if (!rest.includes('--platform')) {
        console.error('Usage: keys create --platform [--name NAME] (workspace keys are created with the createApiKey mutation)');
        return 2;
      }
      return withDatabase(async ({ dataSource }) => {
        const nameAt = rest.indexOf('--name');
        const name = nameAt >= 0 ? rest[nameAt + 1] : 'Platform admin key';
        const { key, token } = await createApiKey(dataSource, { kind: 'platform', name });
        console.log(`Platform key ${key.id} (shown once): ${token}`);
        return 0;
      });
    default:
      console.error('Commands: migrate | tenants apply <dir> | keys create --platform | schema print | schema check');
      return 2;
  }
}

run(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((error) => {
    if (error instanceof ManifestError) console.error(`Invalid manifest: ${error.message}`);
    else console.error(error instanceof Error ? error.message || String(error) : `Failed: ${String(error)}`);
    process.exit(1);
  });
