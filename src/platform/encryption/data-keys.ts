/**
 * Each workspace's data key (control.tenant_data_keys): 32 random bytes, stored only wrapped
 * (AES-256-GCM) under a master key from configuration and bound to the tenant id, so a wrapped key
 * copied to another tenant's row does not unwrap. Rotation re-wraps keys, never the data they seal;
 * destroying a key (crypto-shredding) makes everything it sealed unreadable for good, in the live
 * schema and in every backup of it.
 */
import { randomBytes } from 'node:crypto';
import { DataSource, QueryRunner } from 'typeorm';
import { assertTenantIdentifier } from '../../db/identifiers';
import { Queryable, queryOne, queryRows } from '../../db/sql';
import { withControlTransaction } from '../control-transaction';
import { open, seal } from './aes-gcm';
import { MasterKeyring } from './master-keys';

export const DATA_KEY_BYTES = 32;

/** The workspace's data key was destroyed: what it sealed cannot be read, nothing new can be sealed. */
export class DataKeyDestroyed extends Error {
  constructor(readonly tenantId: string) {
    super(`The data key of workspace ${tenantId} was destroyed`);
  }
}

/** The data key is wrapped by a master key that is not configured (removed before rotation finished?). */
export class MasterKeyNotConfigured extends Error {
  constructor(
    readonly tenantId: string,
    readonly masterKeyId: string,
  ) {
    super(`The data key of workspace ${tenantId} is wrapped by master key "${masterKeyId}", which DATA_MASTER_KEYS does not list`);
  }
}

interface StoredKey {
  wrappedKey: Buffer | null;
  masterKeyId: string | null;
}

const wrapAad = (tenantId: string): Buffer => Buffer.from(`tenantry/data-key/v1\0${tenantId}`, 'utf8');

/** Wraps a data key under the keyring's current master key. */
export function wrapDataKey(keyring: MasterKeyring, tenantId: string, dataKey: Buffer): { wrappedKey: Buffer; masterKeyId: string } {
  const { id, key } = keyring.current;
  return { wrappedKey: seal(key, dataKey, wrapAad(tenantId)), masterKeyId: id };
}

/** Unwraps a stored data key; throws when it was destroyed, its master key is unknown, or it does not authenticate. */
export function unwrapDataKey(keyring: MasterKeyring, tenantId: string, stored: StoredKey): Buffer {
  if (!stored.wrappedKey || !stored.masterKeyId) throw new DataKeyDestroyed(tenantId);
  const master = keyring.key(stored.masterKeyId);
  if (!master) throw new MasterKeyNotConfigured(tenantId, stored.masterKeyId);
  return open(master, stored.wrappedKey, wrapAad(tenantId), `The data key of workspace ${tenantId} (master key "${stored.masterKeyId}")`);
}

/** Inserts a new wrapped key unless the workspace has (or had) one. */
const INSERT_NEW_KEY = 'INSERT INTO control.tenant_data_keys (tenant_id, wrapped_key, master_key_id) VALUES ($1, $2, $3) ON CONFLICT (tenant_id) DO NOTHING';

function newKeyParams(keyring: MasterKeyring, tenantId: string): [string, Buffer, string] {
  const { wrappedKey, masterKeyId } = wrapDataKey(keyring, tenantId, randomBytes(DATA_KEY_BYTES));
  return [tenantId, wrappedKey, masterKeyId];
}

/**
 * Gives a workspace its data key (in the caller's transaction, e.g. provisioning). Does nothing when
 * it has one, or had one: a destroyed key stays destroyed. Returns whether a key was created.
 */
export async function createDataKey(db: Queryable, keyring: MasterKeyring, tenantId: string): Promise<boolean> {
  return (await queryRows(db, `${INSERT_NEW_KEY} RETURNING tenant_id`, newKeyParams(keyring, tenantId))).length > 0;
}

const readStoredKey = (db: Queryable, tenantId: string): Promise<StoredKey | null> =>
  queryOne<StoredKey>(db, `SELECT wrapped_key AS "wrappedKey", master_key_id AS "masterKeyId" FROM control.tenant_data_keys WHERE tenant_id = $1`, [tenantId]);

