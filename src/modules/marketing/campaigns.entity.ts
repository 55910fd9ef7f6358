import { Column, Entity } from 'typeorm';
import { RecordEntity } from '../records/record-entity';

/** A marketing campaign. Money is numeric (strings) in the campaign currency; dates are calendar dates. */
@Entity('campaigns')
export class CampaignEntity extends RecordEntity {
  @Column('text') name!: string;
  @Column('text') type!: string;
  @Column('text') status!: 'PLANNED' | 'ACTIVE' | 'COMPLETED' | 'ABORTED';
  @Column('text') channel!: string;
  @Column('text') purpose!: string;
  @Column({ name: 'start_date', type: 'date', nullable: true }) startDate!: Date | string | null;
  @Column({ name: 'end_date', type: 'date', nullable: true }) endDate!: Date | string | null;
  @Column({ type: 'numeric', nullable: true }) budget!: string | null;
  @Column({ name: 'actual_cost', type: 'numeric', nullable: true }) actualCost!: string | null;
  @Column({ type: 'char' }) currency!: string;
  @Column({ name: 'expected_revenue', type: 'numeric', nullable: true }) expectedRevenue!: string | null;
  @Column({ type: 'text', nullable: true }) description!: string | null;
  @Column({ name: 'owner_id', type: 'uuid', nullable: true }) ownerId!: string | null;
}
