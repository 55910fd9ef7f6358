import { accountsModule } from './accounts';
import { activitiesModule } from './activities';
import { analyticsModule } from './analytics';
import { adminAuditModule } from './admin-audit';
import { authModule } from './auth';
import { configurationModule } from './configuration';
import { contactsModule } from './contacts';
import { contractsModule } from './contracts';
import { controlPlaneModule } from './control-plane';
import { coreModule } from './core';
import { customFieldsModule } from './custom-fields';
import { fieldServiceModule } from './field-service';
import { forecastsModule } from './forecasts';
import { leadsModule } from './leads';
import { marketingModule } from './marketing';
import { ModuleManifest } from './module';
import { opportunitiesModule } from './opportunities';
import { privacyModule } from './privacy';
import { productsModule } from './products';
import { rolesModule } from './roles';
import { serviceModule } from './service';
import { workspaceModule } from './workspace';

/** Every module of the application: schema build, shield assembly and the DataSource read this list. */
export const modules: ModuleManifest[] = [coreModule, controlPlaneModule, workspaceModule, authModule, rolesModule, adminAuditModule, configurationModule, accountsModule, contactsModule, opportunitiesModule, productsModule, leadsModule, activitiesModule, customFieldsModule, privacyModule, forecastsModule, contractsModule, serviceModule, fieldServiceModule, analyticsModule, marketingModule];

export const allEntities = () => modules.flatMap((m) => m.entities);
