/**
 * Consent reads batched per request: the current consents and the history pages of all contacts
 * of a response each take one statement, whatever the number of contacts.
 */
import DataLoader from 'dataloader';
import { Queryable, queryRows } from '../../db/sql';
import { SqlParams } from '../../db/sql-params';
import { ConnectionValue, OrderTerm, keysetSql, orderBySql, planPage, toConnection } from '../../graphql/pagination';
import { RequestContext, tenantDb } from '../../tenancy/request-context';
import { ConsentHistoryArgs, ConsentPurpose, ConsentStatus } from './consent.types';
import { ContactChannel } from '../contacts';

/** A contact_consents row as the API and the data-subject export read it. */
export interface ConsentRow {
  id: string;
  contactId: string;
  channel: ContactChannel;
  purpose: ConsentPurpose;
  status: ConsentStatus;
  source: string;
  evidence: string | null;
  effectiveAt: Date;
  recordedAt: Date;
  recordedByKind: string;
  recordedBy: string;
}

/** The select list of a ConsentRow over alias `k`. */
export const CONSENT_COLUMNS = `k.id, k.contact_id AS "contactId", k.channel, k.purpose, k.status, k.source, k.evidence,
  k.effective_at AS "effectiveAt", k.recorded_at AS "recordedAt", k.actor_kind AS "recordedByKind", k.actor_id AS "recordedBy"`;

/** Newest first: the latest effective record is the current one (the id breaks ties in recording order). */
const NEWEST_FIRST: OrderTerm<ConsentRow>[] = [
  { key: { name: 'effectiveAt', expression: 'k.effective_at', nullable: false, sqlType: 'timestamptz', value: (r) => r.effectiveAt }, direction: 'DESC' },
  { key: { name: 'id', expression: 'k.id', nullable: false, sqlType: 'uuid', value: (r) => r.id }, direction: 'DESC' },
];

const newestFirst = (a: ConsentRow, b: ConsentRow) => b.effectiveAt.getTime() - a.effectiveAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

const CHANNEL_ORDER = Object.values(ContactChannel);
const PURPOSE_ORDER = Object.values(ConsentPurpose);
const byChannelAndPurpose = (a: ConsentRow, b: ConsentRow) =>
  CHANNEL_ORDER.indexOf(a.channel) - CHANNEL_ORDER.indexOf(b.channel) || PURPOSE_ORDER.indexOf(a.purpose) - PURPOSE_ORDER.indexOf(b.purpose);

function groupByContact(contactIds: readonly string[], rows: ConsentRow[]): ConsentRow[][] {
  const groups = new Map<string, ConsentRow[]>(contactIds.map((id) => [id, []]));
  for (const row of rows) groups.get(row.contactId)?.push(row);
  return contactIds.map((id) => groups.get(id)!);
}

/** The current consent per channel and purpose of each contact (those with any record), in channel and purpose order. */
export async function currentConsentsOf(db: Queryable, contactIds: readonly string[]): Promise<ConsentRow[][]> {
  const rows = await queryRows<ConsentRow>(
    db,
    `SELECT DISTINCT ON (k.contact_id, k.channel, k.purpose) ${CONSENT_COLUMNS} FROM contact_consents k
      WHERE k.contact_id = ANY($1::uuid[]) ORDER BY k.contact_id, k.channel, k.purpose, k.effective_at DESC, k.id DESC`,
    [contactIds],
  );
  return groupByContact(contactIds, rows).map((group) => group.sort(byChannelAndPurpose));
}

export const currentConsents = (ctx: RequestContext): DataLoader<string, ConsentRow[]> =>
  ctx.loaders.get('privacy.currentConsents', () => new DataLoader(async (contactIds) => currentConsentsOf(await tenantDb(ctx), contactIds)));

type HistoryFilter = Pick<ConsentHistoryArgs, 'channel' | 'purpose'>;

/** Conditions of a history list beyond the contact: the optional channel and purpose. */
function historyConditions(filter: HistoryFilter, params: SqlParams): string[] {
  const conditions: string[] = [];
  if (filter.channel) conditions.push(`k.channel = ${params.add(filter.channel)}`);
  if (filter.purpose) conditions.push(`k.purpose = ${params.add(filter.purpose)}`);
  return conditions;
}

/** One page of consent history per contact, for all contacts in ONE statement (a LATERAL top-N per contact). */
export function consentHistory(ctx: RequestContext, args: ConsentHistoryArgs): DataLoader<string, ConnectionValue<ConsentRow>> {
  const plan = planPage(args, NEWEST_FIRST as OrderTerm<unknown>[]);
  return ctx.loaders.get(`privacy.consentHistory:${JSON.stringify(args)}`, () =>
    new DataLoader(async (contactIds) => {
      const params = new SqlParams();
      const contacts = params.add(contactIds);
      const conditions = ['k.contact_id = parent.id', ...historyConditions(args, params)];
      if (plan.cursor) conditions.push(keysetSql(NEWEST_FIRST, plan.cursor, plan.backward, params));
      const rows = await queryRows<ConsentRow>(
        await tenantDb(ctx),
        `SELECT page.* FROM unnest(${contacts}::uuid[]) AS parent(id)
           CROSS JOIN LATERAL (
             SELECT ${CONSENT_COLUMNS} FROM contact_consents k WHERE ${conditions.join(' AND ')}
              ORDER BY ${orderBySql(NEWEST_FIRST, plan.backward)} LIMIT ${plan.limit + 1}
           ) page`,
        params.values,
      );
      // Each contact's rows in scan order (the statement's outer order is not guaranteed).
      const scanOrder = (a: ConsentRow, b: ConsentRow) => (plan.backward ? -1 : 1) * newestFirst(a, b);
      return groupByContact(contactIds, rows).map((group, i) => toConnection(group.sort(scanOrder), plan, NEWEST_FIRST, () => consentHistoryCount(ctx, args).load(contactIds[i])));
    }),
  );
}

/** Records per contact matching the history's filter, for `totalCount`, in one statement. */
function consentHistoryCount(ctx: RequestContext, args: ConsentHistoryArgs): DataLoader<string, number> {
  const filter: HistoryFilter = { channel: args.channel ?? null, purpose: args.purpose ?? null };
  return ctx.loaders.get(`privacy.consentHistoryCount:${JSON.stringify(filter)}`, () =>
    new DataLoader(async (contactIds) => {
      const params = new SqlParams();
      const contacts = params.add(contactIds);
      const rows = await queryRows<{ contactId: string; count: number }>(
        await tenantDb(ctx),
        `SELECT k.contact_id AS "contactId", count(*)::int AS count FROM contact_consents k
          WHERE ${[`k.contact_id = ANY(${contacts}::uuid[])`, ...historyConditions(filter, params)].join(' AND ')} GROUP BY 1`,
        params.values,
      );
      const counts = new Map(rows.map((r) => [r.contactId, r.count]));
      return contactIds.map((id) => counts.get(id) ?? 0);
    }),
  );
}
