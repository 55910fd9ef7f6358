import { RecordSpec } from '../records/record-spec';
import { calendarDate } from '../../db/calendar-date';
import { ContractEntity } from './contracts.entity';
import { accountOwnerOf } from '../records/record-owner';

/**
 * How contracts are listed: sortable keys and filterable fields map to trusted SQL over alias `c`.
 * Own/team scopes reach a contract through its owner or its account's owner.
 */
export const contractSpec: RecordSpec<ContractEntity> = {
  entity: ContractEntity,
  typeName: 'Contract',
  label: 'Contract',
  alias: 'c',
  ownerColumn: 'owner_id',
  alsoOwnedThrough: [accountOwnerOf('c')],
  sortKeys: {
    NUMBER: { name: 'number', expression: 'c.number', nullable: false, sqlType: 'text', value: (r) => r.number },
    // As ISO text (same order as the date): cursors carry no date type.
    START_DATE: { name: 'startDate', expression: 'c.start_date::text', nullable: false, sqlType: 'text', value: (r) => calendarDate(r.startDate) },
    END_DATE: { name: 'endDate', expression: 'c.end_date::text', nullable: false, sqlType: 'text', value: (r) => calendarDate(r.endDate) },
    VALUE: { name: 'value', expression: 'c.value', nullable: false, sqlType: 'numeric', value: (r) => r.value },
    CREATED_AT: { name: 'createdAt', expression: 'c.created_at', nullable: false, sqlType: 'timestamptz', value: (r) => r.createdAt },
    UPDATED_AT: { name: 'updatedAt', expression: 'c.updated_at', nullable: false, sqlType: 'timestamptz', value: (r) => r.updatedAt },
  },
  defaultOrder: [{ field: 'NUMBER', direction: 'ASC' }],
  filters: {
    id: { expression: 'c.id', kind: { id: 'Contract' } },
    number: { expression: 'c.number', kind: 'text' },
    account: { expression: 'c.account_id', kind: { id: 'Account' } },
    owner: { expression: 'c.owner_id', kind: { id: 'User' } },
    signer: { expression: 'c.signer_contact_id', kind: { id: 'Contact' } },
    opportunity: { expression: 'c.opportunity_id', kind: { id: 'Opportunity' } },
    status: { expression: 'c.status', kind: 'enum' },
    billingFrequency: { expression: 'c.billing_frequency', kind: 'enum' },
    startDate: { expression: 'c.start_date', kind: 'text' },
    endDate: { expression: 'c.end_date', kind: 'text' },
    autoRenew: { expression: 'c.auto_renew', kind: 'boolean' },
    value: { expression: 'c.value', kind: 'decimal' },
    currency: { expression: 'c.currency', kind: 'text' },
    createdAt: { expression: 'c.created_at', kind: 'datetime' },
    updatedAt: { expression: 'c.updated_at', kind: 'datetime' },
  },
};
