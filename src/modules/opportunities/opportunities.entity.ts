import { Column, Entity, PrimaryColumn } from 'typeorm';
import { RecordEntity } from '../records/record-entity';

export type OpportunityStatus = 'OPEN' | 'WON' | 'LOST';
export type StageHistoryEvent = 'CREATED' | 'STAGE_CHANGED' | 'WON' | 'LOST' | 'REOPENED';

/** A deal with an account moving through the workspace's pipeline. Money is numeric: strings, never floats. */
@Entity('opportunities')
export class OpportunityEntity extends RecordEntity {
  @Column('text') name!: string;
  @Column({ name: 'account_id', type: 'uuid' }) accountId!: string;
  @Column({ name: 'primary_contact_id', type: 'uuid', nullable: true }) primaryContactId!: string | null;
  @Column({ name: 'owner_id', type: 'uuid', nullable: true }) ownerId!: string | null;
  @Column({ type: 'numeric', nullable: true }) amount!: string | null;
  @Column({ type: 'char' }) currency!: string;
  @Column({ name: 'price_book_id', type: 'uuid', nullable: true }) priceBookId!: string | null;
  @Column({ name: 'stage_id', type: 'uuid' }) stageId!: string;
  @Column('integer') probability!: number;
  @Column({ name: 'probability_overridden', type: 'boolean' }) probabilityOverridden!: boolean;
  @Column({ name: 'forecast_category', type: 'text' }) forecastCategory!: string;
  /** pg reads a date as local midnight; see calendarDate. */
  @Column({ name: 'close_date', type: 'date', nullable: true }) closeDate!: Date | string | null;
  @Column({ name: 'next_step', type: 'text', nullable: true }) nextStep!: string | null;
  @Column({ name: 'lead_source', type: 'text', nullable: true }) leadSource!: string | null;
  @Column({ type: 'text', nullable: true }) description!: string | null;
  @Column('text') status!: OpportunityStatus;
  @Column({ name: 'loss_reason', type: 'text', nullable: true }) lossReason!: string | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt!: Date | null;
  @Column({ name: 'territory_id', type: 'uuid', nullable: true }) territoryId!: string | null;
  @Column({ name: 'campaign_id', type: 'uuid', nullable: true }) campaignId!: string | null;
  @Column({ name: 'custom_fields', type: 'jsonb' }) customFields!: Record<string, unknown>;
}

/** One stage move, close or reopen of an opportunity, with the amount at that time (append-only). */
@Entity('opportunity_stage_history')
export class OpportunityStageHistoryEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'opportunity_id', type: 'uuid' }) opportunityId!: string;
  @Column('text') event!: StageHistoryEvent;
  @Column({ name: 'from_stage_id', type: 'uuid', nullable: true }) fromStageId!: string | null;
  @Column({ name: 'to_stage_id', type: 'uuid' }) toStageId!: string;
  @Column({ type: 'numeric', nullable: true }) amount!: string | null;
  @Column({ type: 'char' }) currency!: string;
  @Column('integer') probability!: number;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ name: 'actor_kind', type: 'text' }) actorKind!: string;
  @Column({ name: 'actor_id', type: 'text' }) actorId!: string;
  @Column({ type: 'timestamptz' }) at!: Date;
}
