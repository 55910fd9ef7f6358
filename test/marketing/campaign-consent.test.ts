/**
 * Campaign membership never includes someone who may not be reached: a table of contacts covering
 * every reason, added by ID and through segments; re-adding changes nothing; a withdrawal since is
 * seen at once on the member and takes them off the list when members are added again; an
 * unsubscribe withdraws the consent itself.
 */
import { uuidOf } from '../../src/graphql/global-id';
import { tenantSql } from '../access/access-helpers';
import { Client, TestTenant, dataOf, useHarness } from '../support/harness';
import { Row, createRecord, createSegment } from './marketing-helpers';
import { MEMBERS, addMembers, createCampaign, recordConsent, withdrawConsent } from './campaign-helpers';

const harness = useHarness();
let workspace: TestTenant;
let admin: Client;
let campaign: Row;
const ids: Record<string, string> = {};

/** Everything a contact needs to be reachable on every channel. */
const REACHABLE = { email: 'someone@people.example', phone: '+442071234567', mobilePhone: '+447911123456' };

/** name → [contact fields, consents to grant (channel/purpose), SQL applied to the row afterwards, expected reason or null for a member]. */
const PEOPLE: Record<string, [Row, [string, string][], string | null, string | null]> = {
  Granted: [{}, [['EMAIL', 'MARKETING']], null, null],
  PrefersEmail: [{ preferredChannel: 'EMAIL' }, [['EMAIL', 'MARKETING']], null, null],
  NoConsent: [{}, [], null, 'NO_CONSENT'],
  PhoneOnly: [{}, [['PHONE', 'MARKETING']], null, 'NO_CONSENT'],
  ServiceOnly: [{}, [['EMAIL', 'SERVICE']], null, 'NO_CONSENT'],
  Withdrawn: [{}, [['EMAIL', 'MARKETING']], null, 'CONSENT_WITHDRAWN'],
  OptedOut: [{ doNotEmail: true }, [['EMAIL', 'MARKETING']], null, 'CHANNEL_OPTED_OUT'],
  NoEmail: [{ email: null }, [['EMAIL', 'MARKETING']], null, 'NO_ADDRESS'],
  DoNotContact: [{ doNotContact: true }, [['EMAIL', 'MARKETING']], null, 'DO_NOT_CONTACT'],
  Restricted: [{}, [['EMAIL', 'MARKETING']], 'processing_restricted_at = now()', 'PROCESSING_RESTRICTED'],
  Deceased: [{}, [['EMAIL', 'MARKETING']], 'deceased = true', 'DECEASED'],
  Erased: [{}, [['EMAIL', 'MARKETING']], 'erased_at = now()', 'ERASED'],
  PrefersPhone: [{ preferredChannel: 'PHONE' }, [['EMAIL', 'MARKETING']], null, 'PREFERS_OTHER_CHANNEL'],
};
const MEMBERS_EXPECTED = Object.keys(PEOPLE).filter((name) => PEOPLE[name][3] === null);
const EXCLUDED_EXPECTED = Object.fromEntries(Object.entries(PEOPLE).flatMap(([name, [, , , reason]]) => (reason ? [[name, reason]] : [])));

const nameOf = (contactId: string) => Object.keys(ids).find((name) => ids[name] === contactId)!;
const excludedByName = (excluded: Row[]) => Object.fromEntries(excluded.map((e) => [nameOf(e.contact.id), e.reason]));

beforeAll(async () => {
  workspace = await harness.createTenant({ name: 'Campaign consent' });
  admin = workspace.client;
  const account = await createRecord(admin, 'Account', { name: 'People Inc', industry: 'Retail' });
  for (const [name, [fields, consents, sql]] of Object.entries(PEOPLE)) {
    ids[name] = await createRecord(admin, 'Contact', { lastName: name, accountId: account, ...REACHABLE, ...fields });
    for (const [channel, purpose] of consents) await recordConsent(admin, ids[name], channel, purpose);
    if (name === 'Withdrawn') await withdrawConsent(admin, ids[name], 'EMAIL', 'MARKETING');
    if (sql) await tenantSql(harness, workspace, `UPDATE contacts SET ${sql} WHERE id = $1`, [uuidOf(ids[name], 'Contact')]);
  }
  campaign = await createCampaign(admin, { name: 'Spring newsletter', type: 'EMAIL', channel: 'EMAIL', purpose: 'MARKETING' });
});

test('only those who may be reached on the channel for the purpose become members; everyone else is reported with the exact reason', async () => {
  const payload = await addMembers(admin, { campaignId: campaign.id, contactIds: Object.values(ids) });
  expect(payload.userErrors).toEqual([]);
  expect([payload.added, payload.alreadyMembers]).toEqual([MEMBERS_EXPECTED.length, 0]);
  expect(excludedByName(payload.excluded)).toEqual(EXCLUDED_EXPECTED);

  const stored = dataOf(await admin.request(MEMBERS, { id: campaign.id })).campaign;
  expect(stored.members.nodes.map((m: Row) => m.contact.lastName).sort()).toEqual([...MEMBERS_EXPECTED].sort());
  expect(stored.members.nodes.every((m: Row) => m.status === 'TARGETED' && m.reachable === true && m.blockedBy === null)).toBe(true);
  expect(excludedByName(stored.exclusions.nodes)).toEqual(EXCLUDED_EXPECTED);
  expect(stored.metrics).toMatchObject({ memberCount: 2, excludedCount: Object.keys(EXCLUDED_EXPECTED).length });

  // The invariant in the tables themselves: every member's latest EMAIL/MARKETING consent is a grant.
  const unconsented = await tenantSql(
    harness,
    workspace,
    `SELECT m.contact_id FROM campaign_members m
      WHERE m.status <> 'OPTED_OUT' AND coalesce((SELECT k.status FROM contact_consents k WHERE k.contact_id = m.contact_id AND k.channel = 'EMAIL' AND k.purpose = 'MARKETING'
                                                  ORDER BY k.effective_at DESC, k.id DESC LIMIT 1), 'NONE') <> 'GRANTED'`,
  );
  expect(unconsented).toEqual([]);
});

