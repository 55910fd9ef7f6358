import { MigrationInterface } from 'typeorm';
import { ControlPlane0001 } from './0001-control-plane';

/** Control-plane migrations in the order they apply. Append only. */
export const controlMigrations: MigrationInterface[] = [new ControlPlane0001()];
