/** The opportunity pipeline: seeded stages, create/update/reorder/delete, the won/lost rules, permissions and audit. */
import { Client, dataOf, errorCodes, useHarness } from '../support/harness';
import { CREATE_STAGE, DELETE_STAGE, GET_STAGES, REORDER_STAGES, UPDATE_STAGE, auditCount, auditLog, errorsOf, memberOf, mutate, mutateOk, stageNamed, stages } from './configuration-helpers';

const harness = useHarness();

const names = async (client: Client): Promise<string[]> => (await stages(client)).map((s) => s.name);

test('a new workspace has the default pipeline', async () => {
  const { client } = await harness.createTenant();
  const seeded = await stages(client);
  expect(seeded.map(({ name, position, probability, forecastCategory, isWon, isLost }) => ({ name, position, probability, forecastCategory, isWon, isLost }))).toEqual([
    { name: 'Prospecting', position: 1, probability: 10, forecastCategory: 'PIPELINE', isWon: false, isLost: false },
    { name: 'Qualification', position: 2, probability: 20, forecastCategory: 'PIPELINE', isWon: false, isLost: false },
    { name: 'Proposal', position: 3, probability: 50, forecastCategory: 'BEST_CASE', isWon: false, isLost: false },
    { name: 'Negotiation', position: 4, probability: 80, forecastCategory: 'COMMIT', isWon: false, isLost: false },
    { name: 'Closed Won', position: 5, probability: 100, forecastCategory: 'CLOSED', isWon: true, isLost: false },
    { name: 'Closed Lost', position: 6, probability: 0, forecastCategory: 'OMITTED', isWon: false, isLost: true },
  ]);
  const { node } = dataOf(await client.request('query($id: ID!) { node(id: $id) { __typename ... on PipelineStage { name } } }', { id: seeded[2].id }));
  expect(node).toEqual({ __typename: 'PipelineStage', name: 'Proposal' });
});

