import { calendarDate } from '../../db/calendar-date';
import { RecordSpec } from '../records/record-spec';
import { MaintenancePlanEntity } from './maintenance-plans.entity';

/**
 * How maintenance plans are listed: sortable keys and filterable fields map to trusted SQL over
 * alias `mp`. Plans have no owner: MaintenancePlan is not an owned type (scope "all" for every role that reads it).
 */
export const maintenancePlanSpec: RecordSpec<MaintenancePlanEntity> = {
  entity: MaintenancePlanEntity,
  typeName: 'MaintenancePlan',
  label: 'Maintenance plan',
  alias: 'mp',
  sortKeys: {
    NAME: { name: 'name', expression: 'mp.name', nullable: false, sqlType: 'text', value: (r) => r.name },
    // As ISO text (same order as the date): cursors carry no date type.
    START_DATE: { name: 'startDate', expression: 'mp.start_date::text', nullable: false, sqlType: 'text', value: (r) => calendarDate(r.startDate) },
    CREATED_AT: { name: 'createdAt', expression: 'mp.created_at', nullable: false, sqlType: 'timestamptz', value: (r) => r.createdAt },
    UPDATED_AT: { name: 'updatedAt', expression: 'mp.updated_at', nullable: false, sqlType: 'timestamptz', value: (r) => r.updatedAt },
  },
  defaultOrder: [{ field: 'NAME', direction: 'ASC' }],
  filters: {
    id: { expression: 'mp.id', kind: { id: 'MaintenancePlan' } },
    name: { expression: 'mp.name', kind: 'text', caseInsensitive: true },
    account: { expression: 'mp.account_id', kind: { id: 'Account' } },
    contract: { expression: 'mp.contract_id', kind: { id: 'Contract' } },
    workType: { expression: 'mp.work_type_id', kind: { id: 'WorkType' } },
    territory: { expression: 'mp.territory_id', kind: { id: 'Territory' } },
    frequencyUnit: { expression: 'mp.frequency_unit', kind: 'enum' },
    active: { expression: 'mp.active', kind: 'boolean' },
    startDate: { expression: 'mp.start_date', kind: 'text' },
    endDate: { expression: 'mp.end_date', kind: 'text' },
    createdAt: { expression: 'mp.created_at', kind: 'datetime' },
    updatedAt: { expression: 'mp.updated_at', kind: 'datetime' },
  },
};
