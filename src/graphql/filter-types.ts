/** Per-field filter inputs with operators, shared by every module's `where:` arguments. */
import { Field, ID, InputType, Int } from 'type-graphql';
import { DateScalar, DateTimeScalar, DecimalScalar } from './scalars';

@InputType({ description: 'Conditions on a text field. `contains` and `startsWith` ignore case.' })
export class StringFilter {
  @Field(() => String, { nullable: true }) eq?: string;
  @Field(() => String, { nullable: true }) neq?: string;
  @Field(() => [String], { nullable: true }) in?: string[];
  @Field(() => String, { nullable: true }) contains?: string;
  @Field(() => String, { nullable: true }) startsWith?: string;
  @Field(() => Boolean, { nullable: true, description: 'true: the field is empty; false: it has a value.' }) isNull?: boolean;
}

@InputType({ description: 'Conditions on a whole number.' })
export class IntFilter {
  @Field(() => Int, { nullable: true }) eq?: number;
  @Field(() => Int, { nullable: true }) neq?: number;
  @Field(() => [Int], { nullable: true }) in?: number[];
  @Field(() => Int, { nullable: true }) lt?: number;
  @Field(() => Int, { nullable: true }) lte?: number;
  @Field(() => Int, { nullable: true }) gt?: number;
  @Field(() => Int, { nullable: true }) gte?: number;
  @Field(() => Boolean, { nullable: true }) isNull?: boolean;
}

@InputType({ description: 'Conditions on a decimal amount.' })
export class DecimalFilter {
  @Field(() => DecimalScalar, { nullable: true }) eq?: string;
  @Field(() => DecimalScalar, { nullable: true }) neq?: string;
  @Field(() => DecimalScalar, { nullable: true }) lt?: string;
  @Field(() => DecimalScalar, { nullable: true }) lte?: string;
  @Field(() => DecimalScalar, { nullable: true }) gt?: string;
  @Field(() => DecimalScalar, { nullable: true }) gte?: string;
  @Field(() => Boolean, { nullable: true }) isNull?: boolean;
}

@InputType({ description: 'Conditions on a point in time.' })
export class DateTimeFilter {
  @Field(() => DateTimeScalar, { nullable: true }) eq?: Date;
  @Field(() => DateTimeScalar, { nullable: true }) lt?: Date;
  @Field(() => DateTimeScalar, { nullable: true }) lte?: Date;
  @Field(() => DateTimeScalar, { nullable: true }) gt?: Date;
  @Field(() => DateTimeScalar, { nullable: true }) gte?: Date;
  @Field(() => Boolean, { nullable: true }) isNull?: boolean;
}

@InputType({ description: 'Conditions on a calendar date ("YYYY-MM-DD").' })
export class CalendarDateFilter {
  @Field(() => DateScalar, { nullable: true }) eq?: string;
  @Field(() => DateScalar, { nullable: true }) lt?: string;
  @Field(() => DateScalar, { nullable: true }) lte?: string;
  @Field(() => DateScalar, { nullable: true }) gt?: string;
  @Field(() => DateScalar, { nullable: true }) gte?: string;
  @Field(() => Boolean, { nullable: true }) isNull?: boolean;
}

@InputType({ description: 'Conditions on a yes/no field.' })
export class BooleanFilter {
  @Field(() => Boolean, { nullable: true }) eq?: boolean;
}

@InputType({ description: 'Conditions on a reference by global ID.' })
export class IDFilter {
  @Field(() => ID, { nullable: true }) eq?: string;
  @Field(() => ID, { nullable: true }) neq?: string;
  @Field(() => [ID], { nullable: true }) in?: string[];
  @Field(() => Boolean, { nullable: true }) isNull?: boolean;
}

@InputType({ description: 'Conditions on a list of tags.' })
export class TagsFilter {
  @Field(() => String, { nullable: true, description: 'Has this tag.' }) contains?: string;
  @Field(() => [String], { nullable: true, description: 'Has at least one of these tags.' }) containsAny?: string[];
  @Field(() => [String], { nullable: true, description: 'Has all of these tags.' }) containsAll?: string[];
}

/** Builds an enum filter input for one enum. */
export function enumFilter<E extends object>(enumType: E, name: string) {
  @InputType(`${name}Filter`, { description: `Conditions on a ${name} value.` })
  class EnumFilter {
    @Field(() => enumType, { nullable: true }) eq?: E[keyof E];
    @Field(() => enumType, { nullable: true }) neq?: E[keyof E];
    @Field(() => [enumType], { nullable: true }) in?: E[keyof E][];
    @Field(() => Boolean, { nullable: true }) isNull?: boolean;
  }
  return EnumFilter;
}
