import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A configurable list of values for a text field (industry, lead source, loss reason, …). */
@Entity('picklists')
export class PicklistEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') key!: string;
  @Column('text') label!: string;
  @Column({ type: 'text', nullable: true }) description!: string | null;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** One value of a picklist: `value` is what records store, `label` what people read. */
@Entity('picklist_values')
export class PicklistValueEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'picklist_id', type: 'uuid' }) picklistId!: string;
  @Column('text') value!: string;
  @Column('text') label!: string;
  @Column('integer') position!: number;
  @Column('boolean') active!: boolean;
  @Column('integer') version!: number;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
