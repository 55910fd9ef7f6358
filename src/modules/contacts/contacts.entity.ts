import { Column, Entity } from 'typeorm';
import type { Address } from '../../graphql/values';
import { RecordEntity } from '../records/record-entity';

/** People at accounts (or on their own) whom the workspace talks to. */
@Entity('contacts')
export class ContactEntity extends RecordEntity {
  @Column({ name: 'account_id', type: 'uuid', nullable: true }) accountId!: string | null;
  @Column({ name: 'owner_id', type: 'uuid', nullable: true }) ownerId!: string | null;
  @Column({ name: 'first_name', type: 'text', nullable: true }) firstName!: string | null;
  @Column({ name: 'last_name', type: 'text' }) lastName!: string;
  @Column({ type: 'text', nullable: true }) email!: string | null;
  @Column({ name: 'additional_emails', type: 'text', array: true }) additionalEmails!: string[];
  @Column({ type: 'text', nullable: true }) phone!: string | null;
  @Column({ name: 'mobile_phone', type: 'text', nullable: true }) mobilePhone!: string | null;
  @Column({ name: 'job_title', type: 'text', nullable: true }) jobTitle!: string | null;
  @Column({ name: 'preferred_channel', type: 'text', nullable: true }) preferredChannel!: string | null;
  @Column({ name: 'do_not_contact', type: 'boolean' }) doNotContact!: boolean;
  @Column({ name: 'do_not_email', type: 'boolean' }) doNotEmail!: boolean;
  @Column({ name: 'do_not_call', type: 'boolean' }) doNotCall!: boolean;
  @Column({ name: 'do_not_mail', type: 'boolean' }) doNotMail!: boolean;
  @Column({ name: 'mailing_address', type: 'jsonb', nullable: true }) mailingAddress!: Address | null;
  @Column({ name: 'custom_fields', type: 'jsonb' }) customFields!: Record<string, unknown>;
  /** AES-256-GCM under the workspace's data key (see tenancy/sealed-data). */
  @Column({ name: 'birth_date_sealed', type: 'bytea', nullable: true }) birthDateSealed!: Buffer | null;
  @Column({ type: 'boolean' }) deceased!: boolean;
  @Column({ name: 'processing_restricted_at', type: 'timestamptz', nullable: true }) processingRestrictedAt!: Date | null;
  @Column({ name: 'erased_at', type: 'timestamptz', nullable: true }) erasedAt!: Date | null;
  @Column({ name: 'last_activity_at', type: 'timestamptz' }) lastActivityAt!: Date;
}
