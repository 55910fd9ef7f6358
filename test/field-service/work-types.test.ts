/** Skills and work types: the catalogue technicians are matched against. */
import { Client, TestTenant, dataOf, errorCodes, useHarness } from '../support/harness';
import { Row, mutate } from '../support/crm-operations';
import { RESOURCE_OPS, createSkill, createTechnician, createWorkType, refused } from './resource-helpers';

const harness = useHarness({ rateLimitStore: 'off' });
let workspace: TestTenant;
let admin: Client;
let dispatcher: Client;

const LIST_SKILLS = `{ skills(first: 100) { totalCount nodes { id name } } }`;
const LIST_WORK_TYPES = `query($active: Boolean) { workTypes(first: 100, active: $active) { nodes { id name active } } }`;
const count = async (table: string): Promise<number> =>
  (await harness.dataSource.query(`SELECT count(*)::int AS n FROM "${workspace.tenant.schemaName}".${table}`))[0].n;

beforeAll(async () => {
  workspace = await harness.createTenant();
  admin = workspace.client;
  dispatcher = (await harness.keyFor(workspace.tenant, { role: 'dispatcher' })).client;
});

test('skills are created, renamed, unique ignoring case, and listed by name', async () => {
  const skill = await createSkill(dispatcher, { name: '  Welding ', description: 'MIG and TIG' });
  expect(skill).toMatchObject({ name: 'Welding', description: 'MIG and TIG', version: 1 });
  expect(await refused(dispatcher, RESOURCE_OPS.createSkill, { name: 'WELDING' }, 'skill')).toEqual([{ code: 'DUPLICATE', field: 'input.name' }]);
  expect(await refused(dispatcher, RESOURCE_OPS.createSkill, { name: '  ' }, 'skill')).toEqual([{ code: 'REQUIRED', field: 'input.name' }]);
  const renamed = await mutate(dispatcher, RESOURCE_OPS.updateSkill, { id: skill.id, name: 'Arc welding', description: null, expectedVersion: 1 });
  expect(renamed).toMatchObject({ userErrors: [], skill: { name: 'Arc welding', description: null, version: 2 } });
  expect(await refused(dispatcher, RESOURCE_OPS.updateSkill, { id: skill.id, name: 'Again', expectedVersion: 1 }, 'skill')).toEqual([{ code: 'CONFLICT', field: 'input.expectedVersion' }]);
  await createSkill(dispatcher, { name: 'Brazing' });
  const names = dataOf(await admin.request(LIST_SKILLS)).skills.nodes.map((n: Row) => n.name);
  expect(names).toEqual(['Arc welding', 'Brazing']);
});

test('a skill in use by a technician or work type cannot be deleted; an unused one can', async () => {
  const byTechnician = await createSkill(dispatcher);
  const byWorkType = await createSkill(dispatcher);
  const unused = await createSkill(dispatcher);
  const user = await harness.addUser(workspace.tenant, { role: 'technician' });
  await createTechnician(dispatcher, { userId: user.id, skills: [{ skillId: byTechnician.id, level: 2 }] });
  await createWorkType(dispatcher, { requiredSkills: [{ skillId: byWorkType.id, minLevel: 3 }] });
  expect(await refused(dispatcher, RESOURCE_OPS.deleteSkill, { id: byTechnician.id }, 'deletedSkillId')).toEqual([{ code: 'INVALID_STATE', field: 'input.id' }]);
  expect(await refused(dispatcher, RESOURCE_OPS.deleteSkill, { id: byWorkType.id }, 'deletedSkillId')).toEqual([{ code: 'INVALID_STATE', field: 'input.id' }]);
  const deleted = await mutate(dispatcher, RESOURCE_OPS.deleteSkill, { id: unused.id });
  expect(deleted).toEqual({ deletedSkillId: unused.id, userErrors: [] });
  const ids = dataOf(await admin.request(LIST_SKILLS)).skills.nodes.map((n: Row) => n.id);
  expect(ids).toEqual(expect.arrayContaining([byTechnician.id, byWorkType.id]));
  expect(ids).not.toContain(unused.id);
});

test('work types carry a default duration and required skills; a list given replaces the old one', async () => {
  const gas = await createSkill(dispatcher, { name: 'Gas safety' });
  const boilers = await createSkill(dispatcher, { name: 'Boilers' });
  const created = await createWorkType(dispatcher, { name: 'Boiler service', defaultDurationMinutes: 90, requiredSkills: [{ skillId: gas.id, minLevel: 3 }, { skillId: boilers.id }] });
  expect(created).toMatchObject({ name: 'Boiler service', defaultDurationMinutes: 90, active: true, version: 1 });
  expect(created.requiredSkills).toEqual([{ skill: { id: boilers.id, name: 'Boilers' }, minLevel: 1 }, { skill: { id: gas.id, name: 'Gas safety' }, minLevel: 3 }]);
  const updated = await mutate(dispatcher, RESOURCE_OPS.updateWorkType, { id: created.id, expectedVersion: 1, requiredSkills: [{ skillId: gas.id, minLevel: 5 }], defaultDurationMinutes: 120 });
  expect(updated.userErrors).toEqual([]);
  expect(updated.workType).toMatchObject({ version: 2, defaultDurationMinutes: 120, requiredSkills: [{ skill: { name: 'Gas safety' }, minLevel: 5 }] });
  // Omitting the list keeps it.
  const renamed = await mutate(dispatcher, RESOURCE_OPS.updateWorkType, { id: created.id, name: 'Boiler annual service' });
  expect(renamed.workType).toMatchObject({ name: 'Boiler annual service', requiredSkills: [{ minLevel: 5 }] });
});

