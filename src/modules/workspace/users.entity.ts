import { Column, Entity, PrimaryColumn } from 'typeorm';

export type UserStatus = 'invited' | 'active' | 'deactivated';

/**
 * People who work in the workspace. The password hash is deliberately not a column here: only
 * the sign-in code reads it, with its own statement.
 */
@Entity('users')
export class UserEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') email!: string;
  @Column('text') name!: string;
  @Column({ name: 'role_key', type: 'text' }) roleKey!: string;
  @Column('text') status!: UserStatus;
  /** Generated from status (may sign in and own records). */
  @Column({ type: 'boolean', insert: false, update: false }) active!: boolean;
  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true }) lastLoginAt!: Date | null;
  @Column({ name: 'deactivated_at', type: 'timestamptz', nullable: true }) deactivatedAt!: Date | null;
  @Column('integer') version!: number;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
