import { ArrayMaxSize, IsOptional, Max, Min } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PageArgsType } from '../../graphql/connection-types';
import { DateTimeScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-errors';
import { PrivacyRequest } from './data-subjects.types';

@ObjectType('PrivacyPolicy', { description: 'How long the workspace keeps personal data: the access log, and contacts without activity.' })
export class PrivacyPolicy {
  @Field(() => Int, { description: 'Days the personal-data access log keeps an entry (1–3650; default 365).' }) accessLogRetentionDays!: number;
  @Field(() => Int, { nullable: true, description: 'Months without activity after which a contact is due for retention review (1–240); null: no review.' })
  inactiveContactReviewMonths!: number | null;
  @Field({ description: 'Whether the daily retention sweep anonymises contacts due for review without asking (needs inactiveContactReviewMonths).' })
  anonymizeInactiveContacts!: boolean;
  @Field(() => Int, { description: 'Version of the workspace settings the policy belongs to; pass it as expectedVersion to avoid lost updates.' }) version!: number;
  @Field(() => DateTimeScalar, { description: 'When the workspace settings last changed.' }) updatedAt!: Date;
}

@InputType({ description: 'Changes to the privacy policy. Omitted fields stay as they are.' })
export class UpdatePrivacyPolicyInput {
  @Field(() => Int, { nullable: true }) @IsOptional() @Min(1) @Max(3650) accessLogRetentionDays?: number | null;
  @Field(() => Int, { nullable: true, description: 'null turns retention review (and automatic anonymisation) off.' })
  @IsOptional()
  @Min(1)
  @Max(240)
  inactiveContactReviewMonths?: number | null;
  @Field(() => Boolean, { nullable: true }) anonymizeInactiveContacts?: boolean | null;
  @Field(() => Int, { nullable: true, description: 'Refuse the change with CONFLICT unless the settings are at this version.' }) expectedVersion?: number | null;
}

@ObjectType({ description: 'Result of updatePrivacyPolicy.' })
export class UpdatePrivacyPolicyPayload {
  @Field(() => PrivacyPolicy, { nullable: true, description: 'The policy, when the mutation succeeded.' }) policy?: PrivacyPolicy | null;
  @Field(() => [UserError], { description: 'Why the mutation wrote nothing; empty on success.' }) userErrors!: UserError[];
}

@ArgsType()
export class RetentionReviewArgs extends PageArgsType {}

@InputType({ description: 'Anonymise contacts the retention policy has flagged for review.' })
export class ApplyRetentionPolicyInput {
  @Field(() => [ID], { nullable: true, description: 'Only these contacts (Contact IDs), each of which must be due; omitted: every contact due, oldest activity first, up to 500.' })
  @IsOptional()
  @ArrayMaxSize(500)
  contactIds?: string[] | null;
}

@ObjectType({ description: 'Result of applyRetentionPolicy.' })
export class ApplyRetentionPolicyPayload {
  @Field(() => PrivacyRequest, { nullable: true, description: 'The recorded retention erasure (absent when nothing was due).' }) request?: PrivacyRequest | null;
  @Field(() => Int, { nullable: true, description: 'Contacts anonymised (null when the mutation was refused).' }) erasedContacts?: number | null;
  @Field(() => [UserError], { description: 'Why nothing was erased; empty on success.' }) userErrors!: UserError[];
}
