import { accountsModule } from './accounts';
import { contactsModule } from './contacts';
import { controlPlaneModule } from './control-plane';
import { coreModule } from './core';
import { ModuleManifest } from './module';
import { workspaceModule } from './workspace';

/** Every module of the application: schema build, shield assembly and the DataSource read this list. */
export const modules: ModuleManifest[] = [coreModule, controlPlaneModule, workspaceModule, accountsModule, contactsModule];

export const allEntities = () => modules.flatMap((m) => m.entities);
