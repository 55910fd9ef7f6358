/** Campaign operations for the marketing tests. */
import { Client, dataOf } from '../support/harness';
import { Row } from './marketing-helpers';

const CAMPAIGN_FIELDS = 'id name type status channel purpose currency startDate endDate version budget { amount currency } actualCost { amount currency } expectedRevenue { amount currency }';

export const CREATE_CAMPAIGN = `mutation($input: CreateCampaignInput!) { createCampaign(input: $input) { campaign { ${CAMPAIGN_FIELDS} } userErrors { field code message } } }`;
export const UPDATE_CAMPAIGN = `mutation($input: UpdateCampaignInput!) { updateCampaign(input: $input) { campaign { ${CAMPAIGN_FIELDS} } userErrors { field code message } } }`;
export const ADD_MEMBERS = `mutation($input: AddCampaignMembersInput!) {
  addCampaignMembers(input: $input) { added alreadyMembers excluded { reason at contact { id } } userErrors { field code message } }
}`;
export const MEMBERS = `query($id: ID!) { campaign(id: $id) {
  members(first: 100) { totalCount nodes { status reachable blockedBy addedAt respondedAt contact { id lastName } } }
  exclusions(first: 100) { nodes { reason contact { id } } }
  metrics { memberCount optedOutCount respondedCount excludedCount responseRate }
} }`;

export async function createCampaignPayload(client: Client, input: Row): Promise<Row> {
  return dataOf(await client.request(CREATE_CAMPAIGN, { input })).createCampaign;
}

export async function createCampaign(client: Client, input: Row): Promise<Row> {
  const payload = await createCampaignPayload(client, input);
  if (payload.userErrors.length) throw new Error(`createCampaign refused: ${JSON.stringify(payload.userErrors)}`);
  return payload.campaign;
}

export async function updateCampaign(client: Client, input: Row): Promise<Row> {
  return dataOf(await client.request(UPDATE_CAMPAIGN, { input })).updateCampaign;
}

export async function addMembers(client: Client, input: Row): Promise<Row> {
  return dataOf(await client.request(ADD_MEMBERS, { input })).addCampaignMembers;
}

const CONSENT = (operation: string, input: string) =>
  `mutation($input: ${input}!) { ${operation}(input: $input) { consent { id } userErrors { field code message } } }`;

async function consentChange(client: Client, operation: 'recordConsent' | 'withdrawConsent', contactId: string, channel: string, purpose: string): Promise<void> {
  const input = operation === 'recordConsent' ? 'RecordConsentInput' : 'WithdrawConsentInput';
  const payload = dataOf(await client.request(CONSENT(operation, input), { input: { contactId, channel, purpose, source: 'test' } }))[operation];
  if (payload.userErrors.length) throw new Error(`${operation} refused: ${JSON.stringify(payload.userErrors)}`);
}

export const recordConsent = (client: Client, contactId: string, channel: string, purpose: string) => consentChange(client, 'recordConsent', contactId, channel, purpose);
export const withdrawConsent = (client: Client, contactId: string, channel: string, purpose: string) => consentChange(client, 'withdrawConsent', contactId, channel, purpose);
