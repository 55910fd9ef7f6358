/**
 * Apollo plugin around each operation: decides READ ONLY vs read-write once the operation is
 * known, finishes the tenant transaction before the response is sent (so a response never reports
 * a write that did not commit, nor hides one that did), and reports the SQL statement count in development.
 */
import { ApolloServerPlugin } from '@apollo/server';
import { Kind, OperationDefinitionNode } from 'graphql';
import { currentSqlTally } from '../db/sql-counter';
import { isExpectedError } from './errors';
import { apiKeyIdOf } from '../tenancy/principal';
import { RequestContext, resolvePermissions } from '../tenancy/request-context';

export interface OperationPluginOptions {
  exposeSqlCount: boolean;
  /** Unexpected errors, with the request id the client sees, for operators to find. */
  logError(requestId: string, error: unknown): void;
  /** Counts each workspace operation (in memory; flushed in batches). */
  usage: { record(tenantId: string, costPoints: number): void; keyUsed(keyId: string): void };
}

export function operationPlugin(options: OperationPluginOptions): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation }) {
          const tx = contextValue.tx;
          if (!tx || !operation) return;
          tx.readOnly = operation.operation !== 'mutation';
          tx.isolateMutationFields = rootFieldCount(operation) > 1;
          // Before any resolver or shield rule: the role in force for this one request.
          await resolvePermissions(contextValue);
        },
        async didEncounterErrors({ contextValue, errors }) {
          for (const error of errors) {
            if (!isExpectedError(error, error.extensions?.code)) options.logError(contextValue.requestId, error);
          }
        },
        async willSendResponse({ contextValue, response }) {
          // One cost point per operation until query cost analysis prices each field.
          const { principal } = contextValue;
          if (principal.kind === 'tenant') options.usage.record(principal.tenant.id, 1);
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
