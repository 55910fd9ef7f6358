/**
 * The successor draft of a renewal, for a user's renewContract and the scheduler's automatic
 * renewal alike: the predecessor's parties and terms for a new period, its line items and
 * entitlements (with covered products) copied, prices optionally uplifted, all in SQL.
 *
 * Uplift: every line's unit price (or, without line items, the value) is multiplied by
 * (1 + upliftPercent/100) and rounded half-up to cents, the precision line totals already have;
 * without uplift the prices are copied exactly. The value is then the sum of the line totals,
 * as for any contract with line items.
 */
import { QueryRunner } from 'typeorm';
import { queryOne, queryRows } from '../../db/sql';
import { uuidv7 } from '../../db/uuid';
import { UserError, UserErrorCode, userError } from '../../graphql/user-errors';
import { MAX_MICROS, lineTotalSql, micros } from '../products/decimals';
import { nextRecordNumber } from '../records/record-numbers';
import { recordStatusChanges } from './contracts.status';
import { endDateSql } from './contracts.writes';

export interface SuccessorTerms {
  /** ISO date; default: the day after the predecessor's end. */
  startDate?: string | null;
  /** Default: the predecessor's term. */
  termMonths?: number | null;
  /** Decimal string, 0–100; default 0. */
  upliftPercent?: string | null;
}

export interface Actor {
  type: string;
  id: string;
}

/** A line's unit price after the uplift ($2, percent); exact when there is none. */
const UPLIFTED_PRICE = `CASE WHEN $2::numeric = 0 THEN li.unit_price ELSE round(li.unit_price * (100 + $2::numeric) / 100, 2) END`;

/** The successor's value and its highest unit price, to refuse a renewal whose amounts would not fit. */
async function upliftedAmounts(db: QueryRunner, predecessorId: string, uplift: string): Promise<{ value: string; maxPrice: string }> {
  const row = await queryOne<{ value: string; maxPrice: string }>(
    db,
    `WITH lines AS (
       SELECT ${UPLIFTED_PRICE} AS unit_price, li.quantity, li.discount_percent FROM contract_line_items li WHERE li.contract_id = $1)
     SELECT (CASE WHEN EXISTS (SELECT 1 FROM lines) THEN (SELECT sum(${lineTotalSql('lines')}) FROM lines)
                  WHEN $2::numeric = 0 THEN c.value
                  ELSE round(c.value * (100 + $2::numeric) / 100, 2) END)::text AS value,
            coalesce((SELECT max(unit_price) FROM lines), 0)::text AS "maxPrice"
       FROM contracts c WHERE c.id = $1`,
    [predecessorId, uplift],
  );
  return row!;
}

/**
 * Creates the successor draft of a predecessor the caller has locked and checked (status, no live
 * successor), recorded in its history as created by `actor`. Returns its id, or why not.
 */
export async function insertSuccessor(
  db: QueryRunner,
  predecessorId: string,
  terms: SuccessorTerms,
  actor: Actor,
  reason: string,
): Promise<{ id: string; error?: undefined } | { id?: undefined; error: UserError }> {
  const uplift = terms.upliftPercent ?? '0';
  const amounts = await upliftedAmounts(db, predecessorId, uplift);
  if (micros(amounts.value) > MAX_MICROS || micros(amounts.maxPrice) > MAX_MICROS) {
    return { error: userError(['input', 'upliftPercent'], `With this uplift the contract value would be ${amounts.value}, more than a contract's value can be`, UserErrorCode.OUT_OF_RANGE) };
  }
  const id = uuidv7();
  const number = await nextRecordNumber(db, 'contract');
  const inserted = await queryOne<{ id: string }>(
    db,
    `INSERT INTO contracts (id, number, account_id, signer_contact_id, owner_id, predecessor_id, status, start_date, term_months, end_date,
                            value, currency, billing_frequency, auto_renew, notice_period_days, special_terms)
     SELECT $2, $3, p.account_id, p.signer_contact_id, p.owner_id, p.id, 'DRAFT', s.start_date, s.term_months,
            ${endDateSql('s.start_date', 's.term_months')},
            $6::numeric, p.currency, p.billing_frequency, p.auto_renew, p.notice_period_days, p.special_terms
       FROM contracts p
      CROSS JOIN LATERAL (SELECT coalesce($4::date, p.end_date + 1) AS start_date, coalesce($5::int, p.term_months) AS term_months) s
      WHERE p.id = $1
     RETURNING id`,
    [predecessorId, id, number, terms.startDate ?? null, terms.termMonths ?? null, amounts.value],
  );
  if (!inserted) throw new Error(`Contract ${predecessorId} to renew has gone`);
  await copyLineItems(db, predecessorId, id, uplift);
  await copyEntitlements(db, predecessorId, id);
  await recordStatusChanges(db, [{ contractId: id, from: null, to: 'DRAFT', reason, relatedContractId: predecessorId, actor }]);
  return { id };
}

/** New ids for the rows of a table that belong to the predecessor, mapped from their old ids. */
async function idMap(db: QueryRunner, table: 'contract_line_items' | 'entitlements', contractId: string): Promise<{ old: string[]; fresh: string[] }> {
  const rows = await queryRows<{ id: string }>(db, `SELECT id FROM ${table} WHERE contract_id = $1 ORDER BY position, id`, [contractId]);
  return { old: rows.map((r) => r.id), fresh: rows.map(() => uuidv7()) };
}

async function copyLineItems(db: QueryRunner, from: string, to: string, uplift: string): Promise<void> {
  const ids = await idMap(db, 'contract_line_items', from);
  if (!ids.old.length) return;
  await db.query(
    `INSERT INTO contract_line_items (id, contract_id, product_id, quantity, unit_price, discount_percent, description, position)
     SELECT m.fresh, $1, li.product_id, li.quantity, ${UPLIFTED_PRICE}, li.discount_percent, li.description, li.position
       FROM unnest($3::uuid[], $4::uuid[]) AS m(old, fresh) JOIN contract_line_items li ON li.id = m.old`,
    [to, uplift, ids.old, ids.fresh],
  );
}

async function copyEntitlements(db: QueryRunner, from: string, to: string): Promise<void> {
  const ids = await idMap(db, 'entitlements', from);
  if (!ids.old.length) return;
  await db.query(
    `INSERT INTO entitlements (id, contract_id, name, response_minutes, resolution_minutes, coverage, territory_id, visits_per_period, visit_period, position)
     SELECT m.fresh, $1, e.name, e.response_minutes, e.resolution_minutes, e.coverage, e.territory_id, e.visits_per_period, e.visit_period, e.position
       FROM unnest($2::uuid[], $3::uuid[]) AS m(old, fresh) JOIN entitlements e ON e.id = m.old`,
    [to, ids.old, ids.fresh],
  );
  await db.query(
    `INSERT INTO entitlement_products (entitlement_id, product_id)
     SELECT m.fresh, ep.product_id FROM unnest($1::uuid[], $2::uuid[]) AS m(old, fresh) JOIN entitlement_products ep ON ep.entitlement_id = m.old`,
    [ids.old, ids.fresh],
  );
}
