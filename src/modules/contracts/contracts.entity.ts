import { Column, Entity, PrimaryColumn } from 'typeorm';
import { RecordEntity } from '../records/record-entity';

export type ContractStatus = 'DRAFT' | 'IN_APPROVAL' | 'ACTIVATED' | 'EXPIRED' | 'TERMINATED' | 'RENEWED';
export type BillingFrequency = 'ONE_TIME' | 'MONTHLY' | 'QUARTERLY' | 'SEMI_ANNUALLY' | 'ANNUALLY';

/** A service agreement with an account. Money is numeric (strings); dates are calendar dates (see calendarDate). */
@Entity('contracts')
export class ContractEntity extends RecordEntity {
  @Column('text') number!: string;
  @Column({ name: 'account_id', type: 'uuid' }) accountId!: string;
  @Column({ name: 'signer_contact_id', type: 'uuid', nullable: true }) signerContactId!: string | null;
  @Column({ name: 'owner_id', type: 'uuid', nullable: true }) ownerId!: string | null;
  @Column({ name: 'opportunity_id', type: 'uuid', nullable: true }) opportunityId!: string | null;
  @Column({ name: 'predecessor_id', type: 'uuid', nullable: true }) predecessorId!: string | null;
  @Column('text') status!: ContractStatus;
  @Column({ name: 'start_date', type: 'date' }) startDate!: Date | string;
  @Column({ name: 'term_months', type: 'integer' }) termMonths!: number;
  @Column({ name: 'end_date', type: 'date' }) endDate!: Date | string;
  @Column('numeric') value!: string;
  @Column({ type: 'char' }) currency!: string;
  @Column({ name: 'billing_frequency', type: 'text' }) billingFrequency!: BillingFrequency;
  @Column({ name: 'auto_renew', type: 'boolean' }) autoRenew!: boolean;
  @Column({ name: 'notice_period_days', type: 'integer' }) noticePeriodDays!: number;
  @Column({ name: 'special_terms', type: 'text', nullable: true }) specialTerms!: string | null;
  @Column({ type: 'text', nullable: true }) description!: string | null;
  @Column({ name: 'contract_version', type: 'integer' }) contractVersion!: number;
  @Column({ name: 'activated_at', type: 'timestamptz', nullable: true }) activatedAt!: Date | null;
  @Column({ name: 'terminated_at', type: 'timestamptz', nullable: true }) terminatedAt!: Date | null;
  @Column({ name: 'termination_reason', type: 'text', nullable: true }) terminationReason!: string | null;
}

/** One product line of a contract (locked with the commercial terms once activated). */
@Entity('contract_line_items')
export class ContractLineItemEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'contract_id', type: 'uuid' }) contractId!: string;
  @Column({ name: 'product_id', type: 'uuid' }) productId!: string;
  @Column('numeric') quantity!: string;
  @Column({ name: 'unit_price', type: 'numeric' }) unitPrice!: string;
  @Column({ name: 'discount_percent', type: 'numeric' }) discountPercent!: string;
  @Column({ type: 'text', nullable: true }) description!: string | null;
  @Column('integer') position!: number;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/** One status change of a contract (append-only). */
@Entity('contract_status_history')
export class ContractStatusHistoryEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'contract_id', type: 'uuid' }) contractId!: string;
  @Column({ name: 'from_status', type: 'text', nullable: true }) fromStatus!: ContractStatus | null;
  @Column({ name: 'to_status', type: 'text' }) toStatus!: ContractStatus;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ name: 'related_contract_id', type: 'uuid', nullable: true }) relatedContractId!: string | null;
  @Column({ name: 'actor_kind', type: 'text' }) actorKind!: string;
  @Column({ name: 'actor_id', type: 'text' }) actorId!: string;
  @Column({ type: 'timestamptz' }) at!: Date;
}
