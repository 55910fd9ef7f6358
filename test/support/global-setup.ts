/**
 * Starts one throwaway embedded PostgreSQL for the whole run, unless DATABASE_URL points at a
 * server already. Test files share the server but not data: each makes its own tenants.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../../src/db/embedded';

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tenantry-test-'));
  const database = await startEmbeddedPostgres(path.join(dir, 'data'), await freePort(), { persistent: false });
  process.env.DATABASE_URL = database.url;
  (globalThis as Record<string, unknown>).__tenantryTestDatabase = { ...database, dir };
}
