import { Column, Entity } from 'typeorm';
import { RecordEntity } from '../records/record-entity';

/** People and companies showing interest, before they are qualified and converted into account, contact and opportunity. */
@Entity('leads')
export class LeadEntity extends RecordEntity {
  @Column({ name: 'owner_id', type: 'uuid', nullable: true }) ownerId!: string | null;
  @Column({ name: 'first_name', type: 'text', nullable: true }) firstName!: string | null;
  @Column({ name: 'last_name', type: 'text' }) lastName!: string;
  @Column({ type: 'text', nullable: true }) email!: string | null;
  @Column({ type: 'text', nullable: true }) phone!: string | null;
  @Column({ name: 'job_title', type: 'text', nullable: true }) jobTitle!: string | null;
  @Column({ type: 'text', nullable: true }) company!: string | null;
  @Column({ type: 'text', nullable: true }) website!: string | null;
  @Column({ type: 'text', nullable: true }) domain!: string | null;
  @Column({ type: 'text', nullable: true }) source!: string | null;
  @Column({ type: 'text', nullable: true }) campaign!: string | null;
  @Column('text') status!: string;
  @Column({ type: 'text', nullable: true }) rating!: string | null;
  @Column({ name: 'disqualification_reason', type: 'text', nullable: true }) disqualificationReason!: string | null;
  @Column({ name: 'converted_at', type: 'timestamptz', nullable: true }) convertedAt!: Date | null;
  @Column({ name: 'converted_account_id', type: 'uuid', nullable: true }) convertedAccountId!: string | null;
  @Column({ name: 'converted_contact_id', type: 'uuid', nullable: true }) convertedContactId!: string | null;
  @Column({ name: 'converted_opportunity_id', type: 'uuid', nullable: true }) convertedOpportunityId!: string | null;
  @Column({ name: 'campaign_id', type: 'uuid', nullable: true }) campaignId!: string | null;
  @Column({ name: 'erased_at', type: 'timestamptz', nullable: true }) erasedAt!: Date | null;
  @Column({ name: 'custom_fields', type: 'jsonb' }) customFields!: Record<string, unknown>;
}
