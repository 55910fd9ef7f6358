/**
 * `npm run tenantry -- <command>`:
 *   migrate                       bring the control plane and every tenant schema up to date
 *   tenants apply <dir|file> [--dry-run]
 *                                 create or update the workspaces described by tenant manifests
 *   tenants purge                 purge workspaces whose deletion grace period is over
 *   usage snapshot                record today's record count and storage of every workspace
 *   privacy sweep                 the daily privacy sweep now (prune access logs, anonymise inactive
 *                                 contacts where the policy says so) of the workspaces not swept today
 *   contracts sweep               the contract scheduler now (expire contracts past their end date,
 *                                 auto-renew those flagged) in the workspaces not swept this hour
 *   maintenance generate          the maintenance scheduler now (generate the work orders of active
 *                                 maintenance plans up to their horizon) in the workspaces not run this hour
 *   analytics recompute           recompute the accounts' value metrics (ABC, RFM, lifetime value,
 *                                 lifecycle stage) in the workspaces not recomputed this hour
 *   keys create --platform        create a platform admin API key (printed once)
 *   keys rewrap                   key rotation: re-wrap every workspace's data key under the current
 *                                 (first) master key of DATA_MASTER_KEYS; the data is not re-encrypted.
 *                                 Rotate by putting the new key first (DATA_MASTER_KEYS=new:…,old:…),
 *                                 deploying, running this, then removing the old key. Exit code 1 when
 *                                 a key stays under another master key (unknown or failing).
 *   keys status                   how many data keys are under each master key, and how many are destroyed
 *   schema print | schema check   print the GraphQL schema / fail when schema.graphql is stale
 */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { Config, loadConfig } from '../config';
import { openDatabase } from '../db/open-database';
import { buildApiSchema, printApiSchema } from '../graphql/schema';
import { controlMigrations } from '../../migrations/control';
import { ApplyResult, dryRunResult, executePlans, planManifests } from '../manifests/apply';
import { ManifestError, formatProblem, loadManifests, sortProblems } from '../manifests/manifest';
import { allEntities, modules } from '../modules';
import { createApiKey } from '../platform/api-keys';
import { MasterKeyring, dataKeyCounts, rewrapDataKeys } from '../platform/encryption';
import { purgeDueTenants } from '../platform/lifecycle';
import { migrateTenants, runControlMigrations } from '../platform/migrations';
import { snapshotStorage } from '../platform/usage';
import { sweepPrivacy } from '../modules/privacy/retention.sweep';
import { sweepContracts } from '../modules/contracts/contracts.sweep';
import { sweepMaintenancePlans } from '../modules/field-service/maintenance-plans.sweep';
import { sweepValueMetrics } from '../modules/analytics/value-metrics.sweep';

const CLI_ACTOR = { kind: 'system', id: 'cli' } as const;

const SCHEMA_FILE = path.resolve(__dirname, '..', '..', '..', 'schema.graphql');

