/**
 * `npm start`'s process on SIGTERM, end to end: a request in flight completes (its write
 * committed), new connections are refused meanwhile, then the pool is closed and the embedded
 * PostgreSQL stops cleanly (its postmaster.pid removed), and the process exits 0.
 *
 * The process runs src/main.ts with a throwaway embedded PostgreSQL of its own, compiled on load by
 * TypeScript's transpiler (no build step; the project's compiler options, CommonJS output).
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/data-source';
import { allEntities } from '../../src/modules';
import { createApiKey } from '../../src/platform/api-keys';
import { provisionTenant } from '../../src/platform/tenants';
import { CREATE_ACCOUNT, UPDATE_ACCOUNT } from '../support/operations';
import { uuidOfId } from '../support/security-helpers';
import { post, sleep, waitUntil, withRowLock } from './ops-helpers';

const ROOT = path.resolve(__dirname, '../..');

/** Loads .ts files through ts.transpileModule, then runs src/main.ts. */
const RUN_MAIN_FROM_SOURCE = `
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');
const root = ${JSON.stringify(ROOT)};
const { config } = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile);
const { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions, root);
const compilerOptions = { ...options, module: ts.ModuleKind.CommonJS, moduleResolution: ts.ModuleResolutionKind.Node10, sourceMap: false, inlineSourceMap: true };
require.extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, 'utf8'), { compilerOptions, fileName: filename });
  module._compile(outputText, filename);
};
require(path.join(root, 'src/main.ts'));
`;

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

let dir: string;
let child: ChildProcess | undefined;
let exited: Promise<number | null>;
let output = '';
let db: DataSource | undefined;
let dataDir: string;

const lines = (): Record<string, any>[] =>
  output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line));

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tenantry-shutdown-'));
  dataDir = path.join(dir, 'postgres');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    EMBEDDED_PG_DIR: dataDir,
    EMBEDDED_PG_PORT: String(await freePort()),
    PORT: '0',
    TENANTRY_DEMO: 'false',
    JOBS_INTERVAL_MS: '0',
    LOG_LEVEL: 'info',
    SHUTDOWN_GRACE_MS: '10000',
  };
  delete env.DATABASE_URL;
  delete env.NODE_ENV;
  child = spawn(process.execPath, ['-e', RUN_MAIN_FROM_SOURCE], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  exited = new Promise((resolve) => child!.on('exit', (code) => resolve(code)));
  await waitUntil(() => lines().some((line) => line.url) || child!.exitCode !== null, 90_000, 'the server to start');
  if (child.exitCode !== null) throw new Error(`the server did not start:\n${output}`);
  db = await createDataSource({ url: `postgres://postgres:tenantry-dev-only@127.0.0.1:${env.EMBEDDED_PG_PORT}/postgres`, poolSize: 2, entities: allEntities() });
}, 120_000);

afterAll(async () => {
  if (db?.isInitialized) await db.destroy();
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL');
    await exited;
  }
  // A failed run may leave the embedded server behind: stop it (the pid is in its own pid file).
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (fs.existsSync(pidFile)) {
    try {
      process.kill(Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]), 'SIGINT');
      await waitUntil(() => !fs.existsSync(pidFile), 10_000, 'the leftover embedded server to stop');
    } catch {
      // already gone
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
}, 30_000);

test('SIGTERM drains the request in flight, then closes the pool and stops the embedded PostgreSQL cleanly', async () => {
  const url: string = lines().find((line) => line.url)!.url;
  const tenant = await provisionTenant(db!, { kind: 'system', id: 'shutdown-test' }, { slug: `shutdown-${Date.now()}`, name: 'Shutdown', planCode: 'professional', seats: 5 });
  const { token } = await createApiKey(db!, { kind: 'tenant', tenantId: tenant.id, role: 'admin', name: 'shutdown test' });
  const created = await post(url, token, CREATE_ACCOUNT, { input: { name: 'Before SIGTERM' } });
  const id = created.body.data.createAccount.account.id;

  const inFlight = await withRowLock(db!, tenant.schemaName, uuidOfId(id), async (release) => {
    const request = post(url, token, UPDATE_ACCOUNT, { input: { id, name: 'Committed while draining' } });
    await waitUntil(
      async () => (await db!.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = 'tenantry' AND wait_event_type = 'Lock'`)).length > 0,
      10_000,
      'the update to wait on the row lock',
    );
    child!.kill('SIGTERM');
    await waitUntil(() => lines().some((line) => line.msg?.startsWith('shutting down')), 5000, 'the shutdown to begin');
    await sleep(200);
    // Not listening any more, but neither the process nor its database is gone.
    const refused = await post(url, token, '{ viewer { kind } }').then(
      () => false,
      (error: Error & { cause?: { code?: string } }) => error.cause?.code === 'ECONNREFUSED',
    );
    expect(refused).toBe(true);
    expect(child!.exitCode).toBeNull();
    expect(fs.existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(true);
    await release();
    return request;
  });

  expect(inFlight.status).toBe(200);
  expect(inFlight.body.errors).toBeUndefined();
  expect(inFlight.body.data.updateAccount.account.name).toBe('Committed while draining');
  const [row] = await db!.query(`SELECT name FROM "${tenant.schemaName}".accounts WHERE id = $1`, [uuidOfId(id)]);
  expect(row.name).toBe('Committed while draining');
  await db!.destroy();

  expect(await exited).toBe(0);
  // An orderly PostgreSQL shutdown removes its pid file (a killed server leaves it behind).
  expect(fs.existsSync(path.join(dataDir, 'postmaster.pid'))).toBe(false);
  const messages = lines().map((line) => line.msg);
  expect(messages).toEqual(expect.arrayContaining(['graphql request', 'stopped']));
  expect(lines().find((line) => line.msg === 'stopped')).toMatchObject({ exitCode: 0 });
  expect(lines().filter((line) => line.level === 'error')).toEqual([]);
}, 60_000);
