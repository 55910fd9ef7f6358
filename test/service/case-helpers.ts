/** Operations and helpers shared by the service case and entitlement tests. */
import { Client, dataOf } from '../support/harness';
import { Row, UserErrorData, createAccount } from '../support/crm-operations';

const USER_ERRORS = 'userErrors { field message code }';

export const ENTITLEMENT_FIELDS = `id name responseTimeMinutes resolutionTimeMinutes coverage visitsPerPeriod visitPeriod position version createdAt updatedAt
  territory { id name } coveredProducts { id name }`;

export const CASE_FIELDS = `id number subject description channel priority status suppliedName suppliedEmail suppliedPhone
  openedAt firstRespondedAt resolvedAt closedAt resolution responseDueAt resolutionDueAt withoutEntitlement
  milestones { kind dueAt completedAt status } version createdAt updatedAt deletedAt
  account { id name } contact { id } owner { id } product { id name } entitlement { id name }`;

const operation = (name: string, inputType: string, selection: string) => `mutation($input: ${inputType}!) { ${name}(input: $input) { ${selection} ${USER_ERRORS} } }`;
const caseOperation = (name: string, inputType: string) => operation(name, inputType, `serviceCase { ${CASE_FIELDS} }`);

export const OPS = {
  createCase: caseOperation('createServiceCase', 'CreateServiceCaseInput'),
  updateCase: caseOperation('updateServiceCase', 'UpdateServiceCaseInput'),
  respond: caseOperation('respondToServiceCase', 'RespondToServiceCaseInput'),
  changeStatus: caseOperation('changeServiceCaseStatus', 'ChangeServiceCaseStatusInput'),
  deleteCase: caseOperation('deleteServiceCase', 'DeleteServiceCaseInput'),
  restoreCase: caseOperation('restoreServiceCase', 'RestoreServiceCaseInput'),
  addEntitlement: operation('addEntitlement', 'AddEntitlementInput', `entitlement { ${ENTITLEMENT_FIELDS} }`),
  updateEntitlement: operation('updateEntitlement', 'UpdateEntitlementInput', `entitlement { ${ENTITLEMENT_FIELDS} }`),
  removeEntitlement: operation('removeEntitlement', 'RemoveEntitlementInput', 'removedEntitlementId'),
  createContract: operation('createContract', 'CreateContractInput', 'contract { id status }'),
  submitContract: operation('submitContractForApproval', 'SubmitContractForApprovalInput', 'contract { id status }'),
  approveContract: operation('approveContract', 'ApproveContractInput', 'contract { id status }'),
  createProduct: operation('createProduct', 'CreateProductInput', 'product { id name }'),
  createContact: operation('createContact', 'CreateContactInput', 'contact { id }'),
  createTerritory: operation('createTerritory', 'CreateTerritoryInput', 'territory { id name }'),
  updateSettings: operation('updateWorkspaceSettings', 'UpdateWorkspaceSettingsInput', 'settings { timeZone }'),
  updateBusinessHours: operation('updateBusinessHours', 'UpdateBusinessHoursInput', 'businessHours { timeZone }'),
};

export type Payload = Row & { userErrors: UserErrorData[] };

/** The payload of a mutation (top-level errors fail the test). */
export async function mutate(client: Client, op: string, input: Record<string, unknown>): Promise<Payload> {
  const data = dataOf(await client.request(op, { input }));
  return Object.values(data)[0] as Payload;
}

/** The payload of a mutation that must succeed. */
export async function mutateOk(client: Client, op: string, input: Record<string, unknown>): Promise<Payload> {
  const payload = await mutate(client, op, input);
  if (payload.userErrors.length) throw new Error(`Unexpected userErrors: ${JSON.stringify(payload.userErrors)}`);
  return payload;
}

/** The codes and fields of a refused mutation, whose result must be empty. */
export async function refused(client: Client, op: string, input: Record<string, unknown>): Promise<{ code: string; field: string }[]> {
  const payload = await mutate(client, op, input);
  const result = Object.entries(payload).find(([key]) => key !== 'userErrors')?.[1];
  expect(result ?? null).toBeNull();
  return payload.userErrors.map((e) => ({ code: e.code, field: (e.field ?? []).join('.') }));
}

export const createCase = async (client: Client, input: Record<string, unknown>): Promise<Row> => (await mutateOk(client, OPS.createCase, input)).serviceCase;
export const caseOp = async (client: Client, op: string, input: Record<string, unknown>): Promise<Row> => (await mutateOk(client, op, input)).serviceCase;
export const addEntitlement = async (client: Client, input: Record<string, unknown>): Promise<Row> => (await mutateOk(client, OPS.addEntitlement, input)).entitlement;
export const createProduct = async (client: Client, name: string): Promise<Row> =>
  (await mutateOk(client, OPS.createProduct, { name, sku: `${name}-${Math.random().toString(36).slice(2, 8)}` })).product;
export const createContact = async (client: Client, accountId: string, lastName = 'Contact'): Promise<Row> =>
  (await mutateOk(client, OPS.createContact, { lastName, accountId })).contact;

/** A draft contract of the account (with a value: a contract without one cannot be submitted). */
export async function draftContract(client: Client, accountId: string, startDate: string, termMonths = 12): Promise<Row> {
  return (await mutateOk(client, OPS.createContract, { accountId, startDate, termMonths, value: { amount: '1200', currency: 'EUR' } })).contract;
}

/** Submits and approves a draft: it becomes ACTIVATED. */
export async function activate(client: Client, contractId: string): Promise<void> {
  await mutateOk(client, OPS.submitContract, { id: contractId });
  const approved = await mutateOk(client, OPS.approveContract, { id: contractId });
  expect(approved.contract.status).toBe('ACTIVATED');
}

export interface EntitlementSpec {
  name: string;
  responseTimeMinutes: number;
  resolutionTimeMinutes: number;
  coverage?: string;
  territoryId?: string;
  coveredProductIds?: string[];
}

/**
 * An account with an activated contract granting the entitlements (default: a year from
 * 2020-01-01 to well past today, so cases opened now are covered).
 */
export async function servicedAccount(
  client: Client,
  entitlements: EntitlementSpec[],
  options: { name?: string; startDate?: string; termMonths?: number; accountId?: string } = {},
): Promise<{ accountId: string; contractId: string; entitlements: Row[] }> {
  const accountId = options.accountId ?? (await createAccount(client, { name: options.name ?? 'Serviced customer' })).id;
  const contract = await draftContract(client, accountId, options.startDate ?? '2020-01-01', options.termMonths ?? 240);
  const added: Row[] = [];
  for (const entitlement of entitlements) added.push(await addEntitlement(client, { contractId: contract.id, ...entitlement }));
  await activate(client, contract.id);
  return { accountId, contractId: contract.id, entitlements: added };
}

/** Sets the workspace's time zone (the business-hours calendar is read in it). */
export async function setTimeZone(client: Client, timeZone: string): Promise<void> {
  await mutateOk(client, OPS.updateSettings, { timeZone });
}
