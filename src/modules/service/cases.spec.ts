import { RecordSpec } from '../records/record-spec';
import { ServiceCaseEntity } from './cases.entity';
import { accountOwnerOf } from '../records/record-owner';

/**
 * A milestone is violated when it is past due: completed after its due time, or still pending
 * after it (by the statement's clock, now()).
 */
const SLA_VIOLATED = `((sc.response_due_at < coalesce(sc.first_responded_at, now())) OR (sc.resolution_due_at < coalesce(sc.resolved_at, now())))`;

/** How service cases are listed: sortable keys and filterable fields map to trusted SQL over alias `sc`. */
export const serviceCaseSpec: RecordSpec<ServiceCaseEntity> = {
  entity: ServiceCaseEntity,
  typeName: 'ServiceCase',
  label: 'Service case',
  alias: 'sc',
  ownerColumn: 'owner_id',
  // A sales rep follows the cases of the accounts they own, as they do the accounts' contracts.
  alsoOwnedThrough: [accountOwnerOf('sc')],
  sortKeys: {
    NUMBER: { name: 'number', expression: 'sc.number', nullable: false, sqlType: 'text', value: (r) => r.number },
    OPENED_AT: { name: 'openedAt', expression: 'sc.opened_at', nullable: false, sqlType: 'timestamptz', value: (r) => r.openedAt },
    RESPONSE_DUE_AT: { name: 'responseDueAt', expression: 'sc.response_due_at', nullable: true, sqlType: 'timestamptz', value: (r) => r.responseDueAt },
    RESOLUTION_DUE_AT: { name: 'resolutionDueAt', expression: 'sc.resolution_due_at', nullable: true, sqlType: 'timestamptz', value: (r) => r.resolutionDueAt },
    CREATED_AT: { name: 'createdAt', expression: 'sc.created_at', nullable: false, sqlType: 'timestamptz', value: (r) => r.createdAt },
    UPDATED_AT: { name: 'updatedAt', expression: 'sc.updated_at', nullable: false, sqlType: 'timestamptz', value: (r) => r.updatedAt },
  },
  // A case list is a work queue: newest first.
  defaultOrder: [{ field: 'OPENED_AT', direction: 'DESC' }],
  filters: {
    id: { expression: 'sc.id', kind: { id: 'ServiceCase' } },
    number: { expression: 'sc.number', kind: 'text', caseInsensitive: true },
    account: { expression: 'sc.account_id', kind: { id: 'Account' } },
    contact: { expression: 'sc.contact_id', kind: { id: 'Contact' } },
    owner: { expression: 'sc.owner_id', kind: { id: 'User' } },
    product: { expression: 'sc.product_id', kind: { id: 'Product' } },
    entitlement: { expression: 'sc.entitlement_id', kind: { id: 'Entitlement' } },
    status: { expression: 'sc.status', kind: 'enum' },
    priority: { expression: 'sc.priority', kind: 'enum' },
    channel: { expression: 'sc.channel', kind: 'enum' },
    withoutEntitlement: { expression: '(sc.entitlement_id IS NULL)', kind: 'boolean' },
    slaViolated: {
      expression: SLA_VIOLATED,
      kind: 'custom',
      build: (condition) => {
        const eq = (condition as { eq?: boolean | null }).eq;
        return eq == null ? [] : [eq ? `coalesce(${SLA_VIOLATED}, false)` : `NOT coalesce(${SLA_VIOLATED}, false)`];
      },
    },
    // Personal: specForCaller refuses it to roles without full personal access (same name as the field).
    suppliedEmail: { expression: 'sc.supplied_email', kind: 'text', caseInsensitive: true },
    openedAt: { expression: 'sc.opened_at', kind: 'datetime' },
    responseDueAt: { expression: 'sc.response_due_at', kind: 'datetime' },
    resolutionDueAt: { expression: 'sc.resolution_due_at', kind: 'datetime' },
    createdAt: { expression: 'sc.created_at', kind: 'datetime' },
    updatedAt: { expression: 'sc.updated_at', kind: 'datetime' },
  },
};
