import { Column, Entity } from 'typeorm';
import { RecordEntity } from '../records/record-entity';

export type WorkOrderStatus = 'NEW' | 'SCHEDULED' | 'DISPATCHED' | 'IN_PROGRESS' | 'COMPLETED' | 'CANNOT_COMPLETE' | 'CANCELLED';

/** Field work at a customer's site. */
@Entity('work_orders')
export class WorkOrderEntity extends RecordEntity {
  @Column('text') number!: string;
  @Column('text') subject!: string;
  @Column({ type: 'text', nullable: true }) description!: string | null;
  @Column({ name: 'account_id', type: 'uuid' }) accountId!: string;
  @Column({ name: 'site_contact_id', type: 'uuid', nullable: true }) siteContactId!: string | null;
  @Column({ name: 'service_address', type: 'jsonb', nullable: true }) serviceAddress!: Record<string, string | null> | null;
  @Column({ type: 'numeric', nullable: true }) latitude!: string | null;
  @Column({ type: 'numeric', nullable: true }) longitude!: string | null;
  @Column({ name: 'territory_id', type: 'uuid', nullable: true }) territoryId!: string | null;
  @Column({ name: 'service_case_id', type: 'uuid', nullable: true }) serviceCaseId!: string | null;
  @Column({ name: 'contract_id', type: 'uuid', nullable: true }) contractId!: string | null;
  @Column({ name: 'entitlement_id', type: 'uuid', nullable: true }) entitlementId!: string | null;
  @Column({ name: 'maintenance_plan_id', type: 'uuid', nullable: true }) maintenancePlanId!: string | null;
  @Column({ name: 'planned_for', type: 'date', nullable: true }) plannedFor!: Date | string | null;
  @Column({ name: 'work_type_id', type: 'uuid', nullable: true }) workTypeId!: string | null;
  @Column({ name: 'duration_minutes', type: 'integer' }) durationMinutes!: number;
  @Column('text') priority!: string;
  @Column('text') status!: WorkOrderStatus;
  @Column({ name: 'due_by', type: 'timestamptz', nullable: true }) dueBy!: Date | null;
  @Column({ name: 'owner_id', type: 'uuid', nullable: true }) ownerId!: string | null;
  @Column({ name: 'completion_notes', type: 'text', nullable: true }) completionNotes!: string | null;
  @Column({ name: 'signature_name', type: 'text', nullable: true }) signatureName!: string | null;
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true }) completedAt!: Date | null;
}