test('adding the same people again adds no one twice', async () => {
  const again = await addMembers(admin, { campaignId: campaign.id, contactIds: Object.values(ids) });
  expect([again.added, again.alreadyMembers]).toEqual([0, MEMBERS_EXPECTED.length]);
  expect(excludedByName(again.excluded)).toEqual(EXCLUDED_EXPECTED);
  const [{ n }] = await tenantSql(harness, workspace, 'SELECT count(*)::int AS n FROM campaign_members');
  expect(n).toBe(MEMBERS_EXPECTED.length);
});

test('a consent withdrawn after joining shows on the member at once, and adding again takes them off the list; consenting again brings them back', async () => {
  await withdrawConsent(admin, ids.Granted, 'EMAIL', 'MARKETING');
  const members = dataOf(await admin.request(MEMBERS, { id: campaign.id })).campaign.members.nodes;
  const granted = members.find((m: Row) => m.contact.lastName === 'Granted');
  expect([granted.reachable, granted.blockedBy, granted.status]).toEqual([false, 'CONSENT_WITHDRAWN', 'TARGETED']);

  const again = await addMembers(admin, { campaignId: campaign.id, contactIds: [ids.Granted, ids.PrefersEmail] });
  expect([again.added, again.alreadyMembers, excludedByName(again.excluded)]).toEqual([0, 1, { Granted: 'CONSENT_WITHDRAWN' }]);
  const after = dataOf(await admin.request(MEMBERS, { id: campaign.id })).campaign;
  expect(after.members.nodes.find((m: Row) => m.contact.lastName === 'Granted').status).toBe('OPTED_OUT');
  expect(after.metrics).toMatchObject({ memberCount: 1, optedOutCount: 1 });

  await recordConsent(admin, ids.Granted, 'EMAIL', 'MARKETING');
  const back = await addMembers(admin, { campaignId: campaign.id, contactIds: [ids.Granted] });
  expect([back.added, back.excluded]).toEqual([1, []]);
  expect(dataOf(await admin.request(MEMBERS, { id: campaign.id })).campaign.metrics).toMatchObject({ memberCount: 2, optedOutCount: 0 });
});

test('members from segments pass the same checks', async () => {
  const segment = await createSegment(admin, { name: 'Retail accounts', object: 'ACCOUNT', filter: { industry: { eq: 'Retail' } } });
  const other = await createCampaign(admin, { name: 'Retail mailing', type: 'EMAIL', channel: 'EMAIL', purpose: 'MARKETING' });
  const set = dataOf(await admin.request('mutation($input: SetCampaignSegmentsInput!) { setCampaignSegments(input: $input) { campaign { segments { name } } userErrors { code } } }', {
    input: { campaignId: other.id, segmentIds: [segment.id] },
  })).setCampaignSegments;
  expect(set).toEqual({ campaign: { segments: [{ name: 'Retail accounts' }] }, userErrors: [] });
  const payload = await addMembers(admin, { campaignId: other.id, fromSegments: true });
  expect(payload.added).toBe(MEMBERS_EXPECTED.length);
  expect(excludedByName(payload.excluded)).toEqual(EXCLUDED_EXPECTED);
});

test('unsubscribing records the withdrawal of the consent and opts the member out', async () => {
  const response = dataOf(await admin.request(
    'mutation($input: RecordCampaignResponseInput!) { recordCampaignResponse(input: $input) { response { kind contact { lastName } } userErrors { code } } }',
    { input: { campaignId: campaign.id, contactId: ids.PrefersEmail, kind: 'UNSUBSCRIBED' } },
  )).recordCampaignResponse;
  expect(response).toEqual({ response: { kind: 'UNSUBSCRIBED', contact: { lastName: 'PrefersEmail' } }, userErrors: [] });
  const decision = dataOf(await admin.request('query($id: ID!) { canContact(contactId: $id, channel: EMAIL, purpose: MARKETING) { allowed reason consent { source } } }', { id: ids.PrefersEmail })).canContact;
  expect(decision).toEqual({ allowed: false, reason: 'CONSENT_WITHDRAWN', consent: { source: 'Unsubscribed from campaign "Spring newsletter"' } });
  const member = dataOf(await admin.request(MEMBERS, { id: campaign.id })).campaign.members.nodes.find((m: Row) => m.contact.lastName === 'PrefersEmail');
  expect([member.status, member.reachable]).toEqual(['OPTED_OUT', false]);
});
