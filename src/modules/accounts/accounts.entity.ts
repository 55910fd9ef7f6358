import { Column, Entity } from 'typeorm';
import type { Address } from '../../graphql/values';
import { RecordEntity } from '../records/record-entity';

/** Companies (and other organisations) the workspace does business with. */
@Entity('accounts')
export class AccountEntity extends RecordEntity {
  @Column('text') name!: string;
  @Column({ type: 'text', nullable: true }) domain!: string | null;
  @Column({ type: 'text', nullable: true }) industry!: string | null;
  @Column('text') type!: string;
  @Column({ name: 'lifecycle_stage', type: 'text' }) lifecycleStage!: string;
  @Column({ name: 'owner_id', type: 'uuid', nullable: true }) ownerId!: string | null;
  @Column({ name: 'annual_revenue_amount', type: 'numeric', nullable: true }) annualRevenueAmount!: string | null;
  @Column({ name: 'annual_revenue_currency', type: 'char', nullable: true }) annualRevenueCurrency!: string | null;
  @Column({ name: 'employee_count', type: 'integer', nullable: true }) employeeCount!: number | null;
  @Column({ type: 'text', nullable: true }) phone!: string | null;
  @Column({ type: 'text', nullable: true }) website!: string | null;
  @Column({ name: 'billing_address', type: 'jsonb', nullable: true }) billingAddress!: Address | null;
  @Column({ name: 'shipping_address', type: 'jsonb', nullable: true }) shippingAddress!: Address | null;
  @Column({ type: 'text', array: true }) tags!: string[];
  @Column({ name: 'custom_fields', type: 'jsonb' }) customFields!: Record<string, unknown>;
}
