/**
 * SLA due times in business time of the entitlement's calendar (workspace hours and holidays in
 * the workspace's time zone, a territory's, or around the clock) and the milestones against them.
 */
import { Client, dataOf, useHarness } from '../support/harness';
import { Row } from '../support/crm-operations';
import { OPS, caseOp, createCase, mutateOk, servicedAccount, setTimeZone } from './case-helpers';

const harness = useHarness({ rateLimitStore: 'off' });

/** Friday 2025-11-14, 17:00 in New York (EST, UTC−5): the close of business before a weekend. */
const FRIDAY_CLOSE_NY = '2025-11-14T22:00:00.000Z';
const EIGHT_HOURS = 480;

async function workspace(timeZone: string): Promise<Client> {
  const admin = (await harness.createTenant()).client;
  await setTimeZone(admin, timeZone);
  return admin;
}

const dueTimes = (c: Row) => ({ responseDueAt: c.responseDueAt, resolutionDueAt: c.resolutionDueAt });

test('opened Friday 17:00 local with an 8-business-hour response: due Monday 17:00 local', async () => {
  const admin = await workspace('America/New_York');
  const { accountId, entitlements } = await servicedAccount(admin, [{ name: 'Standard', responseTimeMinutes: EIGHT_HOURS, resolutionTimeMinutes: 2 * EIGHT_HOURS }]);
  const opened = await createCase(admin, { accountId, subject: 'Down', channel: 'PHONE', openedAt: FRIDAY_CLOSE_NY });
  expect(opened.entitlement).toEqual({ id: entitlements[0].id, name: 'Standard' });
  expect(opened.withoutEntitlement).toBe(false);
  expect(dueTimes(opened)).toEqual({ responseDueAt: '2025-11-17T22:00:00.000Z', resolutionDueAt: '2025-11-18T22:00:00.000Z' });
  // Opened at Saturday noon: the clock starts Monday 09:00.
  const weekend = await createCase(admin, { accountId, subject: 'Weekend', channel: 'EMAIL', openedAt: '2025-11-15T17:00:00.000Z' });
  expect(weekend.responseDueAt).toBe('2025-11-17T22:00:00.000Z');
});

test('a holiday on the Monday moves the due time to Tuesday', async () => {
  const admin = await workspace('America/New_York');
  await mutateOk(admin, OPS.updateBusinessHours, { holidays: [{ date: '2025-11-17', name: 'Company day' }] });
  const { accountId } = await servicedAccount(admin, [{ name: 'Standard', responseTimeMinutes: EIGHT_HOURS, resolutionTimeMinutes: EIGHT_HOURS }]);
  const opened = await createCase(admin, { accountId, subject: 'Down', channel: 'PHONE', openedAt: FRIDAY_CLOSE_NY });
  expect(dueTimes(opened)).toEqual({ responseDueAt: '2025-11-18T22:00:00.000Z', resolutionDueAt: '2025-11-18T22:00:00.000Z' });
});

test('changed workspace hours apply to cases opened afterwards', async () => {
  const admin = await workspace('Europe/Berlin');
  // Saturday mornings too, 08:00–12:00.
  const weekdays = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY'].map((weekday) => ({ weekday, open: '09:00', close: '17:00' }));
  await mutateOk(admin, OPS.updateBusinessHours, { hours: [...weekdays, { weekday: 'SATURDAY', open: '08:00', close: '12:00' }] });
  const { accountId } = await servicedAccount(admin, [{ name: 'Standard', responseTimeMinutes: EIGHT_HOURS, resolutionTimeMinutes: EIGHT_HOURS }]);
  // Friday 17:00 in Berlin (CET, UTC+1): 4 hours on Saturday, 4 on Monday → Monday 13:00 = 12:00Z.
  const opened = await createCase(admin, { accountId, subject: 'Down', channel: 'PHONE', openedAt: '2025-11-14T16:00:00.000Z' });
  expect(opened.responseDueAt).toBe('2025-11-17T12:00:00.000Z');
});

test('17:00 local stays 17:00 local across the end of summer time', async () => {
  const admin = await workspace('Europe/Berlin');
  const { accountId } = await servicedAccount(admin, [{ name: 'Standard', responseTimeMinutes: EIGHT_HOURS, resolutionTimeMinutes: EIGHT_HOURS }]);
  // Friday 2025-10-24 17:00 CEST (UTC+2); clocks go back on Sunday; Monday 17:00 CET is 16:00Z.
  const opened = await createCase(admin, { accountId, subject: 'Down', channel: 'PHONE', openedAt: '2025-10-24T15:00:00.000Z' });
  expect(opened.responseDueAt).toBe('2025-10-27T16:00:00.000Z');
});

