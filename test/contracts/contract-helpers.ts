/** Operations and helpers shared by the contract tests (and other modules' tests that need contracts). */
import { Client, dataOf } from '../support/harness';
import { Row, UserErrorData, createAccount } from '../support/crm-operations';

export { createAccount };

export const CONTRACT_FIELDS = `
  id number status startDate termMonths endDate value { amount currency } billingFrequency autoRenew noticePeriodDays noticeDeadline
  specialTerms description contractVersion activatedAt terminatedAt terminationReason version createdAt updatedAt deletedAt
  account { id name } signer { id } owner { id } opportunity { id } predecessor { id } successor { id }
  lineItems { id product { id name } quantity unitPrice { amount currency } discountPercent total { amount currency } description position }`;

const payloadOf = (name: string, input: string) => `mutation($input: ${input}!) { ${name}(input: $input) { contract { ${CONTRACT_FIELDS} } userErrors { field message code } } }`;

export const CREATE = payloadOf('createContract', 'CreateContractInput');
export const UPDATE = payloadOf('updateContract', 'UpdateContractInput');
export const DELETE = payloadOf('deleteContract', 'DeleteContractInput');
export const RESTORE = payloadOf('restoreContract', 'RestoreContractInput');
export const SUBMIT = payloadOf('submitContractForApproval', 'SubmitContractForApprovalInput');
export const APPROVE = payloadOf('approveContract', 'ApproveContractInput');
export const REJECT = payloadOf('rejectContract', 'RejectContractInput');
export const TERMINATE = payloadOf('terminateContract', 'TerminateContractInput');
export const AMEND = payloadOf('amendContract', 'AmendContractInput');
export const FROM_OPPORTUNITY = payloadOf('createContractFromOpportunity', 'CreateContractFromOpportunityInput');

export const GET = `query($id: ID!) { contract(id: $id) { ${CONTRACT_FIELDS} } }`;

export const HISTORY = `query($id: ID!) { contract(id: $id) {
  statusHistory { fromStatus toStatus reason relatedContract { id } actorKind actor { id } at }
  versions { version reason actorKind actor { id } at terms { startDate termMonths endDate value { amount currency } billingFrequency autoRenew noticePeriodDays specialTerms
    lineItems { product { id name } quantity unitPrice { amount currency } discountPercent description } } } } }`;

export const LIST = `query($first: Int, $after: String, $where: ContractFilter, $orderBy: [ContractOrder!], $inRecycleBin: Boolean! = false) {
  contracts(first: $first, after: $after, where: $where, orderBy: $orderBy, inRecycleBin: $inRecycleBin) {
    totalCount nodes { id number status } pageInfo { hasNextPage endCursor } } }`;

export type Payload = Row & { userErrors: UserErrorData[] };

export async function mutate(client: Client, operation: string, input: Record<string, unknown>): Promise<Payload> {
  const data = dataOf(await client.request(operation, { input }));
  return Object.values(data)[0] as Payload;
}

/** Runs a mutation that must succeed and returns its contract. */
export async function ok(client: Client, operation: string, input: Record<string, unknown>): Promise<Row> {
  const payload = await mutate(client, operation, input);
  if (payload.userErrors.length) throw new Error(`refused: ${JSON.stringify(payload.userErrors)}`);
  return payload.contract;
}

/** The codes (and fields) of a refused mutation, which must have returned no contract. */
export async function refused(client: Client, operation: string, input: Record<string, unknown>): Promise<{ code: string; field: string | null }[]> {
  const payload = await mutate(client, operation, input);
  expect(payload.contract).toBeNull();
  return payload.userErrors.map((e) => ({ code: e.code, field: e.field ? e.field.join('.') : null }));
}

/** A draft contract of the account (default: a year from 2026-01-01 worth 1200 EUR); `overrides` are CreateContractInput fields. */
export async function createDraftContract(client: Client, overrides: Record<string, unknown> & { accountId: string }): Promise<Row> {
  return ok(client, CREATE, { startDate: '2026-01-01', termMonths: 12, value: { amount: '1200.00', currency: 'EUR' }, ...overrides });
}

/** Submits and approves a draft: it becomes ACTIVATED. Returns the activated contract. */
export async function activate(client: Client, id: string): Promise<Row> {
  await ok(client, SUBMIT, { id });
  return ok(client, APPROVE, { id });
}

export const historyOf = async (client: Client, id: string): Promise<Row> => dataOf(await client.request(HISTORY, { id })).contract;
export const contractOf = async (client: Client, id: string): Promise<Row | null> => dataOf(await client.request(GET, { id })).contract;
