import { ModuleManifest } from '../module';
import { CustomFieldDefinitionResolver } from './custom-fields.resolver';
import { customFieldRules } from './custom-fields.rules';

export { CUSTOM_FIELD_OBJECTS, CustomFieldObject, CustomFieldType } from './custom-fields.objects';
export { CUSTOM_FIELDS_INPUT_DESCRIPTION, CustomFieldFilter, customFieldsOutputDescription } from './custom-fields.types';
export { customFieldFilters } from './custom-fields.filter';
export { customFieldsForCreate, customFieldsForUpdate, visibleCustomFields } from './custom-fields.values';
export type { CustomFieldValues } from './custom-fields.values';
export { openSealedValues } from './custom-fields.sealed';

/**
 * Custom fields on records: definitions per workspace (admins), values validated on every write,
 * filters typed by the definitions, personal values masked for callers without the permission.
 */
export const customFieldsModule: ModuleManifest = { name: 'custom-fields', entities: [], resolvers: [CustomFieldDefinitionResolver], rules: customFieldRules };
