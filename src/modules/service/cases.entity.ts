import { Column, Entity } from 'typeorm';
import { RecordEntity } from '../records/record-entity';

export type CaseStatus = 'NEW' | 'IN_PROGRESS' | 'WAITING_ON_CUSTOMER' | 'RESOLVED' | 'CLOSED';
export type CasePriority = 'LOW' | 'MEDIUM' | 'HIGH' | 'URGENT';
export type CaseChannel = 'EMAIL' | 'PHONE' | 'WEB' | 'CHAT' | 'IN_PERSON';

/** A customer's request for service, with the entitlement it is served under and its SLA due times. */
@Entity('service_cases')
export class ServiceCaseEntity extends RecordEntity {
  @Column('text') number!: string;
  @Column({ name: 'account_id', type: 'uuid' }) accountId!: string;
  @Column({ name: 'contact_id', type: 'uuid', nullable: true }) contactId!: string | null;
  @Column({ name: 'owner_id', type: 'uuid', nullable: true }) ownerId!: string | null;
  @Column('text') subject!: string;
  @Column({ type: 'text', nullable: true }) description!: string | null;
  @Column('text') channel!: CaseChannel;
  @Column('text') priority!: CasePriority;
  @Column('text') status!: CaseStatus;
  @Column({ name: 'product_id', type: 'uuid', nullable: true }) productId!: string | null;
  @Column({ name: 'entitlement_id', type: 'uuid', nullable: true }) entitlementId!: string | null;
  @Column({ name: 'supplied_name', type: 'text', nullable: true }) suppliedName!: string | null;
  @Column({ name: 'supplied_email', type: 'text', nullable: true }) suppliedEmail!: string | null;
  @Column({ name: 'supplied_phone', type: 'text', nullable: true }) suppliedPhone!: string | null;
  @Column({ name: 'opened_at', type: 'timestamptz' }) openedAt!: Date;
  @Column({ name: 'response_due_at', type: 'timestamptz', nullable: true }) responseDueAt!: Date | null;
  @Column({ name: 'resolution_due_at', type: 'timestamptz', nullable: true }) resolutionDueAt!: Date | null;
  @Column({ name: 'first_responded_at', type: 'timestamptz', nullable: true }) firstRespondedAt!: Date | null;
  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true }) resolvedAt!: Date | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt!: Date | null;
  @Column({ type: 'text', nullable: true }) resolution!: string | null;
}
