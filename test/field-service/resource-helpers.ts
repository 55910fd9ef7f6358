/** Operations and helpers for skills, work types and technicians (shared with the appointment and work order tests). */
import { Row, UserErrorData, mutate } from '../support/crm-operations';
import { Client } from '../support/harness';

const USER_ERRORS = 'userErrors { field message code }';

export const SKILL_FIELDS = 'id name description version createdAt updatedAt';
export const WORK_TYPE_FIELDS = `id name description defaultDurationMinutes active version createdAt updatedAt requiredSkills { skill { id name } minLevel }`;
export const TECHNICIAN_FIELDS = `id user { id name } homeTerritory { id name } territories { id name } skills { skill { id name } level }
  workingHours { weekday startsAt endsAt } dailyCapacityMinutes active version createdAt updatedAt`;
export const TIME_OFF_FIELDS = 'id startsAt endsAt reason';

const operation = (name: string, inputType: string, result: string) => `mutation($input: ${inputType}!) { ${name}(input: $input) { ${result} ${USER_ERRORS} } }`;

export const RESOURCE_OPS = {
  createSkill: operation('createSkill', 'CreateSkillInput', `skill { ${SKILL_FIELDS} }`),
  updateSkill: operation('updateSkill', 'UpdateSkillInput', `skill { ${SKILL_FIELDS} }`),
  deleteSkill: operation('deleteSkill', 'DeleteSkillInput', 'deletedSkillId'),
  createWorkType: operation('createWorkType', 'CreateWorkTypeInput', `workType { ${WORK_TYPE_FIELDS} }`),
  updateWorkType: operation('updateWorkType', 'UpdateWorkTypeInput', `workType { ${WORK_TYPE_FIELDS} }`),
  createTechnician: operation('createTechnician', 'CreateTechnicianInput', `technician { ${TECHNICIAN_FIELDS} }`),
  updateTechnician: operation('updateTechnician', 'UpdateTechnicianInput', `technician { ${TECHNICIAN_FIELDS} }`),
  addTimeOff: operation('addTechnicianTimeOff', 'AddTechnicianTimeOffInput', `timeOff { ${TIME_OFF_FIELDS} } technician { id version }`),
  removeTimeOff: operation('removeTechnicianTimeOff', 'RemoveTechnicianTimeOffInput', 'technician { id version }'),
};

export const GET_TECHNICIAN = `query($id: ID!, $from: DateTime, $to: DateTime) {
  technician(id: $id) { ${TECHNICIAN_FIELDS} timeOff(from: $from, to: $to) { ${TIME_OFF_FIELDS} } } }`;
export const LIST_TECHNICIANS = `query($first: Int, $after: String, $where: TechnicianFilter) {
  technicians(first: $first, after: $after, where: $where) { totalCount nodes { id active } pageInfo { hasNextPage endCursor } } }`;

export type Payload = Row & { userErrors: UserErrorData[] };

/** Runs a mutation that must succeed and returns the named object of its payload. */
async function ok(client: Client, op: string, input: Record<string, unknown>, key: string): Promise<Row> {
  const payload = await mutate(client, op, input);
  if (payload.userErrors.length) throw new Error(`Unexpected userErrors: ${JSON.stringify(payload.userErrors)}`);
  return payload[key];
}

/** The codes and fields (dot-joined) of a refused mutation, whose `key` result must be null. */
export async function refused(client: Client, op: string, input: Record<string, unknown>, key: string): Promise<{ code: string; field: string }[]> {
  const payload = await mutate(client, op, input);
  expect(payload[key]).toBeNull();
  return payload.userErrors.map((e) => ({ code: e.code, field: (e.field ?? []).join('.') }));
}

let counter = 0;
const unique = (prefix: string) => `${prefix} ${Date.now().toString(36)}-${++counter}`;

/** A skill (name unique unless given). */
export const createSkill = (client: Client, input: { name?: string; description?: string | null } = {}): Promise<Row> =>
  ok(client, RESOURCE_OPS.createSkill, { name: unique('Skill'), ...input }, 'skill');

/** A work type (60 minutes by default); `requiredSkills` as [{ skillId, minLevel }]. */
export const createWorkType = (
  client: Client,
  input: { name?: string; description?: string | null; defaultDurationMinutes?: number; requiredSkills?: { skillId: string; minLevel?: number }[] } = {},
): Promise<Row> => ok(client, RESOURCE_OPS.createWorkType, { name: unique('Work type'), defaultDurationMinutes: 60, ...input }, 'workType');

export interface TechnicianOptions {
  /** The User's global ID (required: one technician per user). */
  userId: string;
  homeTerritoryId?: string | null;
  territoryIds?: string[];
  /** [{ skillId, level }] */
  skills?: { skillId: string; level: number }[];
  /** [{ weekday: 'MONDAY', startsAt: '08:00', endsAt: '16:00' }]; empty = workspace business hours. */
  workingHours?: { weekday: string; startsAt: string; endsAt: string }[];
  dailyCapacityMinutes?: number;
  idempotencyKey?: string;
}

/** A technician for a user. */
export const createTechnician = (client: Client, options: TechnicianOptions): Promise<Row> => ok(client, RESOURCE_OPS.createTechnician, { ...options }, 'technician');

/** Monday to Friday with the same hours (e.g. "08:00"–"16:00"), as `workingHours` takes it. */
export const weekdays = (startsAt: string, endsAt: string) => ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'].map((weekday) => ({ weekday, startsAt, endsAt }));

/** Time off for a technician (ISO instants); returns the TimeOff. */
export const addTimeOff = (client: Client, technicianId: string, startsAt: string, endsAt: string, reason: string | null = 'Holiday'): Promise<Row> =>
  ok(client, RESOURCE_OPS.addTimeOff, { technicianId, startsAt, endsAt, reason }, 'timeOff');