test('invalid work types are refused with codes and write nothing', async () => {
  const skill = await createSkill(dispatcher);
  const before = [await count('work_types'), await count('work_type_skills')];
  expect(await refused(dispatcher, RESOURCE_OPS.createWorkType, { name: 'Too short', defaultDurationMinutes: 2 }, 'workType')).toEqual([
    { code: 'OUT_OF_RANGE', field: 'input.defaultDurationMinutes' },
  ]);
  expect(
    await refused(
      dispatcher,
      RESOURCE_OPS.createWorkType,
      { name: 'Bad skills', defaultDurationMinutes: 30, requiredSkills: [{ skillId: skill.id }, { skillId: skill.id }, { skillId: 'nonsense' }] },
      'workType',
    ),
  ).toEqual([
    { code: 'DUPLICATE', field: 'input.requiredSkills.1.skillId' },
    { code: 'INVALID', field: 'input.requiredSkills.2.skillId' },
  ]);
  expect(await refused(dispatcher, RESOURCE_OPS.createWorkType, { name: 'Level', defaultDurationMinutes: 30, requiredSkills: [{ skillId: skill.id, minLevel: 0 }] }, 'workType')).toEqual([
    { code: 'OUT_OF_RANGE', field: 'input.requiredSkills.0.minLevel' },
  ]);
  await createWorkType(dispatcher, { name: 'Inspection' });
  const afterOne = [await count('work_types'), await count('work_type_skills')];
  expect(await refused(dispatcher, RESOURCE_OPS.createWorkType, { name: 'inspection', defaultDurationMinutes: 30, requiredSkills: [{ skillId: skill.id }] }, 'workType')).toEqual([
    { code: 'DUPLICATE', field: 'input.name' },
  ]);
  expect(afterOne).toEqual([before[0] + 1, before[1]]);
  expect([await count('work_types'), await count('work_type_skills')]).toEqual(afterOne);
});

test('a deactivated work type is listed as inactive and can be reactivated', async () => {
  const workType = await createWorkType(dispatcher, { name: 'Legacy install' });
  const off = await mutate(dispatcher, RESOURCE_OPS.updateWorkType, { id: workType.id, active: false });
  expect(off.workType).toMatchObject({ active: false, version: 2 });
  const activeNames = async (active: boolean) => dataOf(await admin.request(LIST_WORK_TYPES, { active })).workTypes.nodes.map((n: Row) => n.name);
  expect(await activeNames(false)).toContain('Legacy install');
  expect(await activeNames(true)).not.toContain('Legacy install');
  await mutate(dispatcher, RESOURCE_OPS.updateWorkType, { id: workType.id, active: true });
  expect(await activeNames(true)).toContain('Legacy install');
});

test('every workspace member reads the catalogue; only those who may create technicians change it', async () => {
  const technician = (await harness.keyFor(workspace.tenant, { role: 'technician' })).client;
  const rep = (await harness.keyFor(workspace.tenant, { role: 'sales_rep' })).client;
  const skill = await createSkill(dispatcher, { name: 'Read by all' });
  for (const reader of [technician, rep]) {
    expect(dataOf(await reader.request(LIST_SKILLS)).skills.nodes.map((n: Row) => n.id)).toContain(skill.id);
    expect(dataOf(await reader.request(LIST_WORK_TYPES, {})).workTypes.nodes.length).toBeGreaterThan(0);
  }
  const before = await count('skills');
  expect(errorCodes(await technician.request(RESOURCE_OPS.createSkill, { input: { name: 'Nope' } }))).toEqual(['FORBIDDEN']);
  expect(errorCodes(await rep.request(RESOURCE_OPS.updateWorkType, { input: { id: skill.id, active: false } }))).toEqual(['FORBIDDEN']);
  expect(errorCodes(await technician.request(RESOURCE_OPS.deleteSkill, { input: { id: skill.id } }))).toEqual(['FORBIDDEN']);
  expect(await count('skills')).toBe(before);
});

test('skills, work types and technicians are nodes', async () => {
  const skill = await createSkill(dispatcher, { name: 'Node skill' });
  const workType = await createWorkType(dispatcher, { name: 'Node work' });
  const NODES = `query($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on Skill { name } ... on WorkType { name } } }`;
  const nodes = dataOf(await admin.request(NODES, { ids: [skill.id, workType.id] })).nodes;
  expect(nodes).toEqual([
    { __typename: 'Skill', id: skill.id, name: 'Node skill' },
    { __typename: 'WorkType', id: workType.id, name: 'Node work' },
  ]);
});

test('a page of work types with their required skills costs the same number of statements for 2 and 8 work types', async () => {
  const fresh = await harness.createTenant();
  const skill = await createSkill(fresh.client, { name: 'Wiring' });
  const QUERY = `{ workTypes(first: 10) { nodes { name requiredSkills { skill { name } minLevel } } } }`;
  const statements = async (expected: number) => {
    const response = await fresh.client.request(QUERY);
    const nodes = dataOf(response).workTypes.nodes;
    expect(nodes).toHaveLength(expected);
    expect(nodes.every((n: Row) => n.requiredSkills[0].skill.name === 'Wiring')).toBe(true);
    return response.extensions?.sqlStatements;
  };
  const add = async (n: number) => {
    for (let i = 0; i < n; i++) await createWorkType(fresh.client, { requiredSkills: [{ skillId: skill.id, minLevel: 2 }] });
  };
  await add(2);
  const few = await statements(2);
  await add(6);
  expect(typeof few).toBe('number');
  expect(await statements(8)).toBe(few);
});
