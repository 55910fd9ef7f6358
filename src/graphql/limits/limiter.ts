/**
 * Limits of one GraphQL operation, checked once it is parsed and validated and before anything of
 * it runs (no resolver, no permission lookup, no tenant SQL): depth, aliases, root fields, page
 * sizes and cost; then the workspace's token bucket is charged the requested cost. After
 * execution the actual cost is computed from the response, the difference is refunded, and
 * `extensions.cost` reports both with the bucket's state.
 */
import { GraphQLRequestContextDidResolveOperation, GraphQLRequestContextWillSendResponse, HeaderMap } from '@apollo/server';
import { getVariableValues } from 'graphql';
import { Bucket, RateLimitStore, TakeResult } from '../../platform/rate-limit';
import { RequestContext } from '../../tenancy/request-context';
import { DomainError } from '../errors';
import { MAX_PAGE_SIZE } from '../pagination';
import { MUTATION_FIELD_COST, OperationPrice, OperationShape, operationShape, priceOperation } from './analysis';
import { actualCost } from './actual-cost';
import { OperationScope, WalkTooLong, operationScope } from './selections';

/**
 * Selections the pricing walk may visit, fragments expanded. A legitimate operation of the largest
 * document allowed stays far below; one whose fragments are spread over and over (a few lines
 * expanding to millions of fields) is refused instead of keeping the server busy.
 */
export const MAX_PRICING_STEPS = 200_000;

/** Per operation; 0 turns a limit off. */
export interface OperationLimitSettings {
  maxQueryDepth: number;
  maxQueryCost: number;
  maxAliases: number;
  maxRootFields: number;
}

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

/**
 * `extensions.cost` of every response. `throttleStatus` is null for callers without a workspace
 * bucket (platform, reseller, anonymous), and left out when the bucket could not be read without a
 * statement (PostgreSQL store, operation refused before reaching it).
 */
export interface CostExtension {
  requestedQueryCost: number;
  actualQueryCost: number;
  throttleStatus?: ThrottleStatus | null;
}

interface OperationState {
  scope?: OperationScope;
  price?: OperationPrice;
  /** Tenant callers: the bucket and what was taken from it. */
  tenantId?: string;
  bucket?: Bucket;
  take?: TakeResult;
  charged: number;
  /** Passed every check: resolvers run. */
  executed: boolean;
}

export class OperationLimiter {
  private readonly states = new WeakMap<RequestContext, OperationState>();

  constructor(
    private readonly settings: OperationLimitSettings,
    /** Absent: no rate limiting (RATE_LIMIT_STORE=off); the other limits still apply. */
    private readonly store: RateLimitStore | undefined,
    private readonly logError: (requestId: string, error: unknown) => void,
  ) {}

  /**
   * Throws QUERY_TOO_COMPLEX, BAD_USER_INPUT (page size) or RATE_LIMITED; otherwise charges the
   * workspace's bucket. Call first in didResolveOperation, before anything that may run SQL.
   */
  async check(request: GraphQLRequestContextDidResolveOperation<RequestContext>): Promise<void> {
    const { contextValue: ctx, operation, document, schema } = request;
    // No such operation: execution answers so, running nothing.
    if (!operation) return;
    const state: OperationState = { charged: 0, executed: false };
    this.states.set(ctx, state);
    Object.assign(state, this.bucketOf(ctx));
    // Variables that do not coerce are reported by execution, before any resolver; price the defaults meanwhile.
    const variables = getVariableValues(schema, operation.variableDefinitions ?? [], request.request.variables ?? {});
    const scope = operationScope(schema, document, operation, 'coerced' in variables && variables.coerced ? variables.coerced : {}, MAX_PRICING_STEPS);
    // The shape first: one pass over the text, and depth bounds the pricing walk.
    this.enforceShape(operationShape(scope));
    const price = this.price(scope);
    // The actual cost walks the response, which execution has bounded already.
    scope.stepsLeft = Number.POSITIVE_INFINITY;
    Object.assign(state, { scope, price });
    this.enforcePrice(price);
    if (this.store && state.tenantId && state.bucket) {
      const { bucket } = state;
      if (price.cost > bucket.size) {
        throw tooComplex(
          'cost',
          `This operation costs ${price.cost} points, more than the ${bucket.size} the workspace's plan allows at once; request fewer items (first/last) or fewer fields`,
          price.cost,
          bucket.size,
        );
      }
      state.take = await this.store.take(state.tenantId, price.cost, bucket);
      if (!state.take.allowed) throw rateLimited(price.cost, state.take, bucket);
      state.charged = price.cost;
    }
    state.executed = true;
  }

  private enforceShape(shape: OperationShape): void {
    const { maxQueryDepth, maxAliases } = this.settings;
    if (maxQueryDepth && shape.depth > maxQueryDepth) {
      throw tooComplex('depth', `This operation nests ${shape.depth} fields deep; the maximum is ${maxQueryDepth}`, shape.depth, maxQueryDepth);
    }
    if (maxAliases && shape.aliases > maxAliases) {
      throw tooComplex('aliases', `This operation uses ${shape.aliases} aliases; the maximum is ${maxAliases}`, shape.aliases, maxAliases);
    }
  }

