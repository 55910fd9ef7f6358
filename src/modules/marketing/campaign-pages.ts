/**
 * A campaign's members, exclusions and responses as keyset-paginated connections, oldest first.
 * Each page is one statement per campaign: ask them of one campaign at a time.
 */
import { SqlParams } from '../../db/sql-params';
import { queryRows } from '../../db/sql';
import { ConnectionValue, OrderTerm, PageArgs, keysetSql, orderBySql, planPage, toConnection } from '../../graphql/pagination';
import { RequestContext, tenantDb } from '../../tenancy/request-context';
import type { CampaignExclusion, CampaignMember, CampaignResponse } from './campaigns.types';

interface PageSource<Row> {
  table: string;
  columns: string;
  order: OrderTerm<Row>[];
}

const oldestFirst = <Row>(timeColumn: string, time: (r: Row) => Date, idColumn: string, id: (r: Row) => string): OrderTerm<Row>[] => [
  { key: { name: 'at', expression: `t.${timeColumn}`, nullable: false, sqlType: 'timestamptz', value: time }, direction: 'ASC' },
  { key: { name: 'id', expression: `t.${idColumn}`, nullable: false, sqlType: 'uuid', value: id }, direction: 'ASC' },
];

export const MEMBERS: PageSource<CampaignMember & { id: string }> = {
  table: 'campaign_members',
  columns: `t.id, t.contact_id AS "contactId", t.status, t.added_at AS "addedAt", t.responded_at AS "respondedAt",
    (SELECT json_build_object('id', k.id, 'channel', k.channel, 'purpose', k.purpose) FROM campaigns k WHERE k.id = t.campaign_id) AS campaign`,
  order: oldestFirst('added_at', (r) => r.addedAt, 'id', (r) => r.id),
};

export const EXCLUSIONS: PageSource<CampaignExclusion> = {
  table: 'campaign_exclusions',
  columns: 't.contact_id AS "contactId", t.reason, t.at',
  order: oldestFirst('at', (r) => r.at, 'contact_id', (r) => r.contactId),
};

export const RESPONSES: PageSource<CampaignResponse> = {
  table: 'campaign_responses',
  columns: 't.id, t.contact_id AS "contactId", t.lead_id AS "leadId", t.kind, t.note, t.responded_at AS "respondedAt"',
  order: oldestFirst('responded_at', (r) => r.respondedAt, 'id', (r) => r.id),
};

export async function campaignPage<Row>(ctx: RequestContext, source: PageSource<Row>, campaignId: string, args: PageArgs): Promise<ConnectionValue<Row>> {
  const plan = planPage(args, source.order as OrderTerm<unknown>[]);
  const db = await tenantDb(ctx);
  const params = new SqlParams();
  const conditions = [`t.campaign_id = ${params.add(campaignId)}`];
  if (plan.cursor) conditions.push(keysetSql(source.order, plan.cursor, plan.backward, params));
  const rows = await queryRows<Row>(
    db,
    `SELECT ${source.columns} FROM ${source.table} t WHERE ${conditions.join(' AND ')} ORDER BY ${orderBySql(source.order, plan.backward)} LIMIT ${plan.limit + 1}`,
    params.values,
  );
  return toConnection(rows, plan, source.order, async () => {
    const [row] = await queryRows<{ count: number }>(db, `SELECT count(*)::int AS count FROM ${source.table} t WHERE t.campaign_id = $1`, [campaignId]);
    return row.count;
  });
}
