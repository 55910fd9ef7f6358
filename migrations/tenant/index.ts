import { MigrationInterface } from 'typeorm';
import { AccountsContacts0001 } from './0001-accounts-contacts';
import { RecordCount0002 } from './0002-record-count';

/** Tenant-schema migrations in the order they apply; a tenant's schema_version counts how many ran. Append only. */
export const tenantMigrations: MigrationInterface[] = [new AccountsContacts0001(), new RecordCount0002()];
