import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The workspace's settings: one row (id is always true). */
@Entity('workspace_settings')
export class WorkspaceSettingsEntity {
  @PrimaryColumn('boolean') id!: boolean;
  @Column({ name: 'time_zone', type: 'text' }) timeZone!: string;
  @Column('text') locale!: string;
  @Column({ name: 'default_currency', type: 'char' }) defaultCurrency!: string;
  @Column({ name: 'fiscal_year_start_month', type: 'integer' }) fiscalYearStartMonth!: number;
  @Column('integer') version!: number;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
