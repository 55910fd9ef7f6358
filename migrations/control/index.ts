import { MigrationInterface } from 'typeorm';
import { ControlPlane0001 } from './0001-control-plane';
import { ResellersPlansLifecycle0002 } from './0002-resellers-plans-lifecycle';

/** Control-plane migrations in the order they apply. Append only. */
export const controlMigrations: MigrationInterface[] = [new ControlPlane0001(), new ResellersPlansLifecycle0002()];