test('create, update, reorder and delete stages; each change is audited with before and after', async () => {
  const { client } = await harness.createTenant();
  // A new open stage goes after the last open stage by default.
  const created = await mutateOk(client, CREATE_STAGE, { name: 'Verbal Commit', probability: 90, forecastCategory: 'COMMIT' });
  expect(created.pipelineStage).toMatchObject({ name: 'Verbal Commit', position: 5, probability: 90, forecastCategory: 'COMMIT', isWon: false, isLost: false, version: 1 });
  expect(await names(client)).toEqual(['Prospecting', 'Qualification', 'Proposal', 'Negotiation', 'Verbal Commit', 'Closed Won', 'Closed Lost']);

  const demo = await mutateOk(client, CREATE_STAGE, { name: 'Demo', probability: 30, position: 3 });
  expect(demo.pipelineStage).toMatchObject({ position: 3, forecastCategory: 'PIPELINE' });
  expect(await names(client)).toEqual(['Prospecting', 'Qualification', 'Demo', 'Proposal', 'Negotiation', 'Verbal Commit', 'Closed Won', 'Closed Lost']);

  const updated = await mutateOk(client, UPDATE_STAGE, { id: created.pipelineStage.id, name: 'Verbal Yes', probability: 95, expectedVersion: 2 });
  // (Its version moved to 2 when "Demo" pushed it down a place.)
  expect(updated.pipelineStage).toMatchObject({ name: 'Verbal Yes', probability: 95, forecastCategory: 'COMMIT', version: 3 });

  const current = await stages(client);
  const reversedOpen = [...current.filter((s) => !s.isWon && !s.isLost).reverse(), ...current.filter((s) => s.isWon || s.isLost)];
  const reordered = await mutateOk(client, REORDER_STAGES, { stageIds: reversedOpen.map((s) => s.id) });
  expect(reordered.pipelineStages.map((s: { name: string }) => s.name)).toEqual(['Verbal Yes', 'Negotiation', 'Proposal', 'Demo', 'Qualification', 'Prospecting', 'Closed Won', 'Closed Lost']);
  expect(reordered.pipelineStages.map((s: { position: number }) => s.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);

  const deleted = await mutateOk(client, DELETE_STAGE, { id: demo.pipelineStage.id });
  expect(deleted.deletedPipelineStageId).toBe(demo.pipelineStage.id);
  expect(deleted.pipelineStages.map((s: { name: string }) => s.name)).toEqual(['Verbal Yes', 'Negotiation', 'Proposal', 'Qualification', 'Prospecting', 'Closed Won', 'Closed Lost']);
  expect(deleted.pipelineStages.map((s: { position: number }) => s.position)).toEqual([1, 2, 3, 4, 5, 6, 7]);

  const entries = await auditLog(client, { targetType: 'PipelineStage' });
  expect(entries.map((e) => e.action)).toEqual(['pipeline_stage.delete', 'pipeline_stage.reorder', 'pipeline_stage.update', 'pipeline_stage.create', 'pipeline_stage.create']);
  expect(entries[4]).toMatchObject({ targetId: created.pipelineStage.id, before: null, after: { name: 'Verbal Commit', probability: 90, forecastCategory: 'COMMIT' } });
  expect(entries[2]).toMatchObject({ before: { name: 'Verbal Commit', probability: 90 }, after: { name: 'Verbal Yes', probability: 95 } });
  expect(entries[1].before.order[0]).toMatchObject({ name: 'Prospecting' });
  expect(entries[1].after.order[0]).toMatchObject({ name: 'Verbal Yes' });
  expect(entries[0]).toMatchObject({ targetId: demo.pipelineStage.id, before: { name: 'Demo' }, after: null });
});

test('a second won stage may be added; then the first one can be turned into an open stage or deleted', async () => {
  const { client } = await harness.createTenant();
  const signed = await mutateOk(client, CREATE_STAGE, { name: 'Won - Signed', isWon: true });
  expect(signed.pipelineStage).toMatchObject({ probability: 100, forecastCategory: 'CLOSED', isWon: true, position: 7 });
  const closedWon = await stageNamed(client, 'Closed Won');
  const reopened = await mutateOk(client, UPDATE_STAGE, { id: closedWon.id, isWon: false, probability: 95 });
  expect(reopened.pipelineStage).toMatchObject({ isWon: false, probability: 95, forecastCategory: 'PIPELINE' });
  // A stage becoming lost takes probability 0 and OMITTED.
  const lost = await mutateOk(client, UPDATE_STAGE, { id: reopened.pipelineStage.id, isLost: true });
  expect(lost.pipelineStage).toMatchObject({ isLost: true, probability: 0, forecastCategory: 'OMITTED' });
  await mutateOk(client, DELETE_STAGE, { id: lost.pipelineStage.id });
});

test('a create retried with the same idempotency key returns the first stage', async () => {
  const { client } = await harness.createTenant();
  const first = await mutateOk(client, CREATE_STAGE, { name: 'Discovery', probability: 15, position: 2, idempotencyKey: 'stage-key' });
  const again = await mutateOk(client, CREATE_STAGE, { name: 'Discovery', probability: 15, position: 2, idempotencyKey: 'stage-key' });
  expect(again.pipelineStage).toEqual(first.pipelineStage);
  expect((await names(client)).filter((n) => n === 'Discovery')).toHaveLength(1);
  expect(await auditCount(client)).toBe(1);
});

describe('bad input writes nothing', () => {
  test('removing or un-flagging the last won or lost stage is refused', async () => {
    const { client } = await harness.createTenant();
    const before = await stages(client);
    const won = before.find((s) => s.isWon)!;
    const lost = before.find((s) => s.isLost)!;
    expect(errorsOf(await mutate(client, DELETE_STAGE, { id: won.id }))).toEqual([[['input', 'id'], 'INVALID_STATE']]);
    expect(errorsOf(await mutate(client, DELETE_STAGE, { id: lost.id }))).toEqual([[['input', 'id'], 'INVALID_STATE']]);
    expect(errorsOf(await mutate(client, UPDATE_STAGE, { id: won.id, isWon: false, forecastCategory: 'COMMIT', probability: 90 }))).toEqual([[['input', 'isWon'], 'INVALID_STATE']]);
    expect(errorsOf(await mutate(client, UPDATE_STAGE, { id: lost.id, isLost: false, forecastCategory: 'PIPELINE' }))).toEqual([[['input', 'isLost'], 'INVALID_STATE']]);
    expect(await stages(client)).toEqual(before);
    expect(await auditCount(client)).toBe(0);
  });

  test('probability 120, duplicate names, inconsistent outcomes, bad positions, unknown IDs and stale versions', async () => {
    const { client } = await harness.createTenant();
    const before = await stages(client);
    const proposal = before.find((s) => s.name === 'Proposal')!;
    const creates: [Record<string, unknown>, [string[], string][]][] = [
      [{ name: 'Overconfident', probability: 120 }, [[['input', 'probability'], 'OUT_OF_RANGE']]],
      [{ name: 'Pessimist', probability: -1 }, [[['input', 'probability'], 'OUT_OF_RANGE']]],
      [{ name: 'proposal', probability: 40 }, [[['input', 'name'], 'DUPLICATE']]],
      [{ name: '  ', probability: 40 }, [[['input', 'name'], 'REQUIRED']]],
      [{ name: 'No Probability' }, [[['input', 'probability'], 'REQUIRED']]],
      [{ name: 'Both', isWon: true, isLost: true }, [[['input', 'isLost'], 'INVALID']]],
      [{ name: 'Cheap Win', isWon: true, probability: 50 }, [[['input', 'probability'], 'INVALID']]],
      [{ name: 'Open Closed', probability: 50, forecastCategory: 'CLOSED' }, [[['input', 'forecastCategory'], 'INVALID']]],
      [{ name: 'Far Away', probability: 50, position: 42 }, [[['input', 'position'], 'OUT_OF_RANGE']]],
    ];
    for (const [input, expected] of creates) expect({ input, errors: errorsOf(await mutate(client, CREATE_STAGE, input)) }).toEqual({ input, errors: expected });

    const updates: [Record<string, unknown>, [string[], string][]][] = [
      [{ id: proposal.id, probability: 120 }, [[['input', 'probability'], 'OUT_OF_RANGE']]],
      [{ id: proposal.id, name: 'NEGOTIATION' }, [[['input', 'name'], 'DUPLICATE']]],
      [{ id: proposal.id, forecastCategory: 'CLOSED' }, [[['input', 'forecastCategory'], 'INVALID']]],
      [{ id: proposal.id, position: 7 }, [[['input', 'position'], 'OUT_OF_RANGE']]],
      [{ id: proposal.id, name: 'Offer', expectedVersion: 9 }, [[['input', 'expectedVersion'], 'CONFLICT']]],
      [{ id: 'bogus', name: 'Offer' }, [[['input', 'id'], 'INVALID']]],
    ];
    for (const [input, expected] of updates) expect({ input, errors: errorsOf(await mutate(client, UPDATE_STAGE, input)) }).toEqual({ input, errors: expected });

    const ids = before.map((s) => s.id);
    expect(errorsOf(await mutate(client, REORDER_STAGES, { stageIds: ids.slice(1) }))).toEqual([[['input', 'stageIds'], 'INVALID']]);
    expect(errorsOf(await mutate(client, REORDER_STAGES, { stageIds: [ids[0], ...ids] }))).toEqual([[['input', 'stageIds', '1'], 'DUPLICATE']]);
    const negotiation = before.find((s) => s.name === 'Negotiation')!;
    const won = before.find((s) => s.isWon)!;
    expect(errorsOf(await mutate(client, DELETE_STAGE, { id: proposal.id, replaceWith: won.id }))).toEqual([[['input', 'replaceWith'], 'INVALID']]);
    expect(errorsOf(await mutate(client, DELETE_STAGE, { id: proposal.id, replaceWith: proposal.id }))).toEqual([[['input', 'replaceWith'], 'INVALID']]);
    expect(errorsOf(await mutate(client, DELETE_STAGE, { id: proposal.id, expectedVersion: negotiation.version + 5 }))).toEqual([[['input', 'expectedVersion'], 'CONFLICT']]);

    expect(await stages(client)).toEqual(before);
    expect(await auditCount(client)).toBe(0);
  });
});

test('a non-admin (service_agent) key reads the pipeline but every change is FORBIDDEN', async () => {
  const tenant = await harness.createTenant();
  const member = await memberOf(harness, tenant);
  const before = dataOf(await member.request(GET_STAGES)).pipelineStages;
  expect(before).toHaveLength(6);
  const attempts: [string, Record<string, unknown>][] = [
    [CREATE_STAGE, { name: 'Member Stage', probability: 40 }],
    [UPDATE_STAGE, { id: before[0].id, probability: 15 }],
    [REORDER_STAGES, { stageIds: [...before].reverse().map((s: { id: string }) => s.id) }],
    [DELETE_STAGE, { id: before[0].id }],
  ];
  for (const [operation, input] of attempts) expect(errorCodes(await member.request(operation, { input }))).toEqual(['FORBIDDEN']);
  expect(await stages(tenant.client)).toEqual(before);
  expect(await auditCount(tenant.client)).toBe(0);
});
