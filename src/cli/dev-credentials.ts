/**
 * DEVELOPMENT ONLY: tokens created for the local demo are kept in .data/dev-credentials.json (next
 * to the embedded database, never committed) so each `npm start` can print a working curl.
 * Refused in production by config (TENANTRY_DEMO must be off there).
 */
import fs from 'node:fs';
import path from 'node:path';

export interface DevCredentials {
  platformKey?: string;
  tenantKeys: Record<string, string>;
}

export function readDevCredentials(file: string): DevCredentials {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return { tenantKeys: {} };
  }
}

export function writeDevCredentials(file: string, credentials: DevCredentials): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
}
