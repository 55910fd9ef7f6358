import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A sales or service territory, optionally inside a parent territory (business hours and holidays live in their own tables). */
@Entity('territories')
export class TerritoryEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') name!: string;
  @Column({ type: 'text', nullable: true }) description!: string | null;
  @Column({ name: 'parent_id', type: 'uuid', nullable: true }) parentId!: string | null;
  @Column({ name: 'time_zone', type: 'text' }) timeZone!: string;
  @Column('integer') version!: number;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
