import { customFieldFilters } from '../custom-fields';
import { RecordSpec } from '../records/record-spec';
import { calendarDate } from '../../db/calendar-date';
import { OpportunityEntity } from './opportunities.entity';

/** How opportunities are listed: sortable keys and filterable fields map to trusted SQL over alias `o`. */
export const opportunitySpec: RecordSpec<OpportunityEntity> = {
  entity: OpportunityEntity,
  typeName: 'Opportunity',
  label: 'Opportunity',
  alias: 'o',
  ownerColumn: 'owner_id',
  sortKeys: {
    NAME: { name: 'name', expression: 'o.name', nullable: false, sqlType: 'text', value: (r) => r.name },
    // As ISO text (same order as the date): cursors carry no date type.
    CLOSE_DATE: { name: 'closeDate', expression: 'o.close_date::text', nullable: true, sqlType: 'text', value: (r) => calendarDate(r.closeDate) },
    AMOUNT: { name: 'amount', expression: 'o.amount', nullable: true, sqlType: 'numeric', value: (r) => r.amount },
    CREATED_AT: { name: 'createdAt', expression: 'o.created_at', nullable: false, sqlType: 'timestamptz', value: (r) => r.createdAt },
    UPDATED_AT: { name: 'updatedAt', expression: 'o.updated_at', nullable: false, sqlType: 'timestamptz', value: (r) => r.updatedAt },
  },
  defaultOrder: [{ field: 'NAME', direction: 'ASC' }],
  filters: {
    id: { expression: 'o.id', kind: { id: 'Opportunity' } },
    name: { expression: 'o.name', kind: 'text' },
    account: { expression: 'o.account_id', kind: { id: 'Account' } },
    primaryContact: { expression: 'o.primary_contact_id', kind: { id: 'Contact' } },
    owner: { expression: 'o.owner_id', kind: { id: 'User' } },
    stage: { expression: 'o.stage_id', kind: { id: 'PipelineStage' } },
    territory: { expression: 'o.territory_id', kind: { id: 'Territory' } },
    primaryCampaign: { expression: 'o.campaign_id', kind: { id: 'Campaign' } },
    status: { expression: 'o.status', kind: 'enum' },
    forecastCategory: { expression: 'o.forecast_category', kind: 'enum' },
    closeDate: { expression: 'o.close_date', kind: 'text' },
    amount: { expression: 'o.amount', kind: 'decimal' },
    currency: { expression: 'o.currency', kind: 'text' },
    leadSource: { expression: 'o.lead_source', kind: 'text' },
    createdAt: { expression: 'o.created_at', kind: 'datetime' },
    updatedAt: { expression: 'o.updated_at', kind: 'datetime' },
  },
  requestFilters: customFieldFilters('OPPORTUNITY', 'o'),
};
