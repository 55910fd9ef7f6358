import { RecordSpec } from '../records/record-spec';
import { SegmentEntity } from './segments.entity';

/** How segments are listed: by name, by object, by owner. */
export const segmentSpec: RecordSpec<SegmentEntity> = {
  entity: SegmentEntity,
  typeName: 'Segment',
  label: 'Segment',
  alias: 's',
  ownerColumn: 'owner_id',
  sortKeys: {
    NAME: { name: 'name', expression: 's.name', nullable: false, sqlType: 'text', value: (r) => r.name },
    CREATED_AT: { name: 'createdAt', expression: 's.created_at', nullable: false, sqlType: 'timestamptz', value: (r) => r.createdAt },
    UPDATED_AT: { name: 'updatedAt', expression: 's.updated_at', nullable: false, sqlType: 'timestamptz', value: (r) => r.updatedAt },
  },
  defaultOrder: [{ field: 'NAME', direction: 'ASC' }],
  filters: {
    name: { expression: 's.name', kind: 'text' },
    object: { expression: 's.object', kind: 'enum' },
    owner: { expression: 's.owner_id', kind: { id: 'User' } },
  },
};
