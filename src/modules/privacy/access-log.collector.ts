/**
 * Noting reads of personal data while a response resolves. Every personal field goes through the
 * masking middleware (src/graphql/personal-masking.ts), which notes full-access reads here; code
 * that hands out personal values outside a declared field (personal custom fields) calls
 * `notePersonalRead` itself. The first read of an operation arranges the one log write, in the
 * operation's transaction just before COMMIT.
 */
import type { OperationDefinitionNode } from 'graphql';
import type { RequestContext } from '../../tenancy/request-context';
import { writeAccessLog } from './access-log.service';

/**
 * Notes that the caller read `fieldName` of the record `recordId` (the row's UUID) of `typeName`
 * unmasked. Synchronous and cheap: call it per value handed out. No-op outside a workspace.
 * `operation` names the operation when the API has not (code executing the schema itself).
 */
export function notePersonalRead(ctx: RequestContext, typeName: string, recordId: unknown, fieldName: string, operation?: OperationDefinitionNode): void {
  const reads = ctx.personalReads;
  if (!reads?.note(typeName, recordId, fieldName)) return;
  if (operation) reads.operation ??= { type: operation.operation, name: operation.name?.value ?? null };
  ctx.tx!.beforeCommit((db) => writeAccessLog(ctx, db, reads.take()));
}
