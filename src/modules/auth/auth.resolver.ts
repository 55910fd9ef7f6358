import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../../tenancy/request-context';
import { InvitationPayload, InviteUserInput, ResendInvitationInput } from '../workspace';
import { ChangePasswordInput, ChangePasswordPayload, LoginInput, LogoutInput, LogoutPayload, PasswordResetInput, PasswordResetPayload, RefreshSessionInput, Session, SessionPayload, SetPasswordInput } from './auth.types';
import * as invitations from './invitations.service';
import * as sessions from './sessions.service';

@Resolver()
export class AuthResolver {
  @Mutation(() => Session, { description: 'Signs a user in to a workspace. Wrong credentials: UNAUTHENTICATED; too many failures: RATE_LIMITED with retryAfterSeconds.' })
  login(@Ctx() ctx: RequestContext, @Arg('input') input: LoginInput): Promise<Session> {
    return sessions.login(ctx, input);
  }

  @Mutation(() => Session, { description: 'Exchanges a refresh token for a new session token pair (the old refresh token stops working; reusing it ends the session).' })
  refreshSession(@Ctx() ctx: RequestContext, @Arg('input') input: RefreshSessionInput): Promise<Session> {
    return sessions.refreshSession(ctx, input);
  }

  @Mutation(() => LogoutPayload, { description: 'Ends the signed-in session (or all sessions of the user); its tokens stop working at once.' })
  logout(@Ctx() ctx: RequestContext, @Arg('input', () => LogoutInput, { defaultValue: { allSessions: false } }) input: LogoutInput): Promise<LogoutPayload> {
    return sessions.logout(ctx, input);
  }

  @Mutation(() => ChangePasswordPayload, { description: 'Changes the signed-in user’s password; their other sessions end.' })
  changePassword(@Ctx() ctx: RequestContext, @Arg('input') input: ChangePasswordInput): Promise<ChangePasswordPayload> {
    return sessions.changePassword(ctx, input);
  }

  @Mutation(() => InvitationPayload, { description: 'Invites a person (admins): creates the user (taking a seat) and a single-use, expiring invitation token.' })
  inviteUser(@Ctx() ctx: RequestContext, @Arg('input') input: InviteUserInput): Promise<InvitationPayload> {
    return invitations.inviteUser(ctx, input);
  }

  @Mutation(() => InvitationPayload, { description: 'Issues a new invitation to an invited user (admins); earlier tokens stop working.' })
  resendInvitation(@Ctx() ctx: RequestContext, @Arg('input') input: ResendInvitationInput): Promise<InvitationPayload> {
    return invitations.resendInvitation(ctx, input);
  }

  @Mutation(() => SessionPayload, { description: 'Accepts an invitation: sets the password, activates the user and signs them in.' })
  acceptInvitation(@Ctx() ctx: RequestContext, @Arg('input') input: SetPasswordInput): Promise<SessionPayload> {
    return invitations.acceptInvitation(ctx, input);
  }

  @Mutation(() => PasswordResetPayload, { description: 'Issues a single-use password reset token for an active user (admins); earlier tokens stop working.' })
  sendPasswordReset(@Ctx() ctx: RequestContext, @Arg('input') input: PasswordResetInput): Promise<PasswordResetPayload> {
    return invitations.sendPasswordReset(ctx, input);
  }

  @Mutation(() => SessionPayload, { description: 'Sets a new password with a reset token: every earlier session of the user ends; signs in.' })
  resetPassword(@Ctx() ctx: RequestContext, @Arg('input') input: SetPasswordInput): Promise<SessionPayload> {
    return invitations.resetPassword(ctx, input);
  }
}
