/**
 * Batched reads of contracts and what hangs off them (line items, versions, status history,
 * successors): one statement per kind for all contracts of a response.
 */
import DataLoader from 'dataloader';
import { queryRows } from '../../db/sql';
import { ConnectionValue } from '../../graphql/pagination';
import { RequestContext, tenantDb } from '../../tenancy/request-context';
import { decimalSql, lineTotalSql, moneySql } from '../products/decimals';
import { ListArgs, countRecordsByParent, listRecordsByParent, loadRecords, specForRequest } from '../records/record-lists';
import { recordScope } from '../records/record-scope';
import { ContractEntity, ContractStatus } from './contracts.entity';
import { contractSpec } from './contracts.spec';

/** Live contracts by UUID within the caller's scope, batched per request. */
export const contractById = (ctx: RequestContext): DataLoader<string, ContractEntity | null> =>
  ctx.loaders.get('contracts.byId', () => new DataLoader(async (ids) => loadRecords(await tenantDb(ctx), contractSpec, ids, { scope: recordScope(ctx, contractSpec) })));

/** The live contract renewing each contract (its predecessor_id), within the caller's scope. */
export const successorByContract = (ctx: RequestContext): DataLoader<string, ContractEntity | null> =>
  ctx.loaders.get('contracts.successor', () =>
    new DataLoader(async (ids) => {
      const rows = await queryRows<{ id: string; predecessorId: string }>(
        await tenantDb(ctx),
        'SELECT id, predecessor_id AS "predecessorId" FROM contracts WHERE predecessor_id = ANY($1::uuid[]) AND deleted_at IS NULL',
        [ids],
      );
      const successors = await contractById(ctx).loadMany(rows.map((r) => r.id));
      const byPredecessor = new Map(rows.map((r, i) => [r.predecessorId, successors[i] instanceof Error ? null : successors[i]]));
      return ids.map((id) => byPredecessor.get(id) ?? null);
    }),
  );

/** One page of contracts per account, for all accounts of the response in one statement (per distinct arguments). */
export function contractsByAccount(ctx: RequestContext, args: ListArgs): DataLoader<string, ConnectionValue<ContractEntity>> {
  return ctx.loaders.get(`contracts.byAccount:${JSON.stringify(args)}`, () =>
    new DataLoader(async (accountIds) =>
      listRecordsByParent(
        await tenantDb(ctx),
        await specForRequest(ctx, contractSpec, args.where),
        'account_id',
        accountIds,
        args,
        (accountId) => contractCountByAccount(ctx, args).load(accountId),
        recordScope(ctx, contractSpec),
      ),
    ),
  );
}

function contractCountByAccount(ctx: RequestContext, args: ListArgs): DataLoader<string, number> {
  const key = JSON.stringify({ ...args, first: undefined, last: undefined, after: undefined, before: undefined });
  return ctx.loaders.get(`contracts.countByAccount:${key}`, () =>
    new DataLoader(async (accountIds) =>
      countRecordsByParent(await tenantDb(ctx), await specForRequest(ctx, contractSpec, args.where), 'account_id', accountIds, args, recordScope(ctx, contractSpec)),
    ),
  );
}

/** Rows of the contract's children, grouped per contract in key order. */
function childrenLoader<T extends { contractId: string }>(ctx: RequestContext, name: string, sql: string): DataLoader<string, T[]> {
  return ctx.loaders.get(`contracts.${name}`, () =>
    new DataLoader(async (ids) => {
      const rows = await queryRows<T>(await tenantDb(ctx), sql, [ids]);
      const byContract = new Map<string, T[]>();
      for (const row of rows) byContract.set(row.contractId, [...(byContract.get(row.contractId) ?? []), row]);
      return ids.map((id) => byContract.get(id) ?? []);
    }),
  );
}

/** A line item as the API shows it: decimals as exact text, the total computed in SQL numeric. */
export interface ContractLineItemRow {
  id: string;
  contractId: string;
  productId: string;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  total: string;
  currency: string;
  description: string | null;
  position: number;
}

export const lineItemsByContract = (ctx: RequestContext): DataLoader<string, ContractLineItemRow[]> =>
  childrenLoader(
    ctx,
    'lineItems',
    `SELECT li.id, li.contract_id AS "contractId", li.product_id AS "productId", ${decimalSql('li.quantity')} AS quantity,
            ${moneySql('li.unit_price')} AS "unitPrice", ${decimalSql('li.discount_percent')} AS "discountPercent",
            ${moneySql(lineTotalSql('li'))} AS total, c.currency::text AS currency, li.description, li.position
       FROM contract_line_items li JOIN contracts c ON c.id = li.contract_id
      WHERE li.contract_id = ANY($1::uuid[]) ORDER BY li.position, li.id`,
  );

/** The terms a version recorded (see contracts.versions.ts for the shape). */
export interface TermsSnapshot {
  startDate: string;
  termMonths: number;
  endDate: string;
  value: string;
  currency: string;
  billingFrequency: string;
  autoRenew: boolean;
  noticePeriodDays: number;
  specialTerms: string | null;
  lineItems: { productId: string; quantity: string; unitPrice: string; discountPercent: string; description: string | null }[];
}

export interface ContractVersionRow {
  contractId: string;
  version: number;
  terms: TermsSnapshot;
  reason: string | null;
  actorKind: string;
  actorId: string;
  at: Date;
}

export const versionsByContract = (ctx: RequestContext): DataLoader<string, ContractVersionRow[]> =>
  childrenLoader(
    ctx,
    'versions',
    `SELECT contract_id AS "contractId", version, terms, reason, actor_kind AS "actorKind", actor_id AS "actorId", at
       FROM contract_versions WHERE contract_id = ANY($1::uuid[]) ORDER BY version`,
  );

export interface ContractStatusChangeRow {
  contractId: string;
  fromStatus: ContractStatus | null;
  toStatus: ContractStatus;
  reason: string | null;
  relatedContractId: string | null;
  actorKind: string;
  actorId: string;
  at: Date;
}

export const statusHistoryByContract = (ctx: RequestContext): DataLoader<string, ContractStatusChangeRow[]> =>
  childrenLoader(
    ctx,
    'statusHistory',
    `SELECT contract_id AS "contractId", from_status AS "fromStatus", to_status AS "toStatus", reason, related_contract_id AS "relatedContractId",
            actor_kind AS "actorKind", actor_id AS "actorId", at
       FROM contract_status_history WHERE contract_id = ANY($1::uuid[]) ORDER BY at, id`,
  );
