/**
 * Sealing (encryption at rest) of SENSITIVE personal values with the workspace's data key.
 * PLACEHOLDER: the real implementation (AES-256-GCM, per-tenant data key wrapped by the master key)
 * replaces this file.
 */
import type { RequestContext } from './request-context';

export async function sealText(ctx: RequestContext, plaintext: string): Promise<Buffer> {
  void ctx;
  return Buffer.from(plaintext, 'utf8');
}

export async function openText(ctx: RequestContext, sealed: Buffer): Promise<string> {
  void ctx;
  return sealed.toString('utf8');
}
