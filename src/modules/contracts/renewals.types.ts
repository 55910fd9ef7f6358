import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { PageArgsType } from '../../graphql/connection-types';
import { DateScalar, DecimalScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-errors';
import type { ContractEntity } from './contracts.entity';
import { Contract } from './contracts.types';

/** The longest look-ahead of expiringContracts: ten years. */
export const MAX_WITHIN_DAYS = 3650;

@InputType({ description: 'The renewal of a running (ACTIVATED) or expired contract: a successor draft for a new period.' })
export class RenewContractInput {
  @Field(() => ID, { description: 'The contract to renew (Contract ID); ACTIVATED, or EXPIRED for a late renewal, and not renewed yet.' }) id!: string;

  @Field(() => DateScalar, { nullable: true, description: 'First day of the new term, after the contract’s start date. Default: the day after the contract’s end date.' })
  startDate?: string | null;

  @Field(() => Int, { nullable: true, description: 'Length of the new term in months, 1–600. Default: the contract’s term.' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(600)
  termMonths?: number | null;

  @Field(() => DecimalScalar, {
    nullable: true,
    description:
      'Price increase in percent, 0–100 (default 0): every line item’s unit price, or the value of a contract without line items, is multiplied by (1 + upliftPercent/100) and rounded half-up to 2 decimals. The value is then the sum of the line totals.',
  })
  upliftPercent?: string | null;

  @Field(() => Int, { nullable: true, description: 'Refuse with CONFLICT unless the contract to renew is at this version.' }) expectedVersion?: number | null;
}

@ObjectType({ description: 'Result of renewContract.' })
export class RenewContractPayload {
  @Field(() => Contract, { nullable: true, description: 'The successor draft, when the mutation succeeded; its predecessor becomes RENEWED once it is activated.' })
  contract?: ContractEntity | null;

  @Field(() => [UserError], { description: 'Why the mutation wrote nothing; empty on success.' }) userErrors!: UserError[];
}

@ArgsType()
export class ExpiringContractsArgs extends PageArgsType {
  @Field(() => Int, { description: `Look-ahead in days, 1–${MAX_WITHIN_DAYS}: contracts whose end date is between today and today + withinDays (days in the workspace’s time zone).` })
  withinDays!: number;
}
