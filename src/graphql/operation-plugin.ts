/**
 * Apollo plugin around each operation: decides READ ONLY vs read-write once the operation is
 * known, finishes the tenant transaction before the response is sent (so a response never reports
 * a write that did not commit), and reports the SQL statement count in development.
 */
import { ApolloServerPlugin } from '@apollo/server';
import { Kind, OperationDefinitionNode } from 'graphql';
import { currentSqlTally } from '../db/sql-counter';
import { RequestContext } from '../tenancy/request-context';

export function operationPlugin(options: { exposeSqlCount: boolean }): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation }) {
          const tx = contextValue.tx;
          if (!tx || !operation) return;
          tx.readOnly = operation.operation !== 'mutation';
          tx.isolateMutationFields = rootFieldCount(operation) > 1;
        },
        async willSendResponse({ contextValue, response }) {
          try {
            await contextValue.tx?.finish();
          } catch (error) {
            if (response.body.kind === 'single') {
              (error as { requestId?: string }).requestId = contextValue.requestId;
              response.body.singleResult = {
                errors: [{ message: 'The operation could not be committed; nothing was written', extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: contextValue.requestId } }],
              };
            }
          }
          const tally = currentSqlTally();
          if (options.exposeSqlCount && tally && response.body.kind === 'single') {
            response.body.singleResult.extensions = { ...response.body.singleResult.extensions, sqlStatements: tally.statements };
          }
        },
      };
    },
  };
}

const rootFieldCount = (operation: OperationDefinitionNode): number =>
  operation.selectionSet.selections.filter((s) => s.kind === Kind.FIELD && !s.name.value.startsWith('__')).length +
  operation.selectionSet.selections.filter((s) => s.kind !== Kind.FIELD).length * 2;
