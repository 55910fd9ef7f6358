import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { CurrencyScalar, DateTimeScalar, DecimalScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-errors';

@ObjectType({ description: "An exchange rate into the workspace's default currency, used to convert pipeline and forecast amounts." })
export class CurrencyRate {
  @Field(() => CurrencyScalar, { description: 'The currency converted, e.g. "USD".' }) currency!: string;
  @Field(() => DecimalScalar, {
    description: "How many units of the workspace's default currency one unit of `currency` is worth (exact, up to 12 fraction digits), e.g. \"0.92\".",
  })
  rate!: string;
  @Field(() => Int, { description: 'Increases with every change; pass it as expectedVersion to avoid lost updates.' }) version!: number;
  @Field(() => DateTimeScalar, { description: 'When the rate was last set.' }) updatedAt!: Date;
}

@InputType({ description: "Sets (creates or replaces) the exchange rate of a currency into the workspace's default currency." })
export class SetCurrencyRateInput {
  @Field(() => CurrencyScalar, { description: 'The currency, other than the default currency (whose rate is always 1).' }) currency!: string;
  // A string rather than Decimal: rates need more fraction digits than money (e.g. IDR → EUR 0.000057123).
  @Field({ description: 'Units of the default currency per unit of `currency`: an exact decimal string greater than 0, up to 12 integer and 12 fraction digits.' })
  rate!: string;
  @Field(() => Int, { nullable: true, description: 'Refuse with CONFLICT unless the rate is at this version (0: unless no rate is set yet).' })
  expectedVersion?: number | null;
}

@InputType({ description: 'Removes the exchange rate of a currency: its amounts are then reported unconverted.' })
export class RemoveCurrencyRateInput {
  @Field(() => CurrencyScalar, { description: 'The currency.' }) currency!: string;
  @Field(() => Int, { nullable: true, description: 'Refuse with CONFLICT unless the rate is at this version.' }) expectedVersion?: number | null;
}

@ObjectType({ description: 'Result of setCurrencyRate.' })
export class SetCurrencyRatePayload {
  @Field(() => CurrencyRate, { nullable: true, description: 'The rate, when the mutation succeeded.' }) currencyRate?: CurrencyRate | null;
  @Field(() => [UserError], { description: 'Why the mutation wrote nothing; empty on success.' }) userErrors!: UserError[];
}

@ObjectType({ description: 'Result of removeCurrencyRate.' })
export class RemoveCurrencyRatePayload {
  @Field(() => CurrencyScalar, { nullable: true, description: 'The currency whose rate was removed, when the mutation succeeded.' }) removedCurrency?: string | null;
  @Field(() => [UserError], { description: 'Why the mutation wrote nothing; empty on success.' }) userErrors!: UserError[];
}
