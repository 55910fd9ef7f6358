import { MigrationInterface } from 'typeorm';
import { AccountsContacts0001 } from './0001-accounts-contacts';
import { RecordCount0002 } from './0002-record-count';
import { AdminAudit0003 } from './0003-admin-audit';
import { Configuration0004 } from './0004-configuration';
import { CustomFields0005 } from './0005-custom-fields';
import { AccessControl0006 } from './0006-access-control';
import { PersonalData0007 } from './0007-personal-data';
import { Sales0008 } from './0008-sales';
import { Service0009 } from './0009-service';
import { FieldService0010 } from './0010-field-service';
import { AnalyticsMarketing0011 } from './0011-analytics-marketing';

/** Tenant-schema migrations in the order they apply; a tenant's schema_version counts how many ran. Append only. */
export const tenantMigrations: MigrationInterface[] = [
  new AccountsContacts0001(),
  new RecordCount0002(),
  new AdminAudit0003(),
  new Configuration0004(),
  new CustomFields0005(),
  new AccessControl0006(),
  new PersonalData0007(),
  new Sales0008(),
  new Service0009(),
  new FieldService0010(),
  new AnalyticsMarketing0011(),
];