/**
 * The workspace's unwrapped data key, on a control-plane connection (tools, tests; requests use
 * dataKeyInTenantTransaction): one statement when it exists. A workspace provisioned before
 * encryption at rest gets its key on first use; two requests doing that at once agree on one key
 * (the insert that loses the race does nothing, and both read the winner's row).
 */
export async function dataKeyOf(db: Queryable, keyring: MasterKeyring, tenantId: string): Promise<Buffer> {
  let stored = await readStoredKey(db, tenantId);
  if (!stored) {
    await createDataKey(db, keyring, tenantId);
    stored = await readStoredKey(db, tenantId);
    if (!stored) throw new Error(`Workspace ${tenantId} has no data key and none could be created`);
  }
  return unwrapDataKey(keyring, tenantId, stored);
}

/**
 * The workspace's unwrapped data key, read inside the workspace's own operation transaction (which
 * runs as the tenant role, without privileges on the control plane). Reading it on a second pooled
 * connection instead would deadlock the pool under load: every connection held by an operation
 * waiting for one more. So the read steps out of the tenant role for one statement and back:
 *   SET LOCAL ROLE NONE;  SELECT …, set_config('role', <tenant role>, true) FROM …
 * The restore is part of the reading statement, and both are queued on the connection at once, so
 * no other statement of the operation runs in between; if either fails, the transaction is aborted
 * and runs nothing more. Two statements per request; first use (`create`, read-write transactions
 * only) inserts the key in the same way and commits or rolls back with the operation.
 */
export async function dataKeyInTenantTransaction(
  db: QueryRunner,
  scope: { roleName: string },
  keyring: MasterKeyring,
  tenantId: string,
  options: { create: boolean },
): Promise<Buffer> {
  const role = assertTenantIdentifier(scope.roleName);
  const readAndRestore = (): Promise<(StoredKey & { present: boolean })[]> =>
    queryRows(
      db,
      `SELECT k.tenant_id IS NOT NULL AS present, k.wrapped_key AS "wrappedKey", k.master_key_id AS "masterKeyId", set_config('role', $2, true) AS role
         FROM (SELECT 1) AS one LEFT JOIN control.tenant_data_keys k ON k.tenant_id = $1`,
      [tenantId, role],
    );
  const [, [stored]] = await Promise.all([db.query('SET LOCAL ROLE NONE'), readAndRestore()]);
  if (stored.present) return unwrapDataKey(keyring, tenantId, stored);
  if (!options.create) throw new Error(`Workspace ${tenantId} has no data key`);
  const [, , [created]] = await Promise.all([
    db.query('SET LOCAL ROLE NONE'),
    // A concurrent first use waits here for the other operation to end, then reads its key.
    db.query(INSERT_NEW_KEY, newKeyParams(keyring, tenantId)),
    readAndRestore(),
  ]);
  if (!created.present) throw new Error(`Workspace ${tenantId} has no data key and none could be created`);
  return unwrapDataKey(keyring, tenantId, created);
}

/**
 * Crypto-shredding: forgets the workspace's data key for good (in the caller's transaction, e.g. the
 * purge). A workspace that never had one gets a destroyed entry, so no key is created for it later.
 * Returns whether a live key was destroyed (as the statement found it; the upsert locks the row).
 */
export async function destroyDataKey(db: Queryable, tenantId: string): Promise<boolean> {
  const row = await queryOne<{ hadKey: boolean }>(
    db,
    `WITH before AS (SELECT wrapped_key IS NOT NULL AS live FROM control.tenant_data_keys WHERE tenant_id = $1)
     INSERT INTO control.tenant_data_keys AS k (tenant_id, wrapped_key, master_key_id, destroyed_at) VALUES ($1, NULL, NULL, now())
     ON CONFLICT (tenant_id) DO UPDATE SET wrapped_key = NULL, master_key_id = NULL, destroyed_at = coalesce(k.destroyed_at, now())
     RETURNING coalesce((SELECT live FROM before), false) AS "hadKey"`,
    [tenantId],
  );
  return row!.hadKey;
}

