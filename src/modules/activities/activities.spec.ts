import { RecordSpec } from '../records/record-spec';
import { ActivityEntity } from './activities.entity';

/** How activities are listed: sortable keys and filterable fields map to trusted SQL over alias `act`. */
export const activitySpec: RecordSpec<ActivityEntity> = {
  entity: ActivityEntity,
  typeName: 'Activity',
  label: 'Activity',
  alias: 'act',
  ownerColumn: 'owner_id',
  sortKeys: {
    OCCURRED_AT: { name: 'occurredAt', expression: 'act.occurred_at', nullable: false, sqlType: 'timestamptz', value: (r) => r.occurredAt },
    DUE_AT: { name: 'dueAt', expression: 'act.due_at', nullable: true, sqlType: 'timestamptz', value: (r) => r.dueAt },
    CREATED_AT: { name: 'createdAt', expression: 'act.created_at', nullable: false, sqlType: 'timestamptz', value: (r) => r.createdAt },
  },
  // Newest first, like the timeline.
  defaultOrder: [{ field: 'OCCURRED_AT', direction: 'DESC' }],
  filters: {
    id: { expression: 'act.id', kind: { id: 'Activity' } },
    kind: { expression: 'act.kind', kind: 'enum' },
    owner: { expression: 'act.owner_id', kind: { id: 'User' } },
    account: { expression: 'act.account_id', kind: { id: 'Account' } },
    contact: { expression: 'act.contact_id', kind: { id: 'Contact' } },
    opportunity: { expression: 'act.opportunity_id', kind: { id: 'Opportunity' } },
    lead: { expression: 'act.lead_id', kind: { id: 'Lead' } },
    // Personal: specForCaller refuses it to roles without full personal access.
    subject: { expression: 'act.subject', kind: 'text' },
    completed: {
      expression: 'act.completed_at',
      kind: 'custom',
      build: (condition) => {
        const eq = (condition as { eq?: boolean | null }).eq;
        return eq == null ? [] : [`act.completed_at IS ${eq ? 'NOT ' : ''}NULL`];
      },
    },
    dueAt: { expression: 'act.due_at', kind: 'datetime' },
    occurredAt: { expression: 'act.occurred_at', kind: 'datetime' },
    createdAt: { expression: 'act.created_at', kind: 'datetime' },
  },
};
