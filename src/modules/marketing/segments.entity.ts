import { Column, Entity } from 'typeorm';
import { RecordEntity } from '../records/record-entity';

export type SegmentObject = 'ACCOUNT' | 'CONTACT';

/** A saved, named filter over accounts or contacts: the list's own `where:` input, as JSON. */
@Entity('segments')
export class SegmentEntity extends RecordEntity {
  @Column('text') name!: string;
  @Column({ type: 'text', nullable: true }) description!: string | null;
  @Column('text') object!: SegmentObject;
  @Column('jsonb') filter!: Record<string, unknown>;
  @Column({ name: 'owner_id', type: 'uuid', nullable: true }) ownerId!: string | null;
}
