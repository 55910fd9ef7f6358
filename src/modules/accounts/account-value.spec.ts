/**
 * Accounts listed by their value metrics (analytics: account_metrics, one row per account as the
 * last computation left it). The metrics are another table's columns, read through one correlated
 * subquery per expression on its primary key; an account not yet computed has none (NULL).
 */
import type { FilterFields } from '../../graphql/filter-sql';
import type { SortKey } from '../../graphql/pagination';
import type { AccountEntity } from './accounts.entity';

const metric = (column: string) => `(SELECT m.${column} FROM account_metrics m WHERE m.account_id = a.id)`;

/** An account row as listed in an order by a metric: the metric rides along for the cursor. */
type ListedByMetric = AccountEntity & Record<string, unknown>;

function metricSortKey(name: string, column: string): SortKey<AccountEntity> {
  const selectedAs = `metric_${name}`;
  return { name, expression: metric(column), nullable: true, sqlType: 'numeric', selectedAs, value: (r) => (r as ListedByMetric)[selectedAs] };
}

export const accountValueSortKeys: Record<string, SortKey<AccountEntity>> = {
  REVENUE: metricSortKey('revenue', 'revenue'),
  LIFETIME_VALUE: metricSortKey('lifetimeValue', 'lifetime_value'),
};

export const accountValueFilters: FilterFields = {
  abcClass: { expression: metric('abc_class::text'), kind: 'enum' },
  computedLifecycleStage: { expression: metric('lifecycle_stage'), kind: 'enum' },
  revenue: { expression: metric('revenue'), kind: 'decimal' },
  lifetimeValue: { expression: metric('lifetime_value'), kind: 'decimal' },
  purchaseCount: { expression: metric('purchase_count'), kind: 'number' },
  recencyScore: { expression: metric('recency_score'), kind: 'number' },
  frequencyScore: { expression: metric('frequency_score'), kind: 'number' },
  monetaryScore: { expression: metric('monetary_score'), kind: 'number' },
  lastPurchaseOn: { expression: metric('last_purchase_on'), kind: 'text' },
};
