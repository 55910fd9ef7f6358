/**
 * Shared by the appointment tests: service resources seeded straight into the workspace's schema
 * (so these tests depend only on the appointment API), and the appointment operations.
 */
import { randomUUID } from 'node:crypto';
import { toGlobalId } from '../../src/graphql/global-id';
import type { TenantRecord } from '../../src/platform/tenants';
import { Row, UserErrorData } from '../support/crm-operations';
import { Client, Harness, dataOf } from '../support/harness';

/** A Monday far enough ahead that "now" never gets in the way; workspace hours are Mon–Fri 09:00–17:00 UTC. */
export const MONDAY = '2030-01-07';
export const TUESDAY = '2030-01-08';
export const at = (day: string, time: string): string => `${day}T${time}:00.000Z`;

export interface TechnicianSeed {
  /** A user to link (UUID); default a new technician user. */
  userId?: string;
  homeTerritoryId?: string | null;
  territoryIds?: string[];
  capacityMinutes?: number;
  active?: boolean;
  /** Working hours per ISO weekday; none = the workspace's business hours. */
  hours?: { weekday: number; start: string; end: string }[];
  skills?: { skillId: string; level: number }[];
}

/** Writes field-service reference data the way the resources API would, in one tenant's schema. */
export function seeder(harness: Harness, tenant: TenantRecord) {
  const table = (name: string) => `"${tenant.schemaName}".${name}`;
  const sql = (text: string, params: unknown[] = []) => harness.dataSource.query(text, params);
  return {
    async territory(name: string, timeZone = 'UTC'): Promise<string> {
      const id = randomUUID();
      await sql(`INSERT INTO ${table('territories')} (id, name, time_zone) VALUES ($1, $2, $3)`, [id, name, timeZone]);
      return id;
    },
    async skill(name: string): Promise<string> {
      const id = randomUUID();
      await sql(`INSERT INTO ${table('skills')} (id, name) VALUES ($1, $2)`, [id, name]);
      return id;
    },
    async workType(name: string, durationMinutes: number, skills: { skillId: string; minLevel: number }[] = []): Promise<string> {
      const id = randomUUID();
      await sql(`INSERT INTO ${table('work_types')} (id, name, default_duration_minutes) VALUES ($1, $2, $3)`, [id, name, durationMinutes]);
      for (const s of skills) await sql(`INSERT INTO ${table('work_type_skills')} (work_type_id, skill_id, min_level) VALUES ($1, $2, $3)`, [id, s.skillId, s.minLevel]);
      return id;
    },
    /** A technician; returns its UUID, Technician global ID and user UUID. */
    async technician(seed: TechnicianSeed = {}): Promise<{ uuid: string; id: string; userId: string }> {
      const userId = seed.userId ?? (await harness.addUser(tenant, { role: 'technician' })).uuid;
      const uuid = randomUUID();
      await sql(`INSERT INTO ${table('technicians')} (id, user_id, home_territory_id, daily_capacity_minutes, active) VALUES ($1, $2, $3, $4, $5)`, [
        uuid,
        userId,
        seed.homeTerritoryId ?? null,
        seed.capacityMinutes ?? 480,
        seed.active ?? true,
      ]);
      for (const t of seed.territoryIds ?? []) await sql(`INSERT INTO ${table('technician_territories')} (technician_id, territory_id) VALUES ($1, $2)`, [uuid, t]);
      for (const h of seed.hours ?? []) {
        await sql(`INSERT INTO ${table('technician_working_hours')} (technician_id, weekday, starts_at, ends_at) VALUES ($1, $2, $3, $4)`, [uuid, h.weekday, h.start, h.end]);
      }
      for (const s of seed.skills ?? []) await sql(`INSERT INTO ${table('technician_skills')} (technician_id, skill_id, level) VALUES ($1, $2, $3)`, [uuid, s.skillId, s.level]);
      return { uuid, id: toGlobalId('Technician', uuid), userId };
    },
    async timeOff(technicianUuid: string, from: string, to: string): Promise<void> {
      await sql(`INSERT INTO ${table('technician_time_off')} (id, technician_id, during) VALUES ($1, $2, tstzrange($3, $4))`, [randomUUID(), technicianUuid, from, to]);
    },
    async count(what: 'appointments' | 'appointment_history', where = 'true', params: unknown[] = []): Promise<number> {
      return Number((await sql(`SELECT count(*) AS n FROM ${table(what)} WHERE ${where}`, params))[0].n);
    },
  };
}

export const APPOINTMENT_FIELDS = `id status scheduledStart scheduledEnd arrivalWindowStart arrivalWindowEnd checkedInAt checkedOutAt cancelReason version
  workOrder { id status } technician { id }
  history { event scheduledStart scheduledEnd previousScheduledStart previousScheduledEnd reason actorKind technician { id } previousTechnician { id } }`;

const USER_ERRORS = 'userErrors { field message code }';
const operation = (name: string, inputType: string) => `mutation($input: ${inputType}!) { ${name}(input: $input) { appointment { ${APPOINTMENT_FIELDS} } ${USER_ERRORS} } }`;

export const APPOINTMENT_OPS = {
  schedule: operation('scheduleAppointment', 'ScheduleAppointmentInput'),
  reschedule: operation('rescheduleAppointment', 'RescheduleAppointmentInput'),
  cancel: operation('cancelAppointment', 'CancelAppointmentInput'),
  checkIn: operation('checkIn', 'CheckInInput'),
  checkOut: operation('checkOut', 'CheckOutInput'),
};

export type AppointmentPayload = { appointment: Row | null; userErrors: UserErrorData[] };

export async function appointmentMutation(client: Client, op: string, input: Record<string, unknown>): Promise<AppointmentPayload> {
  return Object.values(dataOf(await client.request(op, { input })))[0] as AppointmentPayload;
}

/** A mutation that must succeed; returns the appointment. */
export async function appointmentOk(client: Client, op: string, input: Record<string, unknown>): Promise<Row> {
  const payload = await appointmentMutation(client, op, input);
  if (payload.userErrors.length) throw new Error(`Unexpected userErrors: ${JSON.stringify(payload.userErrors)}`);
  return payload.appointment!;
}

/** A mutation that must be refused (no appointment returned); returns the codes. */
export async function appointmentRefused(client: Client, op: string, input: Record<string, unknown>): Promise<string[]> {
  const payload = await appointmentMutation(client, op, input);
  expect(payload.appointment).toBeNull();
  return payload.userErrors.map((e) => e.code);
}
