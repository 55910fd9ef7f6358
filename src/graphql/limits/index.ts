export { MUTATION_FIELD_COST, operationShape, priceOperation } from './analysis';
export type { OperationPrice, OperationShape } from './analysis';
export { actualCost } from './actual-cost';
export { httpLimits } from './http';
export type { HttpLimitSettings } from './http';
export { OperationLimiter } from './limiter';
export type { CostExtension, OperationLimitSettings, ThrottleStatus } from './limiter';
export { operationScope } from './selections';
