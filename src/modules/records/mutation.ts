import { QueryRunner } from 'typeorm';
import { Payload, failure, validateInput } from '../../graphql/user-errors';
import { RequestContext, tenantDb } from '../../tenancy/request-context';

/**
 * Runs one mutation field: validates the input before any SQL, then does the work atomically.
 * A payload with userErrors (or a throw) leaves nothing written.
 */
export async function runMutation<P extends Payload>(ctx: RequestContext, input: object | null, work: (db: QueryRunner) => Promise<P>): Promise<P> {
  if (input) {
    const problems = await validateInput(input);
    if (problems.length) return failure<P>(...problems);
  }
  await tenantDb(ctx);
  try {
    return await ctx.tx!.atomically(work, (payload) => payload.userErrors.length === 0);
  } finally {
    // Loaders may hold rows read before this write.
    ctx.loaders.clearAll();
  }
}
