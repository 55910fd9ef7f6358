import { calendarDate } from '../../db/calendar-date';
import { RecordSpec } from '../records/record-spec';
import { CampaignEntity } from './campaigns.entity';

/** How campaigns are listed, filtered and sorted (trusted SQL over alias `k`). */
export const campaignSpec: RecordSpec<CampaignEntity> = {
  entity: CampaignEntity,
  typeName: 'Campaign',
  label: 'Campaign',
  alias: 'k',
  ownerColumn: 'owner_id',
  sortKeys: {
    NAME: { name: 'name', expression: 'k.name', nullable: false, sqlType: 'text', value: (r) => r.name },
    START_DATE: { name: 'startDate', expression: 'k.start_date::text', nullable: true, sqlType: 'text', value: (r) => calendarDate(r.startDate) },
    CREATED_AT: { name: 'createdAt', expression: 'k.created_at', nullable: false, sqlType: 'timestamptz', value: (r) => r.createdAt },
  },
  defaultOrder: [{ field: 'NAME', direction: 'ASC' }],
  filters: {
    name: { expression: 'k.name', kind: 'text' },
    type: { expression: 'k.type', kind: 'enum' },
    status: { expression: 'k.status', kind: 'enum' },
    channel: { expression: 'k.channel', kind: 'enum' },
    startDate: { expression: 'k.start_date', kind: 'text' },
    owner: { expression: 'k.owner_id', kind: { id: 'User' } },
  },
};
