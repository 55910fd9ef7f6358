import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ForecastCategory } from './pipeline-stages.types';

/** A stage of the opportunity pipeline, in order. */
@Entity('pipeline_stages')
export class PipelineStageEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column('integer') position!: number;
  @Column('integer') probability!: number;
  @Column({ name: 'forecast_category', type: 'text' }) forecastCategory!: ForecastCategory;
  @Column({ name: 'is_won', type: 'boolean' }) isWon!: boolean;
  @Column({ name: 'is_lost', type: 'boolean' }) isLost!: boolean;
  @Column('integer') version!: number;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
