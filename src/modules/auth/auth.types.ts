/** Signing in, sessions and invitations as the GraphQL API shows them. */
import { IsNotEmpty, MaxLength } from 'class-validator';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateTimeScalar, EmailScalar } from '../../graphql/scalars';
import { UserError } from '../../graphql/user-errors';
import { User } from '../workspace';

@ObjectType({ description: 'A signed-in session: a short-lived access token (send it as "Authorization: Bearer …") and a refresh token for the next one.' })
export class Session {
  @Field({ description: 'JWT for the Authorization header; expires soon (see accessTokenExpiresAt).' }) accessToken!: string;
  @Field(() => DateTimeScalar, { description: 'When the access token stops working; refresh before.' }) accessTokenExpiresAt!: Date;
  @Field({ description: 'Exchange it with refreshSession for a new pair; single use. Keep it secret.' }) refreshToken!: string;
  @Field(() => DateTimeScalar, { description: 'When the session ends unless refreshed (each refresh renews it).' }) refreshTokenExpiresAt!: Date;
  @Field(() => ID, { description: 'The signed-in user (User ID); read it with `me`.' }) userId!: string;
}

@InputType({ description: 'Credentials of a user of a workspace.' })
export class LoginInput {
  @Field({ description: 'The workspace (its slug).' }) @IsNotEmpty() @MaxLength(40) workspace!: string;
  @Field(() => EmailScalar) email!: string;
  @Field() @IsNotEmpty() @MaxLength(1024) password!: string;
}

@InputType({ description: 'The refresh token of a session.' })
export class RefreshSessionInput {
  @Field() @IsNotEmpty() @MaxLength(300) refreshToken!: string;
}

@InputType({ description: 'Which sessions to end.' })
export class LogoutInput {
  @Field({ defaultValue: false, description: 'End every session of the user, not just this one.' }) allSessions!: boolean;
}

@ObjectType({ description: 'Result of logout.' })
export class LogoutPayload {
  @Field(() => Int, { description: 'Sessions ended.' }) endedSessions!: number;
}

@InputType({ description: 'A password token (invitation or password reset) and the password it sets; signs in.' })
export class SetPasswordInput {
  @Field({ description: 'The invitation or password reset token.' }) @IsNotEmpty() @MaxLength(300) token!: string;
  @Field({ description: 'At least 12 characters; not your name or e-mail, not a common password.' }) @IsNotEmpty() @MaxLength(1024) password!: string;
}

@ObjectType({ description: 'Result of acceptInvitation / resetPassword.' })
export class SessionPayload {
  @Field(() => Session, { nullable: true, description: 'The new session, when the password was set.' }) session?: Session | null;
  @Field(() => [UserError], { description: 'Why the token was refused; nothing was written.' }) userErrors!: UserError[];
}

@InputType({ description: 'The active user who gets a password reset token.' })
export class PasswordResetInput {
  @Field(() => ID) userId!: string;
}

@ObjectType({ description: 'Result of sendPasswordReset.' })
export class PasswordResetPayload {
  @Field(() => User, { nullable: true, description: 'The user.' }) user?: object | null;
  @Field(() => String, { nullable: true, description: 'Single-use token the user passes to resetPassword. Shown only here, once: deliver it to the person.' })
  resetToken?: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: 'When the token expires.' }) resetTokenExpiresAt?: Date | null;
  @Field(() => [UserError], { description: 'Why nothing was written; empty on success.' }) userErrors!: UserError[];
}

@InputType({ description: 'A new password for the signed-in user.' })
export class ChangePasswordInput {
  @Field() @IsNotEmpty() @MaxLength(1024) currentPassword!: string;
  @Field() @IsNotEmpty() @MaxLength(1024) newPassword!: string;
}

@ObjectType({ description: 'Result of changePassword.' })
export class ChangePasswordPayload {
  @Field(() => Int, { nullable: true, description: 'Other sessions ended by the change.' }) endedSessions?: number | null;
  @Field(() => [UserError], { description: 'Why the password was not changed.' }) userErrors!: UserError[];
}
