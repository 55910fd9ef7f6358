import { Column, Entity } from 'typeorm';
import { RecordEntity } from '../records/record-entity';

/** Tasks, calls, meetings, e-mails and notes, linked to an account, contact, opportunity or lead. */
@Entity('activities')
export class ActivityEntity extends RecordEntity {
  @Column({ type: 'text' }) kind!: string;
  @Column({ type: 'text' }) subject!: string;
  @Column({ type: 'text', nullable: true }) body!: string | null;
  @Column({ name: 'owner_id', type: 'uuid', nullable: true }) ownerId!: string | null;
  @Column({ name: 'account_id', type: 'uuid', nullable: true }) accountId!: string | null;
  @Column({ name: 'contact_id', type: 'uuid', nullable: true }) contactId!: string | null;
  @Column({ name: 'opportunity_id', type: 'uuid', nullable: true }) opportunityId!: string | null;
  @Column({ name: 'lead_id', type: 'uuid', nullable: true }) leadId!: string | null;
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true }) dueAt!: Date | null;
  @Column({ name: 'starts_at', type: 'timestamptz', nullable: true }) startsAt!: Date | null;
  @Column({ name: 'ends_at', type: 'timestamptz', nullable: true }) endsAt!: Date | null;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt!: Date | null;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt!: Date;
}
