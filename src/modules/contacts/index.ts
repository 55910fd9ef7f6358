import { registerNodeType } from '../../graphql/node';
import { ModuleManifest } from '../module';
import './contacts.access';
import { ContactEntity } from './contacts.entity';
import { contactById } from './contacts.loaders';
import { AccountContactsResolver, ContactResolver } from './contacts.resolver';
import { contactRules } from './contacts.rules';

export { Contact, ContactChannel, ContactConnection } from './contacts.types';
export { ContactEntity } from './contacts.entity';
export { contactById } from './contacts.loaders';
export { contactSpec } from './contacts.spec';

registerNodeType({ typeName: 'Contact', load: (ctx, uuid) => contactById(ctx).load(uuid) });

export const contactsModule: ModuleManifest = {
  name: 'contacts',
  entities: [ContactEntity],
  resolvers: [ContactResolver, AccountContactsResolver],
  rules: contactRules,
};
