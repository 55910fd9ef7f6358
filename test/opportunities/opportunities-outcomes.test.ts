/** Stage history (who, when, amount at that time) and the explicit outcomes: won, lost, reopened. */
import { signUp } from '../auth/auth-helpers';
import { Client, dataOf, useHarness } from '../support/harness';
import { Row, createAccount } from '../support/crm-operations';
import { CLOSE_LOST, CLOSE_WON, CREATE, HISTORY, REOPEN, UPDATE, ok, refused, stagesByName } from './opportunity-helpers';

const harness = useHarness();
let rep: Client;
let stages: Record<string, Row>;
let account: Row;

beforeAll(async () => {
  const { tenant, client: admin } = await harness.createTenant();
  const user = await harness.addUser(tenant, { role: 'sales_rep' });
  ({ client: rep } = await harness.keyFor(tenant, { role: 'sales_rep', userId: user.uuid }));
  stages = await stagesByName(admin);
  // A second won stage after the first: the default is the first by position.
  const added = dataOf(await admin.request(`mutation { createPipelineStage(input: { name: "Won (renewal)", isWon: true }) { userErrors { code } } }`));
  expect(added.createPipelineStage.userErrors).toEqual([]);
  stages = await stagesByName(admin);
  account = await createAccount(rep, { name: 'History Inc' });
});

const historyOf = async (id: string): Promise<Row[]> => dataOf(await rep.request(HISTORY, { id })).opportunity.stageHistory.nodes;

test('every stage move is recorded in order with who, when and the amount at that time', async () => {
  const startedAt = Date.now();
  const opp = await ok(rep, CREATE, { name: 'Tracked', accountId: account.id, amount: { amount: '1000', currency: 'EUR' } });
  await ok(rep, UPDATE, { id: opp.id, amount: { amount: '1500', currency: 'EUR' } });
  await ok(rep, UPDATE, { id: opp.id, stageId: stages.Qualification.id });
  await ok(rep, UPDATE, { id: opp.id, amount: { amount: '2000', currency: 'EUR' }, stageId: stages.Proposal.id });
  // Not a move: same stage again, and other fields.
  await ok(rep, UPDATE, { id: opp.id, stageId: stages.Proposal.id, nextStep: 'Call' });
  const history = await historyOf(opp.id);
  expect(history.map((h) => [h.event, h.fromStage?.name ?? null, h.toStage.name, h.amount?.amount, h.probability])).toEqual([
    ['CREATED', null, 'Prospecting', '1000.00', 10],
    ['STAGE_CHANGED', 'Prospecting', 'Qualification', '1500.00', 20],
    ['STAGE_CHANGED', 'Qualification', 'Proposal', '2000.00', 50],
  ]);
  for (const entry of history) {
    expect(entry).toMatchObject({ actorKind: 'api_key', actor: null });
    expect(Date.parse(entry.at)).toBeGreaterThanOrEqual(startedAt - 1000);
  }
});

test('closing as won takes the first won stage, probability 100, forecast CLOSED; closing again is INVALID_STATE', async () => {
  const opp = await ok(rep, CREATE, { name: 'Winner', accountId: account.id, probability: 70, amount: { amount: '500', currency: 'EUR' } });
  const won = await ok(rep, CLOSE_WON, { id: opp.id, expectedVersion: opp.version });
  expect(won).toMatchObject({ status: 'WON', stage: { name: 'Closed Won' }, probability: 100, probabilityOverridden: false, forecastCategory: 'CLOSED', version: 2 });
  expect(won.closedAt).not.toBeNull();
  expect(await refused(rep, CLOSE_WON, { id: opp.id })).toEqual([{ code: 'INVALID_STATE', field: 'input.id' }]);
  expect(await refused(rep, CLOSE_LOST, { id: opp.id, lossReason: 'Price' })).toEqual([{ code: 'INVALID_STATE', field: 'input.id' }]);
  // Stage and amount of a closed opportunity wait for a reopen; other fields may change.
  expect(await refused(rep, UPDATE, { id: opp.id, stageId: stages.Proposal.id, amount: { amount: '1', currency: 'EUR' } })).toEqual([
    { code: 'INVALID_STATE', field: 'input.stageId' },
    { code: 'INVALID_STATE', field: 'input.amount' },
  ]);
  expect((await ok(rep, UPDATE, { id: opp.id, nextStep: 'Kick-off' })).nextStep).toBe('Kick-off');
  const last = (await historyOf(opp.id)).pop()!;
  expect(last).toMatchObject({ event: 'WON', fromStage: { name: 'Prospecting' }, toStage: { name: 'Closed Won' }, probability: 100, amount: { amount: '500.00' } });
});

