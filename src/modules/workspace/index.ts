import { registerNodeType } from '../../graphql/node';
import { tenantOf } from '../../tenancy/request-context';
import { ModuleManifest } from '../module';
import './users.access';
import { UserEntity } from './users.entity';
import { userById } from './users.loaders';
import { UserResolver } from './users.resolver';
import { userRules } from './users.rules';

export { User } from './users.types';
export { UserEntity } from './users.entity';
export { userById } from './users.loaders';
export { ensureUser, findUserByEmail } from './users.service';
export { auditUser, lockUser } from './users.admin';
export { reserveSeat, syncSeatsAfterCommit } from './seats';
export { InvitationPayload, InviteUserInput, ResendInvitationInput } from './users.types';

registerNodeType({ typeName: 'User', load: (ctx, uuid) => (tenantOf(ctx), userById(ctx).load(uuid)) });

export const workspaceModule: ModuleManifest = {
  name: 'workspace',
  entities: [UserEntity],
  resolvers: [UserResolver],
  rules: userRules,
};
