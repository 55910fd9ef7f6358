import { RecordSpec } from '../records/record-spec';
import { LeadEntity } from './leads.entity';

/** How leads are listed: sortable keys and filterable fields map to trusted SQL over alias `l`. */
export const leadSpec: RecordSpec<LeadEntity> = {
  entity: LeadEntity,
  typeName: 'Lead',
  label: 'Lead',
  alias: 'l',
  ownerColumn: 'owner_id',
  sortKeys: {
    CREATED_AT: { name: 'createdAt', expression: 'l.created_at', nullable: false, sqlType: 'timestamptz', value: (r) => r.createdAt },
    UPDATED_AT: { name: 'updatedAt', expression: 'l.updated_at', nullable: false, sqlType: 'timestamptz', value: (r) => r.updatedAt },
    LAST_NAME: { name: 'lastName', expression: 'l.last_name', nullable: false, sqlType: 'text', value: (r) => r.lastName },
    COMPANY: { name: 'company', expression: 'l.company', nullable: true, sqlType: 'text', value: (r) => r.company },
  },
  // A lead list is a work queue: newest first.
  defaultOrder: [{ field: 'CREATED_AT', direction: 'DESC' }],
  filters: {
    id: { expression: 'l.id', kind: { id: 'Lead' } },
    status: { expression: 'l.status', kind: 'enum' },
    rating: { expression: 'l.rating', kind: 'enum' },
    source: { expression: 'l.source', kind: 'text' },
    campaign: { expression: 'l.campaign', kind: 'text' },
    company: { expression: 'l.company', kind: 'text' },
    domain: { expression: 'l.domain', kind: 'text', caseInsensitive: true },
    owner: { expression: 'l.owner_id', kind: { id: 'User' } },
    primaryCampaign: { expression: 'l.campaign_id', kind: { id: 'Campaign' } },
    // Personal: record-scope.ts refuses it to roles without full personal access (same name as the field).
    email: { expression: 'l.email', kind: 'text', caseInsensitive: true },
    createdAt: { expression: 'l.created_at', kind: 'datetime' },
    updatedAt: { expression: 'l.updated_at', kind: 'datetime' },
  },
};
