import { ArrayMaxSize, IsInt, IsNotEmpty, IsOptional, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Node } from '../../graphql/node';
import { DateTimeScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-errors';
import type { EntitlementEntity } from './entitlements.entity';

export enum EntitlementCoverage {
  BUSINESS_HOURS = 'BUSINESS_HOURS',
  ALL_HOURS = 'ALL_HOURS',
}
registerEnumType(EntitlementCoverage, {
  name: 'EntitlementCoverage',
  description: 'The hours an entitlement’s response and resolution times count in.',
  valuesConfig: {
    BUSINESS_HOURS: { description: 'The workspace’s business hours and holidays (or the territory’s, when one is set).' },
    ALL_HOURS: { description: 'Around the clock, every day.' },
  },
});

export enum VisitPeriod {
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
  YEAR = 'YEAR',
}
registerEnumType(VisitPeriod, { name: 'VisitPeriod', description: 'The period on-site visits are counted per.' });

/** At most a year of business minutes (far beyond any service level). */
const MAX_MINUTES = 525_600;

@ObjectType('Entitlement', { implements: Node, description: 'A service level a contract grants its account: how fast cases are answered and resolved, in which hours, and for which products.' })
export class Entitlement implements Node {
  @Field(() => ID, { description: 'Opaque global ID.' }) id!: string;
  @Field({ description: 'The service level, e.g. "Gold 24x7".' }) name!: string;
  @Field(() => Int, { description: 'Time to the first response, in minutes of the coverage calendar.' }) responseTimeMinutes!: number;
  @Field(() => Int, { description: 'Time to resolution, in minutes of the coverage calendar (at least the response time).' }) resolutionTimeMinutes!: number;
  @Field(() => EntitlementCoverage, { description: 'Which hours the times count in.' }) coverage!: EntitlementCoverage;
  @Field(() => Int, { nullable: true, description: 'On-site visits included per visit period; null when none are included.' }) visitsPerPeriod!: number | null;
  @Field(() => VisitPeriod, { nullable: true, description: 'The period visitsPerPeriod counts per; null when no visits are included.' }) visitPeriod!: VisitPeriod | null;
  @Field(() => Int, { description: 'Order among the contract’s entitlements, from 1.' }) position!: number;
  @Field(() => Int, { description: 'Increases with every change; pass it as expectedVersion to avoid lost updates.' }) version!: number;
  @Field(() => DateTimeScalar, { description: 'When the entitlement was added.' }) createdAt!: Date;
  @Field(() => DateTimeScalar, { description: 'When the entitlement last changed.' }) updatedAt!: Date;
}

/** Fields shared by add and update; on update omitted fields stay as they are. */
@InputType('EntitlementFields')
class EntitlementFields {
  @Field(() => EntitlementCoverage, { nullable: true, description: 'Default on add: BUSINESS_HOURS.' }) coverage?: EntitlementCoverage | null;
  @Field(() => ID, { nullable: true, description: 'A territory (Territory ID) whose business hours and holidays apply instead of the workspace’s; only with BUSINESS_HOURS coverage. Null clears it.' })
  territoryId?: string | null;
  @Field(() => Int, { nullable: true, description: 'On-site visits included per period (0 or more); given together with visitPeriod, or both null.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10000)
  visitsPerPeriod?: number | null;
  @Field(() => VisitPeriod, { nullable: true, description: 'The period visitsPerPeriod counts per.' }) visitPeriod?: VisitPeriod | null;
  @Field(() => [ID], { nullable: true, description: 'The products (Product IDs) it covers; empty covers everything. On update, the list given replaces the old one.' })
  @IsOptional()
  @ArrayMaxSize(100)
  coveredProductIds?: string[] | null;
}

@InputType({ description: 'A new entitlement of a draft contract.' })
export class AddEntitlementInput extends EntitlementFields {
  @Field(() => ID, { description: 'The contract (Contract ID); it must be a draft.' }) contractId!: string;
  @Field({ description: 'The service level, 1–100 characters, e.g. "Gold 24x7".' }) @IsNotEmpty() @MaxLength(100) name!: string;
  @Field(() => Int, { description: 'Time to the first response in minutes of the coverage calendar (positive).' }) @IsInt() @Min(1) @Max(MAX_MINUTES) responseTimeMinutes!: number;
  @Field(() => Int, { description: 'Time to resolution in minutes of the coverage calendar, at least the response time.' })
  @IsInt()
  @Min(1)
  @Max(MAX_MINUTES)
  resolutionTimeMinutes!: number;
}

@InputType({ description: 'Changes to an entitlement of a draft contract. Omitted fields stay as they are.' })
export class UpdateEntitlementInput extends EntitlementFields {
  @Field(() => ID, { description: 'The Entitlement.' }) id!: string;
  @Field(() => Int, { nullable: true, description: 'Refuse the change with CONFLICT unless the entitlement is at this version.' }) expectedVersion?: number | null;
  // Omitted means unchanged; null would clear a required field, so it is refused like an empty string.
  @Field(() => String, { nullable: true, description: 'New service level name.' }) @ValidateIf((input) => input.name !== undefined) @IsNotEmpty() @MaxLength(100) name?: string;
  @Field(() => Int, { nullable: true, description: 'New response time in minutes.' })
  @ValidateIf((input) => input.responseTimeMinutes !== undefined)
  @IsInt()
  @Min(1)
  @Max(MAX_MINUTES)
  responseTimeMinutes?: number;
  @Field(() => Int, { nullable: true, description: 'New resolution time in minutes.' })
  @ValidateIf((input) => input.resolutionTimeMinutes !== undefined)
  @IsInt()
  @Min(1)
  @Max(MAX_MINUTES)
  resolutionTimeMinutes?: number;
}

@InputType({ description: 'An entitlement to remove from a draft contract.' })
export class RemoveEntitlementInput {
  @Field(() => ID, { description: 'The Entitlement.' }) id!: string;
  @Field(() => Int, { nullable: true, description: 'Refuse with CONFLICT unless the entitlement is at this version.' }) expectedVersion?: number | null;
}

@ObjectType('EntitlementPayload')
class EntitlementPayload {
  @Field(() => Entitlement, { nullable: true, description: 'The entitlement, when the mutation succeeded.' }) entitlement?: EntitlementEntity | null;
  @Field(() => [UserError], { description: 'Why the mutation wrote nothing; empty on success.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of addEntitlement.' }) export class AddEntitlementPayload extends EntitlementPayload {}
@ObjectType({ description: 'Result of updateEntitlement.' }) export class UpdateEntitlementPayload extends EntitlementPayload {}

@ObjectType({ description: 'Result of removeEntitlement.' })
export class RemoveEntitlementPayload {
  @Field(() => ID, { nullable: true, description: 'The ID of the removed entitlement, when the mutation succeeded.' }) removedEntitlementId?: string | null;
  @Field(() => [UserError], { description: 'Why the mutation wrote nothing; empty on success.' }) userErrors!: UserError[];
}
