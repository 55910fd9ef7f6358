/** `Account.timeline`, `Contact.activities`, the `activities` list's filters and `myOpenTasks`. */
import { pageBackward, pageForward, createAccount, createContact, ConnectionData } from '../support/crm-operations';
import { Client, TestTenant, TestUser, dataOf, useHarness } from '../support/harness';
import { keyClient } from '../access/access-helpers';
import { uuidOfId } from '../support/security-helpers';
import { LIST_ACTIVITIES, Row, TIMELINE, createActivity, listData } from './activity-helpers';

// The SQL budget query asks for up to 20 × 5 activities: above the default cost budget.
const harness = useHarness({ maxQueryCost: 20_000, rateLimitStore: 'off' });
let workspace: TestTenant;
let client: Client;
let acme: Row;
let globex: Row;
let jane: Row;
/** Acme's activities, as the timeline must order them (newest occurredAt first, then id). */
let expected: Row[];

const at = (day: number, hour = 9) => new Date(Date.UTC(2030, 0, day, hour)).toISOString();

beforeAll(async () => {
  workspace = await harness.createTenant();
  client = workspace.client;
  acme = await createAccount(client, { name: 'Acme' });
  globex = await createAccount(client, { name: 'Globex' });
  jane = await createContact(client, { lastName: 'Jane', accountId: acme.id });
  const made = [
    await createActivity(client, { kind: 'MEETING', subject: 'Kick-off', accountId: acme.id, startsAt: at(3), endsAt: at(3, 10) }),
    // Linked through the contact only: account_id is filled from it.
    await createActivity(client, { kind: 'CALL', subject: 'Call Jane', contactId: jane.id, startsAt: at(5) }),
    await createActivity(client, { kind: 'TASK', subject: 'Send quote', accountId: acme.id, dueAt: at(7) }),
    await createActivity(client, { kind: 'TASK', subject: 'Same time A', accountId: acme.id, dueAt: at(4) }),
    await createActivity(client, { kind: 'MEETING', subject: 'Same time B', contactId: jane.id, startsAt: at(4) }),
    await createActivity(client, { kind: 'NOTE', subject: 'Noted', accountId: acme.id }),
    await createActivity(client, { kind: 'EMAIL', subject: 'Mail Jane', contactId: jane.id }),
  ];
  await createActivity(client, { kind: 'NOTE', subject: 'Globex note', accountId: globex.id });
  // Ties by the row's UUID (as the database orders them), not by the global ID's base64 text.
  expected = [...made].sort((x, y) => (x.occurredAt !== y.occurredAt ? (x.occurredAt < y.occurredAt ? 1 : -1) : uuidOfId(x.id) < uuidOfId(y.id) ? 1 : -1));
});

const timeline = async (args: Row): Promise<ConnectionData> => dataOf(await client.request(TIMELINE, { id: acme.id, ...args })).account.timeline;

