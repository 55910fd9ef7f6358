import fs from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const database = (globalThis as Record<string, unknown>).__tenantryTestDatabase as { stop(): Promise<void>; dir: string } | undefined;
  if (!database) return;
  await database.stop();
  fs.rmSync(database.dir, { recursive: true, force: true });
}
