import { customFieldFilters } from '../custom-fields';
import { RecordSpec } from '../records/record-spec';
import { ContactEntity } from './contacts.entity';

/** How contacts are listed: sortable keys and filterable fields map to trusted SQL over alias `c`. */
export const contactSpec: RecordSpec<ContactEntity> = {
  entity: ContactEntity,
  typeName: 'Contact',
  label: 'Contact',
  alias: 'c',
  ownerColumn: 'owner_id',
  sortKeys: {
    LAST_NAME: { name: 'lastName', expression: 'c.last_name', nullable: false, sqlType: 'text', value: (r) => r.lastName },
    FIRST_NAME: { name: 'firstName', expression: 'c.first_name', nullable: true, sqlType: 'text', value: (r) => r.firstName },
    EMAIL: { name: 'email', expression: 'c.email', nullable: true, sqlType: 'text', value: (r) => r.email },
    CREATED_AT: { name: 'createdAt', expression: 'c.created_at', nullable: false, sqlType: 'timestamptz', value: (r) => r.createdAt },
    UPDATED_AT: { name: 'updatedAt', expression: 'c.updated_at', nullable: false, sqlType: 'timestamptz', value: (r) => r.updatedAt },
  },
  defaultOrder: [
    { field: 'LAST_NAME', direction: 'ASC' },
    { field: 'FIRST_NAME', direction: 'ASC' },
  ],
  // For roles that may not sort by names.
  impersonalOrder: [{ field: 'CREATED_AT', direction: 'ASC' }],
  filters: {
    id: { expression: 'c.id', kind: { id: 'Contact' } },
    account: { expression: 'c.account_id', kind: { id: 'Account' } },
    owner: { expression: 'c.owner_id', kind: { id: 'User' } },
    firstName: { expression: 'c.first_name', kind: 'text' },
    lastName: { expression: 'c.last_name', kind: 'text' },
    email: { expression: 'c.email', kind: 'text', caseInsensitive: true },
    jobTitle: { expression: 'c.job_title', kind: 'text' },
    preferredChannel: { expression: 'c.preferred_channel', kind: 'enum' },
    doNotContact: { expression: 'c.do_not_contact', kind: 'boolean' },
    createdAt: { expression: 'c.created_at', kind: 'datetime' },
    updatedAt: { expression: 'c.updated_at', kind: 'datetime' },
  },
  requestFilters: customFieldFilters('CONTACT', 'c'),
};