describe('Account.timeline', () => {
  test('merges every kind, including activities linked through the account’s contacts, newest first', async () => {
    const page = await timeline({ first: 100 });
    expect(page.totalCount).toBe(7);
    expect(page.edges.map((e) => e.node.subject)).toEqual(expected.map((a) => a.subject));
    // The expectation is computed the same way: check independently that it is by occurredAt.
    const times = page.edges.map((e) => e.node.occurredAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(page.edges.map((e) => e.node.subject)).not.toContain('Globex note');
  });

  test('pages forward and backward over the same order', async () => {
    const forward = await pageForward(timeline, 3);
    expect(forward.nodes.map((n) => n.id)).toEqual(expected.map((a) => a.id));
    expect(forward.pages.map((p) => p.edges.length)).toEqual([3, 3, 1]);
    const backward = await pageBackward(timeline, 2);
    expect(backward.nodes.map((n) => n.id)).toEqual(expected.map((a) => a.id));
  });

  test('kinds limits the timeline and its totalCount', async () => {
    const page = await timeline({ first: 100, kinds: ['MEETING', 'CALL'] });
    const meetingsAndCalls = expected.filter((a) => a.kind === 'MEETING' || a.kind === 'CALL');
    expect(page.totalCount).toBe(meetingsAndCalls.length);
    expect(page.edges.map((e) => e.node.id)).toEqual(meetingsAndCalls.map((a) => a.id));
  });

  test('SQL statements per request do not grow with the number of accounts', async () => {
    const { client: own } = await harness.createTenant();
    for (let i = 0; i < 20; i++) {
      const account = await createAccount(own, { name: `A${String(i).padStart(2, '0')}` });
      const contact = await createContact(own, { lastName: `C${i}`, accountId: account.id });
      await createActivity(own, { kind: 'NOTE', subject: `N${i}`, accountId: account.id });
      await createActivity(own, { kind: 'CALL', subject: `C${i}`, contactId: contact.id, startsAt: at(i + 1) });
    }
    const query = `query($n: Int) { accounts(first: $n) { nodes { timeline(first: 5) { nodes { subject owner { name } contact { id } } } } } }`;
    const two = await own.request(query, { n: 2 });
    const twenty = await own.request(query, { n: 20 });
    expect(dataOf(twenty).accounts.nodes.map((a: Row) => a.timeline.nodes.length)).toEqual(Array(20).fill(2));
    expect(dataOf(two).accounts.nodes[0].timeline.nodes.some((n: Row) => n.contact)).toBe(true);
    expect(typeof two.extensions?.sqlStatements).toBe('number');
    expect(twenty.extensions?.sqlStatements).toBe(two.extensions?.sqlStatements);
  });
});

describe('Contact.activities', () => {
  test('lists the contact’s activities newest first, batched across contacts', async () => {
    const data = dataOf(await client.request(`query($id: ID!) { contact(id: $id) { activities(first: 10) { totalCount nodes { id } } } }`, { id: jane.id }));
    const janes = expected.filter((a) => a.contact?.id === jane.id);
    expect(data.contact.activities).toEqual({ totalCount: janes.length, nodes: janes.map((a) => ({ id: a.id })) });
  });
});

describe('activities(where:, orderBy:)', () => {
  const ids = async (variables: Row): Promise<string[]> => listData(await client.request(LIST_ACTIVITIES, { first: 100, ...variables })).nodes.map((n: Row) => n.id);
  const idsOf = (rows: Row[]) => rows.map((a) => a.id);

  test('by kind, account, contact and due time', async () => {
    expect(await ids({ where: { kind: { eq: 'TASK' } } })).toEqual(idsOf(expected.filter((a) => a.kind === 'TASK')));
    expect(await ids({ where: { account: { eq: acme.id } } })).toEqual(idsOf(expected));
    expect(await ids({ where: { contact: { eq: jane.id } } })).toEqual(idsOf(expected.filter((a) => a.contact?.id === jane.id)));
    expect(await ids({ where: { dueAt: { lt: at(5) } } })).toEqual(idsOf(expected.filter((a) => a.subject === 'Same time A')));
    expect(await ids({ where: { kind: { eq: 'TASK' } }, orderBy: [{ field: 'DUE_AT', direction: 'ASC' }] })).toEqual(
      idsOf(expected.filter((a) => a.kind === 'TASK').sort((x, y) => (x.dueAt < y.dueAt ? -1 : 1))),
    );
  });

  test('by completion, and myOpenTasks of a user', async () => {
    const user: TestUser = await harness.addUser(workspace.tenant, { role: 'sales_rep' });
    const rep = await keyClient(harness, workspace, 'sales_rep', user);
    // A rep links only what it sees: its own account.
    const own = await createAccount(rep, { name: 'Rep account' });
    const later = await createActivity(rep, { kind: 'TASK', subject: 'Later', accountId: own.id, dueAt: at(20) });
    const sooner = await createActivity(rep, { kind: 'TASK', subject: 'Sooner', accountId: own.id, dueAt: at(10) });
    await createActivity(rep, { kind: 'TASK', subject: 'Done', accountId: own.id, dueAt: at(9), completed: true });
    // Another user's open task is not theirs.
    await createActivity(client, { kind: 'TASK', subject: 'Not mine', accountId: own.id, dueAt: at(1) });
    expect(later.owner).toEqual({ id: user.id });
    const completed = await ids({ where: { completed: { eq: true } } });
    expect(completed).toHaveLength(1);
    const mine = dataOf(await rep.request(`{ myOpenTasks(first: 10) { nodes { id } } }`)).myOpenTasks.nodes;
    expect(mine).toEqual([{ id: sooner.id }, { id: later.id }]);
  });
});

describe('activities on opportunities', () => {
  const CREATE_OPPORTUNITY = `mutation($input: CreateOpportunityInput!) { createOpportunity(input: $input) { opportunity { id } userErrors { field code message } } }`;
  const createOpportunity = async (accountId: string): Promise<Row> => {
    const payload = dataOf(await client.request(CREATE_OPPORTUNITY, { input: { name: 'Deal', accountId } })).createOpportunity;
    if (payload.userErrors.length) throw new Error(`createOpportunity refused: ${JSON.stringify(payload.userErrors)}`);
    return payload.opportunity;
  };

  test('an activity on an opportunity joins its account’s timeline and the opportunity’s activities', async () => {
    const deal = await createOpportunity(globex.id);
    const call = await createActivity(client, { kind: 'CALL', subject: 'Deal call', opportunityId: deal.id });
    expect(call.account).toEqual({ id: globex.id });
    const data = dataOf(
      await client.request(`query($id: ID!, $account: ID!) {
        opportunity(id: $id) { activities { totalCount nodes { id opportunity { id } } } }
        account(id: $account) { timeline(first: 100) { nodes { id } } }
      }`, { id: deal.id, account: globex.id }),
    );
    expect(data.opportunity.activities).toEqual({ totalCount: 1, nodes: [{ id: call.id, opportunity: { id: deal.id } }] });
    expect(data.account.timeline.nodes).toContainEqual({ id: call.id });
  });

  test('an opportunity and a contact of different accounts are refused', async () => {
    const deal = await createOpportunity(globex.id);
    const payload = Object.values(dataOf(await client.request(`mutation($input: CreateActivityInput!) { createActivity(input: $input) { activity { id } userErrors { field code } } }`, {
      input: { kind: 'NOTE', subject: 'x', contactId: jane.id, opportunityId: deal.id },
    })))[0] as Row;
    expect(payload).toEqual({ activity: null, userErrors: [{ field: ['input', 'opportunityId'], code: 'INVALID' }] });
  });
});
