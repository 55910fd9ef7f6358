/**
 * The commercial terms of a contract as each version left them: version 1 is the contract as
 * activated, every amendment adds the next. Snapshots are built in SQL from the stored row and
 * line items, so what is kept is exactly what was stored.
 */
import { QueryRunner } from 'typeorm';

export interface TermsActor {
  type: string;
  id: string;
}

/** Records the current terms of the contracts as their current `contract_version`. */
export async function recordTermsVersions(db: QueryRunner, contractIds: string[], actor: TermsActor, reason: string | null = null): Promise<void> {
  if (contractIds.length === 0) return;
  await db.query(
    `INSERT INTO contract_versions (contract_id, version, terms, reason, actor_kind, actor_id)
     SELECT c.id, c.contract_version,
            jsonb_build_object(
              'startDate', c.start_date, 'termMonths', c.term_months, 'endDate', c.end_date,
              'value', c.value::text, 'currency', c.currency, 'billingFrequency', c.billing_frequency,
              'autoRenew', c.auto_renew, 'noticePeriodDays', c.notice_period_days, 'specialTerms', c.special_terms,
              'lineItems', COALESCE((
                SELECT jsonb_agg(jsonb_build_object(
                         'productId', li.product_id, 'quantity', li.quantity::text, 'unitPrice', li.unit_price::text,
                         'discountPercent', li.discount_percent::text, 'description', li.description) ORDER BY li.position, li.id)
                  FROM contract_line_items li WHERE li.contract_id = c.id), '[]'::jsonb)),
            $2, $3, $4
       FROM contracts c WHERE c.id = ANY($1::uuid[])`,
    [contractIds, reason, actor.type, actor.id],
  );
}