  private price(scope: OperationScope): OperationPrice {
    try {
      return priceOperation(scope);
    } catch (error) {
      if (!(error instanceof WalkTooLong)) throw error;
      throw tooComplex(
        'cost',
        `This operation is too large to price: with its fragments expanded it has more than ${MAX_PRICING_STEPS} selections`,
        null,
        MAX_PRICING_STEPS,
      );
    }
  }

  private enforcePrice(price: OperationPrice): void {
    const { maxQueryCost, maxRootFields } = this.settings;
    if (maxRootFields && price.rootFields > maxRootFields) {
      throw tooComplex('rootFields', `This operation has ${price.rootFields} root fields; the maximum is ${maxRootFields}`, price.rootFields, maxRootFields);
    }
    const violation = price.pageSizeViolation;
    if (violation) {
      // The same refusal (code, message, HTTP 200) as pagination's planPage, only before anything runs.
      throw new DomainError('BAD_USER_INPUT', `Page size must be between 1 and ${MAX_PAGE_SIZE}, got ${violation.value}`, {
        argument: violation.argument,
        max: MAX_PAGE_SIZE,
        http: { status: 200 },
      });
    }
    if (maxQueryCost && price.cost > maxQueryCost) {
      throw tooComplex(
        'cost',
        `This operation costs ${price.cost} points; the maximum is ${maxQueryCost} per operation. Request fewer items (first/last) or fewer fields`,
        price.cost,
        maxQueryCost,
      );
    }
  }

  /**
   * After execution (and for refused operations): the actual cost, the refund of what was charged
   * beyond it, and `extensions.cost` on the response. Answers the actual cost (usage counts it).
   */
  async settle(request: GraphQLRequestContextWillSendResponse<RequestContext>): Promise<number> {
    const { contextValue: ctx, response } = request;
    const state = this.states.get(ctx);
    let actual = 0;
    if (state?.executed && state.scope && state.price) {
      const body = response.body;
      const data = body.kind === 'single' ? body.singleResult.data : body.initialResult.data;
      // A mutation's writes were attempted even when the whole response came back null.
      const floor = state.scope.operation.operation === 'mutation' ? state.price.rootFields * MUTATION_FIELD_COST : 0;
      try {
        actual = Math.min(state.price.cost, Math.max(floor, actualCost(state.scope, data)));
      } catch (error) {
        // Never fail a response over its price: charge what was requested.
        this.logError(ctx.requestId, error);
        actual = state.price.cost;
      }
    }
    const cost: CostExtension = { requestedQueryCost: state?.price?.cost ?? 0, actualQueryCost: actual, throttleStatus: null };
    const { tenantId, bucket } = this.bucketOf(ctx);
    if (tenantId && bucket) {
      const available = await this.available(ctx.requestId, { charged: 0, executed: false, ...state, tenantId, bucket }, actual);
      if (available === undefined) delete cost.throttleStatus;
      else cost.throttleStatus = { maximumAvailable: bucket.size, currentlyAvailable: Math.floor(available), restoreRate: bucket.refillPerSecond };
    }
    if (response.body.kind === 'single') {
      const result = response.body.singleResult;
      result.extensions = { ...result.extensions, cost };
    }
    return actual;
  }

  /** The workspace bucket a caller spends from: tenant principals only (platform and reseller keys are not rate limited). */
  private bucketOf(ctx: RequestContext): { tenantId?: string; bucket?: Bucket } {
    const { principal } = ctx;
    if (!this.store || principal.kind !== 'tenant') return {};
    const { plan } = principal.tenant;
    return { tenantId: principal.tenant.id, bucket: { size: plan.rateLimitBucketSize, refillPerSecond: plan.rateLimitRefillPerSecond } };
  }

  /** Refunds what was charged beyond the actual cost; answers the points available afterwards when known. */
  private async available(requestId: string, state: OperationState, actual: number): Promise<number | undefined> {
    const { tenantId, bucket, take } = state;
    if (!this.store || !tenantId || !bucket) return undefined;
    if (state.charged > actual) {
      try {
        return await this.store.refund(tenantId, state.charged - actual, bucket);
      } catch (error) {
        this.logError(requestId, error);
        return undefined;
      }
    }
    return take ? take.remaining : this.store.peek(tenantId, bucket);
  }
}

type LimitName = 'depth' | 'aliases' | 'rootFields' | 'cost';

function tooComplex(limit: LimitName, message: string, requested: number | null, maximum: number): DomainError {
  return new DomainError('QUERY_TOO_COMPLEX', message, { limit, requested, maximum, http: { status: 400 } });
}

function rateLimited(cost: number, take: TakeResult, bucket: Bucket): DomainError {
  const seconds = take.retryAfterSeconds;
  return new DomainError(
    'RATE_LIMITED',
    `Rate limited: this operation costs ${cost} points and the workspace has ${Math.floor(take.remaining)} of ${bucket.size} available ` +
      `(${bucket.refillPerSecond} restored per second); retry in ${seconds} s`,
    { retryAfterSeconds: seconds, http: { status: 429, headers: new HeaderMap([['retry-after', String(seconds)]]) } },
  );
}

