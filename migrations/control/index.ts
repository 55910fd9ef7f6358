import { MigrationInterface } from 'typeorm';
import { ControlPlane0001 } from './0001-control-plane';
import { ResellersPlansLifecycle0002 } from './0002-resellers-plans-lifecycle';
import { ApiKeyAccess0003 } from './0003-api-key-access';
import { KeysWithRoles0004 } from './0004-keys-with-roles';
import { RateLimits0005 } from './0005-rate-limits';
import { DataKeys0006 } from './0006-data-keys';
import { TenantJobRuns0007 } from './0007-tenant-job-runs';
import { BtreeGist0008 } from './0008-btree-gist';
import { PrivacySweepPacing0009 } from './0009-privacy-sweep-pacing';

/** Control-plane migrations in the order they apply. Append only. */
export const controlMigrations: MigrationInterface[] = [
  new ControlPlane0001(),
  new ResellersPlansLifecycle0002(),
  new ApiKeyAccess0003(),
  new KeysWithRoles0004(),
  new RateLimits0005(),
  new DataKeys0006(),
  new TenantJobRuns0007(),
  new BtreeGist0008(),
  new PrivacySweepPacing0009(),
];