export interface RewrapReport {
  /** Keys re-wrapped under the current master key by this run. */
  rewrapped: number;
  /** Live keys under the current master key after the run (the re-wrapped ones included). */
  current: number;
  /** Keys destroyed (crypto-shredded): nothing to re-wrap. */
  destroyed: number;
  /** Live keys still under another master key, by its id: unknown to the keyring, or failed below. */
  remaining: { masterKeyId: string; count: number }[];
  /** Workspaces whose key did not unwrap with the configured key of its id (wrong key bytes?). */
  failed: string[];
}

/**
 * Rotation: re-wraps every live data key that is not under the keyring's current master key but
 * under another key the keyring has. The data stays untouched (its data key does not change).
 * Batches of `batchSize` keys, each locked and rewritten in one transaction, so a crash leaves
 * every key either old or new, and running it again (or on two machines) finishes the job.
 * `tenantIds` limits the run to some workspaces.
 */
export async function rewrapDataKeys(dataSource: DataSource, keyring: MasterKeyring, options: { tenantIds?: string[]; batchSize?: number } = {}): Promise<RewrapReport> {
  const older = keyring.ids.filter((id) => id !== keyring.currentId);
  const only = options.tenantIds ?? null;
  const batchSize = options.batchSize ?? 200;
  const failed: string[] = [];
  let rewrapped = 0;
  while (older.length) {
    const selected = await withControlTransaction(dataSource, async (db) => {
      const rows = await queryRows<StoredKey & { tenantId: string }>(
        db,
        `SELECT tenant_id AS "tenantId", wrapped_key AS "wrappedKey", master_key_id AS "masterKeyId" FROM control.tenant_data_keys
          WHERE wrapped_key IS NOT NULL AND master_key_id = ANY($1::text[]) AND NOT (tenant_id = ANY($2::uuid[])) AND ($3::uuid[] IS NULL OR tenant_id = ANY($3::uuid[]))
          ORDER BY tenant_id LIMIT $4 FOR UPDATE`,
        [older, failed, only, batchSize],
      );
      const ids: string[] = [];
      const wrapped: Buffer[] = [];
      for (const row of rows) {
        try {
          const dataKey = unwrapDataKey(keyring, row.tenantId, row);
          ids.push(row.tenantId);
          wrapped.push(wrapDataKey(keyring, row.tenantId, dataKey).wrappedKey);
        } catch {
          failed.push(row.tenantId);
        }
      }
      if (ids.length) {
        await queryRows(
          db,
          `UPDATE control.tenant_data_keys k SET wrapped_key = v.wrapped, master_key_id = $3, rewrapped_at = now()
             FROM unnest($1::uuid[], $2::bytea[]) AS v (tenant_id, wrapped) WHERE k.tenant_id = v.tenant_id`,
          [ids, wrapped, keyring.currentId],
        );
      }
      rewrapped += ids.length;
      return rows.length;
    });
    if (selected < batchSize) break;
  }
  return { ...(await dataKeyCounts(dataSource, keyring, only)), rewrapped, failed };
}

/** How many data keys are under the current master key, destroyed, or under other master keys. */
export async function dataKeyCounts(db: Queryable, keyring: MasterKeyring, tenantIds: string[] | null = null): Promise<Omit<RewrapReport, 'rewrapped' | 'failed'>> {
  const rows = await queryRows<{ masterKeyId: string | null; count: number }>(
    db,
    `SELECT master_key_id AS "masterKeyId", count(*)::int AS count FROM control.tenant_data_keys
      WHERE ($1::uuid[] IS NULL OR tenant_id = ANY($1::uuid[])) GROUP BY master_key_id ORDER BY master_key_id`,
    [tenantIds],
  );
  const countOf = (id: string | null) => rows.find((r) => r.masterKeyId === id)?.count ?? 0;
  return {
    current: countOf(keyring.currentId),
    destroyed: countOf(null),
    remaining: rows.filter((r) => r.masterKeyId !== null && r.masterKeyId !== keyring.currentId).map((r) => ({ masterKeyId: r.masterKeyId!, count: r.count })),
  };
}
