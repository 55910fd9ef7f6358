/**
 * How credentials are kept: passwords as scrypt hashes (memory-hard, salted, parameters in the
 * stored form), never in clear anywhere in the workspace; the password rules; and the signing key
 * of access tokens, which must be long enough.
 */
import { scryptSync } from 'node:crypto';
import { dataOf, testAppConfig, useHarness } from '../support/harness';
import { hashPassword, passwordProblem, verifyPassword } from '../../src/modules/auth/passwords';
import { SessionTokens } from '../../src/tenancy/session-tokens';
import { startApp } from '../../src/server';
import { CHANGE_PASSWORD, accept, inSchema, invite, loginOk, signUp, strongPassword } from './auth-helpers';

const harness = useHarness();

const SCRYPT_FORMAT = /^scrypt\$(\d+)\$(\d+)\$(\d+)\$([A-Za-z0-9_-]{22})\$([A-Za-z0-9_-]{43})$/;

const storedHash = async (tenant: Parameters<typeof inSchema>[1], userUuid: string): Promise<string> =>
  (await inSchema(harness, tenant, 'SELECT password_hash AS hash FROM users WHERE id = $1', [userUuid]))[0].hash;

describe('stored passwords', () => {
  test('are scrypt hashes (N=2^15, r=8, p=1, 16-byte salt) that verify independently and do not contain the password', async () => {
    const t = await harness.createTenant();
    const user = await signUp(harness, t);
    const hash = await storedHash(t.tenant, user.uuid);
    const [, log2N, r, p, salt, key] = SCRYPT_FORMAT.exec(hash) ?? [];
    expect([log2N, r, p]).toEqual(['15', '8', '1']);
    // Memory-hard: 128 × N × r bytes = 32 MiB per hash.
    expect(128 * 2 ** Number(log2N) * Number(r)).toBe(32 * 1024 * 1024);
    // Recomputed with node's scrypt from the stored parameters: the very same key.
    const derived = scryptSync(user.password.normalize('NFKC'), Buffer.from(salt, 'base64url'), 32, { N: 2 ** Number(log2N), r: Number(r), p: Number(p), maxmem: 64 * 1024 * 1024 });
    expect(derived.toString('base64url')).toBe(key);
    for (const form of [user.password, Buffer.from(user.password).toString('base64'), Buffer.from(user.password).toString('base64url'), Buffer.from(user.password).toString('hex')]) {
      expect(hash).not.toContain(form);
    }
  });

  test('the same password gets a different salt and hash for each user', async () => {
    const t = await harness.createTenant();
    const password = strongPassword();
    const [a, b] = await Promise.all([invite(t.client), invite(t.client)]);
    await accept(harness, a.token, password);
    await accept(harness, b.token, password);
    const [hashA, hashB] = [await storedHash(t.tenant, a.uuid), await storedHash(t.tenant, b.uuid)];
    expect(hashA).toMatch(SCRYPT_FORMAT);
    expect(hashB).toMatch(SCRYPT_FORMAT);
    expect(SCRYPT_FORMAT.exec(hashA)![4]).not.toBe(SCRYPT_FORMAT.exec(hashB)![4]);
    expect(hashA).not.toBe(hashB);
  });

  test('no password appears in clear anywhere in the workspace or the control plane (after invite, accept, login, change)', async () => {
    const t = await harness.createTenant();
    const user = await signUp(harness, t, { role: 'admin' });
    await loginOk(harness, t.tenant, user);
    const newPassword = strongPassword();
    const before = await storedHash(t.tenant, user.uuid);
    expect(dataOf(await user.client.request(CHANGE_PASSWORD, { input: { currentPassword: user.password, newPassword } })).changePassword.userErrors).toEqual([]);
    const after = await storedHash(t.tenant, user.uuid);
    expect(after).toMatch(SCRYPT_FORMAT);
    expect(after).not.toBe(before);
    expect(await verifyPassword(newPassword, after)).toBe(true);
    expect(await verifyPassword(user.password, after)).toBe(false);

    const tables = ['users', 'user_sessions', 'user_invitations', 'admin_audit'];
    const everything = await inSchema(harness, t.tenant, tables.map((table) => `SELECT row_to_json(x)::text AS row FROM ${table} x`).join(' UNION ALL '));
    const control = await harness.dataSource.query(
      `SELECT row_to_json(x)::text AS row FROM control.sign_in_failures x UNION ALL SELECT row_to_json(k)::text FROM control.api_keys k WHERE tenant_id = $1`,
      [t.tenant.id],
    );
    expect(everything.length).toBeGreaterThan(3);
    for (const secret of [user.password, newPassword]) {
      expect([...everything, ...control].filter((r: { row: string }) => r.row.includes(secret))).toEqual([]);
    }
  });
});

