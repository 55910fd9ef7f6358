import { Column, PrimaryColumn } from 'typeorm';

/** Columns every CRM table has; entities extend this and name no schema (search_path decides). */
export abstract class RecordEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ type: 'integer' }) version!: number;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true }) deletedAt!: Date | null;
}
