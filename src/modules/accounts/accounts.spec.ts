import { customFieldFilters } from '../custom-fields';
import { RecordSpec } from '../records/record-spec';
import { accountValueFilters, accountValueSortKeys } from './account-value.spec';
import { AccountEntity } from './accounts.entity';

/** How accounts are listed: sortable keys and filterable fields map to trusted SQL over alias `a`. */
export const accountSpec: RecordSpec<AccountEntity> = {
  entity: AccountEntity,
  typeName: 'Account',
  label: 'Account',
  alias: 'a',
  ownerColumn: 'owner_id',
  sortKeys: {
    NAME: { name: 'name', expression: 'a.name', nullable: false, sqlType: 'text', value: (r) => r.name },
    CREATED_AT: { name: 'createdAt', expression: 'a.created_at', nullable: false, sqlType: 'timestamptz', value: (r) => r.createdAt },
    UPDATED_AT: { name: 'updatedAt', expression: 'a.updated_at', nullable: false, sqlType: 'timestamptz', value: (r) => r.updatedAt },
    ANNUAL_REVENUE: { name: 'annualRevenue', expression: 'a.annual_revenue_amount', nullable: true, sqlType: 'numeric', value: (r) => r.annualRevenueAmount },
    EMPLOYEE_COUNT: { name: 'employeeCount', expression: 'a.employee_count', nullable: true, sqlType: 'integer', value: (r) => r.employeeCount },
    ...accountValueSortKeys,
  },
  defaultOrder: [{ field: 'NAME', direction: 'ASC' }],
  filters: {
    id: { expression: 'a.id', kind: { id: 'Account' } },
    name: { expression: 'a.name', kind: 'text' },
    domain: { expression: 'a.domain', kind: 'text', caseInsensitive: true },
    industry: { expression: 'a.industry', kind: 'text' },
    type: { expression: 'a.type', kind: 'enum' },
    lifecycleStage: { expression: 'a.lifecycle_stage', kind: 'enum' },
    owner: { expression: 'a.owner_id', kind: { id: 'User' } },
    annualRevenueAmount: { expression: 'a.annual_revenue_amount', kind: 'decimal' },
    annualRevenueCurrency: { expression: 'a.annual_revenue_currency', kind: 'text' },
    employeeCount: { expression: 'a.employee_count', kind: 'number' },
    tags: { expression: 'a.tags', kind: 'tags' },
    createdAt: { expression: 'a.created_at', kind: 'datetime' },
    updatedAt: { expression: 'a.updated_at', kind: 'datetime' },
    ...accountValueFilters,
  },
  requestFilters: customFieldFilters('ACCOUNT', 'a'),
};
