/**
 * Exchange rates into the workspace's default currency (1 unit of `currency` = `rate` units of it),
 * set by workspace admins and read by the pipeline summary and the forecast. Each change is audited.
 */
import { QueryRunner } from 'typeorm';
import { queryOne, queryRows } from '../../db/sql';
import { UserErrorCode, failure, staleVersion, userError } from '../../graphql/user-errors';
import { RequestContext, tenantDb } from '../../tenancy/request-context';
import { recordAdminChange } from '../admin-audit';
import { runMutation } from '../records/mutation';
import { workspaceCurrency } from './workspace-currency';
import { CurrencyRate, RemoveCurrencyRateInput, RemoveCurrencyRatePayload, SetCurrencyRateInput, SetCurrencyRatePayload } from './currency-rates.types';

// numeric(24, 12): at most 12 digits on either side of the point.
const RATE = /^\d{1,12}(\.\d{1,12})?$/;

// trim_scale: "0.920000000000" is shown as "0.92".
const COLUMNS = `currency, trim_scale(rate)::text AS rate, version, updated_at AS "updatedAt"`;

export async function listCurrencyRates(ctx: RequestContext): Promise<CurrencyRate[]> {
  return queryRows<CurrencyRate>(await tenantDb(ctx), `SELECT ${COLUMNS} FROM currency_rates ORDER BY currency`);
}

const rateOf = (db: QueryRunner, currency: string) => queryOne<CurrencyRate>(db, `SELECT ${COLUMNS} FROM currency_rates WHERE currency = $1 FOR UPDATE`, [currency]);

const audited = (r: CurrencyRate | null) => (r ? { currency: r.currency, rate: r.rate, version: r.version } : null);

export function setCurrencyRate(ctx: RequestContext, input: SetCurrencyRateInput): Promise<SetCurrencyRatePayload> {
  return runMutation<SetCurrencyRatePayload>(ctx, input, async (db) => {
    const rate = input.rate.trim();
    if (!RATE.test(rate)) {
      return failure(userError(['input', 'rate'], 'The rate must be a decimal string such as "0.92" (up to 12 integer and 12 fraction digits)', UserErrorCode.INVALID));
    }
    if (!/[1-9]/.test(rate)) return failure(userError(['input', 'rate'], 'The rate must be greater than 0', UserErrorCode.OUT_OF_RANGE));
    const base = await workspaceCurrency(ctx);
    if (input.currency === base) {
      return failure(userError(['input', 'currency'], `${base} is the workspace's default currency: its rate is always 1`, UserErrorCode.INVALID));
    }
    const before = await rateOf(db, input.currency);
    const conflict = staleVersion(`The rate of ${input.currency}`, input.expectedVersion, before?.version ?? 0);
    if (conflict) return failure(conflict);
    // Comparing as numeric: "0.920" is the rate already set as "0.92".
    const same = before && (await queryOne<{ same: boolean }>(db, 'SELECT $1::numeric = $2::numeric AS same', [before.rate, rate]))?.same;
    if (before && same) return { currencyRate: before, userErrors: [] };
    const after = (await queryOne<CurrencyRate>(
      db,
      `INSERT INTO currency_rates AS r (currency, rate) VALUES ($1, $2::numeric)
       ON CONFLICT (currency) DO UPDATE SET rate = EXCLUDED.rate, version = r.version + 1, updated_at = now()
       RETURNING ${COLUMNS}`,
      [input.currency, rate],
    ))!;
    await recordAdminChange(ctx, db, { action: 'currency_rate.set', targetType: 'CurrencyRate', targetId: input.currency, before: audited(before), after: audited(after) });
    return { currencyRate: after, userErrors: [] };
  });
}

export function removeCurrencyRate(ctx: RequestContext, input: RemoveCurrencyRateInput): Promise<RemoveCurrencyRatePayload> {
  return runMutation<RemoveCurrencyRatePayload>(ctx, input, async (db) => {
    const before = await rateOf(db, input.currency);
    if (!before) return failure(userError(['input', 'currency'], `No exchange rate is set for ${input.currency}`, UserErrorCode.NOT_FOUND));
    const conflict = staleVersion(`The rate of ${input.currency}`, input.expectedVersion, before.version);
    if (conflict) return failure(conflict);
    await db.query('DELETE FROM currency_rates WHERE currency = $1', [input.currency]);
    await recordAdminChange(ctx, db, { action: 'currency_rate.remove', targetType: 'CurrencyRate', targetId: input.currency, before: audited(before), after: null });
    return { removedCurrency: input.currency, userErrors: [] };
  });
}
