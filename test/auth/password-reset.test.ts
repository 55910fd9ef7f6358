/** Admin-issued password resets: a single-use token for an active user; redeeming it ends every earlier session. */
import { dataOf, errorCodes, useHarness } from '../support/harness';
import { USER_ERRORS, SESSION_FIELDS, inSchema, invite, login, loginOk, signUp, strongPassword, uniqueAddress } from './auth-helpers';

const harness = useHarness();

const SEND = `mutation($input: PasswordResetInput!) { sendPasswordReset(input: $input) { user { id status } resetToken resetTokenExpiresAt ${USER_ERRORS} } }`;
const RESET = `mutation($input: SetPasswordInput!) { resetPassword(input: $input) { session { ${SESSION_FIELDS} } ${USER_ERRORS} } }`;

test('a reset token sets a new password, ends every earlier session and signs in; it works once', async () => {
  const workspace = await harness.createTenant();
  const user = await signUp(harness, workspace);
  const other = await loginOk(harness, workspace.tenant, user);
  const sent = dataOf(await workspace.client.request(SEND, { input: { userId: user.id } })).sendPasswordReset;
  expect(sent.userErrors).toEqual([]);
  expect(sent.resetToken).toMatch(/^tnt_reset_/);
  // At most a day (the test server's invitations last an hour).
  expect(new Date(sent.resetTokenExpiresAt).getTime() - Date.now()).toBeLessThanOrEqual(3600 * 1000);

  // Until it is redeemed, nothing changes.
  expect(errorCodes(await user.client.request('{ me { id } }'))).toEqual([]);
  const password = strongPassword();
  const reset = dataOf(await harness.anonymous.request(RESET, { input: { token: sent.resetToken, password } })).resetPassword;
  expect(reset.userErrors).toEqual([]);

  expect((await user.client.request('{ me { id } }')).status).toBe(401);
  expect((await harness.client(other.accessToken).request('{ me { id } }')).status).toBe(401);
  expect(dataOf(await harness.client(reset.session.accessToken).request('{ me { id } }')).me.id).toBe(user.id);
  expect(errorCodes(await login(harness, { workspace: workspace.tenant.slug, email: user.email, password: user.password }, uniqueAddress()))).toEqual(['UNAUTHENTICATED']);
  await loginOk(harness, workspace.tenant, { email: user.email, password });

  const again = dataOf(await harness.anonymous.request(RESET, { input: { token: sent.resetToken, password: strongPassword() } })).resetPassword;
  expect(again.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_STATE', field: ['input', 'token'] })]);
  const audit = dataOf(await workspace.client.request('{ adminAuditLog(action: "user.send_password_reset") { nodes { targetId } } }')).adminAuditLog.nodes;
  expect(audit).toEqual([{ targetId: user.id }]);
});

test('refusals write nothing: tokens of the other kind, replaced tokens, weak passwords, users who are not active', async () => {
  const workspace = await harness.createTenant();
  const user = await signUp(harness, workspace);
  const first = dataOf(await workspace.client.request(SEND, { input: { userId: user.id } })).sendPasswordReset.resetToken;
  const second = dataOf(await workspace.client.request(SEND, { input: { userId: user.id } })).sendPasswordReset.resetToken;
  const invited = await invite(workspace.client);
  const before = await inSchema(harness, workspace.tenant, 'SELECT id, password_hash, status FROM users ORDER BY id');

  const cases: [string, string, string, string][] = [
    ['an invitation token passed as a reset', invited.token, 'INVALID', 'token'],
    ['a reset token passed as an invitation', second.replace('tnt_reset_', 'tnt_invite_'), 'INVALID', 'token'],
    ['a replaced reset token', first, 'INVALID_STATE', 'token'],
    ['a weak password', second, 'WEAK', 'password'],
  ];
  for (const [name, token, code, field] of cases) {
    const mutation = name.endsWith('as an invitation') ? 'acceptInvitation' : 'resetPassword';
    const query = RESET.replace('resetPassword', mutation);
    const payload = dataOf(await harness.anonymous.request(query, { input: { token, password: field === 'password' ? 'short' : strongPassword() } }))[mutation];
    expect({ name, errors: payload.userErrors.map((e: { code: string; field: string[] }) => [e.code, e.field.join('.')]) }).toEqual({ name, errors: [[code, `input.${field}`]] });
  }
  expect(await inSchema(harness, workspace.tenant, 'SELECT id, password_hash, status FROM users ORDER BY id')).toEqual(before);

  const notActive = dataOf(await workspace.client.request(SEND, { input: { userId: invited.id } })).sendPasswordReset;
  expect(notActive.userErrors).toEqual([expect.objectContaining({ code: 'INVALID_STATE', message: expect.stringMatching(/resend the invitation/) })]);
  const rep = await harness.keyFor(workspace.tenant, { role: 'sales_rep' });
  expect(errorCodes(await rep.client.request(SEND, { input: { userId: user.id } }))).toEqual(['FORBIDDEN']);
});