test('a won stage can be chosen; an open stage cannot close as won', async () => {
  const opp = await ok(rep, CREATE, { name: 'Renewal', accountId: account.id });
  expect(await refused(rep, CLOSE_WON, { id: opp.id, stageId: stages.Negotiation.id })).toEqual([{ code: 'INVALID', field: 'input.stageId' }]);
  expect(await refused(rep, CLOSE_WON, { id: opp.id, stageId: stages['Closed Lost'].id })).toEqual([{ code: 'INVALID', field: 'input.stageId' }]);
  expect((await ok(rep, CLOSE_WON, { id: opp.id, stageId: stages['Won (renewal)'].id })).stage.name).toBe('Won (renewal)');
});

test('closing as lost needs a reason from the loss_reason picklist and records it', async () => {
  const opp = await ok(rep, CREATE, { name: 'Loser', accountId: account.id, stageId: stages.Negotiation.id });
  expect(await refused(rep, CLOSE_LOST, { id: opp.id, lossReason: '' })).toEqual([{ code: 'REQUIRED', field: 'input.lossReason' }]);
  expect(await refused(rep, CLOSE_LOST, { id: opp.id, lossReason: 'Bad karma' })).toEqual([{ code: 'INVALID', field: 'input.lossReason' }]);
  const missing = await rep.request(`mutation($id: ID!) { closeOpportunityAsLost(input: { id: $id }) { userErrors { code } } }`, { id: opp.id });
  expect(missing.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  const lost = await ok(rep, CLOSE_LOST, { id: opp.id, lossReason: 'Competitor' });
  expect(lost).toMatchObject({ status: 'LOST', stage: { name: 'Closed Lost' }, probability: 0, forecastCategory: 'OMITTED', lossReason: 'Competitor' });
  expect((await historyOf(opp.id)).pop()).toMatchObject({ event: 'LOST', fromStage: { name: 'Negotiation' }, reason: 'Competitor', probability: 0 });
});

test('reopening is explicit, into an open stage, and recorded with its reason', async () => {
  const opp = await ok(rep, CREATE, { name: 'Phoenix', accountId: account.id });
  expect(await refused(rep, REOPEN, { id: opp.id, stageId: stages.Proposal.id })).toEqual([{ code: 'INVALID_STATE', field: 'input.id' }]);
  await ok(rep, CLOSE_LOST, { id: opp.id, lossReason: 'Timing' });
  expect(await refused(rep, REOPEN, { id: opp.id, stageId: stages['Closed Won'].id })).toEqual([{ code: 'INVALID', field: 'input.stageId' }]);
  const reopened = await ok(rep, REOPEN, { id: opp.id, stageId: stages.Proposal.id, reason: 'Budget approved' });
  expect(reopened).toMatchObject({ status: 'OPEN', closedAt: null, lossReason: null, stage: { name: 'Proposal' }, probability: 50, forecastCategory: 'BEST_CASE' });
  expect((await historyOf(opp.id)).map((h) => [h.event, h.toStage.name, h.reason])).toEqual([
    ['CREATED', 'Prospecting', null],
    ['LOST', 'Closed Lost', 'Timing'],
    ['REOPENED', 'Proposal', 'Budget approved'],
  ]);
});

test('a signed-in user is the actor of the entries', async () => {
  const workspace = await harness.createTenant();
  const user = await signUp(harness, workspace, { role: 'sales_rep' });
  const mine = await createAccount(user.client, { name: 'Signed In' });
  const opp = await ok(user.client, CREATE, { name: 'By hand', accountId: mine.id });
  expect(opp.owner).toEqual({ id: user.id });
  const [created] = dataOf(await user.client.request(HISTORY, { id: opp.id })).opportunity.stageHistory.nodes;
  expect(created).toMatchObject({ event: 'CREATED', actorKind: 'user', actorId: user.id, actor: { id: user.id } });
});

test('a stage in use by opportunities is deleted only with a replacement, which they (and their history) move to', async () => {
  const admin = (await harness.createTenant()).client;
  const own = await stagesByName(admin);
  const mine = await createAccount(admin, { name: 'Stage user' });
  const opp = await ok(admin, CREATE, { name: 'Staged', accountId: mine.id, stageId: own.Qualification.id });
  const DELETE_STAGE = `mutation($input: DeletePipelineStageInput!) { deletePipelineStage(input: $input) { userErrors { code message } } }`;
  const inUse = dataOf(await admin.request(DELETE_STAGE, { input: { id: own.Qualification.id } })).deletePipelineStage.userErrors;
  expect(inUse).toEqual([expect.objectContaining({ code: 'INVALID_STATE', message: expect.stringContaining('opportunities.stage_id') })]);
  expect(dataOf(await admin.request(DELETE_STAGE, { input: { id: own.Qualification.id, replaceWith: own.Proposal.id } })).deletePipelineStage.userErrors).toEqual([]);
  const moved = dataOf(await admin.request(`query($id: ID!) { opportunity(id: $id) { version stage { name } stageHistory { nodes { toStage { name } } } } }`, { id: opp.id })).opportunity;
  expect(moved).toEqual({ version: 2, stage: { name: 'Proposal' }, stageHistory: { nodes: [{ toStage: { name: 'Proposal' } }] } });
});