async function withDatabase<T>(work: (db: Awaited<ReturnType<typeof openDatabase>>, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase(config, allEntities());
  try {
    await runControlMigrations(database.dataSource);
    return await work(database, config);
  } finally {
    await database.close();
  }
}

/** Control-plane migrations not yet run (a dry run must not run them). */
async function pendingControlMigrations(dataSource: DataSource): Promise<string[]> {
  const [{ present }] = await dataSource.query(`SELECT to_regclass('control.migrations') IS NOT NULL AS present`);
  const applied = new Set<string>(present ? (await dataSource.query('SELECT name FROM control.migrations')).map((r: { name: string }) => r.name) : []);
  return controlMigrations.map((m) => m.name!).filter((name) => !applied.has(name));
}

/** Where the workspaces' data keys stand; true when every live key is under the current master key. */
function printDataKeys(keyring: MasterKeyring, counts: Awaited<ReturnType<typeof dataKeyCounts>>): boolean {
  console.log(`${counts.current} data key(s) under the current master key "${keyring.currentId}"; ${counts.destroyed} destroyed (crypto-shredded).`);
  for (const { masterKeyId, count } of counts.remaining) {
    const known = keyring.key(masterKeyId) ? 'listed in DATA_MASTER_KEYS' : 'NOT listed in DATA_MASTER_KEYS: add it back after the current key';
    console.log(`  ${count} data key(s) still under master key "${masterKeyId}" (${known}).`);
  }
  if (!counts.remaining.length) console.log('No data key needs any other master key: older keys can be removed from DATA_MASTER_KEYS.');
  return !counts.remaining.length;
}

const DRY_RUN_LABELS: Record<ApplyResult['action'], string> = { created: 'would be created', updated: 'would be updated', unchanged: 'unchanged' };

function printResult(result: ApplyResult): void {
  console.log(`${result.slug}: ${result.dryRun ? DRY_RUN_LABELS[result.action] : result.action} (${result.file})`);
  for (const change of result.action === 'unchanged' ? [] : result.changes) console.log(`  - ${change}`);
  for (const token of result.tokens) console.log(`  ${token.role} key "${token.name}" (shown once): ${token.token}`);
}

/** Reads every manifest, checks them all against the database, and applies them only when all are valid. */
async function applyTenants(args: string[]): Promise<number> {
  const dryRun = args.includes('--dry-run');
  const unknown = args.filter((a) => a.startsWith('--') && a !== '--dry-run');
  const targets = args.filter((a) => !a.startsWith('--'));
  if (unknown.length || targets.length > 1) {
    console.error('Usage: tenants apply [dir|file] [--dry-run]');
    return 2;
  }
  const target = targets[0] ?? 'tenants';
  const loaded = loadManifests(target);
  const config = loadConfig();
  const database = await openDatabase(config, allEntities());
  const { dataSource } = database;
  try {
    if (dryRun) {
      const pending = await pendingControlMigrations(dataSource);
      if (pending.length) {
        console.error(`The control plane is not up to date (${pending.join(', ')}): run \`npm run tenantry -- migrate\` first; a dry run writes nothing.`);
        return 1;
      }
    } else {
      await runControlMigrations(dataSource);
    }
    const schema = buildApiSchema(modules).schema;
    const planned = await planManifests(dataSource, schema, loaded.manifests);
    const problems = sortProblems([...loaded.problems, ...planned.problems]);
    if (problems.length) {
      for (const problem of problems) console.error(formatProblem(problem));
      console.error(`${problems.length} problem(s) in the manifests in ${target}; nothing was written.`);
      return 1;
    }
    if (!planned.plans.length) {
      console.log(`No tenant manifests in ${target}.`);
      return 0;
    }
    if (dryRun) console.log('Dry run: nothing is written.');
    else await migrateTenants(dataSource);
    const results = dryRun ? planned.plans.map((plan) => dryRunResult(plan, { onResult: printResult })) : await executePlans(dataSource, schema, planned.plans, { onResult: printResult, keyring: config.dataMasterKeys });
    const count = (action: ApplyResult['action']) => results.filter((r) => r.action === action).length;
    const [created, updated] = [count('created'), count('updated')];
    if (!created && !updated) console.log(`Nothing to change: all ${results.length} workspace(s) match their manifests.`);
    else console.log(`${results.length} workspace(s): ${created} ${dryRun ? 'to create' : 'created'}, ${updated} ${dryRun ? 'to update' : 'updated'}, ${count('unchanged')} unchanged.`);
    return 0;
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
    case 'tenants apply':
      return applyTenants(rest);
    case 'tenants purge':
      return withDatabase(async ({ dataSource }) => {
        const purged = await purgeDueTenants(dataSource, CLI_ACTOR);
        console.log(purged.length ? `Purged ${purged.length} workspace(s): ${purged.join(', ')}` : 'No workspace is due for purging');
        return 0;
      });
    case 'usage snapshot':
      return withDatabase(async ({ dataSource }) => {
        console.log(`Recorded today's usage snapshot of ${await snapshotStorage(dataSource)} workspace(s)`);
        return 0;
      });
    case 'privacy sweep':
      return withDatabase(async ({ dataSource }) => {
        const results = await sweepPrivacy(dataSource);
        for (const r of results) console.log(`${r.slug}: ${r.prunedLogEntries} access log entries pruned, ${r.erasedContacts} inactive contact(s) anonymised`);
        console.log(`Swept ${results.length} workspace(s) not swept in the last day.`);
        return 0;
      });
    case 'contracts sweep':
      return withDatabase(async ({ dataSource }) => {
        const results = await sweepContracts(dataSource);
        for (const r of results) console.log(`${r.slug}: ${r.expired} contract(s) expired, ${r.autoRenewed} renewed automatically, ${r.renewed} marked renewed`);
        console.log(`Swept ${results.length} workspace(s) not swept in the last hour.`);
        return 0;
      });
    case 'maintenance generate':
      return withDatabase(async ({ dataSource }) => {
        const results = await sweepMaintenancePlans(dataSource);
        for (const r of results) console.log(`${r.slug}: ${r.created} maintenance work order(s) generated`);
        console.log(`Ran the maintenance scheduler in ${results.length} workspace(s) not run in the last hour.`);
        return 0;
      });
    case 'analytics recompute':
      return withDatabase(async ({ dataSource }) => {
        const results = await sweepValueMetrics(dataSource);
        for (const r of results) console.log(`${r.slug}: value metrics of ${r.accountCount} account(s) recomputed`);
        console.log(`Recomputed ${results.length} workspace(s) not recomputed in the last hour.`);
        return 0;
      });
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
    case 'keys rewrap':
      return withDatabase(async ({ dataSource }, { dataMasterKeys: keyring }) => {
        const report = await rewrapDataKeys(dataSource, keyring);
        console.log(`Re-wrapped ${report.rewrapped} data key(s) under master key "${keyring.currentId}"; the encrypted data is unchanged.`);
        if (report.failed.length) console.error(`${report.failed.length} data key(s) did not unwrap with the configured master key of their id (wrong key bytes?), workspaces: ${report.failed.join(', ')}`);
        return printDataKeys(keyring, report) ? 0 : 1;
      });
    case 'keys status':
      return withDatabase(async ({ dataSource }, { dataMasterKeys: keyring }) => (printDataKeys(keyring, await dataKeyCounts(dataSource, keyring)), 0));
    default:
      console.error('Commands: migrate | tenants apply [dir|file] [--dry-run] | tenants purge | usage snapshot | privacy sweep | contracts sweep | maintenance generate | analytics recompute | keys create --platform | keys rewrap | keys status | schema print | schema check');
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
