/**
 * From sales: a won opportunity becomes a draft contract in one transaction, with the
 * opportunity's account, primary contact (as signer), owner, currency and line items.
 */
import { QueryRunner } from 'typeorm';
import { queryOne, queryRows } from '../../db/sql';
import { SqlParams } from '../../db/sql-params';
import { uuidOf } from '../../graphql/global-id';
import { UserErrorCode, failure, userError } from '../../graphql/user-errors';
import { RequestContext } from '../../tenancy/request-context';
import { contactById } from '../contacts';
import { opportunitySpec } from '../opportunities';
import { runMutation } from '../records/mutation';
import { permittedOwner, recordScope } from '../records/record-scope';
import { userById } from '../workspace';
import { LineItemValues } from './contracts.line-items';
import { CreateContractFromOpportunityInput, CreateContractFromOpportunityPayload } from './contracts.types';
import { insertContract } from './contracts.writes';

interface WonOpportunity {
  id: string;
  name: string;
  status: string;
  accountId: string;
  primaryContactId: string | null;
  ownerId: string | null;
  amount: string | null;
  currency: string;
}

/** The opportunity in the caller's scope, locked: two conversions of one opportunity take turns. */
async function lockedOpportunity(ctx: RequestContext, db: QueryRunner, id: string): Promise<WonOpportunity | null> {
  const params = new SqlParams();
  const conditions = [`o.id = ${params.add(id)}`, 'o.deleted_at IS NULL', recordScope(ctx, opportunitySpec)(params) ?? 'true'];
  return queryOne<WonOpportunity>(
    db,
    `SELECT o.id, o.name, o.status, o.account_id AS "accountId", o.primary_contact_id AS "primaryContactId", o.owner_id AS "ownerId",
            o.amount::text AS amount, o.currency::text AS currency
       FROM opportunities o WHERE ${conditions.join(' AND ')} FOR UPDATE OF o`,
    params.values,
  );
}

const lineItemsOf = (db: QueryRunner, opportunityId: string) =>
  queryRows<LineItemValues>(
    db,
    `SELECT product_id AS "productId", quantity::text AS quantity, unit_price::text AS "unitPrice", discount_percent::text AS "discountPercent", description
       FROM opportunity_line_items WHERE opportunity_id = $1 ORDER BY position, id`,
    [opportunityId],
  );

/**
 * The opportunity's owner when they are active and the caller may give contracts to them; else
 * the default owner of a new contract (the caller, or for a key acting for nobody the account's owner).
 */
async function ownerFor(ctx: RequestContext, db: QueryRunner, ownerId: string | null): Promise<string | null | undefined> {
  const permitted = ownerId && (await userById(ctx).load(ownerId))?.active === true ? await permittedOwner(ctx, db, 'Contract', ownerId, true) : null;
  return permitted && !permitted.error ? permitted.uuid : ((await permittedOwner(ctx, db, 'Contract', undefined, true)).uuid ?? undefined);
}

export function createContractFromOpportunity(ctx: RequestContext, input: CreateContractFromOpportunityInput): Promise<CreateContractFromOpportunityPayload> {
  return runMutation<CreateContractFromOpportunityPayload>(ctx, input, async (db) => {
    const opportunityId = uuidOf(input.opportunityId, 'Opportunity');
    if (!opportunityId) return failure(userError(['input', 'opportunityId'], '"opportunityId" is not a valid Opportunity ID', UserErrorCode.INVALID));
    const opportunity = await lockedOpportunity(ctx, db, opportunityId);
    if (!opportunity) return failure(userError(['input', 'opportunityId'], 'Opportunity not found', UserErrorCode.NOT_FOUND));
    if (opportunity.status !== 'WON') {
      return failure(userError(['input', 'opportunityId'], `The opportunity is ${opportunity.status}: only a won opportunity becomes a contract`, UserErrorCode.INVALID_STATE));
    }
    const existing = await queryOne<{ number: string }>(db, 'SELECT number FROM contracts WHERE opportunity_id = $1 AND deleted_at IS NULL', [opportunityId]);
    if (existing) return failure(userError(['input', 'opportunityId'], `The opportunity already has contract ${existing.number}`, UserErrorCode.DUPLICATE));
    // A primary contact since moved to another account (or deleted) does not sign.
    const contact = opportunity.primaryContactId ? await contactById(ctx).load(opportunity.primaryContactId) : null;
    const lineItems = await lineItemsOf(db, opportunityId);
    const created = await insertContract(ctx, db, {
      accountId: opportunity.accountId,
      signerContactId: contact?.accountId === opportunity.accountId ? contact.id : null,
      ownerId: await ownerFor(ctx, db, opportunity.ownerId),
      opportunityId,
      startDate: input.startDate,
      termMonths: input.termMonths,
      currency: opportunity.currency,
      value: opportunity.amount ?? '0',
      billingFrequency: input.billingFrequency,
      autoRenew: input.autoRenew,
      noticePeriodDays: input.noticePeriodDays,
      specialTerms: input.specialTerms,
      description: input.description ?? `From opportunity ${opportunity.name}`,
      lineItems,
    });
    return created.error ? failure(created.error) : { contract: created.row, userErrors: [] };
  });
}
