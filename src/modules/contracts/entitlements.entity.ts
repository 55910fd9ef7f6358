import { Column, Entity, PrimaryColumn } from 'typeorm';

export type EntitlementCoverage = 'BUSINESS_HOURS' | 'ALL_HOURS';
export type VisitPeriod = 'MONTH' | 'QUARTER' | 'YEAR';

/**
 * A service level a contract grants (commercial terms: editable only while the contract is a
 * draft). Times are business minutes of the coverage calendar. Not soft-deleted: removing one from
 * a draft deletes it.
 */
@Entity('entitlements')
export class EntitlementEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'contract_id', type: 'uuid' }) contractId!: string;
  @Column('text') name!: string;
  @Column({ name: 'response_minutes', type: 'integer' }) responseMinutes!: number;
  @Column({ name: 'resolution_minutes', type: 'integer' }) resolutionMinutes!: number;
  @Column('text') coverage!: EntitlementCoverage;
  @Column({ name: 'territory_id', type: 'uuid', nullable: true }) territoryId!: string | null;
  @Column({ name: 'visits_per_period', type: 'integer', nullable: true }) visitsPerPeriod!: number | null;
  @Column({ name: 'visit_period', type: 'text', nullable: true }) visitPeriod!: VisitPeriod | null;
  @Column('integer') position!: number;
  @Column('integer') version!: number;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
