/**
 * Sign-in throttling: failures are counted per account (workspace + e-mail) and per client address
 * within 15 minutes; 5 per account or 50 per address block further attempts (even with the right
 * password) with RATE_LIMITED and retryAfterSeconds; a successful sign-in clears its account's count.
 * Every test names its own client addresses (X-Forwarded-For) and accounts.
 */
import { randomBytes } from 'node:crypto';
import { GraphQLResponse, TestTenant, dataOf, errorCodes, useHarness } from '../support/harness';
import { accountKey, addressKey } from '../../src/modules/auth/sign-in-throttle';
import { SignedInUser, authState, inSchema, login, signUp, uniqueAddress } from './auth-helpers';

const harness = useHarness();

const WINDOW = 15 * 60;

function expectRateLimited(response: GraphQLResponse): number {
  expect(errorCodes(response)).toEqual(['RATE_LIMITED']);
  expect(response.data ?? null).toBeNull();
  const retryAfter = response.errors![0].extensions!.retryAfterSeconds;
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThan(WINDOW - 60);
  expect(retryAfter).toBeLessThanOrEqual(WINDOW);
  expect(response.errors![0].message).toContain(`${retryAfter} seconds`);
  return retryAfter;
}

const failureRow = async (key: string) =>
  (await harness.dataSource.query('SELECT failures, coalesce(blocked_until > now(), false) AS blocked FROM control.sign_in_failures WHERE key = $1', [key]))[0] ?? null;

describe('per account', () => {
  let t: TestTenant;
  let user: SignedInUser;
  beforeEach(async () => {
    t = await harness.createTenant();
    user = await signUp(harness, t);
  });
  const wrong = () => ({ workspace: t.tenant.slug, email: user.email, password: `wrong-${randomBytes(4).toString('hex')}-guess` });
  const right = () => ({ workspace: t.tenant.slug, email: user.email, password: user.password });

  test('five failures (from any addresses) block the account, even for the right password; other accounts are not affected', async () => {
    const addresses = Array.from({ length: 5 }, uniqueAddress);
    for (const address of addresses) expect(errorCodes(await login(harness, wrong(), address))).toEqual(['UNAUTHENTICATED']);
    expect(await failureRow(accountKey(t.tenant.slug, user.email))).toEqual({ failures: 5, blocked: true });
    // Each address saw one failure only: far from its own limit.
    expect(await failureRow(addressKey(addresses[0]))).toEqual({ failures: 1, blocked: false });

    const before = await authState(harness, t.tenant);
    expectRateLimited(await login(harness, right(), uniqueAddress()));
    expectRateLimited(await login(harness, wrong(), uniqueAddress()));
    // Refused before any password check: no session, and blocked attempts do not count further.
    expect(await authState(harness, t.tenant)).toEqual(before);
    expect(await failureRow(accountKey(t.tenant.slug, user.email))).toEqual({ failures: 5, blocked: true });

    // Another user of the workspace, from an address that failed for the blocked account, signs in.
    const colleague = await signUp(harness, t);
    expect(dataOf(await login(harness, { workspace: t.tenant.slug, email: colleague.email, password: colleague.password }, addresses[0])).login.userId).toBe(colleague.id);
  });

  test('four failures do not block', async () => {
    for (let i = 0; i < 4; i++) expect(errorCodes(await login(harness, wrong(), uniqueAddress()))).toEqual(['UNAUTHENTICATED']);
    expect(dataOf(await login(harness, right(), uniqueAddress())).login.userId).toBe(user.id);
  });

  test('a successful sign-in clears the account count (the address count stays)', async () => {
    const address = uniqueAddress();
    for (let i = 0; i < 4; i++) expect(errorCodes(await login(harness, wrong(), address))).toEqual(['UNAUTHENTICATED']);
    expect(dataOf(await login(harness, right(), address)).login.userId).toBe(user.id);
    expect(await failureRow(accountKey(t.tenant.slug, user.email))).toBeNull();
    expect(await failureRow(addressKey(address))).toEqual({ failures: 4, blocked: false });
    // Four more failures: still under the limit because the count started again.
    for (let i = 0; i < 4; i++) expect(errorCodes(await login(harness, wrong(), address))).toEqual(['UNAUTHENTICATED']);
    expect(dataOf(await login(harness, right(), address)).login.userId).toBe(user.id);
  });

  test('after the window the block ends and the count starts again', async () => {
    for (let i = 0; i < 5; i++) await login(harness, wrong(), uniqueAddress());
    expectRateLimited(await login(harness, right(), uniqueAddress()));
    await harness.dataSource.query(
      `UPDATE control.sign_in_failures SET first_at = now() - interval '16 minutes', blocked_until = now() - interval '1 minute' WHERE key = $1`,
      [accountKey(t.tenant.slug, user.email)],
    );
    expect(errorCodes(await login(harness, wrong(), uniqueAddress()))).toEqual(['UNAUTHENTICATED']);
    expect(await failureRow(accountKey(t.tenant.slug, user.email))).toEqual({ failures: 1, blocked: false });
    expect(dataOf(await login(harness, right(), uniqueAddress())).login.userId).toBe(user.id);
  });

  test('parallel guesses cannot outrun the limit: at most five are checked, the rest are RATE_LIMITED', async () => {
    const responses = await Promise.all(Array.from({ length: 12 }, () => login(harness, wrong(), uniqueAddress())));
    const codes = responses.map((r) => errorCodes(r)[0]).sort();
    expect(codes).toEqual([...Array(7).fill('RATE_LIMITED'), ...Array(5).fill('UNAUTHENTICATED')]);
    for (const response of responses.filter((r) => errorCodes(r)[0] === 'RATE_LIMITED')) expectRateLimited(response);
    expectRateLimited(await login(harness, right(), uniqueAddress()));
  });

  test('a guess racing with the right password: the account is still counted, the right password signs in', async () => {
    const responses = await Promise.all([login(harness, right(), uniqueAddress()), ...Array.from({ length: 3 }, () => login(harness, wrong(), uniqueAddress()))]);
    expect(dataOf(responses[0]).login.userId).toBe(user.id);
    for (const response of responses.slice(1)) expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
  });

  // Spellings of the same account must share one count, or an attacker gets 5 guesses per spelling.
  const spellings: [string, (w: { workspace: string; email: string; password: string }) => { workspace: string; email: string; password: string }][] = [
    ['e-mail in capitals', (w) => ({ ...w, email: w.email.toUpperCase() })],
    ['workspace in capitals', (w) => ({ ...w, workspace: w.workspace.toUpperCase() })],
    ['workspace with surrounding spaces', (w) => ({ ...w, workspace: `  ${w.workspace} ` })],
  ];
  test.each(spellings)('another spelling of the account shares its count: %s', async (_name, respell) => {
    // The spelling signs in to the same account…
    expect(dataOf(await login(harness, respell(right()), uniqueAddress())).login.userId).toBe(user.id);
    // …so its failures count against it.
    for (let i = 0; i < 4; i++) expect(errorCodes(await login(harness, wrong(), uniqueAddress()))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await login(harness, respell(wrong()), uniqueAddress()))).toEqual(['UNAUTHENTICATED']);
    expectRateLimited(await login(harness, right(), uniqueAddress()));
    expectRateLimited(await login(harness, respell(right()), uniqueAddress()));
  });
});

