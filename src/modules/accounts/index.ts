import { registerNodeType } from '../../graphql/node';
import { ModuleManifest } from '../module';
import './accounts.access';
import { AccountEntity } from './accounts.entity';
import { accountById } from './accounts.loaders';
import { AccountResolver } from './accounts.resolver';
import { accountRules } from './accounts.rules';

export { AbcClass, Account, AccountConnection, LifecycleStage } from './accounts.types';
export { AccountEntity } from './accounts.entity';
export { accountById } from './accounts.loaders';
export { accountSpec } from './accounts.spec';

registerNodeType({ typeName: 'Account', load: (ctx, uuid) => accountById(ctx).load(uuid) });

export const accountsModule: ModuleManifest = {
  name: 'accounts',
  entities: [AccountEntity],
  resolvers: [AccountResolver],
  rules: accountRules,
};
