import { RuleMap, isSignedInUser, isTenantAdmin, publicOperation, reachableOnlyThroughGuardedFields, wholeTypes } from '../../graphql/rules';
import { ModuleManifest } from '../module';
import { AuthResolver } from './auth.resolver';

const rules: RuleMap = {
  Mutation: {
    login: publicOperation,
    refreshSession: publicOperation,
    acceptInvitation: publicOperation,
    resetPassword: publicOperation,
    logout: isSignedInUser,
    changePassword: isSignedInUser,
    inviteUser: isTenantAdmin,
    resendInvitation: isTenantAdmin,
    sendPasswordReset: isTenantAdmin,
  },
  ...wholeTypes(reachableOnlyThroughGuardedFields, 'Session', 'LogoutPayload', 'SessionPayload', 'PasswordResetPayload', 'ChangePasswordPayload'),
};

/** Users' sign-in: login, sessions with refresh tokens, invitations, passwords. */
export const authModule: ModuleManifest = { name: 'auth', entities: [], resolvers: [AuthResolver], rules };
