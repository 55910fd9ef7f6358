/**
 * Exact decimals without floats. Inputs arrive as Decimal strings (≤ 18 integer, ≤ 6 fraction
 * digits); the columns are numeric(18, 6), so they are compared here as BigInt millionths and all
 * arithmetic (line totals, sums) happens in PostgreSQL numeric.
 */
import { UserError, UserErrorCode, userError } from '../../graphql/user-errors';

const SCALE = 6;

/** The value in millionths, e.g. "19.99" → 19990000n. */
export function micros(value: string): bigint {
  const negative = value.startsWith('-');
  const [whole, fraction = ''] = value.replace('-', '').split('.');
  const result = BigInt(whole) * 10n ** BigInt(SCALE) + BigInt(fraction.padEnd(SCALE, '0'));
  return negative ? -result : result;
}

/** The largest value numeric(18, 6) holds, in millionths. */
export const MAX_MICROS = 10n ** 18n - 1n;

/** OUT_OF_RANGE unless min ≤ value ≤ max (min exclusive when `minExclusive`). */
export function checkRange(
  value: string | null | undefined,
  field: string[],
  what: string,
  range: { min: bigint; max: bigint; minExclusive?: boolean },
): UserError | null {
  if (value == null) return null;
  const v = micros(value);
  const tooLow = range.minExclusive ? v <= range.min : v < range.min;
  if (!tooLow && v <= range.max) return null;
  return userError(field, `${what} must be ${range.minExclusive ? 'greater than' : 'at least'} ${show(range.min)} and at most ${show(range.max)}`, UserErrorCode.OUT_OF_RANGE);
}

const show = (m: bigint): string => {
  const whole = m / 10n ** BigInt(SCALE);
  const fraction = (m % 10n ** BigInt(SCALE)).toString().padStart(SCALE, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
};

export const PRICE = { min: 0n, max: MAX_MICROS };
export const QUANTITY = { min: 0n, max: MAX_MICROS, minExclusive: true };
export const PERCENT = { min: 0n, max: micros('100') };

/** SQL text of a money amount: trailing zeros trimmed, but at least two decimals ("20.00", "0.125"). */
export const moneySql = (x: string): string => `round(${x}, greatest(2, scale(trim_scale(${x}))))::text`;
/** SQL text of a decimal quantity or percentage without trailing zeros ("3", "0.1", "12.5"). */
export const decimalSql = (x: string): string => `trim_scale(${x})::text`;
/** A line's total: quantity × unit price × (1 − discount/100), rounded half-up to cents (all numeric, exact until the rounding). */
export const lineTotalSql = (li: string): string => `round(${li}.quantity * ${li}.unit_price * (100 - ${li}.discount_percent) * 0.01, 2)`;
