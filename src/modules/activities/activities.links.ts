/**
 * The records an activity is linked to. An activity may link an account, a contact, an opportunity
 * and a lead; the contact and opportunity must belong to the account, and the account is filled in
 * from them when omitted, so that the account's timeline (one indexed column) shows everything done
 * with its people and deals.
 */
import DataLoader from 'dataloader';
import { QueryRunner } from 'typeorm';
import { uuidOf } from '../../graphql/global-id';
import { UserError, UserErrorCode, userError } from '../../graphql/user-errors';
import { RequestContext } from '../../tenancy/request-context';
import { accountById, accountSpec } from '../accounts';
import { contactById, contactSpec } from '../contacts';
import { leadById, leadSpec } from '../leads';
import { opportunityById, opportunitySpec } from '../opportunities';
import { loadRecords } from '../records/record-lists';
import { RecordRow, RecordSpec } from '../records/record-spec';
import type { ActivityEntity } from './activities.entity';

type LinkType = 'Account' | 'Contact' | 'Opportunity' | 'Lead';
type Linked = RecordRow & { accountId?: string | null };

export type Links = Pick<ActivityEntity, 'accountId' | 'contactId' | 'opportunityId' | 'leadId'>;
/** Link fields of a mutation input: undefined leaves a link as it is, null removes it. */
export type LinkInput = { accountId?: string | null; contactId?: string | null; opportunityId?: string | null; leadId?: string | null };

/** Per linked type: the input field (and column) naming it, how to load it in the caller's scope, and the account it belongs to. */
const LINKS: Record<LinkType, { field: keyof Links; spec: RecordSpec<Linked>; visible: (ctx: RequestContext) => DataLoader<string, Linked | null>; account: (row: Linked) => string | null }> = {
  Account: { field: 'accountId', spec: accountSpec, visible: accountById, account: (row) => row.id },
  Contact: { field: 'contactId', spec: contactSpec, visible: contactById, account: (row) => row.accountId ?? null },
  Opportunity: { field: 'opportunityId', spec: opportunitySpec, visible: opportunityById, account: (row) => row.accountId ?? null },
  Lead: { field: 'leadId', spec: leadSpec, visible: leadById, account: () => null },
};

/**
 * The links after applying `input` to `current` (empty for a create), checked: a link the input names
 * must be visible to the caller (else NOT_FOUND, exactly like one that does not exist), at least one
 * link must remain, and the contact and opportunity must belong to the account. When the input changes
 * the contact or opportunity but not the account, the account follows them.
 */
export async function resolveLinks(ctx: RequestContext, db: QueryRunner, input: LinkInput, current: Links | null): Promise<{ links: Links; error?: undefined } | { links?: undefined; error: UserError }> {
  const links: Links = { accountId: current?.accountId ?? null, contactId: current?.contactId ?? null, opportunityId: current?.opportunityId ?? null, leadId: current?.leadId ?? null };
  const accountOf: Partial<Record<LinkType, string | null>> = {};
  for (const type of Object.keys(LINKS) as LinkType[]) {
    const { field, visible, account } = LINKS[type];
    const given = input[field];
    if (given === undefined) continue;
    links[field] = null;
    if (given === null) continue;
    const uuid = uuidOf(given, type);
    if (!uuid) return { error: userError(['input', field], `"${field}" is not a valid ${type} ID`, UserErrorCode.INVALID) };
    const row = ctx.can.can('read', type) ? await visible(ctx).load(uuid) : null;
    if (!row) return { error: userError(['input', field], `${type} not found`, UserErrorCode.NOT_FOUND) };
    links[field] = uuid;
    accountOf[type] = account(row);
  }
  if (!links.accountId && !links.contactId && !links.opportunityId && !links.leadId) {
    return { error: userError(['input'], 'An activity needs at least one of accountId, contactId, opportunityId and leadId', UserErrorCode.REQUIRED) };
  }
  const through = (['Contact', 'Opportunity'] as const).filter((type) => links[LINKS[type].field]);
  for (const type of through) {
    // A link the input left alone was checked when it was set: its account is read whatever the caller's scope.
    if (!(type in accountOf)) {
      const [row] = await loadRecords(db, LINKS[type].spec, [links[LINKS[type].field]!], { includeDeleted: true });
      accountOf[type] = row ? LINKS[type].account(row) : null;
    }
  }
  if (input.accountId === undefined && (input.contactId !== undefined || input.opportunityId !== undefined)) {
    const derived = through.map((type) => accountOf[type]).find((accountId) => accountId);
    if (derived) links.accountId = derived;
  }
  for (const type of through) {
    if (links.accountId && accountOf[type] !== links.accountId) {
      return { error: userError(['input', LINKS[type].field], `The ${type.toLowerCase()} does not belong to the activity’s account`, UserErrorCode.INVALID) };
    }
  }
  return { links };
}
