/**
 * Master keys (key-encryption keys) from configuration: `DATA_MASTER_KEYS=id:base64,id:base64`.
 * The FIRST key wraps new data keys and is the target of rotation; the others only unwrap, so an
 * operator rotates by adding a new key in front, running `tenantry keys rewrap`, then removing the
 * old one. Key bytes never leave this object: it prints, logs and serialises as its ids only.
 */
import { createHash } from 'node:crypto';
import { inspect } from 'node:util';

export const MASTER_KEY_ID = /^[a-z0-9_-]{1,32}$/;
export const MASTER_KEY_BYTES = 32;

/**
 * DEVELOPMENT DEFAULT, NOT A SECRET: the master key `npm start` and `npm test` use when
 * DATA_MASTER_KEYS is unset. Its bytes are derivable from this source, so anything it wraps is as
 * good as plaintext; production refuses it (src/config.ts).
 */
export const DEVELOPMENT_MASTER_KEY_ID = 'dev-insecure';
const DEVELOPMENT_MASTER_KEY = createHash('sha256').update('tenantry development master key: public, never use it in production').digest();

export class MasterKeyring {
  readonly #keys: ReadonlyMap<string, Buffer>;
  /** The id of the key that wraps new data keys. */
  readonly currentId: string;

  /** The first key is the current one. Throws on an empty list, a bad id, a wrong length or a duplicate id. */
  constructor(keys: readonly { id: string; key: Buffer }[]) {
    if (!keys.length) throw new Error('A master keyring needs at least one key');
    const map = new Map<string, Buffer>();
    for (const { id, key } of keys) {
      if (!MASTER_KEY_ID.test(id)) throw new Error(`Master key id "${id}" is invalid: use 1 to 32 of a-z, 0-9, "_" and "-"`);
      if (key.length !== MASTER_KEY_BYTES) throw new Error(`Master key "${id}" must be exactly ${MASTER_KEY_BYTES} bytes, got ${key.length}`);
      if (map.has(id)) throw new Error(`Master key id "${id}" is listed twice`);
      map.set(id, Buffer.from(key));
    }
    this.#keys = map;
    this.currentId = keys[0].id;
  }

  /** The key new data keys are wrapped with. */
  get current(): { id: string; key: Buffer } {
    return { id: this.currentId, key: this.#keys.get(this.currentId)! };
  }

  /** A key by id, or undefined when it is not configured (any more). */
  key(id: string): Buffer | undefined {
    return this.#keys.get(id);
  }

  get ids(): string[] {
    return [...this.#keys.keys()];
  }

  /** Whether the public development key is among the keys (production refuses it). */
  get includesDevelopmentKey(): boolean {
    return [...this.#keys].some(([id, key]) => id === DEVELOPMENT_MASTER_KEY_ID || key.equals(DEVELOPMENT_MASTER_KEY));
  }

  toJSON(): { currentId: string; ids: string[] } {
    return { currentId: this.currentId, ids: this.ids };
  }

  [inspect.custom](): string {
    return `MasterKeyring(current: ${this.currentId}; ${this.ids.join(', ')})`;
  }
}

/** The public development keyring (see DEVELOPMENT_MASTER_KEY_ID). */
export const developmentKeyring = (): MasterKeyring => new MasterKeyring([{ id: DEVELOPMENT_MASTER_KEY_ID, key: DEVELOPMENT_MASTER_KEY }]);

const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/**
 * Parses `id:base64(32 bytes)` entries separated by commas (standard or URL-safe base64, as
 * `openssl rand -base64 32` prints it). Errors name the entry and never show key material.
 */
export function parseMasterKeys(raw: string, variable = 'DATA_MASTER_KEYS'): MasterKeyring {
  const entries = raw.split(',').map((entry) => entry.trim());
  const keys = entries.map((entry, index) => {
    const where = `${variable}, entry ${index + 1}`;
    const colon = entry.indexOf(':');
    if (colon < 0) throw new Error(`${where}: expected "id:base64-key" (e.g. "k2025:" followed by the output of \`openssl rand -base64 32\`)`);
    const id = entry.slice(0, colon).trim();
    const encoded = entry.slice(colon + 1).trim();
    if (!MASTER_KEY_ID.test(id)) throw new Error(`${where}: key id "${id.slice(0, 40)}" is invalid: use 1 to 32 of a-z, 0-9, "_" and "-"`);
    const key = BASE64.test(encoded) ? Buffer.from(encoded, /[-_]/.test(encoded) ? 'base64url' : 'base64') : null;
    // Node's decoder skips characters it does not expect: re-encoding tells a real key from garbage.
    const unpadded = (text: string) => text.replace(/=+$/, '');
    if (!key || ![key.toString('base64'), key.toString('base64url')].map(unpadded).includes(unpadded(encoded))) throw new Error(`${where} (id "${id}"): the key is not valid base64`);
    if (key.length !== MASTER_KEY_BYTES) throw new Error(`${where} (id "${id}"): the key must be exactly ${MASTER_KEY_BYTES} bytes, got ${key.length}`);
    return { id, key };
  });
  const seen = new Set<string>();
  for (const { id } of keys) {
    if (seen.has(id)) throw new Error(`${variable}: key id "${id}" is listed twice`);
    seen.add(id);
  }
  return new MasterKeyring(keys);
}
