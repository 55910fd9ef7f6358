/**
 * Sealing (encryption at rest) of SENSITIVE personal values with the workspace's data key
 * (src/platform/encryption): AES-256-GCM bound to the workspace and, optionally, to the value's
 * place (`context`, e.g. "Contact.birthDate"; open with the same context it was sealed with).
 *
 * The data key is read and unwrapped at most once per operation, in the operation's own
 * transaction (see dataKeyInTenantTransaction), and kept only as long as the request: destroying a
 * key takes effect on the next request of every app instance. A destroyed key answers
 * DATA_KEY_DESTROYED; a value that does not authenticate is an internal error (logged), never
 * plaintext garbage.
 */
import { DomainError } from '../graphql/errors';
import { DataKeyDestroyed, dataKeyInTenantTransaction, openValue, sealValue } from '../platform/encryption';
import type { RequestContext } from './request-context';
import { tenantDb, tenantOf } from './request-context';

const dataKeys = new WeakMap<RequestContext, Promise<Buffer>>();

export const dataKeyDestroyedError = (): DomainError =>
  new DomainError('DATA_KEY_DESTROYED', 'This workspace’s encryption key was destroyed: its encrypted values can no longer be read or written');

/**
 * The operation's unwrapped data key. Created on first use (a workspace provisioned before
 * encryption at rest) only when sealing in a read-write transaction: a read finds a key wherever
 * something was sealed. A destroyed key is remembered for the request; other failures are not.
 */
function dataKey(ctx: RequestContext, sealing: boolean): Promise<Buffer> {
  const known = dataKeys.get(ctx);
  if (known) return known;
  const { tenant } = tenantOf(ctx);
  const { keyring } = ctx;
  if (!keyring) throw new Error('Sealing needs the master keyring: pass `keyring` to createRequestContext');
  const loading = (async () => {
    try {
      return await dataKeyInTenantTransaction(await tenantDb(ctx), tenant, keyring, tenant.id, { create: sealing && !ctx.tx!.readOnly });
    } catch (error) {
      if (error instanceof DataKeyDestroyed) throw dataKeyDestroyedError();
      dataKeys.delete(ctx);
      throw error;
    }
  })();
  dataKeys.set(ctx, loading);
  return loading;
}

export async function sealText(ctx: RequestContext, plaintext: string, context = ''): Promise<Buffer> {
  return sealValue(await dataKey(ctx, true), tenantOf(ctx).tenant.id, Buffer.from(plaintext, 'utf8'), context);
}

export async function openText(ctx: RequestContext, sealed: Buffer, context = ''): Promise<string> {
  return openValue(await dataKey(ctx, false), tenantOf(ctx).tenant.id, sealed, context).toString('utf8');
}