test('ALL_HOURS coverage counts around the clock', async () => {
  const admin = await workspace('America/New_York');
  const { accountId } = await servicedAccount(admin, [{ name: '24x7', responseTimeMinutes: EIGHT_HOURS, resolutionTimeMinutes: 3 * 1440, coverage: 'ALL_HOURS' }]);
  const opened = await createCase(admin, { accountId, subject: 'Down', channel: 'PHONE', openedAt: FRIDAY_CLOSE_NY });
  expect(dueTimes(opened)).toEqual({ responseDueAt: '2025-11-15T06:00:00.000Z', resolutionDueAt: '2025-11-17T22:00:00.000Z' });
});

test('a territory calendar in another time zone replaces the workspace’s', async () => {
  const admin = await workspace('America/New_York');
  const territory = (await mutateOk(admin, OPS.createTerritory, { name: 'Japan', timeZone: 'Asia/Tokyo' })).territory;
  const { accountId } = await servicedAccount(admin, [{ name: 'Japan desk', responseTimeMinutes: EIGHT_HOURS, resolutionTimeMinutes: EIGHT_HOURS, territoryId: territory.id }]);
  // Friday 17:00 in New York is Saturday 07:00 in Tokyo: Monday 09:00–17:00 JST = 00:00–08:00Z.
  const opened = await createCase(admin, { accountId, subject: 'Down', channel: 'PHONE', openedAt: FRIDAY_CLOSE_NY });
  expect(opened.responseDueAt).toBe('2025-11-17T08:00:00.000Z');
});

test('milestones: late ones are VIOLATED, timely ones MET, open ones PENDING; slaViolated filters on it', async () => {
  const admin = await workspace('UTC');
  const { accountId } = await servicedAccount(admin, [{ name: '24x7', responseTimeMinutes: 60, resolutionTimeMinutes: 1440, coverage: 'ALL_HOURS' }]);
  const late = await createCase(admin, { accountId, subject: 'Logged late', channel: 'EMAIL', openedAt: '2025-11-14T10:00:00.000Z' });
  expect(late.milestones.map((m: Row) => [m.kind, m.status])).toEqual([
    ['FIRST_RESPONSE', 'VIOLATED'],
    ['RESOLUTION', 'VIOLATED'],
  ]);
  const answeredLate = await caseOp(admin, OPS.respond, { id: late.id });
  expect(answeredLate.milestones[0]).toEqual({ kind: 'FIRST_RESPONSE', dueAt: '2025-11-14T11:00:00.000Z', completedAt: answeredLate.firstRespondedAt, status: 'VIOLATED' });

  const timely = await createCase(admin, { accountId, subject: 'Fresh', channel: 'CHAT' });
  expect(timely.milestones.map((m: Row) => m.status)).toEqual(['PENDING', 'PENDING']);
  const answered = await caseOp(admin, OPS.respond, { id: timely.id });
  expect(answered.milestones.map((m: Row) => m.status)).toEqual(['MET', 'PENDING']);
  const resolved = await caseOp(admin, OPS.changeStatus, { id: timely.id, status: 'RESOLVED', resolution: 'Rebooted' });
  expect(resolved.milestones).toEqual([
    expect.objectContaining({ kind: 'FIRST_RESPONSE', status: 'MET' }),
    { kind: 'RESOLUTION', dueAt: resolved.resolutionDueAt, completedAt: resolved.resolvedAt, status: 'MET' },
  ]);
  // Reopening starts the resolution milestone again.
  const reopened = await caseOp(admin, OPS.changeStatus, { id: timely.id, status: 'IN_PROGRESS' });
  expect(reopened.milestones.map((m: Row) => m.status)).toEqual(['MET', 'PENDING']);

  const violated = async (eq: boolean) =>
    dataOf(await admin.request('query($eq: Boolean) { serviceCases(first: 100, where: { slaViolated: { eq: $eq } }) { nodes { id } } }', { eq })).serviceCases.nodes.map(
      (n: Row) => n.id,
    );
  expect(await violated(true)).toEqual([late.id]);
  expect(await violated(false)).toEqual([timely.id]);
});
