/**
 * Apollo plugin around each operation: decides READ ONLY vs read-write once the operation is
 * known (read-write for mutations and for reads of personal data, whose access log is written with
 * the commit), finishes the tenant transaction before the response is sent (so a response never reports
 * a write that did not commit, nor hides one that did), and reports the SQL statement count in development.
 */
import { ApolloServerPlugin } from '@apollo/server';
import { Kind, OperationDefinitionNode } from 'graphql';
import { currentSqlTally } from '../db/sql-counter';
import { isExpectedError } from './errors';
import type { OperationLimiter } from './limits';
import { mayReadPersonalData } from './personal-selections';
import { apiKeyIdOf } from '../tenancy/principal';
import { RequestContext, resolvePermissions, separateBatchedOperation } from '../tenancy/request-context';

export interface OperationPluginOptions {
  exposeSqlCount: boolean;
  /** Unexpected errors, with the request id the client sees, for operators to find. */
  logError(requestId: string, error: unknown): void;
  /** Counts each workspace operation (in memory; flushed in batches). */
  usage: { record(tenantId: string, costPoints: number): void; keyUsed(keyId: string): void };
  /** Depth, cost and the other operation limits, the workspace's rate limit and `extensions.cost`. */
  limits?: OperationLimiter;
}

export function operationPlugin(options: OperationPluginOptions): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart({ contextValue: batchedContext, requestIsBatched }) {
      // Operations of one batch share the context Apollo copies shallowly: each needs its own transaction.
      if (requestIsBatched) separateBatchedOperation(batchedContext);
      return {
        async didResolveOperation(request) {
          const { contextValue, operation, document, schema } = request;
          // First, alone: a refused operation runs nothing, not even the permission lookup below.
          await options.limits?.check(request);
          const tx = contextValue.tx;
          if (!tx || !operation) return;
          tx.readOnly = operation.operation !== 'mutation' && !mayReadPersonalData(contextValue, schema, document, operation);
          if (contextValue.personalReads) contextValue.personalReads.operation = { type: operation.operation, name: operation.name?.value ?? null };
          tx.isolateMutationFields = rootFieldCount(operation) > 1;
          // Before any resolver or shield rule: the role in force for this one request.
          await resolvePermissions(contextValue);
        },
        async didEncounterErrors({ contextValue, errors }) {
          for (const error of errors) {
            if (!isExpectedError(error, error.extensions?.code)) options.logError(contextValue.requestId, error);
          }
        },
        async willSendResponse(request) {
          const { contextValue, response } = request;
          const { principal } = contextValue;
          const keyId = apiKeyIdOf(principal);
          if (keyId) options.usage.keyUsed(keyId);
          try {
            // Non-null payloads mean a failed mutation field nulls the whole response; the client then
            // learns of no success, so none may be kept.
            const reportsNothing = response.body.kind === 'single' && response.body.singleResult.data == null;
            if (reportsNothing) await contextValue.tx?.rollback();
            else await contextValue.tx?.finish();
          } catch (error) {
            options.logError(contextValue.requestId, error);
            if (response.body.kind === 'single') {
              response.body.singleResult = {
                errors: [{ message: 'The operation could not be committed; nothing was written', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: contextValue.requestId } }],
              };
            }
          }
          // extensions.cost, the refund of unused points; usage counts the actual cost.
          const actualCost = options.limits ? await options.limits.settle(request) : 1;
          if (principal.kind === 'tenant') options.usage.record(principal.tenant.id, actualCost);
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          // Clients quote the request id to support; operators find it in the error log.
          for (const error of result.errors ?? []) {
            if (error.extensions?.code === 'INTERNAL_SERVER_ERROR') (error.extensions as Record<string, unknown>).requestId = contextValue.requestId;
          }
          const tally = currentSqlTally();
          if (options.exposeSqlCount && tally) result.extensions = { ...result.extensions, sqlStatements: tally.statements };
        },
      };
    },
  };
}

const rootFieldCount = (operation: OperationDefinitionNode): number =>
  operation.selectionSet.selections.filter((s) => s.kind === Kind.FIELD && !s.name.value.startsWith('__')).length +
  operation.selectionSet.selections.filter((s) => s.kind !== Kind.FIELD).length * 2;
