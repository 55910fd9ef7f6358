import { MigrationInterface } from 'typeorm';
import { AccountsContacts0001 } from './0001-accounts-contacts';

/** Tenant-schema migrations in the order they apply; a tenant's schema_version counts how many ran. Append only. */
export const tenantMigrations: MigrationInterface[] = [new AccountsContacts0001()];
