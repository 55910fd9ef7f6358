import DataLoader from 'dataloader';
import { entitySql } from '../../db/entity-sql';
import { SqlParams } from '../../db/sql-params';
import { queryRows } from '../../db/sql';
import { RequestContext, tenantDb } from '../../tenancy/request-context';
import { AccountEntity, accountSpec } from '../accounts';
import { ContactEntity, contactSpec } from '../contacts';
import { loadRecords } from '../records/record-lists';
import { recordScope } from '../records/record-scope';
import { RecordRow, RecordSpec } from '../records/record-spec';
import { LeadEntity } from './leads.entity';
import { leadSpec } from './leads.spec';

/** Duplicates shown per lead and kind: enough to decide, bounded whatever the data. */
export const DUPLICATES_PER_LEAD = 20;

export const leadById = (ctx: RequestContext): DataLoader<string, LeadEntity | null> =>
  ctx.loaders.get('leads.byId', () => new DataLoader(async (ids) => loadRecords(await tenantDb(ctx), leadSpec, ids, { scope: recordScope(ctx, leadSpec) })));

/** Live contacts in the caller's scope having the (lower-case) address as primary or additional e-mail, per address. */
export const contactsByEmail = (ctx: RequestContext): DataLoader<string, ContactEntity[]> =>
  ctx.loaders.get('leads.contactsByEmail', () =>
    new DataLoader(async (emails) =>
      matchesPerKey(ctx, contactSpec, emails, (key) => `(lower(c.email) = ${key} OR ${key} = ANY(ARRAY(SELECT lower(e) FROM unnest(c.additional_emails) e)))`),
    ),
  );

/** Live accounts in the caller's scope whose domain is the (lower-case) domain, per domain. */
export const accountsByDomain = (ctx: RequestContext): DataLoader<string, AccountEntity[]> =>
  ctx.loaders.get('leads.accountsByDomain', () => new DataLoader(async (domains) => matchesPerKey(ctx, accountSpec, domains, (key) => `lower(a.domain) = ${key}`)));

/**
 * The first matches of every key in ONE statement (a LATERAL top-N per key), so a page of leads
 * asks once for all their duplicates. `matches` is trusted SQL over the spec's alias and `key`.
 */
async function matchesPerKey<Row extends RecordRow>(ctx: RequestContext, spec: RecordSpec<Row>, keys: readonly string[], matches: (key: string) => string): Promise<Row[][]> {
  const db = await tenantDb(ctx);
  const sql = entitySql(db.connection, spec.entity);
  const params = new SqlParams();
  const keyList = params.add(keys);
  const scoped = recordScope(ctx, spec)(params);
  const { alias } = spec;
  const rows = await queryRows<Row & { __key: string }>(
    db,
    `SELECT k.key AS "__key", m.* FROM unnest(${keyList}::text[]) AS k(key)
       CROSS JOIN LATERAL (
         SELECT ${sql.selectList(alias)} FROM ${sql.table} ${alias}
          WHERE ${alias}.deleted_at IS NULL AND ${matches('k.key')}${scoped ? ` AND ${scoped}` : ''}
          ORDER BY ${alias}.created_at, ${alias}.id LIMIT ${DUPLICATES_PER_LEAD}
       ) m`,
    params.values,
  );
  const byKey = new Map<string, Row[]>();
  for (const { __key, ...row } of rows) byKey.set(__key, [...(byKey.get(__key) ?? []), row as unknown as Row]);
  return keys.map((key) => byKey.get(key) ?? []);
}