describe('verifyPassword', () => {
  test.each([
    ['the right password', 'violet-harbour-lamp', true],
    ['another password', 'violet-harbour-lamb', false],
    ['different case', 'VIOLET-HARBOUR-LAMP', false],
    ['a prefix', 'violet-harbour', false],
    ['the same text in compatibility form (NFKC)', 'ｖｉｏｌｅｔ-harbour-lamp', true],
  ])('%s', async (_name, candidate, expected) => {
    const hash = await hashPassword('violet-harbour-lamp');
    expect(await verifyPassword(candidate, hash)).toBe(expected);
  });

  test.each([['plain text'], ['md5$abc'], ['scrypt$15$8$1$onlysalt'], ['']])('a stored value that is not a scrypt hash never verifies: %p', async (stored) => {
    expect(await verifyPassword('plain text', stored)).toBe(false);
  });
});

describe('passwordProblem', () => {
  const person = { email: 'rosalind.keeper@example.com', name: 'Rosalind Keeper' };
  test.each([
    ['long and varied', 'violet-harbour-lamp', null],
    ['exactly 12 characters', 'k7#mPq2!xZ9w', null],
    ['11 characters', 'k7#mPq2!xZ9', /at least 12/],
    ['more than 128 characters', `${'abcdefghij'.repeat(13)}`, /at most 128/],
    ['four different characters', 'abcdabcdabcdabcd', /too few different/],
    ['contains "password"', 'my-PASSWORD-is-long', /"password"/],
    ['contains "qwerty"', 'qwertyuiop-zxcv', /"qwerty"/],
    ['contains "123456"', 'river-1234567-lamp', /"123456"/],
    ['contains "tenantry"', 'TenantryRocks-2024', /"tenantry"/],
    ['contains the first name', 'violet-rosalind-77', /name or e-mail/],
    ['contains the last name', 'KEEPER-of-the-lamp', /name or e-mail/],
    ['contains the e-mail local part', 'xx-rosalind.keeper-xx', /name or e-mail/],
  ])('%s', (_name, password, expected) => {
    const problem = passwordProblem(password, person);
    if (expected === null) expect(problem).toBeNull();
    else expect(problem).toMatch(expected);
  });

  test('name parts shorter than four characters are not held against the password', () => {
    expect(passwordProblem('violet-bo-harbour', { email: 'bo@example.com', name: 'Bo Li' })).toBeNull();
  });
});

describe('the access token signing key', () => {
  test.each([
    ['empty', ''],
    ['31 characters', 'x'.repeat(31)],
  ])('is refused when %s', async (_name, key) => {
    expect(() => new SessionTokens(key, 900)).toThrow(/at least 32 characters/);
    await expect(startApp(testAppConfig({ sessionSigningKey: key }), harness.dataSource)).rejects.toThrow(/at least 32 characters/);
  });

  test('tokens of one key are refused by another', async () => {
    const one = new SessionTokens('a'.repeat(32), 900);
    const other = new SessionTokens('b'.repeat(32), 900);
    const claims = { tenantId: '01a208df-0000-7000-8000-000000000001', userId: '01a208df-0000-7000-8000-000000000002', sessionId: '01a208df-0000-7000-8000-000000000003' };
    const { token } = await one.issue(claims);
    expect(await one.verify(token)).toEqual(claims);
    expect(await other.verify(token)).toBeNull();
  });
});
