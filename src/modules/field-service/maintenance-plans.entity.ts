import { Column, Entity } from 'typeorm';
import { RecordEntity } from '../records/record-entity';

export type FrequencyUnit = 'WEEK' | 'MONTH';

/** Recurring maintenance on an account (and contract): generates work orders up to a horizon. Dates are calendar dates. */
@Entity('maintenance_plans')
export class MaintenancePlanEntity extends RecordEntity {
  @Column('text') name!: string;
  @Column({ name: 'account_id', type: 'uuid' }) accountId!: string;
  @Column({ name: 'contract_id', type: 'uuid', nullable: true }) contractId!: string | null;
  @Column({ name: 'work_type_id', type: 'uuid' }) workTypeId!: string;
  @Column({ name: 'site_contact_id', type: 'uuid', nullable: true }) siteContactId!: string | null;
  @Column({ name: 'service_address', type: 'jsonb', nullable: true }) serviceAddress!: Record<string, string | null> | null;
  @Column({ name: 'territory_id', type: 'uuid', nullable: true }) territoryId!: string | null;
  @Column({ name: 'frequency_unit', type: 'text' }) frequencyUnit!: FrequencyUnit;
  @Column({ name: 'frequency_interval', type: 'integer' }) frequencyInterval!: number;
  @Column({ name: 'start_date', type: 'date' }) startDate!: Date | string;
  @Column({ name: 'end_date', type: 'date', nullable: true }) endDate!: Date | string | null;
  @Column({ name: 'horizon_days', type: 'integer' }) horizonDays!: number;
  @Column('boolean') active!: boolean;
}
