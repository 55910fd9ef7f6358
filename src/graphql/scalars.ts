import { GraphQLScalarType, Kind } from 'graphql';
import {
  CountryCodeResolver,
  CurrencyResolver,
  DateTimeResolver,
  EmailAddressResolver,
  PhoneNumberResolver,
  URLResolver,
} from 'graphql-scalars';

/** Money and other exact amounts: a decimal string, never a float. */
const DECIMAL = /^-?\d{1,18}(\.\d{1,6})?$/;

function parseDecimal(value: unknown): string {
  if (typeof value !== 'string' || !DECIMAL.test(value)) {
    throw new TypeError('Decimal must be a string such as "1234.50" (up to 18 integer and 6 fraction digits)');
  }
  return value;
}

export const DecimalScalar = new GraphQLScalarType({
  name: 'Decimal',
  description: 'An exact decimal number as a string, e.g. "1234.50". Never a float.',
  serialize: (value) => String(value),
  parseValue: parseDecimal,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new TypeError('Decimal must be given as a string literal');
    return parseDecimal(ast.value);
  },
});

export const DateTimeScalar = DateTimeResolver;
export const EmailScalar = EmailAddressResolver;
export const PhoneScalar = PhoneNumberResolver;
export const UrlScalar = new GraphQLScalarType({
  ...URLResolver.toConfig(),
  // Keep URLs as the string the client sent (graphql-scalars parses them into URL objects).
  parseValue: (value) => String(URLResolver.parseValue(value)),
  parseLiteral: (ast, variables) => String(URLResolver.parseLiteral(ast, variables)),
  serialize: (value) => String(value),
});
export const CountryScalar = CountryCodeResolver;
export const CurrencyScalar = new GraphQLScalarType({ ...CurrencyResolver.toConfig(), name: 'CurrencyCode' });
