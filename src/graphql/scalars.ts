import { GraphQLScalarType, Kind } from 'graphql';
import {
  CountryCodeResolver,
  CurrencyResolver,
  DateTimeResolver,
  EmailAddressResolver,
  JSONObjectResolver,
  LocalDateResolver,
  LocaleResolver,
  TimeZoneResolver,
  URLResolver,
} from 'graphql-scalars';
import { parsePhoneNumberFromString } from 'libphonenumber-js';

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
/**
 * E-mail addresses, checked on the way in. Output is what was stored (checked when it was written):
 * masked personal data ("g•••@acme.example") must pass through too.
 */
export const EmailScalar = new GraphQLScalarType({
  ...EmailAddressResolver.toConfig(),
  serialize: (value) => String(value),
});

/**
 * Phone numbers in international form ("+49 30 1234567", "+1 (415) 555-0123"), checked against the
 * numbering plan and stored as E.164 ("+49301234567") so that they compare, deduplicate and dial alike.
 */
function parsePhone(value: unknown): string {
  const phone = typeof value === 'string' && value.trim().startsWith('+') ? parsePhoneNumberFromString(value) : undefined;
  if (!phone?.isValid()) throw new TypeError('Phone number must be valid and international, starting with + and the country code');
  return phone.number;
}

export const PhoneScalar = new GraphQLScalarType({
  name: 'PhoneNumber',
  description: 'A phone number in international form; returned in E.164, e.g. "+49301234567".',
  serialize: (value) => String(value),
  parseValue: parsePhone,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new TypeError('Phone number must be given as a string');
    return parsePhone(ast.value);
  },
});

export const UrlScalar = new GraphQLScalarType({
  ...URLResolver.toConfig(),
  // Stored as the normalised WHATWG URL string (graphql-scalars would hand resolvers URL objects).
  parseValue: (value) => String(URLResolver.parseValue(value)),
  parseLiteral: (ast, variables) => String(URLResolver.parseLiteral(ast, variables)),
  serialize: (value) => String(value),
});
export const CountryScalar = CountryCodeResolver;
/** ISO 4217 code; stored and returned in capitals whatever case the client sent ("eur" → "EUR"). */
export const CurrencyScalar = new GraphQLScalarType({
  ...CurrencyResolver.toConfig(),
  name: 'CurrencyCode',
  parseValue: (value) => String(CurrencyResolver.parseValue(value)).toUpperCase(),
  parseLiteral: (ast, variables) => String(CurrencyResolver.parseLiteral(ast, variables)).toUpperCase(),
});

/** A calendar date, "2026-11-23". */
export const DateScalar = new GraphQLScalarType({ ...LocalDateResolver.toConfig(), name: 'Date' });
export const JSONObjectScalar = JSONObjectResolver;
export const TimeZoneScalar = TimeZoneResolver;
export const LocaleScalar = LocaleResolver;
