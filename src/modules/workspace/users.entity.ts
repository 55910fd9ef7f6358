import { Column, Entity, PrimaryColumn } from 'typeorm';

/** People who work in the workspace (owners of records). Invitations and login come with workspace administration. */
@Entity('users')
export class UserEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') email!: string;
  @Column('text') name!: string;
  @Column('boolean') active!: boolean;
  @Column('integer') version!: number;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
