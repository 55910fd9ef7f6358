import { RecordSpec } from '../records/record-spec';
import { WorkOrderEntity } from './work-orders.entity';
import { accountOwnerOf } from '../records/record-owner';

/** The technician (UUID) of the work order's live appointment; appointments_live_key allows at most one. */
const LIVE_TECHNICIAN = `(SELECT ap.technician_id FROM appointments ap WHERE ap.work_order_id = wo.id AND ap.status <> 'CANCELLED')`;

/** Priorities in order of urgency, so sorting by priority is sorting by urgency (not alphabetically). */
const PRIORITY_RANK = `(CASE wo.priority WHEN 'LOW' THEN 1 WHEN 'MEDIUM' THEN 2 WHEN 'HIGH' THEN 3 ELSE 4 END)`;

/** How work orders are listed: sortable keys and filterable fields map to trusted SQL over alias `wo`. */
export const workOrderSpec: RecordSpec<WorkOrderEntity> = {
  entity: WorkOrderEntity,
  typeName: 'WorkOrder',
  label: 'Work order',
  alias: 'wo',
  ownerColumn: 'owner_id',
  // A technician (scope own) works the orders assigned to them: the user of the live appointment's technician.
  // The technician of its live appointment (at most one), and the account's owner.
  alsoOwnedThrough: [
    `(SELECT t.user_id FROM appointments ap JOIN technicians t ON t.id = ap.technician_id WHERE ap.work_order_id = wo.id AND ap.status <> 'CANCELLED')`,
    accountOwnerOf('wo'),
  ],
  sortKeys: {
    NUMBER: { name: 'number', expression: 'wo.number', nullable: false, sqlType: 'text', value: (r) => r.number },
    DUE_BY: { name: 'dueBy', expression: 'wo.due_by', nullable: true, sqlType: 'timestamptz', value: (r) => r.dueBy },
    PRIORITY: {
      name: 'priority',
      expression: PRIORITY_RANK,
      nullable: false,
      sqlType: 'integer',
      value: (r) => ({ LOW: 1, MEDIUM: 2, HIGH: 3 })[r.priority as 'LOW' | 'MEDIUM' | 'HIGH'] ?? 4,
    },
    CREATED_AT: { name: 'createdAt', expression: 'wo.created_at', nullable: false, sqlType: 'timestamptz', value: (r) => r.createdAt },
    UPDATED_AT: { name: 'updatedAt', expression: 'wo.updated_at', nullable: false, sqlType: 'timestamptz', value: (r) => r.updatedAt },
  },
  // A work list: what is due first on top (orders without a due time last), then the newest.
  defaultOrder: [
    { field: 'DUE_BY', direction: 'ASC' },
    { field: 'CREATED_AT', direction: 'DESC' },
  ],
  filters: {
    id: { expression: 'wo.id', kind: { id: 'WorkOrder' } },
    number: { expression: 'wo.number', kind: 'text', caseInsensitive: true },
    status: { expression: 'wo.status', kind: 'enum' },
    priority: { expression: 'wo.priority', kind: 'enum' },
    account: { expression: 'wo.account_id', kind: { id: 'Account' } },
    technician: { expression: LIVE_TECHNICIAN, kind: { id: 'Technician' } },
    territory: { expression: 'wo.territory_id', kind: { id: 'Territory' } },
    serviceCase: { expression: 'wo.service_case_id', kind: { id: 'ServiceCase' } },
    contract: { expression: 'wo.contract_id', kind: { id: 'Contract' } },
    workType: { expression: 'wo.work_type_id', kind: { id: 'WorkType' } },
    maintenancePlan: { expression: 'wo.maintenance_plan_id', kind: { id: 'MaintenancePlan' } },
    owner: { expression: 'wo.owner_id', kind: { id: 'User' } },
    dueBy: { expression: 'wo.due_by', kind: 'datetime' },
    createdAt: { expression: 'wo.created_at', kind: 'datetime' },
    updatedAt: { expression: 'wo.updated_at', kind: 'datetime' },
  },
};
