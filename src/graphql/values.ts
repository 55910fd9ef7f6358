/** Value types shared by modules: money and postal addresses. */
import { IsOptional, MaxLength, Validate, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { Field, InputType, ObjectType } from 'type-graphql';
import { CountryScalar, CurrencyScalar, DecimalScalar } from './scalars';

@ObjectType({ description: 'An amount of money in a currency. Amounts are exact decimal strings.' })
export class Money {
  @Field(() => DecimalScalar, { description: 'The amount, e.g. "1250000.00".' })
  amount!: string;

  @Field(() => CurrencyScalar, { description: 'ISO 4217 currency code, e.g. "EUR".' })
  currency!: string;
}

/**
 * A stored money amount as the API shows it: exact, without the column's padding beyond cents
 * ("1250.500000" → "1250.50", "0.125000" → "0.125"). String work only, never a float.
 */
export function moneyAmount(decimal: string): string {
  const [whole, fraction = ''] = decimal.split('.');
  return `${whole}.${fraction.replace(/0+$/, '').padEnd(2, '0')}`;
}

@ValidatorConstraint({ name: 'nonNegativeDecimal' })
class NonNegativeDecimal implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && !value.startsWith('-');
  }
  defaultMessage(): string {
    return 'amount must not be negative';
  }
}

@InputType({ description: 'An amount of money in a currency.' })
export class MoneyInput {
  @Field(() => DecimalScalar, { description: 'Exact decimal string, e.g. "1250000.00".' })
  @Validate(NonNegativeDecimal)
  amount!: string;

  @Field(() => CurrencyScalar, { description: 'ISO 4217 currency code.' })
  currency!: string;
}

@ObjectType({ description: 'A postal address.' })
export class Address {
  @Field(() => String, { nullable: true, description: 'Street and number.' }) street?: string | null;
  @Field(() => String, { nullable: true, description: 'Second address line.' }) street2?: string | null;
  @Field(() => String, { nullable: true, description: 'City or town.' }) city?: string | null;
  @Field(() => String, { nullable: true, description: 'State, province or region.' }) region?: string | null;
  @Field(() => String, { nullable: true, description: 'Postal or ZIP code.' }) postalCode?: string | null;
  @Field(() => CountryScalar, { nullable: true, description: 'ISO 3166-1 alpha-2 country code.' }) country?: string | null;
}

@InputType({ description: 'A postal address. Omitted lines are stored as empty.' })
export class AddressInput {
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(200) street?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(200) street2?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(100) city?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(100) region?: string | null;
  @Field(() => String, { nullable: true }) @IsOptional() @MaxLength(20) postalCode?: string | null;
  @Field(() => CountryScalar, { nullable: true }) country?: string | null;
}

/** Stores an address input as a compact JSON object (null when every line is empty). */
export function addressValue(input: AddressInput | null | undefined): Address | null | undefined {
  if (input === undefined) return undefined;
  if (input === null) return null;
  const entries = Object.entries({ ...input }).filter(([, v]) => v != null && v !== '');
  return entries.length ? (Object.fromEntries(entries) as Address) : null;
}