describe('per client address', () => {
  test('fifty failures from one address block it for every account; other addresses sign in', async () => {
    const t = await harness.createTenant();
    const user = await signUp(harness, t);
    const address = uniqueAddress();
    // Fifty different (unknown) accounts: no account reaches its own limit.
    const attempts = Array.from({ length: 50 }, (_, i) => ({ workspace: t.tenant.slug, email: `spray-${i}-${randomBytes(3).toString('hex')}@auth.example`, password: 'sprayed-guess-2024' }));
    for (let i = 0; i < attempts.length; i += 10) {
      const responses = await Promise.all(attempts.slice(i, i + 10).map((a) => login(harness, a, address)));
      for (const response of responses) expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
    }
    expect(await failureRow(addressKey(address))).toEqual({ failures: 50, blocked: true });
    expect(await failureRow(accountKey(t.tenant.slug, attempts[0].email))).toEqual({ failures: 1, blocked: false });

    const before = await authState(harness, t.tenant);
    expectRateLimited(await login(harness, { workspace: t.tenant.slug, email: user.email, password: user.password }, address));
    expect(await authState(harness, t.tenant)).toEqual(before);
    // The user's account itself is fine: from another address the same credentials work.
    expect(dataOf(await login(harness, { workspace: t.tenant.slug, email: user.email, password: user.password }, uniqueAddress())).login.userId).toBe(user.id);
    // A successful sign-in elsewhere does not lift the address block.
    expectRateLimited(await login(harness, { workspace: t.tenant.slug, email: user.email, password: user.password }, address));
  });

  test('forty-nine failures from one address do not block it', async () => {
    const t = await harness.createTenant();
    const user = await signUp(harness, t);
    const address = uniqueAddress();
    await harness.dataSource.query(`INSERT INTO control.sign_in_failures (key, failures, first_at) VALUES ($1, 48, now())`, [addressKey(address)]);
    expect(errorCodes(await login(harness, { workspace: t.tenant.slug, email: `x-${randomBytes(3).toString('hex')}@auth.example`, password: 'some-guess-here' }, address))).toEqual(['UNAUTHENTICATED']);
    expect(await failureRow(addressKey(address))).toEqual({ failures: 49, blocked: false });
    expect(dataOf(await login(harness, { workspace: t.tenant.slug, email: user.email, password: user.password }, address)).login.userId).toBe(user.id);
  });

  test('sessions record the client address the throttle counts', async () => {
    const t = await harness.createTenant();
    const user = await signUp(harness, t);
    const address = uniqueAddress();
    dataOf(await login(harness, { workspace: t.tenant.slug, email: user.email, password: user.password }, address));
    const rows = await inSchema(harness, t.tenant, 'SELECT client_address FROM user_sessions WHERE user_id = $1 AND client_address = $2', [user.uuid, address]);
    expect(rows).toHaveLength(1);
  });
});
